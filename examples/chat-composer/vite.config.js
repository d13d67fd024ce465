import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const src = (path) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));
const sources = {
  peerspeak: src('index.ts'),
  'peerspeak/rules/sv': src('packs/sv.ts'),
  'peerspeak/rules/da': src('packs/da.ts'),
};

/**
 * `peerspeak` and `peerspeak/rules/*` → the library's source. Once the browser build ships,
 * remove this plugin and `npm install peerspeak` instead: the imports in main.js stay the same.
 *
 * These modules register languages when they are evaluated, but the package says
 * `"sideEffects": false`, so the bundler would drop them (the page would only know `auto`);
 * `moduleSideEffects: true` keeps them.
 */
const peerspeakFromSource = {
  name: 'peerspeak-from-source',
  enforce: 'pre',
  resolveId(id) {
    return id in sources ? { id: sources[id], moduleSideEffects: true } : null;
  },
};

export default defineConfig({
  root: here,
  // Relative asset URLs: the built page can be served from any directory.
  base: './',
  plugins: [peerspeakFromSource],
  server: { host: '127.0.0.1', fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] } },
  // The English pack and tagger (compromise) are most of the main bundle; sv and da load on demand.
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});

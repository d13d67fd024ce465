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
 * `peerspeak` and `peerspeak/rules/*` → the library's source, so the example runs from a clone
 * without building `dist/` first. In your own app, `npm install peerspeak` and drop this
 * plugin: the imports in main.js stay the same and resolve to the package's ESM build, which
 * runs in the browser as it is.
 *
 * These modules register languages when they are evaluated. The package's `"sideEffects"`
 * list names its `dist/` files (the entry points that register languages), not these source
 * files, so without `moduleSideEffects: true` the bundler would drop a bare
 * `import 'peerspeak/rules/sv'` here and the page would not know Swedish.
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

import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The subpath entries (`peerspeak/markdown`, `peerspeak/config`, the CLI) import the core
 * through the package's own name instead of bundling a second copy: one engine instance (and
 * one language registry) per process, and no duplicated rule packs in `dist/`.
 */
const selfReferences: Plugin = {
  name: 'peerspeak-self-references',
  setup(build) {
    const targets = new Map([
      [resolve('src/index.ts'), 'peerspeak'],
      [resolve('src/core.ts'), 'peerspeak/core'],
      [resolve('src/all.ts'), 'peerspeak/all'],
      [resolve('src/packs/sv.ts'), 'peerspeak/rules/sv'],
      [resolve('src/packs/da.ts'), 'peerspeak/rules/da'],
      [resolve('src/markdown/index.ts'), 'peerspeak/markdown'],
      [resolve('src/config/index.ts'), 'peerspeak/config'],
      [resolve('src/lsp/server.ts'), 'peerspeak/lsp'],
    ]);
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const target = targets.get(resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts'));
      return target ? { path: target, external: true } : undefined;
    });
  },
};

/**
 * The built-in packs in the bundles keep one flag and one pass example per rule (the schema's
 * minimum): the examples are the rules' tests and documentation, which read the full packs in
 * rules/<lang>/pack.json (shipped too) and docs/rules, and they are about a tenth of a
 * Swedish- or Danish-only app's download (issue 17: sv alone ≤ 60 kB gzip).
 */
const oneExampleEach: Plugin = {
  name: 'peerspeak-one-example-each',
  setup(build) {
    build.onLoad({ filter: /[\\/]rules[\\/][a-z]{2,3}[\\/]pack\.json$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const pack = JSON.parse(await readFile(args.path, 'utf8')) as { rules: Array<{ examples: { flag: unknown[]; pass: unknown[] } }> };
      for (const rule of pack.rules) rule.examples = { flag: rule.examples.flag.slice(0, 1), pass: rule.examples.pass.slice(0, 1) };
      return { contents: JSON.stringify(pack), loader: 'json' };
    });
  },
};

/**
 * The Markdown parser packages (ESM only; 63 packages with their dependencies, most of a
 * `check()` user's install before): bundled into `peerspeak/markdown`, ESM and CJS alike, so
 * they are build-time dependencies and `npm install peerspeak` brings 9 packages, not 72.
 * Their licences: THIRD_PARTY_NOTICES.md (`node scripts/notices.mjs` lists what the bundle holds).
 */
const markdownDeps = ['mdast-util-from-markdown', 'mdast-util-gfm', 'mdast-util-frontmatter', 'micromark-extension-gfm', 'micromark-extension-frontmatter'];

const common = { sourcemap: true, clean: false, target: 'es2022' } as const;

/**
 * The library never reads the environment or writes output (SECURITY.md). Bundled
 * compromise reads `DEBUG_TAGS` / `DEBUG_MATCH` from `process.env` and then logs every word it
 * tags to standard output (the user's text, and invalid JSON from the CLI); bundled parser
 * helpers have a `printf`. In the bundles of the library: `process.env` becomes an empty
 * object and every `console.*` call is dropped (its arguments are not evaluated).
 * `test/no-network.test.ts` scans those bundles for both.
 */
const quiet = {
  define: { 'process.env': '{}' },
  esbuildOptions(options: { drop?: Array<'console' | 'debugger'> }) {
    options.drop = [...(options.drop ?? []), 'console'];
  },
} as const;

export default defineConfig([
  {
    // The core (`peerspeak/core`): engine, pack format, detector; no language, no tagger.
    // zod/mini (26 kB) is bundled: one file to load instead of dozens of modules on a cold
    // start, and its jitless setting stays peerspeak's own instead of changing the app's zod.
    ...common,
    entry: { core: 'src/core.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'neutral',
    noExternal: ['zod'],
    ...quiet,
  },
  {
    // `peerspeak`: the core (imported by name, one engine instance) plus English. compromise is
    // bundled so that its (costly) initialisation runs on first use, not on import: see
    // `compromise()` in src/lang/en/compromise.ts.
    ...common,
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'neutral',
    external: ['peerspeak/core'],
    noExternal: ['compromise'],
    ...quiet,
    esbuildPlugins: [selfReferences, oneExampleEach],
    banner: { js: '/*! peerspeak bundles compromise (MIT, (c) 2019 Spencer Kelly): see THIRD_PARTY_NOTICES.md */' },
  },
  {
    // Language packs on demand (`peerspeak/rules/sv`, …) and `peerspeak/all`: each registers its
    // pack with the one core instance, imported by name.
    ...common,
    entry: { 'rules/sv': 'src/packs/sv.ts', 'rules/da': 'src/packs/da.ts', 'rules/en': 'src/packs/en.ts', all: 'src/all.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'neutral',
    external: ['peerspeak', 'peerspeak/core'],
    esbuildPlugins: [selfReferences, oneExampleEach],
  },
  {
    // Subpaths. `peerspeak/markdown` has no Node imports of its own (browser-safe); building it
    // for the node platform only affects how bundled dependencies are resolved.
    ...common,
    entry: { markdown: 'src/markdown/index.ts', config: 'src/config/index.ts' },
    format: ['esm'],
    dts: true,
    platform: 'node',
    external: ['peerspeak'],
    noExternal: markdownDeps,
    // One file per entry (no shared chunk between markdown and config).
    splitting: false,
    ...quiet,
    esbuildPlugins: [selfReferences, oneExampleEach],
  },
  {
    ...common,
    entry: { markdown: 'src/markdown/index.ts', config: 'src/config/index.ts' },
    format: ['cjs'],
    dts: true,
    platform: 'node',
    external: ['peerspeak'],
    noExternal: markdownDeps,
    ...quiet,
    esbuildPlugins: [selfReferences, oneExampleEach],
  },
  {
    ...common,
    entry: { cli: 'src/cli/index.ts' },
    format: ['esm'],
    dts: false,
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    external: ['peerspeak', 'peerspeak/all', 'peerspeak/lsp', 'peerspeak/markdown', 'peerspeak/config', 'peerspeak/rules/sv', 'peerspeak/rules/da'],
    esbuildPlugins: [selfReferences, oneExampleEach],
  },
  {
    // The language server (`peerspeak lsp --stdio`, or `peerspeak/lsp` for embedding).
    ...common,
    entry: { lsp: 'src/lsp/server.ts' },
    format: ['esm'],
    dts: true,
    platform: 'node',
    external: ['peerspeak', 'peerspeak/all', 'peerspeak/rules/sv', 'peerspeak/rules/da', 'peerspeak/markdown', 'peerspeak/config'],
    esbuildPlugins: [selfReferences, oneExampleEach],
  },
  {
    // The textlint rule (`peerspeak/textlint`): ESM and CJS, since textlint loads rules both ways.
    ...common,
    entry: { textlint: 'src/textlint/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'node',
    external: ['peerspeak', 'peerspeak/all'],
    esbuildPlugins: [selfReferences, oneExampleEach],
  },
]);

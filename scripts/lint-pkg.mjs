#!/usr/bin/env node
/**
 * `npm run lint:pkg`: lints the package as it would be published. Packs it once (`npm pack`,
 * which is what `npm publish` uploads), then runs on that tarball:
 *
 * 1. publint --strict: package.json fields, the export map and the files they point at.
 * 2. attw (Are the Types Wrong?) with `--profile node16` on every entry point but `./lsp`.
 *    - `node16` rather than `strict`: it leaves out TypeScript's legacy `node10` resolution
 *      (`"moduleResolution": "node"`), which ignores `exports`, so no subpath can resolve
 *      there. peerspeak needs Node ≥ 20, where every TypeScript setting that matches Node
 *      (`node16`, `nodenext`, `bundler`) reads the export map; the main entry still works under
 *      node10 through `main`/`types`.
 *    - `--ignore-rules missing-export-equals`: a false positive for esbuild's CommonJS output of
 *      an entry with only a default export (`peerspeak/rules/*`, `peerspeak/textlint`).
 *      esbuild writes `module.exports = __toCommonJS({ default })`; attw sees an `export =`
 *      beside `default` and guesses the types should be `export =`. At run time
 *      `require('peerspeak/rules/sv').default` is the pack, exactly what the `.d.cts` files'
 *      `export default` says (test/pack-smoke.test.ts checks it on the installed tarball).
 * 3. attw with `--profile esm-only` on `./lsp` alone: the language server is ESM-only on purpose
 *    (vscode-languageserver and the CLI load it with `import`), so a failed `require()`
 *    resolution there is expected; its ESM types are still checked.
 *
 * Exits non-zero when any of them reports a problem.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const dir = mkdtempSync(join(tmpdir(), 'peerspeak-lint-pkg-'));
let failed = 0;
try {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = join(dir, JSON.parse(out)[0].filename);
  const run = (label, cmd, args) => {
    console.log(`\n$ ${label}`);
    const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      failed++;
      console.error(`✗ ${label} (exit ${r.status ?? r.signal})`);
    }
  };
  run('publint --strict', bin('publint'), ['run', tarball, '--strict']);
  run('attw --profile node16 (all entry points but ./lsp)', bin('attw'), [tarball, '--profile', 'node16', '--exclude-entrypoints', './lsp', '--ignore-rules', 'missing-export-equals', '--format', 'table-flipped']);
  run('attw --profile esm-only (./lsp)', bin('attw'), [tarball, '--profile', 'esm-only', '--entrypoints', './lsp', '--format', 'table-flipped']);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) {
  console.error(`\nlint:pkg: ${failed} check(s) failed`);
  process.exit(1);
}
console.log('\nlint:pkg: publint and attw found no problems');

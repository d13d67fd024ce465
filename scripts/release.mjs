#!/usr/bin/env node
/**
 * `npm run release`: the checks a release must pass, then the publish, which happens only when
 * asked for.
 *
 * 1. build (`tsup`, into a fresh `dist/`)
 * 2. the whole test suite (`vitest run`, the pack smoke test included)
 * 3. `npm run lint:pkg` (publint and attw on the packed tarball)
 * 4. `npm pack --dry-run`: the files and size that would be uploaded
 * 5. `changeset publish`, only with `PEERSPEAK_PUBLISH=1`; otherwise it says what it would
 *    publish and stops. Versions and CHANGELOG.md come from `npx changeset version` first (a
 *    separate, reviewed commit); this script never runs it.
 *
 * Any failing step stops the release with its exit code.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const publish = process.env.PEERSPEAK_PUBLISH === '1';

function step(label, cmd, args) {
  console.log(`\n▶ ${label}: ${[cmd.startsWith(root) ? cmd.slice(root.length + 1) : cmd, ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✗ release stopped: ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// A fresh dist/: tsup does not clean it (several configs write there), and files left by an
// older build (renamed chunks) would otherwise be packed.
rmSync(join(root, 'dist'), { recursive: true, force: true });
step('build', bin('tsup'), ['--silent']);
step('tests', bin('vitest'), ['run']);
step('package lint', 'npm', ['run', '--silent', 'lint:pkg']);
step('pack (dry run)', 'npm', ['pack', '--dry-run']);

if (publish) {
  step('publish', bin('changeset'), ['publish']);
} else {
  console.log(`\nWould publish ${pkg.name}@${pkg.version} to npm with \`changeset publish\` (the files listed above).`);
  console.log('Nothing was published. Run `npx changeset version` first to set the version, then');
  console.log('`PEERSPEAK_PUBLISH=1 npm run release` to publish.');
}

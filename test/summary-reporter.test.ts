/**
 * The summary line counts a module that fails in `beforeAll` or on import as failed (it used
 * to print "0 failed" when the composer suite's set-up threw). Runs vitest on the fixtures in
 * test/fixtures/reporter in a child process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.js';

function run(...filters: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', join(root, 'test', 'fixtures', 'reporter'), ...filters], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, line: /Tests: \d+ passed, \d+ failed, \d+ skipped/.exec(r.stdout)?.[0] };
}

describe('summary reporter', () => {
  it('counts a failed beforeAll and a module that cannot load as failed', () => {
    const r = run();
    expect(r.line).toBe('Tests: 1 passed, 2 failed, 3 skipped');
    expect(r.status).not.toBe(0);
  }, 60_000);

  it('counts a suite whose set-up fails as failed on its own', () => {
    expect(run('before-all').line).toBe('Tests: 0 passed, 1 failed, 2 skipped');
  }, 60_000);

  it('says 0 failed for a passing run', () => {
    const r = run('ok');
    expect(r.line).toBe('Tests: 1 passed, 0 failed, 1 skipped');
    expect(r.status).toBe(0);
  }, 60_000);
});

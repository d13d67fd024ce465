/**
 * The rule reference is generated from the packs (scripts/rule-docs.mjs). Like ESLint's check
 * that every rule has its doc, this fails when a page or the README table is missing or stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.js';

describe('generated rule reference', () => {
  it('docs/rules/*.md and the README table match the packs (run `npm run docs:rules`)', async () => {
    if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run the build first (npm test does)');
    // @ts-expect-error plain ESM script without types
    const { generate } = await import('../scripts/rule-docs.mjs');
    const files = (await generate()) as Record<string, string>;
    expect(Object.keys(files).length).toBeGreaterThan(10);
    const stale = Object.entries(files)
      .filter(([rel, content]) => !existsSync(join(root, rel)) || readFileSync(join(root, rel), 'utf8') !== content)
      .map(([rel]) => rel);
    expect(stale, 'stale generated docs: run `npm run docs:rules`').toEqual([]);
  });
});

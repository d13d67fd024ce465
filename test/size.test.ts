/**
 * Bundle-size budget, checked in CI (size-limit needs Node ≥ 22; this does the same with the
 * esbuild that tsup already brings): a change that makes core + English bigger than its budget
 * fails the build. Raise a budget only on purpose, in the same commit as the growth, and say why.
 *
 * The target is 130 kB gzip; compromise/two alone is about 120 kB of it (bundled into
 * `dist/index.js`, see tsup.config.ts), so the budget stays above the target until English
 * tagging needs less of compromise. `npm run bench` prints the same figures.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script shared with the bench, no types
import { bundleSizes } from '../scripts/bundle-size.mjs';
import { root } from './helpers.js';

const KB = 1024;
const BUDGET = { core: 175 * KB, sv: 30 * KB, da: 30 * KB };

describe('browser bundle size (esbuild, minified, gzip)', () => {
  it('core + English and each extra pack stay within budget', async () => {
    const sizes = (await bundleSizes(root)) as Record<keyof typeof BUDGET, { gzip: number }>;
    const over = (Object.keys(BUDGET) as Array<keyof typeof BUDGET>)
      .filter((k) => sizes[k].gzip > BUDGET[k])
      .map((k) => `${k}: ${(sizes[k].gzip / KB).toFixed(1)} kB gzip > budget ${(BUDGET[k] / KB).toFixed(0)} kB`);
    expect(over).toEqual([]);
    // Sanity: the measurement bundles real code (a broken build would measure nearly nothing).
    expect(sizes.core.gzip).toBeGreaterThan(40 * KB);
  }, 60_000);
});

/**
 * Many quote or list blocks in one document (issue 16: lines of 200 `>`, about 40 s per MB):
 * micromark's time grows with the square of the container blocks in one parse, so a document
 * with more than MAX_CONTAINER_BLOCKS of them is parsed in runs. Same findings, linear time.
 */
import { describe, expect, it } from 'vitest';
import { checkMarkdown } from '../src/markdown/index.js';
import { containerStarts, MAX_CONTAINER_BLOCKS } from '../src/markdown/limits.js';
import '../src/all.js';

const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

describe('container blocks per parse', () => {
  it('counts quote and list blocks that start after a blank line', () => {
    expect(containerStarts('> a\n> b\n\n> c\n\n- d\n- e\n\n  1. f\n\ntext\n> not after a blank')).toBe(4);
    expect(containerStarts('plain\n\ntext')).toBe(0);
  });

  it('a document of many quote blocks gives the same findings as its blocks checked one by one', () => {
    const blocks = Array.from({ length: MAX_CONTAINER_BLOCKS * 3 }, (_, i) => `${'>'.repeat(1 + (i % 5))} ${i % 2 ? 'You should rest.' : 'I hope the walk helps.'}`);
    const doc = blocks.join('\n\n') + '\n';
    expect(containerStarts(doc)).toBeGreaterThan(MAX_CONTAINER_BLOCKS);
    const whole = checkMarkdown(doc, { profile: 'chat', cache: false }).findings.map((f) => [f.ruleId, f.line, f.column]);
    const parts: unknown[] = [];
    blocks.forEach((b, i) => {
      for (const f of checkMarkdown(b + '\n', { profile: 'chat', cache: false }).findings) parts.push([f.ruleId, f.line + 2 * i, f.column]);
    });
    expect(whole).toEqual(parts);
    expect(whole.length).toBe(MAX_CONTAINER_BLOCKS * 3 / 2);
  }, 120_000);

  it('time grows about linearly: 4× the blocks of ">>>> …" take well under 16× the time', () => {
    const time = (n: number) => {
      const doc = fill('>>>> You should rest.\n\n', n);
      let best = Infinity;
      for (let k = 0; k < 2; k++) {
        const t0 = performance.now();
        checkMarkdown(doc, { profile: 'chat', cache: false });
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    time(2_000); // warm
    const small = time(10_000);
    const big = time(40_000);
    // Quadratic (before): about 16×. Linear: about 4×; the bound leaves room for a busy machine.
    expect(big / small).toBeLessThan(9);
  }, 300_000);
});

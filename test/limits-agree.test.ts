/**
 * Issue 16 leftovers: `capitalise` keeps astral letters whole, and the gap limit of the pattern
 * language is the same number in the code, its doc comment and the README.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capitalise } from '../src/rewrite.js';
import { compilePattern, MAX_GAP } from '../src/pattern.js';

describe('capitalise on astral letters', () => {
  it('upper-cases an astral lower-case letter as one character', () => {
    expect(capitalise('𐐨ee')).toBe('𐐀ee'); // Deseret: a cased script outside the BMP
    expect(capitalise('  𞤢 x')).toBe('  𞤀 x'); // Adlam
  });
  it('leaves caseless astral letters whole and well-formed', () => {
    const out = capitalise('𝐜all me');
    expect(out).toBe('𝐜all me');
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(out)).toBe(false);
  });
  it('still capitalises the BMP', () => {
    expect(capitalise('— call me')).toBe('— Call me');
    expect(capitalise('123')).toBe('123');
  });
});

describe('gap limit', () => {
  it(`accepts ..${MAX_GAP} and rejects ..${MAX_GAP + 1}`, () => {
    expect(() => compilePattern(`call ..${MAX_GAP} doctor`, {})).not.toThrow();
    expect(() => compilePattern(`call ..${MAX_GAP + 1} doctor`, {})).toThrow(new RegExp(`\\.\\.${MAX_GAP}`));
  });
  it('the doc comment and the README state the same limit', () => {
    const source = readFileSync(new URL('../src/pattern.ts', import.meta.url), 'utf8');
    expect(source).toContain(`1 ≤ N ≤ ${MAX_GAP}`);
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`N from 1 to ${MAX_GAP}`);
    expect(readme).not.toMatch(/N ≤ 8/);
  });
});

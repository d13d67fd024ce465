/**
 * The Swedish and Danish development corpus (test/fixtures/corpus/<lang>.tsv, issue 15): each
 * half (tune, check; split by hash of the text) must be at least 95 % correct, and at least
 * 95 % of its near-misses must pass. Scoring is shared with `node scripts/corpus.mjs`.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/all.js';
import { half, judge, readCorpus, score } from '../scripts/corpus.mjs';

const THRESHOLD = 0.95;

describe('corpus split', () => {
  it('splits by the first byte of sha256: stable and both halves used', () => {
    expect(half('Du borde ringa din läkare.')).toBe(half('Du borde ringa din läkare.'));
    const rows = readCorpus('sv');
    expect(new Set(rows.map((r) => r.half))).toEqual(new Set(['tune', 'check']));
  });
  it('judges a pass row wrong when it is flagged', () => {
    const row = { expect: 'pass', category: 'self', register: 'chat', text: 'Du måste sluta röka.', line: 0, half: 'tune' } as const;
    expect(judge(check, 'sv', row).ok).toBe(false);
  });
});

for (const lang of ['sv', 'da']) {
  describe(`corpus/${lang}`, () => {
    const rows = readCorpus(lang);
    const s = score(check, lang, rows);
    it('has at least 250 rows, about half near-misses', () => {
      expect(rows.length).toBeGreaterThanOrEqual(250);
      const pass = rows.filter((r) => r.expect === 'pass').length;
      expect(pass / rows.length).toBeGreaterThan(0.4);
      expect(pass / rows.length).toBeLessThan(0.6);
    });
    for (const h of ['tune', 'check'] as const) {
      it(`${h} half is at least 95 % correct`, () => {
        expect(s[h].ok / s[h].n).toBeGreaterThanOrEqual(THRESHOLD);
      });
      it(`${h} half: at least 95 % of near-misses pass`, () => {
        expect(s[h].passOk / s[h].passN).toBeGreaterThanOrEqual(THRESHOLD);
      });
    }
  });
}

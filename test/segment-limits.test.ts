/**
 * Issue 16, items 1, 5 and 6: sentence splitting stays linear whatever the abbreviations,
 * forced piece cuts never split a character, and `lowerFirst` keeps astral capitals whole.
 */
import { describe, expect, it } from 'vitest';
import { applySuggestion, check } from '../src/all.js';
import type { LangOption } from '../src/index.js';
import { lowerFirst } from '../src/rewrite.js';
import { graphemeCut, sentenceSpans } from '../src/segment.js';

/** No lone surrogate (String.prototype.isWellFormed, which the TypeScript lib here lacks). */
function wellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** Whether offset `i` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, i: number): boolean {
  const hi = text.charCodeAt(i - 1);
  const lo = text.charCodeAt(i);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

describe('abbreviation chains (item 1)', () => {
  for (const [lang, unit] of [
    ['en', 'Dr. '],
    ['en', 'e.g. '],
    ['sv', 'Dr. '],
    ['sv', 't.ex. '],
    ['da', 'f.eks. '],
  ] as const) {
    it(`${lang}: ${JSON.stringify(unit)} × 20,000 is split into bounded sentences`, () => {
      const text = unit.repeat(20_000);
      const spans = sentenceSpans(text, lang);
      // Before the fix this was one sentence of the whole text.
      expect(spans.length).toBeGreaterThan(20);
      for (const [a, b] of spans) expect(b - a).toBeLessThanOrEqual(2000);
      // Spans cover the text in order without overlapping.
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    });
  }

  it('check() on 80 kB of "Dr. " finishes in about linear time (en and sv)', () => {
    for (const lang of ['en', 'sv']) {
      check('Dr. '.repeat(200), { lang: lang as LangOption }); // warm up
      const t0 = performance.now();
      const res = check('Dr. '.repeat(20_000), { lang: lang as LangOption });
      const ms = performance.now() - t0;
      expect(Array.isArray(res.findings)).toBe(true);
      // Before the fix: English 10 s, Swedish quadratic; now well under a second on 2 cores.
      expect(ms, `${lang}: ${Math.round(ms)} ms`).toBeLessThan(8000);
    }
  });

  it('ordinary abbreviations still join their sentence', () => {
    const text = 'I saw Dr. Smith today. She was kind.';
    expect(sentenceSpans(text, 'en').map(([a, b]) => text.slice(a, b))).toEqual(['I saw Dr. Smith today.', 'She was kind.']);
    const sv = 'Jag gillar frukt, t.ex. äpplen. Och päron.';
    expect(sentenceSpans(sv, 'sv').map(([a, b]) => sv.slice(a, b))).toEqual(['Jag gillar frukt, t.ex. äpplen.', 'Och päron.']);
    // "sdr." is not "dr.": the word start is checked even when only the end of a long sentence is looked at.
    const long = 'x'.repeat(100) + ' Adr. Next one.';
    expect(sentenceSpans(long, 'en').length).toBe(2);
  });
});

describe('forced piece cuts (item 5)', () => {
  const emoji = ['😀', '👩‍👩‍👧‍👦', '🇸🇪', '👍🏽', 'é', '𝐂', 'e\u0301\u0302'];
  for (const e of emoji) {
    it(`a 2,000-unit cut never splits ${JSON.stringify(e)}`, () => {
      for (let shift = 0; shift < 8; shift++) {
        // No space and no sentence end in the first 2,000 units: the cut is forced.
        const text = 'x'.repeat(1996 + shift) + e.repeat(4) + 'y'.repeat(50) + ' You should call your doctor.';
        const spans = sentenceSpans(text, 'en');
        for (const [a, b] of spans) {
          expect(splitsPair(text, a), `start ${a}`).toBe(false);
          expect(splitsPair(text, b), `end ${b}`).toBe(false);
        }
        const cut = graphemeCut(text, 0, 2000);
        expect(cut).toBeLessThanOrEqual(2000);
        expect(cut).toBeGreaterThan(1900);
        // The cut is a grapheme boundary: the unit after it does not continue the unit before.
        const seg = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map((g) => g.index);
        expect(seg).toContain(cut);
      }
    });
  }

  it('findings and suggestions around a forced cut leave no lone surrogate', () => {
    const text = '😀'.repeat(999) + 'x😀😀 You should call your doctor. You must rest.';
    const { findings } = check(text, { profile: 'strict' });
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(splitsPair(text, f.range[0]) || splitsPair(text, f.range[1])).toBe(false);
      for (const s of f.suggestions) {
        expect(splitsPair(text, s.range[0]) || splitsPair(text, s.range[1])).toBe(false);
        const out = applySuggestion(text, s);
        expect(wellFormed(out)).toBe(true);
      }
    }
  });

  it('a grapheme longer than the window is still cut between code points', () => {
    const text = 'a' + '\u0301'.repeat(3000);
    expect(graphemeCut(text, 0, 2000)).toBe(2000);
    const astral = 'a' + '\u{1D173}'.repeat(1500); // musical combining marks, astral
    const cut = graphemeCut(astral, 0, 2000);
    expect(splitsPair(astral, cut)).toBe(false);
  });
});

describe('lowerFirst on astral capitals (item 6)', () => {
  it('keeps a styled capital whole', () => {
    expect(lowerFirst('𝐂all me later')).toBe('𝐂all me later');
    expect(lowerFirst('  𝒜nna said')).toBe('  𝒜nna said');
    expect(wellFormed(lowerFirst('𝐂all me later'))).toBe(true);
  });
  it('lowers an astral capital that has a lower case', () => {
    // Deseret capital long I (U+10400) → small (U+10428).
    expect(lowerFirst('\u{10400}\u{10428}x')).toBe('\u{10428}\u{10428}x');
  });
  it('still lowers BMP capitals and keeps acronyms', () => {
    expect(lowerFirst('Would you')).toBe('would you');
    expect(lowerFirst('ER visit')).toBe('ER visit');
    expect(lowerFirst('Ärligt talat')).toBe('ärligt talat');
  });
  it('suggestions for text in styled capitals are well formed', () => {
    for (const text of ['𝐘ou should call your doctor.', 'If you feel this way 𝐘ou should call someone.', 'Du borde 𝐫inga din läkare.']) {
      const lang = text.startsWith('Du') ? 'sv' : 'en';
      for (const f of check(text, { lang, profile: 'strict' }).findings) {
        for (const s of f.suggestions) expect(wellFormed(s.text), s.text).toBe(true);
      }
    }
  });
});

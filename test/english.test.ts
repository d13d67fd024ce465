/**
 * English helpers that replace a compromise call with spelling rules (so that a plain
 * "You should call your doctor." never loads compromise's model): they must agree with it.
 */
import nlp from 'compromise/two';
import { describe, expect, it } from 'vitest';
import { gerundOf } from '../src/lang/en.js';

describe('gerundOf', () => {
  it.each([
    ['call', 'calling'], ['make', 'making'], ['stop', 'stopping'], ['get', 'getting'], ['visit', 'visiting'],
    ['begin', 'beginning'], ['panic', 'panicking'], ['lie', 'lying'], ['see', 'seeing'], ['quit', 'quitting'],
    ['equip', 'equipping'], ['fix', 'fixing'], ['play', 'playing'], ['open', 'opening'], ['be', 'being'],
    ['Talk', 'Talking'], ['agree', 'agreeing'], ['listen', 'listening'], ['try', 'trying'], ['jot', 'jotting'],
  ])('%s → %s', (verb, gerund) => {
    expect(gerundOf(verb)).toBe(gerund);
  });

  it("agrees with compromise's conjugation for the base verbs of its lexicon", () => {
    const model = (nlp as unknown as { model(): { one: { lexicon: Record<string, string> } } }).model();
    const conjugate = (nlp as unknown as { methods(): { two: { transform: { verb: { conjugate(v: string, m: unknown): Record<string, string> } } } } }).methods().two.transform.verb.conjugate;
    const disagree: string[] = [];
    let n = 0;
    for (const [word, tag] of Object.entries(model.one.lexicon)) {
      // Words already ending in -ing ("riveting") are kept as they are, by design.
      if (tag !== 'Infinitive' || !/^[a-z]+$/.test(word) || word.endsWith('ing')) continue;
      const theirs = conjugate(word, model)?.Gerund;
      // compromise sometimes gives no -ing form ("slam" → "slam"); it doubles the British way
      // after an unstressed vowel (refuelling), where the American spelling is kept.
      if (!theirs?.endsWith('ing') || /[aeiou]llin/.test(theirs)) continue;
      n++;
      if (gerundOf(word) !== theirs) disagree.push(`${word}: ${gerundOf(word)} (compromise ${theirs})`);
    }
    expect(n).toBeGreaterThan(1000);
    expect(disagree).toEqual([]);
  });
});

describe('English word tokens (regex) agree with Intl.Segmenter on English prose', () => {
  const icu = new Intl.Segmenter('en', { granularity: 'word' });
  const samples = [
    "You should call your doctor, don't you think?",
    "I've been there... it's hard; e.g. at 3.5 km or 1,000 steps: that's U.S. style.",
    'Take care 💛 — we’re here (24/7) for you! 👍🏽 👩‍👩‍👧 🇸🇪',
    "She said \"go see a doctor\" and 'rest' — I'm not sure.",
    'Email me at someone@example.org or see https://example.org/a-b?c=d#e.',
    'Rock’n’roll, re-read, co-op, naïve café, São Paulo, Zoë’s dog_name #hashtag @user',
    'Es-tu là ? Ja, det är bra. Ok!!! Hmm?! 10:30 am, 2024-01-01.',
  ];
  it.each(samples)('%s', async (sample) => {
    const { segment } = await import('../src/segment.js');
    const ours = segment(sample, 'en').flatMap((s) => s.tokens.map((t) => `${t.text}${t.word ? '' : '⁰'}`));
    const theirs = [...icu.segment(sample)].filter((x) => x.segment.trim()).map((x) => `${x.segment}${x.isWordLike ? '' : '⁰'}`);
    expect(ours).toEqual(theirs);
  });
});

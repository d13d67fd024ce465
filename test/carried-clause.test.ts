/**
 * A rewrite of an advice clause keeps what the writer wrote after it (their own clause after a
 * comma, an emoji and what follows it) as they wrote it. The soak of issue 16 found three ways
 * that went wrong: an instruction in the kept part was not reported (the rewrite was thought to
 * cover it), the later finding's sentence-wide rewrite replaced the earlier clause as well, and
 * characters that are neither letters nor punctuation at the clause end were dropped.
 */
import { describe, expect, it } from 'vitest';
import { applySuggestion, check } from '../src/all.js';

const advice = (text: string) => check(text, { lang: 'en' }).findings.filter((f) => f.ruleId === 'directive/advice-formula');

describe('the clause a rewrite keeps after the advice', () => {
  it('is checked on its own: an instruction there is a finding of its own', () => {
    const text = "it's best if you tell him yourself, those energy drinks need to go.";
    const found = advice(text);
    expect(found.map((f) => f.text)).toEqual(["it's best if you tell", 'those energy drinks need to go']);
    // The first rewrite keeps the second clause word for word…
    expect(applySuggestion(text, found[0]!.suggestions[0]!)).toMatch(/Those energy drinks need to go\.$/);
    // …and the second rewrites only its own clause: the first stays as written.
    const second = applySuggestion(text, found[1]!.suggestions[0]!);
    expect(second.startsWith("it's best if you tell him yourself. ")).toBe(true);
    expect(second).not.toContain('energy drinks');
  });

  it('after an emoji too, which ends a thought in chat as a comma would', () => {
    const text = "It's best if you tell him yourself., 🫶🏾 Those energy drinks need to go.";
    const found = advice(text);
    expect(found.map((f) => f.text)).toEqual(["It's best if you tell", 'Those energy drinks need to go']);
    const second = applySuggestion(text, found[1]!.suggestions[0]!);
    expect(second.startsWith("It's best if you tell him yourself., 🫶🏾 ")).toBe(true);
  });

  it('keeps symbols and characters the tokenizer does not know at the clause end', () => {
    for (const [text, kept] of [
      ['Tell him yourself ^^', '^^'],
      ["It's best if you tell him yourself., \u{6BED7}\u{4415F} 🫶 Those are my thoughts.", '\u{6BED7}\u{4415F}'],
    ] as const) {
      const top = check(text, { lang: 'en' }).findings[0]!.suggestions[0]!;
      expect(applySuggestion(text, top)).toContain(kept);
    }
  });

  it('keeps an emoji whole, with its skin tone and ZWJ sequence', () => {
    for (const emoji of ['👍🏽', '👩🏾‍💻']) {
      const text = `Those energy drinks need to go ${emoji} seriously.`;
      const top = advice(text)[0]!.suggestions[0]!;
      expect(applySuggestion(text, top)).toContain(emoji);
    }
  });
});

describe('a second instruction in what the segmenter kept as one sentence', () => {
  const texts = (text: string, lang: 'en' | 'sv' | 'da') => check(text, { lang }).findings.filter((f) => f.severity !== 'info').map((f) => f.text);

  it('is reported after a full stop hidden by an invisible format character (pasted text)', () => {
    expect(texts('HAN LYDER SOM EN PSYKOPAT.\u202D hans kone ser ud til at lide af en form for angst.', 'da')).toEqual([
      'HAN LYDER SOM EN PSYKOPAT',
      'hans kone ser ud til at lide af en form for angst',
    ]);
  });

  it('is reported after a full stop, format characters and another full stop, and after a reported clause ends', () => {
    expect(texts('det bedste er, at du siger det til hende.\u200B\uFEFF. hvorfor ik bare skrive til hende', 'da')).toEqual([
      'det bedste er, at du siger',
      'hvorfor ik bare skrive',
    ]);
    expect(texts('du siger det til hende.. hvorfor ik bare skrive til hende', 'da')).toEqual(['hvorfor ik bare skrive']);
  });

  it('is reported after a sentence end and a dash or bullet', () => {
    const text = 'Why don’t you just talk to her?  - The only way through this is to talk to him.';
    expect(texts(text, 'en')).toEqual(['Why don’t you just talk', 'The only way through this is to talk']);
  });
});

describe('the rest of a clause after a sentence-wide rewrite', () => {
  it('is joined with a space when it starts with a word', () => {
    const text = 'din pappa låter lite knäpp om du frågar mig';
    const top = check(text, { lang: 'sv' }).findings[0]!.suggestions[0]!;
    expect(applySuggestion(text, top)).toMatch(/just nu om du frågar mig\.$/);
  });
});

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

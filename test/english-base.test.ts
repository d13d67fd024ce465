/**
 * The English `base` transform (issue 12): "It's time you started…" is offered with the verb in
 * its base form ("…it might help to start…"), and a phrase that does not open with a past tense
 * is left as it is.
 */
import { describe, expect, it } from 'vitest';
import { basePhrase } from '../src/lang/en/inflect.js';
import { check } from '../src/index.js';

describe('en base transform', () => {
  it('puts a leading past tense in its base form, regular or not, and keeps the rest', () => {
    expect(basePhrase('started looking after yourself')).toBe('start looking after yourself');
    expect(basePhrase('got some proper sleep')).toBe('get some proper sleep');
    expect(basePhrase('booked that check-up')).toBe('book that check-up');
  });

  it('leaves a phrase that does not open with a past tense alone', () => {
    expect(basePhrase('start today')).toBe('start today');
    expect(basePhrase('bed early')).toBe('bed early');
    expect(basePhrase('')).toBe('');
  });

  it("rewrites 'it's time you + past tense' with the base form", () => {
    const [f] = check("It's time you stopped skipping breakfast.", { lang: 'en' }).findings;
    expect(f?.ruleId).toBe('directive/advice-formula');
    expect(f?.suggestions[0]?.text).toMatch(/\bto stop skipping breakfast\b/);
  });
});

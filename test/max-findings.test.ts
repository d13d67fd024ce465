/**
 * `maxFindings` bounds what one check holds: issue 16's stress trial showed memory follows the
 * findings (about 800 bytes each), and a text that is a finding every few words for megabytes
 * went past 300 MB. The check stops at a sentence boundary and says where.
 */
import { describe, expect, it } from 'vitest';
import { check, createChecker } from '../src/all.js';
import { checkDocument } from '../src/markdown/index.js';

const four = 'You should rest. You should eat. You should sleep. You should call her.';

describe('maxFindings', () => {
  it('stops before the sentence that would go past it, and says from where', () => {
    const r = createChecker({ lang: 'en', maxFindings: 3 }).check(four);
    expect(r.findings.map((f) => f.text)).toEqual(['You should rest', 'You should eat', 'You should sleep']);
    expect(r.truncated).toEqual({ at: four.indexOf('You should call'), maxFindings: 3 });
  });

  it('never reports part of a sentence: one with two findings is left out whole', () => {
    const text = 'You should rest. You should eat, and you need to sleep.';
    const r = createChecker({ lang: 'en', maxFindings: 2 }).check(text);
    expect(r.findings.map((f) => f.text)).toEqual(['You should rest']);
    expect(r.truncated?.at).toBe(text.indexOf('You should eat'));
  });

  it('leaves the result as it was when the limit is not reached', () => {
    const r = check(four, { lang: 'en' });
    expect(r.findings).toHaveLength(4);
    expect('truncated' in r).toBe(false);
    expect(createChecker({ lang: 'en', maxFindings: Infinity }).check(Array(50).fill(four).join(' ')).findings).toHaveLength(200);
  });

  it('still gives the role-limits note after it stopped', () => {
    const r = createChecker({ lang: 'en', maxFindings: 1 }).check('You should rest. You should eat. I want to kill myself.');
    expect(r.truncated).toBeDefined();
    expect(r.findings.some((f) => f.ruleId === 'role-limits/crisis')).toBe(true);
  });

  it('is passed on by the document adapter (the CLI prints it as a notice)', () => {
    const r = checkDocument(four, { lang: 'en', maxFindings: 2 } as never);
    expect(r.truncated?.at).toBe(four.indexOf('You should sleep'));
  });

  it('names the option when its value is wrong', () => {
    for (const bad of [0, -1, 1.5, NaN, '10'] as unknown[]) {
      expect(() => createChecker({ maxFindings: bad as number })).toThrow(/options\.maxFindings: expected a positive whole number or Infinity/);
    }
  });
});

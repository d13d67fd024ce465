/**
 * The English tagger (the costly step of a check) runs only where it can change a result (#17):
 * not for a rule that would skip whatever it matched, not for a word that can never carry `Imp`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createChecker } from '../src/index.js';
import { en } from '../src/lang/en.js';
import { mayHaveTag } from '../src/lang/en/imperatives.js';
import { tokenize } from '../src/segment.js';

const original = en.tag!;
afterEach(() => {
  en.tag = original;
});

function counted(text: string): { calls: number; ids: string[] } {
  let calls = 0;
  en.tag = (s) => (calls++, original(s));
  const ids = createChecker({ lang: 'en', cache: false }).check(text).findings.map((f) => f.ruleId);
  return { calls, ids };
}

describe('tagger calls', () => {
  it('an instruction is tagged and found', () => {
    expect(counted('Call your mum and tell her what happened.')).toEqual({ calls: 1, ids: ['directive/imperative'] });
  });

  it('a question: every rule that needs tags skips questions, so no tagging (it used to run, for the same result)', () => {
    expect(counted('What do you think, call her tomorrow?')).toEqual({ calls: 0, ids: [] });
    expect(counted('Have you thought about it, talk to her?')).toEqual({ calls: 0, ids: [] });
  });

  it('a question with a proposal in a later clause is still matched (and tagged)', () => {
    const r = counted('Is it the job, like maybe you ought to just quit?');
    expect(r.ids).toContain('directive/modal');
  });

  it('Imp only on plain words, never the first part of a hyphenated compound', () => {
    const t = tokenize('Follow-up with 5 people', 'en');
    expect(mayHaveTag(t[0]!, 'Imp', t[1])).toBe(false);
    expect(mayHaveTag(t[0]!, 'Infinitive', t[1])).toBe(true);
    expect(mayHaveTag(t[4]!, 'Imp', t[5])).toBe(false);
    const plain = tokenize('Follow up', 'en');
    expect(mayHaveTag(plain[0]!, 'Imp', plain[1])).toBe(true);
  });
});

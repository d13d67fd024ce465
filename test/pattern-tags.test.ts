/**
 * The matcher asks for a sentence's tags (the English tagger: the costly step of a check) only
 * where a pattern could match whatever the tags turn out to be, and finds the same matches.
 */
import { describe, expect, it } from 'vitest';
import { compilePattern, matchAll, type MatchContext } from '../src/pattern.js';
import { tokenize } from '../src/segment.js';

/** A context whose tagger marks the listed words `Imp` and counts its calls. */
function context(text: string, verbs: string[]): { ctx: MatchContext; calls: () => number } {
  const tokens = tokenize(text, 'en');
  let calls = 0;
  let tags: Array<Set<string>> | undefined;
  const ctx: MatchContext = {
    tokens,
    lexicons: Object.create(null),
    tags: () => (tags ??= (calls++, tokens.map((t) => new Set(verbs.includes(t.norm) ? ['Imp'] : ['Noun'])))),
    tagged: () => tags !== undefined,
    mayHaveTag: (i, tag) => tag !== 'Imp' || tokens[i]!.word,
  };
  return { ctx, calls: () => calls };
}

describe('tags only where a pattern can still match', () => {
  const pattern = compilePattern('< verb:#Imp your|the doctor', {});

  it('no tagging when the words after the tag cannot match', () => {
    const { ctx, calls } = context('Call a friend, maybe someone close.', ['call']);
    expect(matchAll(pattern, ctx)).toEqual([]);
    expect(calls()).toBe(0);
  });

  it('tags and matches when they can', () => {
    const { ctx, calls } = context('Call your doctor, then rest.', ['call']);
    expect(matchAll(pattern, ctx).map((m) => [m.start, m.end, m.captures['verb']])).toEqual([[0, 3, [0, 1]]]);
    expect(calls()).toBe(1);
  });

  it('the tags still decide: a word the tagger does not mark is no match', () => {
    const { ctx, calls } = context('Doctor your doctor.', []);
    expect(matchAll(pattern, ctx)).toEqual([]);
    expect(calls()).toBe(1);
  });

  it('"!#Tag" does not block the optimistic reading, and blocks with the real tags', () => {
    const negated = compilePattern('call !#Imp your', {});
    const blocked = context('call your mum', ['your']);
    expect(matchAll(negated, blocked.ctx)).toEqual([]);
    expect(blocked.calls()).toBe(1);
    const open = context('call your mum', []);
    expect(matchAll(negated, open.ctx).map((m) => [m.start, m.end])).toEqual([[0, 2]]);
  });
});

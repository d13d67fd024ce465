/**
 * The matcher's cheap checks (#17): a pattern is tried only on a sentence that holds a word of
 * every required element that can only match listed words, and the failure memos it reuses
 * between patterns and sentences give the same matches as fresh ones.
 */
import { describe, expect, it } from 'vitest';
import { compileLexicon, compilePattern, isClauseStart, matchAll, matchAt, type MatchContext } from '../src/pattern.js';
import { tokenize } from '../src/segment.js';
import { gateOpen, type SentenceState } from '../src/engine/state.js';

const phrase = (p: string) => tokenize(p, 'en').map((t) => t.norm);
const lexicons = { helpers: compileLexicon(['a doctor', 'a friend', 'someone'], phrase) };

function state(text: string, tags: Record<string, string> = {}): SentenceState {
  const tokens = tokenize(text, 'en');
  const ctx: MatchContext = {
    tokens,
    lexicons,
    tags: () => tokens.map((t) => new Set(tags[t.norm] ? [tags[t.norm]!] : [])),
    clauseLinks: new Set(['and', 'so']),
  };
  return { sentence: { start: 0, end: text.length, text, tokens }, ctx, words: new Set(tokens.map((t) => t.norm)), cache: new Map() };
}

describe('gates over every required element', () => {
  const p = compilePattern('you should? ..3 call|phone @helpers', lexicons);

  it('lists the later required elements that can only match listed words', () => {
    expect(p.gate).toEqual(['you']);
    expect(p.gates.map((g) => [...g].sort())).toEqual([['call', 'phone'], ['a', 'someone']]);
  });

  it('closes the gate when one of them is missing, where the pattern indeed cannot match', () => {
    for (const text of ['You should call a doctor.', 'You could phone someone.', 'You should call him.', 'You should text a friend.', 'Call a friend.']) {
      const st = state(text);
      const matches = matchAll(p, st.ctx);
      if (!gateOpen(p, st)) expect(matches).toEqual([]);
      expect(gateOpen(p, st)).toBe(!text.includes('him') && !text.includes('text') && !text.startsWith('Call'));
    }
  });

  it('an element with a tag, a prefix or any word adds no gate', () => {
    expect(compilePattern('you #Verb call* * @helpers', lexicons).gates.map((g) => [...g].sort())).toEqual([['a', 'someone']]);
  });
});

describe('reused memos', () => {
  it('give the same matches as a fresh matcher, pattern after pattern and sentence after sentence', () => {
    const patterns = ['< call|phone @helpers', 'you ..4 @helpers', '^ so? call', 'someone $', '< #Imp ..2 @helpers?'].map((s) => compilePattern(s, lexicons));
    const texts = ['Call a friend, and phone someone.', 'So call.', 'You know, you could ask someone', 'Well, ring a doctor and call a friend', 'You, you, you.'];
    const seen = texts.map((text) => patterns.map((p) => JSON.stringify(matchAll(p, state(text, { ring: 'Imp', call: 'Imp' }).ctx))));
    // The same again with the order reversed: nothing a memo kept may leak into another run.
    for (let t = texts.length - 1; t >= 0; t--) {
      for (let k = patterns.length - 1; k >= 0; k--) expect(JSON.stringify(matchAll(patterns[k]!, state(texts[t]!, { ring: 'Imp', call: 'Imp' }).ctx))).toBe(seen[t]![k]);
    }
    expect(seen[0]![0]).toBe(JSON.stringify([{ start: 0, end: 3, captures: {} }, { start: 5, end: 7, captures: {} }]));
    expect(seen[3]![4]).toContain('"start":2');
  });

  it('a matcher run from inside a tagger (nested) gets memos of its own', () => {
    const inner = compilePattern('a friend', lexicons);
    const outer = compilePattern('call #Imp? a friend', lexicons);
    const st = state('call a friend');
    const innerCtx = state('a friend').ctx;
    let nested: unknown;
    st.ctx.tags = () => {
      nested = matchAll(inner, innerCtx).length;
      return st.sentence.tokens.map(() => new Set());
    };
    expect(matchAt(outer, st.ctx)).toEqual({ start: 0, end: 3, captures: {} });
    expect(nested).toBe(1);
  });

  it('clause starts: after punctuation, at the sentence start and after a link word that follows one', () => {
    const { ctx } = state('"Rest, and so call her', {});
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => isClauseStart(ctx, i))).toEqual([true, true, false, true, true, true, false]);
  });
});

describe('the pack-wide gate index', () => {
  it('gives the same answer as testing each pattern\'s gates directly, for every pattern of the English pack', async () => {
    await import('../src/index.js');
    const { compilePack } = await import('../src/engine/compile.js');
    const { builtinPacks } = await import('../src/engine/registry.js');
    const { makeState } = await import('../src/engine/state.js');
    const { sentenceAt } = await import('../src/segment.js');
    const pack = compilePack(builtinPacks.get('en'), 'rules/en');
    const patterns = [...pack.rules.flatMap((r) => [...r.matches.flatMap((m) => [m.pattern, ...m.unless]), ...r.unless]), ...Object.values(pack.guards).flat()];
    expect(patterns.every((p) => p.gateIndex === patterns[0]!.gateIndex && p.gateIds)).toBe(true);
    let closed = 0;
    for (const text of ['You should call your doctor.', 'Maybe try writing it down?', 'Everyone needs to get over it', 'I hear you, it has been hard.', 'ok']) {
      const st = makeState(sentenceAt(text, 0, text.length, 'en'), pack);
      for (const p of patterns) {
        const direct = [...(p.gate ? [p.gate] : []), ...p.gates.map((g) => [...g])].every((g) => g.some((w) => st.words.has(w)));
        expect(gateOpen(p, st)).toBe(direct);
        if (!direct) closed++;
      }
    }
    expect(closed).toBeGreaterThan(patterns.length);
  });
});

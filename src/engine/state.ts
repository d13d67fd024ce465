/**
 * What the rules of one sentence share: its words (the cheap lexical gate), its tags (made
 * when a pattern needs them) and the guards already evaluated.
 * @module
 */
import { indexGates, matchAll, matchAt, type CompiledPattern, type GateIndex, type Match, type MatchContext } from '../pattern.js';
import type { Sentence } from '../segment.js';
import type { CompiledPack } from './compile.js';

export interface SentenceState {
  sentence: Sentence;
  ctx: MatchContext;
  words: Set<string>;
  cache: Map<string, boolean>;
  regions?: { reported: Array<[number, number]>; quotes: Array<[number, number]> };
  /** Per gate index (a pack's): which of its gates the sentence's words open. */
  gates?: Map<GateIndex, Uint8Array>;
}

export function makeState(sentence: Sentence, pack: CompiledPack): SentenceState {
  let tags: Array<Set<string>> | undefined;
  const tagger = pack.support?.tag;
  const ctx: MatchContext = {
    tokens: sentence.tokens,
    lexicons: pack.lexicons,
    tags: () => (tags ??= tagger ? tagger(sentence) : sentence.tokens.map(() => new Set())),
    tagged: () => tags !== undefined,
    ...(pack.support?.mayHaveTag ? { mayHaveTag: (i: number, tag: string) =>
      pack.support!.mayHaveTag!(sentence.tokens[i]!, tag, sentence.tokens[i + 1]) } : {}),
    ...(pack.clauseLinks ? { clauseLinks: pack.clauseLinks } : {}),
    ...(pack.clauseOpeners ? { clauseOpeners: pack.clauseOpeners } : {}),
  };
  return { sentence, ctx, words: new Set(sentence.tokens.map((t) => t.norm)), cache: new Map() };
}

/**
 * Can the pattern match here at all: is one of the words of its first required element in the
 * sentence, and one of each other required element that can only match listed words?
 */
export function gateOpen(p: CompiledPattern, st: SentenceState): boolean {
  // Patterns of a compiled pack share its index; any other pattern gets one of its own.
  const index = p.gateIndex ?? indexGates([p]);
  let open = st.gates?.get(index);
  if (!open) (st.gates ??= new Map()).set(index, (open = index.open(st.words)));
  for (const id of p.gateIds!) if (!open[id]) return false;
  return true;
}

function anyMatch(patterns: CompiledPattern[], st: SentenceState): Match | null {
  for (const p of patterns) {
    if (!gateOpen(p, st)) continue;
    const m = matchAt(p, st.ctx);
    if (m) return m;
  }
  return null;
}

/** Does the pack guard `name` match somewhere in the sentence (cached per sentence)? */
export function guardHolds(name: string, pack: CompiledPack, st: SentenceState): boolean {
  let v = st.cache.get(name);
  if (v === undefined) {
    const g = pack.guards[name];
    v = !!g && anyMatch(g, st) !== null;
    st.cache.set(name, v);
  }
  return v;
}

/** Does a match of any of `patterns` overlap `m`? */
export function overlapsAny(patterns: CompiledPattern[], m: Match, st: SentenceState): boolean {
  for (const p of patterns) {
    if (!gateOpen(p, st)) continue;
    for (const u of matchAll(p, st.ctx)) if (u.start < m.end && m.start < u.end) return true;
  }
  return false;
}

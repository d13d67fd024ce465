/**
 * The token pattern language of rule packs. A pattern is a space-separated list of elements;
 * every element matches one token unless it says otherwise:
 *
 * | element        | matches                                                       |
 * |----------------|---------------------------------------------------------------|
 * | `word`         | that word, any case (`’` and `'` are the same)                |
 * | `word*`        | any word starting with `word`                                 |
 * | `@name`        | an entry of the pack's lexicon `name` (entries may be several words) |
 * | `#Tag`         | a token with that part-of-speech tag (English: compromise tags) |
 * | `*`            | any one word                                                  |
 * | `a\|@b\|#C`    | any of the alternatives                                       |
 * | `it_is`        | several words in a row, usable as an alternative (`it_is\|it's`) |
 * | `x?`           | optional element (`??` is an optional question mark)          |
 * | `name:x`       | capture what `x` matched as `{name}` for suggestions          |
 * | `...` / `..N`  | skip 0–4 / 0–N tokens (1 ≤ N ≤ 12, `MAX_GAP`)                 |
 * | `^` / `$`      | start / end of the sentence (zero width)                      |
 * | `<`            | start of a clause (zero width): sentence start, after `, ; : – — (`, or after a clause link word (the pack's `clauseLinks` lexicon) that itself starts a clause or is one of its `clauseOpeners` |
 * | `!x`           | zero-width: the next token is not `x` (or there is none)      |
 *
 * Punctuation is written as itself (`,` `?` `:`). There is no unbounded repetition, so a
 * pattern cannot backtrack catastrophically: the work per start position is bounded by the
 * pattern's own size (see `MAX_ELEMENTS`, `MAX_GAP`).
 * @module
 */
import type { Token } from './segment.js';
import { isInvisible, normalize } from './segment.js';

export const MAX_ELEMENTS = 24;
export const MAX_GAP = 12;
export const MAX_OPTIONAL = 8;

type Atom =
  | { k: 'word'; v: string }
  | { k: 'prefix'; v: string }
  | { k: 'seq'; v: string[] }
  | { k: 'lex'; v: string }
  | { k: 'tag'; v: string }
  | { k: 'any' };

type Element =
  | { k: 'atoms'; atoms: Atom[]; optional: boolean; capture?: string }
  | { k: 'gap'; max: number; capture?: string }
  | { k: 'start' }
  | { k: 'end' }
  | { k: 'clause' }
  | { k: 'not'; atoms: Atom[] };

export interface CompiledPattern {
  source: string;
  elements: Element[];
  anchored: boolean;
  usesTags: boolean;
  /** Words of which at least one must be in the sentence (cheap gate); null = no gate. */
  gate: string[] | null;
  /**
   * The words of each other required element that can only match listed words (literal words,
   * word sequences, lexicons without prefixes): a sentence must hold one word of every set.
   */
  gates: Array<Set<string>>;
  /**
   * The index of these gates (set by {@link indexGates}: one per pack) and their ids in it: a
   * sentence then looks up its own words once for every gate of the pack.
   */
  gateIndex?: GateIndex;
  gateIds?: number[];
  /**
   * The normalised words a match can start with (its first consuming token), or null when a
   * tag, prefix, `*` or gap could start it: start positions whose token is not in the set are
   * not tried.
   */
  first: Set<string> | null;
}

/** The gate word sets of a pack's patterns, numbered, and for each word the gates it opens. */
export class GateIndex {
  readonly byWord = new Map<string, number[]>();
  size = 0;
  add(words: Iterable<string>): number {
    const id = this.size++;
    for (const w of words) {
      const ids = this.byWord.get(w);
      if (!ids) this.byWord.set(w, [id]);
      else if (ids[ids.length - 1] !== id) ids.push(id);
    }
    return id;
  }
  /** Per gate id: 1 when one of `words` opens it. */
  open(words: Iterable<string>): Uint8Array {
    const out = new Uint8Array(this.size);
    for (const w of words) {
      const ids = this.byWord.get(w);
      if (ids) for (const id of ids) out[id] = 1;
    }
    return out;
  }
}

/** Number the gates of `patterns` (one pack's, compiled together) in one index. */
export function indexGates(patterns: Iterable<CompiledPattern>): GateIndex {
  const index = new GateIndex();
  for (const p of patterns) {
    if (p.gateIndex) continue;
    const ids: number[] = [];
    if (p.gate) ids.push(index.add(p.gate));
    for (const g of p.gates) ids.push(index.add(g));
    p.gateIndex = index;
    p.gateIds = ids;
  }
  return index;
}

/** A compiled lexicon: first token → token sequences (longest first), plus prefixes. */
export interface CompiledLexicon {
  seqs: Map<string, string[][]>;
  prefixes: string[];
  map?: Map<string, string>;
}

export class PatternError extends Error {}

/** Tokenise a phrase the way sentences are tokenised, to the normalised token list. */
export type PhraseTokenizer = (phrase: string) => string[];

export function compileLexicon(entries: string[] | Record<string, string>, tokenize: PhraseTokenizer): CompiledLexicon {
  const list = Array.isArray(entries) ? entries : Object.keys(entries);
  const seqs = new Map<string, string[][]>();
  const prefixes: string[] = [];
  for (const entry of list) {
    if (/^[^\s*]+\*$/.test(entry)) {
      prefixes.push(normalize(entry.slice(0, -1)));
      continue;
    }
    const toks = tokenize(entry);
    if (!toks.length) continue;
    const first = toks[0]!;
    let arr = seqs.get(first);
    if (!arr) seqs.set(first, (arr = []));
    arr.push(toks);
  }
  for (const arr of seqs.values()) arr.sort((a, b) => b.length - a.length);
  const out: CompiledLexicon = { seqs, prefixes };
  if (!Array.isArray(entries)) {
    out.map = new Map();
    for (const [k, v] of Object.entries(entries)) out.map.set(tokenize(k).join(' '), v);
  }
  return out;
}

/** Compile one pattern. Throws PatternError naming the problem. */
export function compilePattern(source: string, lexicons: Record<string, CompiledLexicon>): CompiledPattern {
  const parts = source.trim().split(/\s+/);
  if (!parts.length || !parts[0]) throw new PatternError('empty pattern');
  if (parts.length > MAX_ELEMENTS) throw new PatternError(`more than ${MAX_ELEMENTS} elements`);
  const elements: Element[] = [];
  let optionals = 0;
  let usesTags = false;
  for (const raw of parts) {
    let part = raw;
    let capture: string | undefined;
    const cap = /^([a-z][a-z0-9]*):(.+)$/i.exec(part);
    if (cap) {
      capture = cap[1];
      part = cap[2]!;
    }
    if (part === '^') {
      elements.push({ k: 'start' });
      continue;
    }
    if (part === '$') {
      elements.push({ k: 'end' });
      continue;
    }
    if (part === '<') {
      elements.push({ k: 'clause' });
      continue;
    }
    if (part.length > 1 && part.startsWith('!')) {
      const atoms = parseAtoms(part.slice(1), raw, lexicons);
      if (atoms.some((a) => a.k === 'tag')) usesTags = true;
      elements.push({ k: 'not', atoms });
      continue;
    }
    const gap = /^\.\.(\.|\d+)$/.exec(part);
    if (gap) {
      const max = gap[1] === '.' ? 4 : Number(gap[1]);
      if (max < 1 || max > MAX_GAP) throw new PatternError(`gap "${part}" must be between ..1 and ..${MAX_GAP}`);
      elements.push(capture ? { k: 'gap', max, capture } : { k: 'gap', max });
      continue;
    }
    let optional = false;
    if (part.length > 1 && part.endsWith('?')) {
      optional = true;
      part = part.slice(0, -1);
      if (++optionals > MAX_OPTIONAL) throw new PatternError(`more than ${MAX_OPTIONAL} optional elements`);
    }
    const atoms = parseAtoms(part, raw, lexicons);
    if (atoms.some((a) => a.k === 'tag')) usesTags = true;
    elements.push(capture ? { k: 'atoms', atoms, optional, capture } : { k: 'atoms', atoms, optional });
  }
  if (elements.every((e) => e.k !== 'atoms' || e.optional)) {
    throw new PatternError('a pattern needs at least one element that is not optional');
  }
  // Gate: the words that can start the first required element; at least one of them must be
  // in the sentence. Literal words, word sequences and lexicons give such words; a tag, a prefix
  // or `*` could match anything, so a pattern whose first required element has one has no gate.
  const required = elements.filter((e): e is Extract<Element, { k: 'atoms' }> => e.k === 'atoms' && !e.optional);
  const gate = closedWords(required[0]!.atoms, lexicons);
  const gates: Array<Set<string>> = [];
  for (const e of required.slice(1)) {
    const words = closedWords(e.atoms, lexicons);
    if (words) gates.push(new Set(words));
  }
  return {
    source, elements, anchored: elements[0]?.k === 'start', usesTags, gate, gates, first: firstWords(elements, lexicons),
  };
}

/**
 * The words that can start a match of one of `atoms`, or null when a tag, a prefix or `*` could
 * match any word.
 */
function closedWords(atoms: Atom[], lexicons: Record<string, CompiledLexicon>): string[] | null {
  const words: string[] = [];
  for (const a of atoms) {
    if (a.k === 'word') words.push(a.v);
    else if (a.k === 'seq') words.push(a.v[0]!);
    else if (a.k === 'lex' && !lexicons[a.v]!.prefixes.length) words.push(...lexicons[a.v]!.seqs.keys());
    else return null;
  }
  return words;
}

/** The words the first consuming element can match (through optional ones), or null if open. */
function firstWords(elements: Element[], lexicons: Record<string, CompiledLexicon>): Set<string> | null {
  const out = new Set<string>();
  for (const e of elements) {
    if (e.k === 'clause' || e.k === 'not') continue;
    if (e.k !== 'atoms') return null;
    for (const a of e.atoms) {
      if (a.k === 'word') out.add(a.v);
      else if (a.k === 'seq') out.add(a.v[0]!);
      else if (a.k === 'lex' && !lexicons[a.v]!.prefixes.length) for (const w of lexicons[a.v]!.seqs.keys()) out.add(w);
      else return null;
    }
    if (!e.optional) return out;
  }
  return null;
}

function parseAtoms(part: string, raw: string, lexicons: Record<string, CompiledLexicon>): Atom[] {
  const atoms: Atom[] = [];
  for (const alt of part === '|' ? ['|'] : part.split('|')) {
    if (!alt) throw new PatternError(`empty alternative in "${raw}"`);
    if (alt.startsWith('@')) {
      const name = alt.slice(1);
      if (!Object.hasOwn(lexicons, name)) throw new PatternError(`unknown lexicon "@${name}"`);
      atoms.push({ k: 'lex', v: name });
    } else if (alt.startsWith('#') && alt.length > 1) {
      atoms.push({ k: 'tag', v: alt.slice(1) });
    } else if (alt === '*') {
      atoms.push({ k: 'any' });
    } else if (alt.includes('_') && (alt.startsWith('_') || alt.endsWith('_') || alt.includes('__'))) {
      throw new PatternError(`empty word in the sequence "${alt}" in "${raw}" (write words joined by single "_")`);
    } else if (alt.includes('_') && alt.length > 1) {
      const words = alt.split('_').filter(Boolean).map(normalize);
      if (!words.length) throw new PatternError(`empty word sequence in "${raw}"`);
      atoms.push(words.length === 1 ? { k: 'word', v: words[0]! } : { k: 'seq', v: words });
    } else if (alt.length > 1 && alt.endsWith('*')) {
      atoms.push({ k: 'prefix', v: normalize(alt.slice(0, -1)) });
    } else {
      atoms.push({ k: 'word', v: normalize(alt) });
    }
  }
  return atoms;
}

/** What the matcher needs to know about a sentence. */
export interface MatchContext {
  tokens: Token[];
  lexicons: Record<string, CompiledLexicon>;
  /** Lazily computed tags per token. */
  tags: () => Array<Set<string>>;
  /**
   * Cheap answer to "could token `i` carry `tag`?" from the word alone. `false` lets a tag atom
   * fail without tagging the sentence (the costly step); `true` means "tag and see".
   */
  mayHaveTag?: (i: number, tag: string) => boolean;
  /** Words that link clauses ("and", "so", "then"): see `<`. */
  clauseLinks?: Set<string>;
  /**
   * Link words after which a clause starts wherever they stand ("it's hard but call her", "if it
   * gets worse then go…"; the pack's `clauseOpeners` lexicon, a subset of `clauseLinks`).
   */
  clauseOpeners?: Set<string>;
  /** Whether `tags()` has been computed already (then a tag costs nothing to look at). */
  tagged?: () => boolean;
  /** Filled in by the matcher on first use: what every pattern asks of the sentence again. */
  facts?: SentenceFacts;
}

/** Facts of one sentence the matcher asks for each pattern and start position, computed once. */
interface SentenceFacts {
  /** Index of the first word token (the token count when there is none). */
  firstWord: number;
  /** Index of the last word token (-1 when there is none). */
  lastWord: number;
  /** Per token: 0 not known yet, 1 starts a clause, 2 does not. */
  clause: Int8Array;
}

function factsOf(ctx: MatchContext): SentenceFacts {
  if (ctx.facts) return ctx.facts;
  const toks = ctx.tokens;
  let firstWord = 0;
  while (firstWord < toks.length && !toks[firstWord]!.word) firstWord++;
  let lastWord = toks.length - 1;
  while (lastWord >= 0 && !toks[lastWord]!.word) lastWord--;
  return (ctx.facts = { firstWord, lastWord, clause: new Int8Array(toks.length) });
}

/**
 * Failed (element, token) pairs of one pattern on one sentence: `step`'s memo. A pair is marked
 * by writing the current generation into a reused array, so starting a new memo costs one
 * increment instead of a new Set (the matcher runs for every pattern of every sentence).
 */
class Failures {
  private marks = new Uint32Array(512);
  private gen = 0;
  /** Forget every mark; keys will be below `size`. */
  reset(size: number): this {
    // A new array (all marks 0) when this one is too small or its generations are used up.
    if (size > this.marks.length || ++this.gen === 0xffffffff) {
      this.marks = new Uint32Array(Math.max(size, this.marks.length * 2));
      this.gen = 1;
    }
    return this;
  }
  has(key: number): boolean {
    return this.marks[key] === this.gen;
  }
  add(key: number): void {
    this.marks[key] = this.gen;
  }
}

/** The memos of the (synchronous) matcher, reused; a nested call makes its own. */
const REAL = new Failures();
const GUESS = new Failures();
let busy = false;

/**
 * True while the matcher asks "could the pattern match here whatever the tags are?": a tag
 * atom then matches wherever `mayHaveTag` allows it and `!#Tag` never blocks. A flag of the
 * (synchronous, non-reentrant) matcher rather than a field of a context copy: no allocation
 * per call, nothing for the garbage collector to trace.
 */
let optimistic = false;

const CLAUSE_PUNCT = new Set([',', ';', ':', '–', '—', '(', '-', '…']);
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** Whether token index `ti` starts a clause. */
export function isClauseStart(ctx: MatchContext, ti: number): boolean {
  const toks = ctx.tokens;
  if (ti >= toks.length) return false;
  const facts = factsOf(ctx);
  const known = facts.clause[ti]!;
  if (known) return known === 1;
  let v = false;
  if (ti <= facts.firstWord) v = true;
  else {
    const prev = toks[ti - 1]!;
    // An emoji between words ends a thought in chat ("miss you 💕 call me"), as a comma would.
    if (!prev.word) {
      // An invisible format character (a zero-width space in pasted text) is looked through.
      v = CLAUSE_PUNCT.has(prev.text) || /^[.!?]+$/.test(prev.text) || PICTOGRAPH.test(prev.text) || (isInvisible(prev.text) && isClauseStart(ctx, ti - 1));
    }
    else if (ctx.clauseLinks?.has(prev.norm)) v = !!ctx.clauseOpeners?.has(prev.norm) || isClauseStart(ctx, ti - 1);
  }
  facts.clause[ti] = v ? 1 : 2;
  return v;
}

export interface Match {
  start: number; // token index
  end: number; // token index, exclusive
  captures: Record<string, [number, number]>; // token index spans
}

/** Match lengths no caller changes: shared, so that a failed test allocates nothing. */
const NONE: readonly number[] = [];
const ONE: readonly number[] = [1];

function lexLengths(lex: CompiledLexicon, tokens: Token[], i: number): readonly number[] {
  const t = tokens[i];
  if (!t) return NONE;
  let out: number[] | undefined;
  const add = (len: number) => (out ??= []).push(len);
  const seqs = lex.seqs.get(t.norm);
  if (seqs) {
    for (const seq of seqs) {
      let ok = true;
      for (let j = 1; j < seq.length; j++) {
        if (tokens[i + j]?.norm !== seq[j]) {
          ok = false;
          break;
        }
      }
      if (ok) add(seq.length);
    }
  }
  if (lex.prefixes.length && t.word) {
    for (const p of lex.prefixes) if (t.norm.startsWith(p)) {
      add(1);
      break;
    }
  }
  return out ?? NONE;
}

function atomLengths(a: Atom, ctx: MatchContext, i: number): readonly number[] {
  const t = ctx.tokens[i];
  if (!t) return NONE;
  switch (a.k) {
    case 'word':
      return t.norm === a.v ? ONE : NONE;
    case 'prefix':
      return t.word && t.norm.startsWith(a.v) ? ONE : NONE;
    case 'seq': {
      for (let j = 0; j < a.v.length; j++) if (ctx.tokens[i + j]?.norm !== a.v[j]) return NONE;
      return [a.v.length];
    }
    case 'any':
      return t.word ? ONE : NONE;
    case 'lex':
      return lexLengths(ctx.lexicons[a.v]!, ctx.tokens, i);
    case 'tag':
      if (ctx.mayHaveTag && !ctx.mayHaveTag(i, a.v)) return NONE;
      if (optimistic) return ONE;
      return ctx.tags()[i]?.has(a.v) ? ONE : NONE;
  }
}

/** Find the first match of `p` starting at or after token `from`. */
export function matchAt(p: CompiledPattern, ctx: MatchContext, from = 0): Match | null {
  return matches(p, ctx, from, true)[0] ?? null;
}

/** All non-overlapping matches, left to right. */
export function matchAll(p: CompiledPattern, ctx: MatchContext): Match[] {
  return matches(p, ctx, 0, false);
}

/**
 * Matches from `from` on (the first only when `once`). One failure memo serves them all: it
 * only records failures, which do not depend on the start.
 */
function matches(p: CompiledPattern, ctx: MatchContext, from: number, once: boolean): Match[] {
  const nested = busy;
  busy = true;
  const real = (nested ? new Failures() : REAL).reset((p.elements.length + 1) * (ctx.tokens.length + 1));
  const guess = nested ? new Failures() : GUESS;
  const out: Match[] = [];
  try {
    while (from < ctx.tokens.length) {
      const m = matchFrom(p, ctx, from, real, guess);
      if (!m) break;
      out.push(m);
      if (once || p.anchored) break;
      from = Math.max(m.end, from + 1);
    }
  } finally {
    busy = nested;
  }
  return out;
}

/** The first match at or after `from`. */
function matchFrom(p: CompiledPattern, ctx: MatchContext, from: number, memo: Failures, guess: Failures): Match | null {
  const n = ctx.tokens.length;
  const last = p.anchored ? Math.min(n - 1, 0) : n - 1;
  // Capture names come from the pack ("constructor:*"): no prototype to collide with. A failed
  // attempt leaves no capture behind (each element removes its own), so one object serves
  // every start position until a match keeps it.
  const caps: Record<string, [number, number]> = Object.create(null);
  // Before the sentence is tagged (the costly step), a start position is tried for real only
  // when the pattern could match there whatever the tags turn out to be: a match with the
  // real tags is also a match of that optimistic reading, so no match is lost.
  let guessMemo: Failures | undefined;
  for (let s = p.anchored ? 0 : from; s <= last; s++) {
    if (s < from) continue;
    if (p.first && !p.first.has(ctx.tokens[s]!.norm)) continue;
    if (p.usesTags && ctx.tagged && !ctx.tagged()) {
      optimistic = true;
      let maybe: number;
      try {
        maybe = step(p.elements, 0, s, ctx, caps, (guessMemo ??= guess.reset((p.elements.length + 1) * (n + 1))));
      } finally {
        optimistic = false;
      }
      for (const k in caps) delete caps[k];
      if (maybe === -1 || maybe <= s) continue;
    }
    const end = step(p.elements, 0, s, ctx, caps, memo);
    // A match must consume at least one token.
    if (end !== -1 && end > s) return { start: firstConsumed(p, ctx, s), end, captures: caps };
    for (const k in caps) delete caps[k];
  }
  return null;
}

function firstConsumed(_p: CompiledPattern, ctx: MatchContext, s: number): number {
  // Leading punctuation skipped by ^ is not part of the match.
  let i = s;
  while (i < ctx.tokens.length - 1 && !ctx.tokens[i]!.word && /^["“”'‘’«»(\-–—*•]$/.test(ctx.tokens[i]!.text)) i++;
  return i;
}

function step(els: Element[], ei: number, ti: number, ctx: MatchContext, caps: Record<string, [number, number]>, memo: Failures): number {
  if (ei === els.length) return ti;
  // Whether elements ei… match from token ti does not depend on how we got here: remember
  // failures, so bounded gaps and optional elements cost O(elements × tokens) per start.
  const key = ei * (ctx.tokens.length + 1) + ti;
  if (memo.has(key)) return -1;
  const r = stepOnce(els, ei, ti, ctx, caps, memo);
  if (r === -1) memo.add(key);
  return r;
}

function stepOnce(els: Element[], ei: number, ti: number, ctx: MatchContext, caps: Record<string, [number, number]>, memo: Failures): number {
  const e = els[ei]!;
  const tokens = ctx.tokens;
  if (e.k === 'start') {
    // Start of sentence, allowing leading punctuation such as a quote mark or a list bullet.
    if (ti > factsOf(ctx).firstWord) return -1;
    // Also try skipping leading punctuation.
    for (let t = ti; t <= tokens.length; t++) {
      if (t > ti && tokens[t - 1]!.word) break;
      const r = step(els, ei + 1, t, ctx, caps, memo);
      if (r !== -1) return r;
    }
    return -1;
  }
  if (e.k === 'clause') {
    return isClauseStart(ctx, ti) ? step(els, ei + 1, ti, ctx, caps, memo) : -1;
  }
  if (e.k === 'not') {
    for (const a of e.atoms) if (!(optimistic && a.k === 'tag') && atomLengths(a, ctx, ti).length) return -1;
    return step(els, ei + 1, ti, ctx, caps, memo);
  }
  if (e.k === 'end') {
    return ti > factsOf(ctx).lastWord ? step(els, ei + 1, ti, ctx, caps, memo) : -1;
  }
  if (e.k === 'gap') {
    for (let g = 0; g <= e.max && ti + g <= tokens.length; g++) {
      if (e.capture) caps[e.capture] = [ti, ti + g];
      const r = step(els, ei + 1, ti + g, ctx, caps, memo);
      if (r !== -1) return r;
    }
    if (e.capture) delete caps[e.capture];
    return -1;
  }
  for (const a of e.atoms) {
    for (const len of atomLengths(a, ctx, ti)) {
      if (e.capture) caps[e.capture] = [ti, ti + len];
      const r = step(els, ei + 1, ti + len, ctx, caps, memo);
      if (r !== -1) return r;
    }
  }
  if (e.optional) {
    if (e.capture) delete caps[e.capture];
    return step(els, ei + 1, ti, ctx, caps, memo);
  }
  if (e.capture) delete caps[e.capture];
  return -1;
}

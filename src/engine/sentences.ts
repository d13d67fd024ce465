/**
 * The sentences of one part of a text (the whole text, or a paragraph when the language is
 * detected per paragraph), made when needed. Each sentence is tokenised on its own, with
 * offsets relative to itself; `offset(i)` says where it starts in the whole text.
 * @module
 */
import { sentenceAt, sentenceSpans, type Sentence } from '../segment.js';
import type { CompiledPack } from './compile.js';
import { makeState, type SentenceState } from './state.js';

/** Texts with at most this many sentences keep tokens and state between the two passes. */
const KEEP_SENTENCES = 256;

export interface Sentences {
  readonly count: number;
  /** The i-th sentence: its offsets (and its tokens') start at 0. */
  sentence(i: number): Sentence;
  /** Where the i-th sentence starts in the whole text. */
  offset(i: number): number;
  /** Words, tags and guards of the i-th sentence for `pack`. */
  state(i: number): SentenceState;
}

/**
 * The sentences of `part`, which starts at `baseOffset` of the whole text. A short text keeps
 * tokens and per-sentence state for both passes (crisis scan, then rules); a long one rebuilds
 * them, so that memory stays flat on a document of many megabytes.
 */
export function sentencesOf(part: string, lang: string, baseOffset: number, pack: CompiledPack): Sentences {
  const spans = sentenceSpans(part, lang);
  const keep = spans.length <= KEEP_SENTENCES;
  const kept: Sentence[] = [];
  const states: SentenceState[] = [];
  const sentence = (i: number): Sentence => {
    if (keep && kept[i]) return kept[i]!;
    const [start, end] = spans[i]!;
    const s = sentenceAt(part.slice(start, end), 0, end - start, lang);
    if (keep) kept[i] = s;
    return s;
  };
  return {
    count: spans.length,
    sentence,
    offset: (i) => baseOffset + spans[i]![0],
    state: (i) => (keep ? (states[i] ??= makeState(sentence(i), pack)) : makeState(sentence(i), pack)),
  };
}

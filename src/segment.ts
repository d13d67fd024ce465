/**
 * Sentences and tokens from `Intl.Segmenter`, with UTF-16 offsets into the original text.
 * @module
 */
import { splitBlockBreaks } from './linear.js';

/**
 * A word or punctuation token. Whitespace is not a token.
 * @example
 * ```ts
 * import type { LanguageSupport, Token } from 'peerspeak';
 * const support: LanguageSupport = {
 *   code: 'nb',
 *   mayHaveTag: (token: Token, tag: string) => token.word && tag === '#Imp',
 * };
 * ```
 */
export interface Token {
  /** Text as written. */
  text: string;
  /** Lower case, typographic apostrophes folded to `'`. */
  norm: string;
  start: number;
  end: number;
  word: boolean;
}

/**
 * A sentence with its tokens. `start`/`end` exclude surrounding whitespace.
 * @example
 * ```ts
 * import type { LanguageSupport, Sentence } from 'peerspeak';
 * const support: LanguageSupport = {
 *   code: 'nb',
 *   tag: (sentence: Sentence) => sentence.tokens.map((t) => new Set(t.norm === 'ring' ? ['#Imp'] : [])),
 * };
 * ```
 */
export interface Sentence {
  start: number;
  end: number;
  text: string;
  tokens: Token[];
}

const segmenters = new Map<string, { s: Intl.Segmenter; w: Intl.Segmenter }>();
function segmentersFor(lang: string) {
  let s = segmenters.get(lang);
  if (!s) {
    s = {
      s: new Intl.Segmenter(lang, { granularity: 'sentence' }),
      w: new Intl.Segmenter(lang, { granularity: 'word' }),
    };
    segmenters.set(lang, s);
  }
  return s;
}

/** Fold case and typographic apostrophes. */
export function normalize(word: string): string {
  return word.toLowerCase().replace(/[\u2019\u2018\u02bc]/g, "'");
}

// Abbreviations after which Intl.Segmenter splits a sentence too early.
const ABBREV = /(?:^|[\s(])(?:dr|mr|mrs|ms|st|vs|etc|e\.g|i\.e|t\.ex|bl\.a|d\.v\.s|f\.eks|bl\.a|osv|mfl|ca|jfr|nr|prof)\.\s*$/i;

/**
 * Longest piece handed to `Intl.Segmenter` at once: V8's sentence iteration is quadratic in
 * the length of the string, so long text is fed line by line, and a line longer than this is
 * cut after a sentence end (or, failing that, at a space) near this length.
 */
const MAX_PIECE = 2000;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The last grapheme boundary after `start` and at or before `at`: a forced cut never falls
 * inside a surrogate pair, an emoji sequence or between a letter and its combining marks (a
 * finding or suggestion range would otherwise end between the two halves of a character).
 * Only a short window around `at` is segmented, so the cost per cut is constant; a single
 * "character" longer than that window (a letter with hundreds of combining marks) is cut
 * between code points.
 */
export function graphemeCut(text: string, start: number, at: number): number {
  const from = Math.max(start, at - 64);
  let best = -1;
  for (const g of graphemes.segment(text.slice(from, Math.min(text.length, at + 64)))) {
    const b = from + g.index;
    if (b > at) break;
    if (g.index > 0) best = b;
  }
  if (best > start) return best;
  const c = text.charCodeAt(at);
  const p = text.charCodeAt(at - 1);
  return c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff && at - 1 > start ? at - 1 : at;
}

function* pieces(text: string): Generator<[number, number]> {
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    let lineStart = start;
    const lineEnd = nl < text.length ? nl + 1 : nl;
    while (lineEnd - lineStart > MAX_PIECE) {
      const window = text.slice(lineStart, lineStart + MAX_PIECE);
      let cut = -1;
      const re = /[.!?…]["”’)\]]*\s+/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(window))) if (m.index + m[0].length < window.length) cut = m.index + m[0].length;
      if (cut <= 0) cut = window.lastIndexOf(' ') + 1;
      if (cut <= 0) cut = graphemeCut(text, lineStart, lineStart + MAX_PIECE) - lineStart;
      yield [lineStart, lineStart + cut];
      lineStart += cut;
    }
    if (lineEnd > lineStart) yield [lineStart, lineEnd];
    start = lineEnd;
  }
}

/** Split `text` into sentences with tokens. Offsets refer to `text`. */
export function segment(text: string, lang: string): Sentence[] {
  return sentenceSpans(text, lang).map(([start, end]) => sentenceAt(text, start, end, lang));
}

/**
 * The sentences of `text` as `[start, end]` offsets, without tokens: a long document keeps
 * only these and tokenises one sentence at a time (see {@link sentenceAt}).
 */
export function sentenceSpans(text: string, lang: string): Array<[number, number]> {
  const { s: sentSeg } = segmentersFor(lang);
  const spans: Array<[number, number]> = [];
  for (const [pStart, pEnd] of pieces(text)) {
    for (const part of sentSeg.segment(text.slice(pStart, pEnd))) {
      // Sentences never cross a blank line or a line break followed by a list-like start.
      const seg = part.segment;
      let offset = pStart + part.index;
      const bits = splitBlockBreaks(seg);
      for (let i = 0; i < bits.length; i++) {
        const bit = bits[i]!;
        if (i % 2 === 0) {
          // Chat drops capitals: "i tried that. call her tomorrow." is two sentences, though
          // the segmenter (UAX #29) reads a full stop before a lower-case word as no end.
          let from = 0;
          for (const cut of lowerCaseStarts(bit)) {
            pushMerged(spans, text, offset + from, offset + cut);
            from = cut;
          }
          pushMerged(spans, text, offset + from, offset + bit.length);
        }
        offset += bit.length;
      }
    }
  }
  return spans;
}

const LOWER = /\p{Ll}/u;
/**
 * White space around a sentence, with the invisible format characters of pasted text (zero-width
 * space, byte-order mark, direction marks and overrides).
 */
const SPACE = /[\s\p{Cf}]/u;
const FORMAT = /\p{Cf}/u;
const FORMAT_ONLY = /^\p{Cf}+$/u;
/** A token of invisible format characters only (a zero-width space in pasted text): looked through at clause edges. */
export const isInvisible = (text: string): boolean => FORMAT_ONLY.test(text);
const LETTER = /\p{L}/u;
/**
 * Where a sentence starts with a lower-case word after a full stop inside `s`: after a word of
 * two or more letters (not "a.m.", "J.", a number or "…"), a single full stop and white space
 * (or a zero-width space, after which a capital starts a sentence too).
 * Abbreviations ("e.g. the") are joined back by {@link pushMerged}. One pass, linear: each
 * word is looked at once, by the full stop after it.
 */
export function lowerCaseStarts(s: string): number[] {
  const cuts: number[] = [];
  for (let i = 1; i < s.length - 2; i++) {
    if (s[i] !== '.' || s[i - 1] === '.' || s[i + 1] === '.') continue;
    // A comma typed after the full stop ("ok., so", "ham., Eftersom") does not join the sentences.
    const comma = s[i + 1] === ',';
    let j = i + 1 + (comma ? 1 : 0);
    let invisible = false;
    for (; j < s.length && SPACE.test(s[j]!); j++) if (FORMAT.test(s[j]!)) invisible = true;
    // A zero-width space or another format character (pasted text) hides the space the
    // segmenter needs: any letter starts the next sentence after it ("…anxiety.\u200BIt's
    // normal"), as after a full stop and a comma; otherwise only a lower-case one.
    if (j === i + 1 + (comma ? 1 : 0) || j >= s.length || !(invisible || comma ? LETTER : LOWER).test(s[j]!)) continue;
    let w = i;
    while (w > 0 && i - w < 3 && LETTER.test(s[w - 1]!)) w--;
    if (i - w < 2 || (w > 0 && s[w - 1] === '.')) continue;
    cuts.push(j);
  }
  return cuts;
}

/**
 * Append the sentence `text[start, end)` without its surrounding whitespace, or re-join it to
 * the previous one when that ends with an abbreviation ("Dr. Smith"). Only the end of the
 * sentence so far is looked at (an abbreviation is a few characters), and a merged sentence
 * stays within MAX_PIECE: "Dr. " repeated 50,000 times is 100 sentences, not one of 200 kB
 * (which the English tagger cannot handle), and the merge stays linear. Merging as the
 * segmenter's sentences arrive keeps only the merged ones: 10 MB of "Dr. " is 2.5 million
 * sentences before the merge (about 200 MB as spans), 5,000 after.
 */
function pushMerged(merged: Array<[number, number]>, text: string, start: number, end: number): void {
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  if (end <= start) return;
  const prev = merged[merged.length - 1];
  if (prev && end - prev[0] <= MAX_PIECE && endsWithAbbreviation(text, prev[0], prev[1]) && !hasNewline(text, prev[1], start)) prev[1] = end;
  else merged.push([start, end]);
}

/** Longest stretch of text that {@link ABBREV} can match: a separator, `d.v.s`, `.` and a little slack. */
const ABBREV_TAIL = 16;

/** Whether `text[start, end)` ends with an abbreviation: {@link ABBREV} on its last few characters. */
function endsWithAbbreviation(text: string, start: number, end: number): boolean {
  const from = Math.max(start, end - ABBREV_TAIL);
  const tail = text.slice(from, end);
  // Cut out of a longer sentence, the tail's first character is not the sentence start: the
  // `^` of the pattern must not match there.
  return ABBREV.test(from > start ? '\u0000' + tail : tail);
}

function hasNewline(text: string, start: number, end: number): boolean {
  // A loop, not indexOf: indexOf would scan on to the next line break, far past `end` on a long line.
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) return true;
  return false;
}

/** The sentence of `text` between `start` and `end`, with its tokens. */
export function sentenceAt(text: string, start: number, end: number, lang: string): Sentence {
  const stext = text.slice(start, end);
  if (lang === 'en') return { start, end, text: stext, tokens: wordsOf(stext, start) };
  const { w: wordSeg } = segmentersFor(lang);
  const tokens: Token[] = [];
  for (const w of wordSeg.segment(stext)) {
    const t = w.segment;
    if (!t.trim()) continue;
    tokens.push({
      text: t,
      norm: normalize(t),
      start: start + w.index,
      end: start + w.index + t.length,
      word: !!w.isWordLike,
    });
  }
  return { start, end, text: stext, tokens };
}

/**
 * English words without `Intl.Segmenter`: the word boundaries of UAX #29 that English prose
 * meets, as one linear regular expression. ICU's word iteration was a quarter of the time of a
 * check; this is about 25 times cheaper. Letters, marks, digits and `_` make words; an
 * apostrophe, `.`, `:` or `·` between letters ("don't", "e.g") and `.` `,` `;` or an apostrophe
 * between digits ("3.5", "1,000") stay inside a word. Every other character is its own token,
 * with its combining marks, variation selectors, emoji modifiers and ZWJ sequences, and a flag
 * is one token (a surrogate pair or an emoji is never split). `test/english.test.ts` compares
 * the two on English prose. Swedish and Danish keep `Intl.Segmenter`.
 */
const EN_TOKEN =
  /[\p{L}\p{N}_][\p{L}\p{M}\p{N}_\p{Cf}]*(?:[.:·'’](?=\p{L})[\p{L}\p{M}\p{N}_\p{Cf}]+|[.,;'’](?=\p{N})[\p{L}\p{M}\p{N}_\p{Cf}]+)*|[\u{1F1E6}-\u{1F1FF}]{2}|\S[\p{M}\p{Emoji_Modifier}\u200d\ufe0f]*(?:(?<=\u200d)\p{Extended_Pictographic}[\p{M}\p{Emoji_Modifier}\u200d\ufe0f]*)*/gu;
const WORD_START = /^[\p{L}\p{M}\p{N}_\p{Cf}]/u;

/** The tokens of a phrase, without sentence segmentation (rule-pack lexicon entries). */
export function tokenize(phrase: string, lang: string): Token[] {
  if (lang === 'en') return wordsOf(phrase, 0);
  const tokens: Token[] = [];
  for (const w of segmentersFor(lang).w.segment(phrase)) {
    if (!w.segment.trim()) continue;
    tokens.push({ text: w.segment, norm: normalize(w.segment), start: w.index, end: w.index + w.segment.length, word: !!w.isWordLike });
  }
  return tokens;
}

function wordsOf(stext: string, offset: number): Token[] {
  const tokens: Token[] = [];
  EN_TOKEN.lastIndex = 0;
  for (let m = EN_TOKEN.exec(stext); m; m = EN_TOKEN.exec(stext)) {
    const t = m[0];
    tokens.push({ text: t, norm: normalize(t), start: offset + m.index, end: offset + m.index + t.length, word: WORD_START.test(t) &&
      /[\p{L}\p{N}]/u.test(t) });
  }
  return tokens;
}

/**
 * 1-based line and column of a UTF-16 offset.
 * @example
 * ```ts
 * import { lineColumn, lineStartsOf } from 'peerspeak';
 * lineColumn(lineStartsOf('one\ntwo'), 5); // { line: 2, column: 2 }
 * ```
 */
export function lineColumn(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

/**
 * Offsets at which each line starts (after `\n`, `\r\n` or a lone `\r`).
 * @example
 * ```ts
 * import { lineStartsOf } from 'peerspeak';
 * lineStartsOf('one\ntwo\r\nthree'); // [0, 4, 9]
 * ```
 */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

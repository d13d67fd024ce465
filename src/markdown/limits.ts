/**
 * Bounds on what the Markdown parser is given, so that valid input never throws and never
 * hangs (issue 16, items 2 and 3):
 *
 * - **Nesting depth.** Container markers (`>`, `-`, `*`, `+`, `1.`, `1)`) past
 *   {@link MAX_DEPTH} levels on a line are read as plain text: the parser and the syntax-tree
 *   utilities recurse per level (5,000 `>` overflowed the stack) and keep a node per level and
 *   line (lines of 200 `>` took 1,000 times their size in memory).
 * - **Parse size.** micromark is quadratic on some shapes (`[a](` repeated: 1 MB took three
 *   minutes). A document is parsed in runs of at most {@link MAX_PARSE} characters split where
 *   no construct continues; a stretch longer than that with nowhere to split is checked as
 *   plain text. Either way the document is checked and the fallback is reported.
 * @module
 * @internal
 */

/** Container levels parsed as Markdown on one line; deeper markers are plain text. */
export const MAX_DEPTH = 16;

/** Longest text handed to the Markdown parser at once. */
export const MAX_PARSE = 64 * 1024;

/**
 * Container blocks (a quote or list item starting after a blank line) handed to the parser at
 * once. micromark's document tokenizer rewrites its whole event list each time containers
 * close, so its time grows with the square of their number in one parse: lines of `>>>> x`
 * between blank lines took 43 s for 50 kB, lines of 200 `>` about 40 s per MB.
 */
export const MAX_CONTAINER_BLOCKS = 32;

/** A line of `text` from `p`: its end (its \n, or `end`), the end of its indentation (spaces and tabs), and whether it is blank. */
function lineFrom(text: string, p: number, end: number): { end: number; indent: number; blank: boolean } {
  let nl = text.indexOf('\n', p);
  if (nl < 0 || nl > end) nl = end;
  let q = p;
  while (q < nl && (text.charCodeAt(q) === 0x20 || text.charCodeAt(q) === 9)) q++;
  return { end: nl, indent: q, blank: q === nl || (q === nl - 1 && text.charCodeAt(q) === 13) };
}

/** How many lines of `text[start, end)` start a container block: a quote or list marker first on a line after a blank line (or at `start`). */
export function containerStarts(text: string, start = 0, end = text.length): number {
  let n = 0;
  let prevBlank = true;
  let p = start;
  while (p < end) {
    const { end: nl, indent: q, blank: blankLine } = lineFrom(text, p, end);
    if (prevBlank && !blankLine && markerAt(text, q)) n++;
    prevBlank = blankLine;
    p = nl + 1;
  }
  return n;
}

/** Stand-in for a neutralised marker in the parser's copy: not whitespace to CommonMark, no construct. */
const NEUTRAL = '\u00a0';

/** The length of a container marker at `p` (`>`, a bullet or an ordinal followed by a space, tab or line end), or 0. */
function markerAt(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (c === 0x3e) return 1; // >
  let len = 0;
  if (c === 0x2d || c === 0x2a || c === 0x2b) len = 1; // - * +
  else {
    let q = p;
    while (q - p < 9 && text.charCodeAt(q) >= 0x30 && text.charCodeAt(q) <= 0x39) q++;
    if (q > p && (text.charCodeAt(q) === 0x2e || text.charCodeAt(q) === 0x29)) len = q - p + 1;
  }
  if (!len) return 0;
  const after = text.charCodeAt(p + len);
  return Number.isNaN(after) || after === 0x20 || after === 9 || after === 10 || after === 13 ? len : 0;
}

/**
 * The container markers of `text` that lie deeper than `maxDepth`, as `[start, end)` ranges.
 * A line's depth counts its markers, plus one level per two columns of indentation before the
 * first one (nested lists indent instead of repeating markers). One pass over the text.
 */
export function deepMarkers(text: string, maxDepth = MAX_DEPTH): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let p = 0;
  while (p < text.length) {
    let depth = 0;
    let first = true;
    let prevDeep = false;
    for (;;) {
      let cols = 0;
      while (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 9) {
        cols += text.charCodeAt(p) === 9 ? 4 - (cols % 4) : 1;
        p++;
      }
      const len = markerAt(text, p);
      if (!len) break;
      depth += 1 + (first ? cols >> 1 : 0);
      first = false;
      if (depth > maxDepth) {
        // One range per line: consecutive deep markers and the blanks between them merge.
        if (prevDeep) out[out.length - 1]![1] = p + len;
        else out.push([p, p + len]);
        prevDeep = true;
      }
      p += len;
    }
    const nl = text.indexOf('\n', p);
    p = nl < 0 ? text.length : nl + 1;
  }
  return out;
}

/** `text` with each range replaced by as many {@link NEUTRAL} characters (same length). */
export function neutralise(text: string, ranges: Array<[number, number]>): string {
  if (!ranges.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [a, b] of ranges) {
    parts.push(text.slice(at, a), NEUTRAL.repeat(b - a));
    at = b;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** `mask` with each range blanked (same length). */
export function blank(mask: string, ranges: Array<[number, number]>): string {
  if (!ranges.length) return mask;
  const parts: string[] = [];
  let at = 0;
  for (const [a, b] of ranges) {
    parts.push(mask.slice(at, a), ' '.repeat(b - a));
    at = b;
  }
  parts.push(mask.slice(at));
  return parts.join('');
}

/** Runs of non-blank lines of `text[start, end)`, as `[start, end)` offsets into `text`. */
export function lineRuns(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let runStart = -1;
  let p = start;
  while (p < end) {
    let nl = text.indexOf('\n', p);
    if (nl < 0 || nl > end) nl = end;
    let blankLine = true;
    for (let i = p; i < nl; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 9 && c !== 13) {
        blankLine = false;
        break;
      }
    }
    if (blankLine) {
      if (runStart >= 0) out.push([runStart, p]);
      runStart = -1;
    } else if (runStart < 0) runStart = p;
    p = nl + 1;
  }
  if (runStart >= 0) out.push([runStart, end]);
  return out;
}

/**
 * Split points for a stretch that `markdownSections` could not split (it stops splitting at
 * the first fence inside a list item, and keeps a document with a reference definition or a
 * `peerspeak-disable` region whole): the starts of lines that are not indented and follow a
 * blank line outside any code fence, fenced at any indentation. Only used for text longer than
 * {@link MAX_PARSE}, where the choice is between this and plain text. Offsets refer to `text`.
 */
export function looseSplits(text: string, start: number, end: number): number[] {
  const out: number[] = [];
  let fence: { ch: number; len: number } | null = null;
  let prevBlank = false;
  let p = start;
  while (p < end) {
    const { end: nl, indent: q, blank: blankLine } = lineFrom(text, p, end);
    const ch = text.charCodeAt(q);
    let run = 0;
    if (ch === 0x60 || ch === 0x7e) while (text.charCodeAt(q + run) === ch) run++;
    if (fence) {
      if (run >= fence.len && ch === fence.ch) fence = null;
    } else {
      if (!blankLine && prevBlank && q === p && p > start) out.push(p);
      if (run >= 3) fence = { ch, len: run };
    }
    prevBlank = blankLine && !fence;
    p = nl + 1;
  }
  return out;
}

/** Emphasis (`*`, `_`, `~`) or link-bracket (`[`, `]`) characters allowed in one paragraph. */
export const MAX_INLINE_DELIMITERS = 256;

const EMPHASIS = /[*_~]/g;
const BRACKETS = /[[\]]/g;

/**
 * micromark resolves emphasis and link brackets per paragraph in time quadratic in their
 * number (`*a ` × 1,400 then `a* ` × 1,400: 8 kB took seconds). In a paragraph — a run of
 * lines up to a blank line, a list item or a heading, outside code fences — with more than
 * {@link MAX_INLINE_DELIMITERS} of either kind, that kind is replaced by a neutral character
 * in the parser's copy (same length), so the paragraph is read as plain text. Returns the
 * copy and where each such paragraph starts.
 */
export function tameInline(text: string): { source: string; at: number[] } {
  const at: number[] = [];
  const parts: string[] = [];
  let copied = 0;
  let unitStart = -1;
  let emph = 0;
  let brackets = 0;
  const close = (end: number) => {
    if (unitStart >= 0 && (emph > MAX_INLINE_DELIMITERS || brackets > MAX_INLINE_DELIMITERS)) {
      let unit = text.slice(unitStart, end);
      if (emph > MAX_INLINE_DELIMITERS) unit = unit.replace(EMPHASIS, NEUTRAL);
      if (brackets > MAX_INLINE_DELIMITERS) unit = unit.replace(BRACKETS, NEUTRAL);
      parts.push(text.slice(copied, unitStart), unit);
      copied = end;
      at.push(unitStart);
    }
    unitStart = -1;
    emph = brackets = 0;
  };
  let fence: { ch: number; len: number } | null = null;
  let p = 0;
  while (p < text.length) {
    let nl = text.indexOf('\n', p);
    if (nl < 0) nl = text.length;
    // Skip the container prefix: indentation and `>`.
    let q = p;
    for (let c = text.charCodeAt(q); c === 0x20 || c === 9 || c === 0x3e; c = text.charCodeAt(++q));
    const ch = text.charCodeAt(q);
    let run = 0;
    if (ch === 0x60 || ch === 0x7e) while (text.charCodeAt(q + run) === ch) run++;
    const blankLine = q >= nl || (q === nl - 1 && text.charCodeAt(q) === 13);
    if (fence) {
      if (run >= fence.len && ch === fence.ch) fence = null;
    } else if (run >= 3) {
      close(p);
      fence = { ch, len: run };
    } else if (blankLine) {
      close(p);
    } else {
      if (markerAt(text, q) || ch === 0x23) close(p);
      if (unitStart < 0) unitStart = p;
      for (let i = q; i < nl; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x2a || c === 0x5f || c === 0x7e) emph++;
        else if (c === 0x5b || c === 0x5d) brackets++;
      }
    }
    p = nl + 1;
  }
  close(text.length);
  if (!at.length) return { source: text, at };
  parts.push(text.slice(copied));
  return { source: parts.join(''), at };
}

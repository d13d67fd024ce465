/**
 * The prose mask of a parsed Markdown text: the same length as the text, every UTF-16 unit that
 * is not prose replaced by a space and line breaks kept, so a finding's offsets in the mask are
 * its offsets in the file. Container markers on continuation lines, character references and
 * backslash escapes are markup too. Every step is one linear pass that copies runs of the text
 * (never a string per character, never a backtracking pattern): a 10 MB document stays a few strings.
 * @module
 * @internal
 */

/** `text[from, to)` with everything but line breaks replaced by spaces. */
function spaces(text: string, from: number, to: number): string {
  const pieces: string[] = [];
  let run = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (i > run) pieces.push(' '.repeat(i - run));
    pieces.push(text[i]!);
    run = i + 1;
  }
  if (to > run) pieces.push(' '.repeat(to - run));
  return pieces.join('');
}

/**
 * The mask of `markdown` whose prose is the (unsorted, possibly nested) ranges `prose`. On the
 * continuation lines of a range, leading whitespace and `>` belong to the container (a
 * blockquote or list item) and are masked.
 */
export function proseMask(markdown: string, prose: Array<[number, number]>): string {
  prose.sort((x, y) => x[0] - y[0]);
  const pieces: string[] = [];
  let at = 0;
  for (const [a, b] of prose) {
    if (a < at) continue;
    if (a > at) pieces.push(spaces(markdown, at, a));
    let lineStart = true;
    let run = a;
    for (let i = a; i < b; i++) {
      const c = markdown[i]!;
      if (c === '\n' || c === '\r') {
        lineStart = true;
        continue;
      }
      if (lineStart && i > a && (c === ' ' || c === '\t' || c === '>')) {
        pieces.push(markdown.slice(run, i), ' ');
        run = i + 1;
        continue;
      }
      lineStart = false;
    }
    pieces.push(markdown.slice(run, b));
    at = b;
  }
  if (markdown.length > at) pieces.push(spaces(markdown, at, markdown.length));
  return blankEscapes(blankReferences(pieces.join('')));
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * The length of the character reference at `at` (an `&`), or 0: `&#` and 1–7 digits, `&#x` and
 * 1–6 hex digits, or `&`, a letter and 1–31 letters or digits; then `;`. The same matches as
 * `/&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g`, without backtracking.
 */
export function referenceAt(text: string, at: number): number {
  let p = at + 1;
  let min = 1;
  let max: number;
  let digit: (c: number) => boolean;
  if (text.charCodeAt(p) === 0x23) {
    p++;
    const x = text.charCodeAt(p);
    if (x === 0x78 || x === 0x58) {
      p++;
      [digit, max] = [isHex, 6];
    } else [digit, max] = [isDigit, 7];
  } else {
    if (!isLetter(text.charCodeAt(p))) return 0;
    p++;
    digit = (c) => isLetter(c) || isDigit(c);
    max = 31;
  }
  const start = p;
  while (p - start <= max && digit(text.charCodeAt(p))) p++;
  const n = p - start;
  return n >= min && n <= max && text.charCodeAt(p) === 0x3b ? p + 1 - at : 0;
}

/**
 * `mask` with the markup found at each `char` blanked: `lengthAt(mask, i)` says how many units
 * from `i` are markup (0 for none). Occurrences inside blanked markup are skipped.
 */
function blankAt(mask: string, char: string, lengthAt: (text: string, at: number) => number): string {
  let at = mask.indexOf(char);
  if (at < 0) return mask;
  const pieces: string[] = [];
  let run = 0;
  for (; at >= 0; at = mask.indexOf(char, Math.max(at + 1, run))) {
    const n = lengthAt(mask, at);
    if (!n) continue;
    pieces.push(mask.slice(run, at), ' '.repeat(n));
    run = at + n;
  }
  pieces.push(mask.slice(run));
  return pieces.join('');
}

/** `mask` with each character reference (`&amp;`, `&#39;`, `&#x1F600;`) replaced by as many spaces. */
export function blankReferences(mask: string): string {
  return blankAt(mask, '&', referenceAt);
}

/** ASCII punctuation: what a backslash escapes in CommonMark. */
const isPunctuation = (c: number) => (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);

/** `mask` with each backslash that precedes ASCII punctuation replaced by a space (as `/\\(?=[!-/:-@[-`{-~])/g`). */
export function blankEscapes(mask: string): string {
  return blankAt(mask, '\\', (text, at) => (isPunctuation(text.charCodeAt(at + 1)) ? 1 : 0));
}

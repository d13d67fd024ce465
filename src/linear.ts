/**
 * Linear-time string helpers. Each replaces a regular expression that backtracks
 * quadratically on long input (see `test/redos.test.ts`) and keeps exactly its behaviour; the
 * pattern it replaces is named in each doc comment, and `test/redos.test.ts` compares the two
 * on generated input.
 * @internal
 * @module
 */

/**
 * `s` without the trailing code units for which `drop` holds: `s.replace(/[…]+$/, '')` for a
 * character class of single code units.
 */
export function trimEndWhere(s: string, drop: (c: string) => boolean): string {
  let end = s.length;
  while (end > 0 && drop(s[end - 1]!)) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Trailing whitespace and clause punctuation: `s.replace(/[\s,;:–—-]+$/, '')`. */
export function trimEndSeparators(s: string): string {
  return trimEndWhere(s, (c) => /[\s,;:–—-]/.test(c));
}

/** Trailing non-word characters (not `[A-Za-z0-9_]`): `s.replace(/\W+$/, '')`. */
export function trimEndNonWord(s: string): string {
  return trimEndWhere(s, (c) => /\W/.test(c));
}

/**
 * The run of letters and apostrophes right before trailing whitespace, or undefined when `s`
 * does not end in whitespace or no such run precedes it: `/([\p{L}']+)\s+$/u.exec(s)?.[1]`.
 */
export function wordBeforeTrailingSpace(s: string): string | undefined {
  const end = s.trimEnd().length;
  if (end === s.length) return undefined;
  let start = end;
  while (start > 0) {
    // Step back one code point (a whole surrogate pair, as the `u` flag reads it).
    const low = s.charCodeAt(start - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && start > 1 && s.charCodeAt(start - 2) >= 0xd800 && s.charCodeAt(start - 2) <= 0xdbff;
    const step = pair ? 2 : 1;
    if (!/^[\p{L}']$/u.test(s.slice(start - step, start))) break;
    start -= step;
  }
  return start === end ? undefined : s.slice(start, end);
}

/** Whether a code unit ends a line for `.` and `$`/`^` with the `m` flag: \n, \r, U+2028, U+2029. */
export function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/**
 * `[s, letters, rest]` for a string that starts with ASCII letters: the same as
 * `/^([A-Za-z]+)(.*)$/.exec(s)` (null when there are no leading letters, or when the rest has
 * a line terminator, which `.` does not match).
 */
export function splitLeadingLetters(s: string): [string, string, string] | null {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
  }
  if (i === 0) return null;
  for (let j = i; j < s.length; j++) if (isLineTerminator(s.charCodeAt(j))) return null;
  return [s, s.slice(0, i), s.slice(i)];
}

/**
 * Every run of whitespace that contains a line feed becomes one space, as replacing the
 * pattern `\s*\n\s*` (global) with `' '` does.
 */
export function joinLines(s: string): string {
  return s.includes('\n') ? s.replace(/\s+/g, (w) => (w.includes('\n') ? ' ' : w)) : s;
}

/** Spaces right before `,.;:?!` are removed: `s.replace(/ +([,.;:?!])/g, '$1')`. */
export function dropSpaceBeforePunctuation(s: string): string {
  return s.replace(/ +/g, (w, at: number) => (/[,.;:?!]/.test(s.charAt(at + w.length)) ? '' : w));
}

/**
 * A URI without its query and fragment: `uri.replace(/[?#].*$/, '')`, which cuts at the first
 * `?` or `#` that has no line terminator after it.
 */
export function stripQueryAndFragment(uri: string): string {
  let from = 0;
  for (let i = uri.length - 1; i >= 0; i--) {
    if (isLineTerminator(uri.charCodeAt(i))) {
      from = i + 1;
      break;
    }
  }
  for (let i = from; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    if (c === 0x3f || c === 0x23) return uri.slice(0, i);
  }
  return uri;
}

export interface HtmlComment {
  /** Offset of `<!--`. */
  index: number;
  /** The whole comment, `<!--` through `-->`. */
  text: string;
  /** What is between `<!--` and `-->`. */
  body: string;
}

/**
 * The HTML comments in `s`, in order, as `s.matchAll(/<!--([\s\S]*?)-->/g)` finds them: each
 * `<!--` up to the first `-->` after it (`<!-->` does not close itself).
 */
export function htmlComments(s: string): HtmlComment[] {
  const out: HtmlComment[] = [];
  let from = 0;
  for (;;) {
    const open = s.indexOf('<!--', from);
    if (open < 0) break;
    const close = s.indexOf('-->', open + 4);
    // No `-->` after this `<!--` means none after any later one either.
    if (close < 0) break;
    out.push({ index: open, text: s.slice(open, close + 3), body: s.slice(open + 4, close) });
    from = close + 3;
  }
  return out;
}

/** `[ \t]*` from `i`: the index of the first code unit after the run. */
function skipBlanks(s: string, i: number): number {
  while (s[i] === ' ' || s[i] === '\t') i++;
  return i;
}

/**
 * The length of a block break at `i`, or 0: a line feed, blanks and a second line feed (a
 * blank line), or a line feed before what starts a list item, quote or heading (`-`, `*`, `+`,
 * `>`, `#`, or digits then `.` or `)`, followed by whitespace), which is not part of the break.
 */
function blockBreakAt(s: string, i: number): number {
  if (s[i] !== '\n') return 0;
  const k = skipBlanks(s, i + 1);
  if (s[k] === '\n') return k + 1 - i;
  let m = k;
  if ('-*+>#'.includes(s[k] ?? '.')) m = k + 1;
  else {
    while (m < s.length && s.charCodeAt(m) >= 0x30 && s.charCodeAt(m) <= 0x39) m++;
    if (m === k || (s[m] !== '.' && s[m] !== ')')) return 0;
    m++;
  }
  return m < s.length && /\s/.test(s[m]!) ? 1 : 0;
}

/**
 * `s` split at blank lines and at line breaks before a list item, quote or heading, the breaks
 * kept at odd indexes: `s.split(/(\n[ \t]*\n|\n(?=[ \t]*(?:[-*+>#]|\d+[.)])\s))/)`. Each line
 * feed is looked at once, with a bounded look past its blanks and digits.
 */
export function splitBlockBreaks(s: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i)) {
    const len = blockBreakAt(s, i);
    if (!len) {
      i++;
      continue;
    }
    out.push(s.slice(from, i), s.slice(i, i + len));
    from = i += len;
  }
  out.push(s.slice(from));
  return out;
}

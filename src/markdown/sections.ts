/**
 * Independent sections of a Markdown document, split without parsing it: the language server
 * re-checks only the sections an edit touched, and `checkMarkdown` parses a very long document
 * section by section so that its syntax tree never holds the whole document.
 * @module
 * @internal
 */
import { lineColumn, lineStartsOf } from '../index.js';
import { isLineTerminator } from '../linear.js';
import { shiftRange, shiftSuggestions } from '../offsets.js';
import type { DocumentFinding } from './types.js';

/**
 * A code fence line: up to three spaces, three or more backticks or tildes (`run`), and the
 * rest of the line (`info`). The same as `/^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line)`, in linear
 * time (that pattern is quadratic on a long fence run followed by a line terminator).
 */
export function fenceLine(line: string): { run: string; info: string } | null {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 0x20) i++;
  const ch = line[i];
  if (ch !== '`' && ch !== '~') return null;
  let j = i;
  while (line[j] === ch) j++;
  if (j - i < 3) return null;
  for (let k = j; k < line.length; k++) if (isLineTerminator(line.charCodeAt(k))) return null;
  return { run: line.slice(i, j), info: line.slice(j) };
}
const HTML_BLOCK_START: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:pre|script|style|textarea)(?:\s|>|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/**
 * Whether the text has a document-wide Markdown construct: a suppression region
 * (`peerspeak-disable`/`peerspeak-enable`, not `-next-line`) or a reference/footnote definition
 * (`[label]:` at the start of a line, after up to three spaces). The same as
 * `/peerspeak-(?:disable|enable)(?!-next-line)|^ {0,3}\[[^\]\n]+\]:/m.test(text)`, in linear
 * time (that pattern is quadratic on many `[` after carriage returns). As with the `m` flag, a
 * line starts after \n, \r, U+2028 or U+2029, and the label may hold anything but `]` and \n.
 */
export function hasDocumentWideConstruct(text: string): boolean {
  for (let i = text.indexOf('peerspeak-'); i >= 0; i = text.indexOf('peerspeak-', i + 1)) {
    const j = i + 'peerspeak-'.length;
    const k = text.startsWith('disable', j) ? j + 7 : text.startsWith('enable', j) ? j + 6 : -1;
    if (k >= 0 && !text.startsWith('-next-line', k)) return true;
  }
  // Next `]` and next \n at or after the label start, kept across lines (-2: not looked up yet,
  // -1: none left), so each is searched for once per occurrence: linear overall.
  let close = -2;
  let newline = -2;
  for (let start = 0; start < text.length; start++) {
    if (start > 0 && !isLineTerminator(text.charCodeAt(start - 1))) continue;
    let p = start;
    while (p - start < 3 && text.charCodeAt(p) === 0x20) p++;
    if (text.charCodeAt(p) !== 0x5b) continue;
    const label = p + 1;
    if (close !== -1 && close < label) close = text.indexOf(']', label);
    if (close === -1) return false;
    if (newline !== -1 && newline < label) newline = text.indexOf('\n', label);
    if (close > label && (newline === -1 || close < newline) && text.charCodeAt(close + 1) === 0x3a) return true;
  }
  return false;
}

/**
 * Whether a block start also starts a section. Each Markdown section costs a parse (about
 * 1.5 ms however short it is), so blocks are grouped: a section starts at every heading and at
 * about one block in {@link GROUP}, chosen by the block's first line (not by offsets or sizes),
 * so an edit never moves the boundaries elsewhere in the document.
 */
function boundary(line: string): boolean {
  if (line[0] === '#') return true;
  let h = 0x811c9dc5;
  for (let i = 0; i < line.length && i < 80; i++) h = Math.imul(h ^ line.charCodeAt(i), 0x01000193);
  return (h >>> 0) % GROUP === 0;
}
const GROUP = 6;

/**
 * Independent sections of a Markdown document: each starts at a line that is not indented and
 * follows a blank line (not in front matter, a fence or an HTML block, and not right after an
 * HTML comment such as `<!-- peerspeak-example: good -->`). Conservative: when unsure, no split.
 * With `group` (the default), only some of those lines start a section (see `boundary`).
 * With `acrossDocumentWide`, a document with a reference definition or a suppression region
 * is split too (the caller then resolves suppression across the sections itself).
 */
export function markdownSections(text: string, group = true, acrossDocumentWide = false): Array<[number, number]> {
  if (!acrossDocumentWide && hasDocumentWideConstruct(text)) return [[0, text.length]];
  const starts = [0];
  const lines = text.split('\n');
  let offset = 0;
  let i = 0;
  // Front matter (YAML `---` or TOML `+++`) at the very start.
  const fm = /^(---|\+\+\+)\r?$/.exec(lines[0] ?? '');
  if (fm) {
    let close = -1;
    for (let j = 1; j < lines.length; j++) {
      if (lines[j]!.replace(/\r$/, '') === fm[1]) {
        close = j;
        break;
      }
    }
    if (close < 0) return [[0, text.length]];
    for (; i <= close; i++) offset += lines[i]!.length + 1;
  }
  let fence: { ch: string; len: number } | null = null;
  let htmlEnd: RegExp | null = null;
  let prevBlank = true;
  let lastContent = '';
  for (; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const lineStart = offset;
    offset += lines[i]!.length + 1;
    const blank = /^[ \t]*$/.test(line);
    if (fence) {
      const m = fenceLine(line);
      if (m && m.run[0] === fence.ch && m.run.length >= fence.len && !m.info.trim()) fence = null;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = null;
    } else if (!blank) {
      // After a blank line, a line that is not indented starts a new top-level block: lists
      // and quotes have ended (no lazy continuation after a blank line).
      if (prevBlank && line[0] !== ' ' && line[0] !== '\t' && !/-->\s*$/.test(lastContent) && lineStart > 0 &&
        (!group || boundary(line))) starts.push(lineStart);
      const m = fenceLine(line);
      if (m && !(m.run[0] === '`' && m.info.includes('`'))) {
        // A fence not at column 0 may be inside a list item (closed by the container, not by a
        // fence line), so from here on it is unclear what is code: no more splits.
        if (line[0] === ' ') break;
        fence = { ch: m.run[0]!, len: m.run.length };
      } else if (/`{3,}|~{3,}/.test(line)) {
        // A fence after a list or quote marker, or something like one: same.
        break;
      } else {
        for (const [open, close] of HTML_BLOCK_START) {
          if (open.test(line)) {
            // The end condition may be on the same line (after the opening).
            const rest = line.slice(line.search(/</) + 2);
            if (!close.test(rest)) htmlEnd = close;
            break;
          }
        }
      }
    }
    if (!blank) lastContent = line;
    prevBlank = blank && !fence && !htmlEnd;
  }
  return starts.map((s, k) => [s, k + 1 < starts.length ? starts[k + 1]! : text.length]);
}

/**
 * Findings of sections (ranges relative to each section's start) → findings of the document:
 * ranges, line/column and suggestion ranges shifted.
 */
export function assembleFindings(text: string, parts: Array<{ start: number; findings: readonly DocumentFinding[] }>): DocumentFinding[] {
  let lineStarts: number[] | null = null;
  const out: DocumentFinding[] = [];
  for (const { start, findings } of parts) {
    for (const f of findings) {
      if (start === 0) {
        out.push(f);
        continue;
      }
      lineStarts ??= lineStartsOf(text);
      const range = shiftRange(f.range, start);
      out.push({ ...f, range, ...lineColumn(lineStarts, range[0]), suggestions: shiftSuggestions(f.suggestions, start) });
    }
  }
  return out;
}

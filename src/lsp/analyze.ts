/**
 * Incremental document analysis for the language server.
 *
 * A document is split into independent sections; each section's findings are cached by its
 * text, so after an edit only the changed section is analysed again (and inside it, the
 * checker's sentence cache skips unchanged sentences). The analysis is a generator that yields
 * between sections, so the server can give the event loop back and drop a stale run.
 *
 * The result is the same as checking the whole document at once (`checkDocument`):
 * - **Text**: sections are paragraphs (blank-line separated). Sentences never span a line
 *   break, so paragraphs are independent except for two document-wide things, which are
 *   reproduced here: a crisis cue anywhere makes the whole document a crisis (one role-limits
 *   note, and emergency referrals are not flagged anywhere), and `lang: 'auto'` detects each
 *   paragraph's language with the document's language as the fallback.
 * - **Markdown**: blocks are already checked one by one; a section starts at each top-level
 *   block, i.e. a line that is not indented after a blank line, outside front matter, fenced
 *   code and HTML blocks, and not right after an HTML comment (which may be a marker for the
 *   next block). A document with `peerspeak-disable`/`peerspeak-enable` regions or reference
 *   definitions (both document-wide) is one section; after a fence that may belong to a list
 *   item or a quote, the rest of the document is one section.
 * @module
 */
import { createChecker, detectLanguage, languages, lineColumn, lineStartsOf, type Checker, type CheckerOptions } from '../all.js';
import { checkMarkdown, type DocumentFinding, type DocumentOptions } from '../markdown/index.js';
import { isLineTerminator } from '../linear.js';

export type Format = 'markdown' | 'text';

/** A section's findings, ranges relative to the section start. */
type SectionFindings = readonly DocumentFinding[];

/** Per-document cache of section results: key → findings. Pruned after each complete run. */
export type SectionCache = Map<string, SectionFindings>;

const CRISIS_RULE = 'role-limits/crisis';
const TEXT_PARAGRAPH = /\n[ \t]*\n/g;
/** Fixed-language text: any blank line (CRLF too) separates independent paragraphs. */
const TEXT_PARAGRAPH_ANY_EOL = /\r?\n[ \t]*\r?\n/g;

/** Checks documents with one set of settings. Throws from the constructor on invalid settings. */
export class DocumentAnalyzer {
  /** Options for `checkMarkdown`: one stable object, so the Markdown module keeps one checker. */
  private readonly mdOptions: DocumentOptions;
  private readonly textCheckers = new Map<string, Checker>();
  private readonly textOptions: CheckerOptions;
  /** The user turned the crisis note off: it is still computed (it changes other rules) but not shown. */
  private readonly hideCrisisNote: boolean;
  readonly lang: string;

  constructor(readonly settings: CheckerOptions) {
    this.lang = settings.lang ?? 'en';
    this.mdOptions = { ...settings };
    const rules = { ...(settings.rules ?? {}) };
    const userCrisis = rules[CRISIS_RULE] ?? rules['role-limits/*'] ?? rules['role-limits'];
    this.hideCrisisNote = userCrisis === 'off';
    if (this.hideCrisisNote) rules[CRISIS_RULE] = 'info';
    this.textOptions = { ...settings, rules };
    // Validate now (unknown lang, profile, bad rules map…): throws a TypeError/RangeError.
    this.textChecker(this.lang);
  }

  private textChecker(lang: string): Checker {
    let c = this.textCheckers.get(lang);
    if (!c) this.textCheckers.set(lang, (c = createChecker({ ...this.textOptions, lang })));
    return c;
  }

  /**
   * The analysis as steps: yields after each section analysed (cache hits do not yield) and
   * returns the findings in document order.
   */
  *run(text: string, format: Format, cache: SectionCache = new Map()): Generator<void, DocumentFinding[]> {
    const used = new Set<string>();
    const lookup = function* (key: string, compute: () => SectionFindings): Generator<void, SectionFindings> {
      used.add(key);
      const hit = cache.get(key);
      if (hit) return hit;
      const value = compute();
      cache.set(key, value);
      yield;
      return value;
    };
    const parts: Array<{ start: number; findings: SectionFindings }> = [];
    if (format === 'markdown') {
      for (const [start, end] of markdownSections(text)) {
        const section = text.slice(start, end);
        const findings = yield* lookup(`m\0${section}`, () => checkMarkdown(section, this.mdOptions).findings);
        parts.push({ start, findings });
      }
    } else if (this.lang === 'auto') {
      // As the core does: detect per paragraph, the document's language as the fallback.
      const langs = languages();
      const docLang = detectLanguage(text, langs);
      for (const [start, end] of paragraphs(text, TEXT_PARAGRAPH)) {
        const para = text.slice(start, end);
        const lang = detectLanguage(para, langs, docLang);
        const findings = yield* lookup(`a${lang}\0${para}`, () => this.textChecker(lang).check(para).findings);
        parts.push({ start, findings: this.hideCrisisNote ? findings.filter((f) => f.ruleId !== CRISIS_RULE) : findings });
      }
    } else {
      const checker = this.textChecker(this.lang);
      const spans = paragraphs(text, TEXT_PARAGRAPH_ANY_EOL);
      const first: SectionFindings[] = [];
      for (const [start, end] of spans) {
        const para = text.slice(start, end);
        first.push(yield* lookup(`0\0${para}`, () => checker.check(para).findings));
      }
      // A crisis cue anywhere is a crisis for the whole document: one note (at the first cue),
      // and the other paragraphs are checked as in a crisis.
      const crisisAt = first.findIndex((fs) => fs.some((f) => f.category === 'role-limits'));
      for (let i = 0; i < spans.length; i++) {
        const [start, end] = spans[i]!;
        let findings = first[i]!;
        if (crisisAt >= 0 && i !== crisisAt) {
          const para = text.slice(start, end);
          const context = text.slice(spans[crisisAt]![0], spans[crisisAt]![1]);
          findings = yield* lookup(`1\0${para}`, () => checker.check(para, { context }).findings);
          findings = findings.filter((f) => f.category !== 'role-limits');
        }
        if (this.hideCrisisNote) findings = findings.filter((f) => f.ruleId !== CRISIS_RULE);
        parts.push({ start, findings });
      }
    }
    for (const key of cache.keys()) if (!used.has(key)) cache.delete(key);
    return assemble(text, parts);
  }

  /** Analyse at once (no yielding). */
  analyzeSync(text: string, format: Format, cache?: SectionCache): DocumentFinding[] {
    const it = this.run(text, format, cache);
    for (;;) {
      const step = it.next();
      if (step.done) return step.value;
    }
  }
}

/** Spans of `text` between blank lines (the separators excluded), as the core splits paragraphs. */
export function paragraphs(text: string, re: RegExp = TEXT_PARAGRAPH): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const sep = new RegExp(re.source, 'g');
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = sep.exec(text))) {
    if (m.index > last) out.push([last, m.index]);
    last = m.index + m[0].length;
  }
  if (last < text.length || out.length === 0) out.push([last, text.length]);
  return out;
}

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
 */
export function markdownSections(text: string, group = true): Array<[number, number]> {
  if (hasDocumentWideConstruct(text)) return [[0, text.length]];
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
      if (prevBlank && line[0] !== ' ' && line[0] !== '\t' && !/-->\s*$/.test(lastContent) && lineStart > 0 && (!group || boundary(line))) starts.push(lineStart);
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


/** Section findings (relative ranges) → document findings. */
function assemble(text: string, parts: Array<{ start: number; findings: SectionFindings }>): DocumentFinding[] {
  let lineStarts: number[] | null = null;
  const out: DocumentFinding[] = [];
  for (const { start, findings } of parts) {
    for (const f of findings) {
      if (start === 0) {
        out.push(f);
        continue;
      }
      lineStarts ??= lineStartsOf(text);
      const range: [number, number] = [f.range[0] + start, f.range[1] + start];
      out.push({
        ...f,
        range,
        ...lineColumn(lineStarts, range[0]),
        suggestions: f.suggestions.map((s) => ({ ...s, range: [s.range[0] + start, s.range[1] + start] as [number, number] })),
      });
    }
  }
  return out;
}

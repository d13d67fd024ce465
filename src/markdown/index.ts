/**
 * Markdown and plain-text documents: `peerspeak/markdown`. Browser-safe (no file system).
 *
 * ```ts
 * import { checkMarkdown } from 'peerspeak/markdown';
 * const { findings } = checkMarkdown(source, { profile: 'training' });
 * ```
 *
 * How a Markdown file is checked:
 * - It is parsed with micromark/mdast (CommonMark + GFM + front matter). Only the text of
 *   paragraphs, headings and table cells is prose; code blocks, inline code, HTML, front
 *   matter, link and image URLs, autolinks, definitions and markup characters are replaced by
 *   spaces (line breaks kept), so every finding's `range`, `line` and `column` are those of the
 *   original file and `text` is the original slice.
 * - Each paragraph, heading and table cell is checked on its own, so a heading without a full
 *   stop never runs into the next paragraph.
 * - **Example regions.** In the `training` and `strict` profiles a blockquote is an example
 *   region: course material quotes bad examples on purpose. Findings inside a blockquote are
 *   downgraded to `hint`. As everywhere in peerspeak, hints are reported only by the `strict`
 *   profile, so in `training` a quoted bad example is silent, and `strict` lists it as a hint
 *   (never as a warning, so it never fails a CI run). In `chat` a blockquote is ordinary text.
 * - **Good examples.** `<!-- peerspeak-example: good -->` right before a block (paragraph,
 *   blockquote, list, table…) marks it as a good example that must pass the full check: it is
 *   checked with the `chat` levels (every rule on, including the directive rules that
 *   `training` turns off), or with `strict` when that is the profile, and it is never
 *   downgraded, even inside a blockquote.
 * - **Markers** (HTML comments): `<!-- peerspeak-disable-next-line [ids] -- reason -->`,
 *   `<!-- peerspeak-disable [ids] -->` … `<!-- peerspeak-enable [ids] -->`. `ids` are concept
 *   ids (`directive/modal`), categories (`directive` or `directive/*`), separated by commas or
 *   spaces; none means every rule. A marker that suppresses nothing is itself reported as
 *   `peerspeak/unused-directive` (a warning); turn that off with
 *   `rules: { 'peerspeak/unused-directive': 'off' }`.
 * - Suggestions whose range would delete non-prose content (a link URL, inline code, HTML) are
 *   dropped; those that only span markup characters such as `**` are kept.
 * @module
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { defaultProfileFor } from '../default-profile.js';
import { createChecker, detectLanguage, languages, type Category, type Checker, type CheckerOptions, type Finding, type LangOption, type Profile, type Severity, lineColumn, lineStartsOf } from '../index.js';
import { htmlComments } from '../linear.js';
import { SEVERITY_RANK, typeName as kind } from '../names.js';
import { markdownSections } from './sections.js';
import { blank, containerStarts, deepMarkers, lineRuns, looseSplits, MAX_CONTAINER_BLOCKS, MAX_DEPTH, MAX_INLINE_DELIMITERS, MAX_PARSE, neutralise, tameInline } from './limits.js';

/**
 * The rule id of the report about a marker that suppressed nothing.
 * @example
 * ```ts
 * import { checkMarkdown, UNUSED_DIRECTIVE } from 'peerspeak/markdown';
 * const { findings } = checkMarkdown('<!-- peerspeak-disable-next-line -->\nHello.\n');
 * findings[0].ruleId === UNUSED_DIRECTIVE; // true
 * ```
 */
export const UNUSED_DIRECTIVE = 'peerspeak/unused-directive';

/**
 * The rule id of the notice that part of a document was checked as plain text: Markdown nested
 * more than 16 levels deep (the deeper markers are read as text), or a stretch longer than
 * 64 kB with no blank line to split it at (parsing it at once could take minutes). An `info`;
 * turn it off with `rules: { 'peerspeak/plain-text': 'off' }`.
 * @example
 * ```ts
 * import { checkMarkdown, PLAIN_TEXT } from 'peerspeak/markdown';
 * const { findings } = checkMarkdown('> '.repeat(5000) + 'You should rest.');
 * findings.some((f) => f.ruleId === PLAIN_TEXT); // true
 * ```
 */
export const PLAIN_TEXT = 'peerspeak/plain-text';

/**
 * A finding in a document: the library's Finding, plus the `peerspeak` category of marker reports.
 * @example
 * ```ts
 * import { checkMarkdown, type DocumentFinding } from 'peerspeak/markdown';
 * const markers: DocumentFinding[] = checkMarkdown(source).findings.filter((f) => f.category === 'peerspeak');
 * ```
 */
export type DocumentFinding = Omit<Finding, 'category'> & { category: Category | 'peerspeak' };

/**
 * Options of `checkMarkdown()`: the library's options plus `context`.
 * @example
 * ```ts
 * import { checkMarkdown, type DocumentOptions } from 'peerspeak/markdown';
 * const options: DocumentOptions = { profile: 'training', lang: 'auto' };
 * checkMarkdown(source, options);
 * ```
 */
export interface DocumentOptions extends CheckerOptions {
  /** The message being answered: crisis cues there also add the role-limits note. */
  context?: string;
}

/**
 * Options of `checkDocument()`.
 * @example
 * ```ts
 * import { checkDocument, type CheckDocumentOptions } from 'peerspeak/markdown';
 * const options: CheckDocumentOptions = { format: 'markdown', profile: 'training' };
 * checkDocument(source, options);
 * ```
 */
export interface CheckDocumentOptions extends DocumentOptions {
  /** `markdown` (parsed, see the module docs) or `text` (checked as it is). Default `text`. */
  format?: 'markdown' | 'text';
}

/**
 * What `checkMarkdown()` and `checkDocument()` return.
 * @example
 * ```ts
 * import { checkMarkdown, type DocumentResult } from 'peerspeak/markdown';
 * const { findings, lang }: DocumentResult = checkMarkdown('# Hi\n\nYou should call your doctor.\n', { profile: 'chat' });
 * findings.map((f) => [f.ruleId, f.line]); // [['directive/modal', 3]]
 * ```
 */
export interface DocumentResult {
  /** Findings in document order; ranges, lines and columns refer to the text given. */
  findings: DocumentFinding[];
  /** The language the text was checked in. */
  lang: string;
}

interface Pos {
  start: { offset?: number | undefined; line: number };
  end: { offset?: number | undefined; line: number };
}
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
  position?: Pos | undefined;
}

/** A stretch of prose to check on its own. */
interface Block {
  start: number;
  end: number;
  kind: 'normal' | 'example' | 'good';
}

interface Marker {
  kind: 'disable-next-line' | 'disable' | 'enable';
  /** null = every rule. */
  ids: string[] | null;
  start: number;
  end: number;
  /** 1-based line on which the comment ends. */
  endLine: number;
  used: boolean;
  source: string;
}

const PROSE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
const MARKER = /^\s*peerspeak-(disable-next-line|disable|enable)(?=\s|$)([\s\S]*)$/;
const GOOD_EXAMPLE = /^\s*peerspeak-example\s*:\s*good\s*$/;

// ---------------------------------------------------------------- checkers

const checkerCache = new WeakMap<object, Map<string, Checker>>();

function checkerOptions(options: DocumentOptions, profile: string): CheckerOptions {
  const { context: _context, ...rest } = options;
  return { ...rest, profile: profile as Profile };
}

function checkerFor(options: DocumentOptions, profile: string, lang?: string): Checker {
  let byProfile = checkerCache.get(options);
  if (!byProfile) checkerCache.set(options, (byProfile = new Map()));
  const key = lang ? `${profile}\u0000${lang}` : profile;
  let c = byProfile.get(key);
  if (!c) byProfile.set(key, (c = createChecker(lang ? { ...checkerOptions(options, profile), lang: lang as LangOption } : checkerOptions(options, profile))));
  return c;
}

// ---------------------------------------------------------------- parsing and masking

function parse(markdown: string): MdNode {
  return fromMarkdown(markdown, {
    extensions: [gfm(), frontmatter(['yaml', 'toml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])],
  }) as unknown as MdNode;
}

function offsets(node: MdNode): [number, number] | null {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? null : [s, e];
}

interface Analysis {
  mask: string;
  blocks: Block[];
  markers: Marker[];
  /** Parts read as plain text (see {@link PLAIN_TEXT}): where, and why. */
  notices: Notice[];
}

interface Notice {
  at: number;
  message: string;
}

/** `text` checked as plain text: every run of non-blank lines is a block. */
function plainAnalysis(text: string, message: string): Analysis {
  return {
    mask: text,
    blocks: lineRuns(text, 0, text.length).map(([start, end]) => ({ start, end, kind: 'normal' as const })),
    markers: [],
    notices: [{ at: 0, message }],
  };
}

/**
 * {@link analyseTree}, with nesting bounded: container markers deeper than MAX_DEPTH are
 * hidden from the parser (and masked as markup), and a stack overflow anywhere in parsing
 * falls back to plain text. Valid input never throws.
 */
function analyse(markdown: string): Analysis {
  const deep = deepMarkers(markdown);
  const inline = tameInline(neutralise(markdown, deep));
  try {
    const a = analyseTree(markdown, inline.source);
    if (deep.length) {
      a.mask = blank(a.mask, deep);
      a.notices.push({ at: deep[0]![0], message: `Markdown nested more than ${MAX_DEPTH} levels deep: the deeper quote and list markers were read as plain text.` });
    }
    for (const at of inline.at) {
      a.notices.push({ at, message: `A paragraph with more than ${MAX_INLINE_DELIMITERS} emphasis or link brackets: they were read as plain text (parsing them takes time that grows with their square).` });
    }
    a.notices.sort((x, y) => x.at - y.at);
    return a;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return plainAnalysis(markdown, 'This part could not be parsed as Markdown (its structure is nested too deeply) and was checked as plain text.');
  }
}

/**
 * Parse `source` (`markdown` with deep markers neutralised: same length, same offsets) and
 * return the prose mask of `markdown` (every non-prose UTF-16 unit replaced by a space, line
 * breaks kept; same length as the input), the prose blocks and the markers.
 */
function analyseTree(markdown: string, source: string): Analysis {
  const tree = parse(source);
  const prose: Array<[number, number]> = [];
  const blocks: Block[] = [];
  const markers: Marker[] = [];
  const good: Array<[number, number]> = [];

  const visit = (node: MdNode, inQuote: boolean, inProse: boolean): void => {
    if (node.type === 'html') {
      const o = offsets(node);
      if (o) collectMarkers(markdown, o[0], o[1], markers);
      return;
    }
    if (inProse && node.type === 'text') {
      const o = offsets(node);
      if (o) prose.push(o);
      return;
    }
    if (node.type === 'link' && inProse) {
      // Autolinks (`<https://…>`, `www.…`) show their URL as the text: not prose.
      const o = offsets(node);
      if (o && markdown[o[0]] !== '[') return;
    }
    let here = inProse;
    if (!inProse && PROSE_BLOCKS.has(node.type)) {
      const o = offsets(node);
      if (o) {
        const isGood = good.some(([a, b]) => o[0] >= a && o[1] <= b);
        blocks.push({ start: o[0], end: o[1], kind: isGood ? 'good' : inQuote ? 'example' : 'normal' });
      }
      here = true;
    }
    const kids = node.children ?? [];
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i]!;
      // `<!-- peerspeak-example: good -->` marks the next block as a good example.
      if (!here && child.type === 'html' && isGoodMarker(child.value ?? '')) {
        const next = kids[i + 1];
        const o = next ? offsets(next) : null;
        if (o) good.push(o);
      }
      visit(child, inQuote || node.type === 'blockquote', here);
    }
  };
  visit(tree, false, false);

  // Build the mask: spaces everywhere, prose copied back, container markers and escapes removed.
  // Built from pieces (not one string per character): a 10 MB document stays a few strings.
  prose.sort((x, y) => x[0] - y[0]);
  const pieces: string[] = [];
  let at = 0;
  const blank = (from: number, to: number) => {
    if (to > from) pieces.push(markdown.slice(from, to).replace(/[^\r\n]/g, ' '));
  };
  for (const [a, b] of prose) {
    if (a < at) continue;
    blank(at, a);
    let lineStart = true;
    let run = a;
    for (let i = a; i < b; i++) {
      const c = markdown[i]!;
      if (c === '\n' || c === '\r') {
        lineStart = true;
        continue;
      }
      // On continuation lines, leading whitespace and `>` belong to the container (blockquote, list).
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
  blank(at, markdown.length);
  let mask = pieces.join('');
  // Character references and backslash escapes are markup too.
  mask = mask
    .replace(/&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (m) => ' '.repeat(m.length))
    .replace(/\\(?=[!-/:-@[-`{-~])/g, ' ');
  blocks.sort((x, y) => x.start - y.start);
  return { mask, blocks, markers, notices: [] };
}

function isGoodMarker(html: string): boolean {
  const m = /^\s*<!--([\s\S]*?)-->\s*$/.exec(html);
  return !!m && GOOD_EXAMPLE.test(m[1]!);
}

function collectMarkers(text: string, start: number, end: number, out: Marker[]): void {
  const html = text.slice(start, end);
  for (const m of htmlComments(html)) {
    const body = MARKER.exec(m.body);
    if (!body) continue;
    const kind = body[1] as Marker['kind'];
    const idsPart = body[2]!.split(/\s--(?:\s|$)/)[0]!;
    const ids = idsPart.split(/[\s,]+/).filter(Boolean);
    const s = start + m.index;
    const e = s + m.text.length;
    out.push({ kind, ids: ids.length ? ids : null, start: s, end: e, endLine: 0, used: false, source: m.text });
  }
}

/**
 * The prose mask of a Markdown text: same length, non-prose replaced by spaces, line breaks kept.
 * @example
 * ```ts
 * import { maskMarkdown } from 'peerspeak/markdown';
 * maskMarkdown('Call `npm test` now.'); // 'Call            now.'
 * ```
 */
export function maskMarkdown(markdown: string): string {
  assertText(markdown, 'maskMarkdown(markdown)', 'markdown');
  return analyse(markdown).mask;
}

// ---------------------------------------------------------------- positions


// ---------------------------------------------------------------- suppression

function idMatches(ids: string[] | null, f: DocumentFinding): boolean {
  if (ids === null) return true;
  return ids.some((id) => id === f.ruleId || id === f.category || id === `${f.category}/*`);
}

interface Region {
  marker: Marker;
  ids: string[] | null;
  except: string[];
  start: number;
  end: number;
}

function regionsOf(markers: Marker[], textLength: number): Region[] {
  const open: Region[] = [];
  const closed: Region[] = [];
  for (const m of markers) {
    if (m.kind === 'disable') {
      open.push({ marker: m, ids: m.ids, except: [], start: m.end, end: textLength });
    } else if (m.kind === 'enable') {
      let closedAny = false;
      for (let i = open.length - 1; i >= 0; i--) {
        const r = open[i]!;
        let next: Region | null = null;
        if (m.ids === null) {
          // closes everything
        } else if (r.ids === null) {
          next = { marker: r.marker, ids: null, except: [...r.except, ...m.ids], start: m.start, end: textLength };
        } else {
          const remaining = r.ids.filter((id) => !m.ids!.includes(id));
          if (remaining.length === r.ids.length) continue;
          if (remaining.length) next = { marker: r.marker, ids: remaining, except: r.except, start: m.start, end: textLength };
        }
        closedAny = true;
        open.splice(i, 1);
        closed.push({ ...r, end: m.start });
        if (next) open.push(next);
      }
      // An enable marker that re-enables nothing is itself unused; one that does counts as used.
      m.used = closedAny;
    }
  }
  return [...closed, ...open];
}

function suppress(findings: DocumentFinding[], markers: Marker[], lineStarts: number[], textLength: number): DocumentFinding[] {
  if (!markers.length) return findings;
  for (const m of markers) m.endLine = lineColumn(lineStarts, Math.max(m.start, m.end - 1)).line;
  const regions = regionsOf(markers, textLength);
  return findings.filter((f) => {
    let hidden = false;
    for (const m of markers) {
      if (m.kind === 'disable-next-line' && f.line === m.endLine + 1 && idMatches(m.ids, f)) {
        m.used = true;
        hidden = true;
      }
    }
    for (const r of regions) {
      if (f.range[0] >= r.start && f.range[0] < r.end && idMatches(r.ids, f) && !idMatches(r.except, f)) {
        r.marker.used = true;
        hidden = true;
      }
    }
    return !hidden;
  });
}

function unusedLevel(options: DocumentOptions, profile: string): Severity | 'off' {
  const r = options.rules ?? {};
  const level = (r[UNUSED_DIRECTIVE] ?? r['peerspeak/*'] ?? r['peerspeak'] ?? 'warning') as Severity | 'off';
  if (level === 'hint' && profile !== 'strict') return 'off';
  return level;
}

function unusedFindings(markdown: string, markers: Marker[], lineStarts: number[], level: Severity): DocumentFinding[] {
  return markers
    .filter((m) => !m.used)
    .map((m) => {
      const { line, column } = lineColumn(lineStarts, m.start);
      const what = m.ids ? m.ids.map((id) => `'${id}'`).join(', ') : 'any rule';
      const verb = m.kind === 'enable' ? 're-enables nothing: no open peerspeak-disable matches' : 'suppresses nothing: no findings from';
      return {
        ruleId: UNUSED_DIRECTIVE,
        category: 'peerspeak' as const,
        severity: level,
        principle: 'A marker should only silence what it has to, so that the rest stays checked.',
        message: `Unused marker: peerspeak-${m.kind} ${verb} ${what}${m.kind === 'disable-next-line' ? ' on the next line' : ''}.`,
        note: `Remove the marker, or turn this report off with rules: { "${UNUSED_DIRECTIVE}": "off" }.`,
        range: [m.start, m.end] as [number, number],
        line,
        column,
        text: markdown.slice(m.start, m.end),
        suggestions: [{ text: '', range: [m.start, m.end] as [number, number], label: 'Remove the marker' }],
      };
    });
}

// ---------------------------------------------------------------- plain-text notices

function noticeLevel(options: DocumentOptions, profile: string): Severity | 'off' {
  const r = options.rules ?? {};
  const level = (r[PLAIN_TEXT] ?? r['peerspeak/*'] ?? r['peerspeak'] ?? 'info') as Severity | 'off';
  if (level === 'hint' && profile !== 'strict') return 'off';
  return level;
}

function noticeFinding(markdown: string, n: Notice, lineStarts: number[], level: Severity): DocumentFinding {
  const { line, column } = lineColumn(lineStarts, n.at);
  let end = markdown.indexOf('\n', n.at);
  if (end < 0) end = markdown.length;
  if (end > n.at + 200) end = n.at + 200;
  if (end > n.at && markdown.charCodeAt(end - 1) === 13) end--;
  // Never end between the halves of a surrogate pair.
  const c = markdown.charCodeAt(end);
  if (end > n.at && c >= 0xdc00 && c <= 0xdfff) end--;
  return {
    ruleId: PLAIN_TEXT,
    category: 'peerspeak',
    severity: level,
    principle: 'A document is always checked, even where its Markdown structure is too deep or too large to parse.',
    message: n.message,
    note: `Findings here may include text that Markdown would not show (code, link targets). Turn this notice off with rules: { "${PLAIN_TEXT}": "off" }.`,
    range: [n.at, end],
    line,
    column,
    text: markdown.slice(n.at, end),
    suggestions: [],
  };
}

// ---------------------------------------------------------------- checking

function sortFindings(findings: DocumentFinding[]): DocumentFinding[] {
  return findings.sort(
    (a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

const CONTENT = /[\p{L}\p{N}]/u;

/** Map a finding of `masked.slice(offset)` back onto the original document. */
function relocate(f: Finding, offset: number, original: string, mask: string, lineStarts: number[]): DocumentFinding {
  const range: [number, number] = [f.range[0] + offset, f.range[1] + offset];
  const { line, column } = lineColumn(lineStarts, range[0]);
  const suggestions = f.suggestions
    .map((s) => ({ ...s, range: [s.range[0] + offset, s.range[1] + offset] as [number, number] }))
    .filter((s) => {
      // Drop a rewrite that would delete non-prose content (a URL, code, HTML) from the file.
      for (let i = s.range[0]; i < s.range[1]; i++) {
        if (mask[i] !== original[i] && CONTENT.test(original[i]!)) return false;
      }
      return true;
    });
  return { ...f, range, line, column, text: original.slice(range[0], range[1]), suggestions };
}

function checkAnalysed(markdown: string, a: Analysis, options: DocumentOptions): DocumentResult {
  const profile = options.profile ?? defaultProfileFor('markdown');
  const exampleRegions = profile === 'training' || profile === 'strict';
  const goodProfile = profile === 'strict' ? 'strict' : 'chat';
  const lineStarts = lineStartsOf(markdown);
  const context = options.context;
  const callOptions = context === undefined ? undefined : { context };
  let findings: DocumentFinding[] = [];
  let lang: string | undefined;
  // lang 'auto': the document's language is detected once on its prose; each block then keeps
  // it unless its own words say otherwise (a quoted English passage in a Swedish handbook).
  const auto = options.lang === 'auto';
  const docLang = auto ? detectLanguage(a.mask, languages()) : undefined;
  if (docLang) lang = docLang;
  for (const b of a.blocks) {
    // Line breaks inside a paragraph are soft wraps, not sentence ends (Intl.Segmenter would
    // end a sentence at each): the checker sees spaces. Offsets do not change.
    const slice = a.mask.slice(b.start, b.end).replace(/[\r\n]/g, ' ');
    if (!slice.trim()) continue;
    const kind = b.kind === 'example' && !exampleRegions ? 'normal' : b.kind;
    const blockLang = auto ? detectLanguage(slice, languages(), docLang) : undefined;
    const checker = checkerFor(options, kind === 'good' ? goodProfile : profile, blockLang);
    const res = checker.check(slice, callOptions);
    lang ??= res.lang;
    for (const f of res.findings) {
      const df = relocate(f, b.start, markdown, a.mask, lineStarts);
      if (kind === 'example') {
        // Example region: a quoted bad example is not a fault. Hints show only in `strict`.
        if (profile !== 'strict') continue;
        df.severity = 'hint';
      }
      findings.push(df);
    }
  }
  findings = suppress(findings, a.markers, lineStarts, markdown.length);
  const level = unusedLevel(options, profile);
  if (level !== 'off') findings.push(...unusedFindings(markdown, a.markers, lineStarts, level));
  const plainLevel = noticeLevel(options, profile);
  if (plainLevel !== 'off') findings.push(...a.notices.map((n) => noticeFinding(markdown, n, lineStarts, plainLevel)));
  return { findings: sortFindings(findings), lang: lang ?? langOf(options) };
}

function langOf(options: DocumentOptions): string {
  return !options.lang || options.lang === 'auto' ? 'en' : options.lang;
}

function assertText(text: unknown, fn: string, arg = 'text'): asserts text is string {
  if (typeof text !== 'string') throw new TypeError(`peerspeak: ${fn}: expected \`${arg}\` to be a string, got ${kind(text)}`);
}

/**
 * Options are checked before the document is: an empty document (no prose, so no checker
 * built) must reject bad options just as a long one does. The checker built here is the one
 * the document's blocks use (cached on the options object).
 */
function assertOptions(options: unknown, fn: string): asserts options is DocumentOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`peerspeak: ${fn}: expected \`options\` to be an object, got ${kind(options)}`);
  }
  const o = options as DocumentOptions;
  if (o.context !== undefined && typeof o.context !== 'string') {
    throw new TypeError(`peerspeak: ${fn}: expected \`options.context\` to be a string, got ${kind(o.context)}`);
  }
  checkerFor(o, o.profile ?? defaultProfileFor('markdown'), o.lang === 'auto' ? languages()[0] : undefined);
}

/**
 * Check a Markdown document. See the module documentation for what counts as prose.
 * @example
 * ```ts
 * import { checkMarkdown } from 'peerspeak/markdown';
 * const { findings } = checkMarkdown('# Hi\n\nYou should call your doctor.\n', { profile: 'chat' });
 * findings.map((f) => [f.ruleId, f.line, f.column]); // [['directive/modal', 3, 1]]
 * ```
 */
export function checkMarkdown(markdown: string, options: DocumentOptions = {}): DocumentResult {
  assertText(markdown, 'checkMarkdown(markdown, options)', 'markdown');
  assertOptions(options, 'checkMarkdown(markdown, options)');
  if (markdown.length > CHUNK || containerStarts(markdown) > MAX_CONTAINER_BLOCKS) return checkInChunks(markdown, options);
  return checkAnalysed(markdown, analyse(markdown), options);
}

/**
 * Longest text parsed at once (see `limits.ts`). A syntax tree takes about 100 times the
 * memory of its source, and micromark is quadratic on some shapes, so a longer document is
 * parsed in runs of whole sections (split where no Markdown construct can continue: see
 * `markdownSections`; where that finds no split, at blank lines outside code fences) and the
 * analyses are joined (so is a document with more than MAX_CONTAINER_BLOCKS quote or list
 * blocks, whose parse time grows with their square): memory stays flat, time linear, and suppression markers, good examples
 * and `lang: 'auto'` work across the whole document as for a short one. A run that still
 * exceeds the limit is checked as plain text, with a notice. Reference definitions apply only
 * within their run.
 */
const CHUNK = MAX_PARSE;

function checkInChunks(markdown: string, options: DocumentOptions): DocumentResult {
  const runs: Array<[number, number]> = [];
  for (const [s, e] of markdownSections(markdown, false, true)) {
    if (e - s <= CHUNK) {
      runs.push([s, e]);
      continue;
    }
    let from = s;
    for (const cut of looseSplits(markdown, s, e)) {
      runs.push([from, cut]);
      from = cut;
    }
    runs.push([from, e]);
  }
  const masks: string[] = [];
  const merged: Analysis = { mask: '', blocks: [], markers: [], notices: [] };
  for (let k = 0; k < runs.length; ) {
    const start = runs[k]![0];
    let end = runs[k]![1];
    // Up to CHUNK characters and MAX_CONTAINER_BLOCKS quote or list blocks per parse (see limits.ts).
    let containers = containerStarts(markdown, start, end);
    for (k++; k < runs.length && runs[k]![1] - start <= CHUNK; k++) {
      const more = containerStarts(markdown, runs[k]![0], runs[k]![1]);
      if (containers + more > MAX_CONTAINER_BLOCKS) break;
      containers += more;
      end = runs[k]![1];
    }
    const chunk = markdown.slice(start, end);
    const a =
      chunk.length > CHUNK
        ? plainAnalysis(chunk, `This part (${Math.round(chunk.length / 1024)} kB with no blank line to split it at) was checked as plain text: parsing it as Markdown at once could take minutes.`)
        : analyse(chunk);
    masks.push(a.mask);
    for (const b of a.blocks) merged.blocks.push({ ...b, start: b.start + start, end: b.end + start });
    for (const m of a.markers) merged.markers.push({ ...m, start: m.start + start, end: m.end + start });
    for (const n of a.notices) merged.notices.push({ at: n.at + start, message: n.message });
  }
  merged.mask = masks.join('');
  return checkAnalysed(markdown, merged, options);
}

function checkPlain(text: string, options: DocumentOptions): DocumentResult {
  const checker = checkerFor(options, options.profile ?? defaultProfileFor('text'));
  const res = checker.check(text, options.context === undefined ? undefined : { context: options.context });
  return { findings: res.findings, lang: res.lang };
}

/**
 * Check a document given as Markdown (`format: 'markdown'`) or plain text (`format: 'text'`, the default).
 * @example
 * ```ts
 * import { checkDocument } from 'peerspeak/markdown';
 * checkDocument('You should call your doctor.').findings.map((f) => f.ruleId); // ['directive/modal']
 * checkDocument(readme, { format: 'markdown', profile: 'training' });
 * ```
 */
export function checkDocument(text: string, options: CheckDocumentOptions = {}): DocumentResult {
  assertText(text, 'checkDocument(text, options)');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`peerspeak: checkDocument(text, options): expected \`options\` to be an object, got ${kind(options)}`);
  }
  const format = options.format ?? 'text';
  if (format !== 'markdown' && format !== 'text') {
    throw new RangeError(`peerspeak: checkDocument(text, options): unknown format "${String(format)}": expected markdown or text`);
  }
  // The options object itself is the checker cache key, so `format` stays in it; it is removed
  // before the options reach the core.
  const core = withoutFormat(options);
  return format === 'markdown' ? checkMarkdown(text, core) : checkPlain(text, core);
}

const strippedCache = new WeakMap<object, DocumentOptions>();
function withoutFormat(options: CheckDocumentOptions): DocumentOptions {
  let o = strippedCache.get(options);
  if (!o) {
    const { format: _format, ...rest } = options;
    strippedCache.set(options, (o = rest));
  }
  return o;
}

/**
 * Whether a file name is Markdown by its extension (`.md`, `.markdown`, `.mdown`, `.mkd`).
 * @example
 * ```ts
 * import { isMarkdownPath } from 'peerspeak/markdown';
 * isMarkdownPath('docs/guide.md'); // true
 * isMarkdownPath('notes.txt'); // false
 * ```
 */
export function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown|mdown|mkdn?|mkd)$/i.test(path);
}

export { defaultProfileFor };

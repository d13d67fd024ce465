/**
 * Checking what `analyse.ts` found: each prose block with the checker of its kind and language,
 * findings placed back in the document, then suppression, the document's own reports and the
 * sort. A long document is analysed in runs (`checkInChunks`) and checked as one.
 * @module
 * @internal
 */
import { defaultProfileFor } from '../default-profile.js';
import { createChecker, detectLanguage, languages, type Checker, type CheckerOptions, type Finding, type LangOption, type Profile, lineColumn, lineStartsOf } from '../index.js';
import { SEVERITY_RANK } from '../names.js';
import { shiftRange, shiftSuggestions } from '../offsets.js';
import { analyse, plainAnalysis, type Analysis } from './analyse.js';
import { containerStarts, looseSplits, MAX_CONTAINER_BLOCKS, MAX_PARSE } from './limits.js';
import { suppress } from './markers.js';
import { noticeFinding, PLAIN_TEXT, reportLevel, UNUSED_DIRECTIVE, unusedFindings } from './reports.js';
import { markdownSections } from './sections.js';
import type { DocumentFinding, DocumentOptions, DocumentResult } from './types.js';

const checkerCache = new WeakMap<object, Map<string, Checker>>();

function checkerOptions(options: DocumentOptions, profile: string): CheckerOptions {
  const { context: _context, ...rest } = options;
  return { ...rest, profile: profile as Profile };
}

/** The checker for these document options, profile and language (built once per options object). */
export function checkerFor(options: DocumentOptions, profile: string, lang?: string): Checker {
  let byProfile = checkerCache.get(options);
  if (!byProfile) checkerCache.set(options, (byProfile = new Map()));
  const key = lang ? `${profile}\u0000${lang}` : profile;
  let c = byProfile.get(key);
  if (!c) byProfile.set(key, (c = createChecker(lang ? { ...checkerOptions(options, profile), lang: lang as LangOption } : checkerOptions(options, profile))));
  return c;
}

function sortFindings(findings: DocumentFinding[]): DocumentFinding[] {
  return findings.sort(
    (a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

const CONTENT = /[\p{L}\p{N}]/u;

/** Map a finding of `masked.slice(offset)` back onto the original document. */
function relocate(f: Finding, offset: number, original: string, mask: string, lineStarts: number[]): DocumentFinding {
  const range = shiftRange(f.range, offset);
  const { line, column } = lineColumn(lineStarts, range[0]);
  const suggestions = shiftSuggestions(f.suggestions, offset).filter((s) => {
    // Drop a rewrite that would delete non-prose content (a URL, code, HTML) from the file.
    for (let i = s.range[0]; i < s.range[1]; i++) {
      if (mask[i] !== original[i] && CONTENT.test(original[i]!)) return false;
    }
    return true;
  });
  return { ...f, range, line, column, text: original.slice(range[0], range[1]), suggestions };
}

/** Check the prose blocks of an analysed document and add the document's own reports. */
export function checkAnalysed(markdown: string, a: Analysis, options: DocumentOptions): DocumentResult {
  const profile = options.profile ?? defaultProfileFor('markdown');
  const exampleRegions = profile === 'training' || profile === 'strict';
  const goodProfile = profile === 'strict' ? 'strict' : 'chat';
  const lineStarts = lineStartsOf(markdown);
  const context = options.context;
  const callOptions = context === undefined ? undefined : { context };
  let findings: DocumentFinding[] = [];
  let lang: string | undefined;
  let truncated: DocumentResult['truncated'];
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
    if (res.truncated) truncated ??= { at: b.start + res.truncated.at, maxFindings: res.truncated.maxFindings };
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
  const level = reportLevel(options, profile, UNUSED_DIRECTIVE, 'warning');
  if (level !== 'off') findings.push(...unusedFindings(markdown, a.markers, lineStarts, level));
  const plainLevel = reportLevel(options, profile, PLAIN_TEXT, 'info');
  if (plainLevel !== 'off') findings.push(...a.notices.map((n) => noticeFinding(markdown, n, lineStarts, plainLevel)));
  const result: DocumentResult = { findings: sortFindings(findings), lang: lang ?? langOf(options) };
  if (truncated) result.truncated = truncated;
  return result;
}

function langOf(options: DocumentOptions): string {
  return !options.lang || options.lang === 'auto' ? 'en' : options.lang;
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
export const CHUNK = MAX_PARSE;

/** A long document (or one with many container blocks): analysed in runs, checked as one. */
export function checkInChunks(markdown: string, options: DocumentOptions): DocumentResult {
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

/** A plain-text document: checked as it is, with the text profile by default. */
export function checkPlain(text: string, options: DocumentOptions): DocumentResult {
  const checker = checkerFor(options, options.profile ?? defaultProfileFor('text'));
  const res = checker.check(text, options.context === undefined ? undefined : { context: options.context });
  return res.truncated ? { findings: res.findings, lang: res.lang, truncated: res.truncated } : { findings: res.findings, lang: res.lang };
}

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
import { createChecker, detectLanguage, languages, type Checker, type CheckerOptions, type LangOption } from '../all.js';
import { checkMarkdown, type DocumentFinding, type DocumentOptions } from '../markdown/index.js';
import { assembleFindings, fenceLine, hasDocumentWideConstruct, markdownSections } from '../markdown/sections.js';
import { paragraphs } from '../paragraphs.js';

export { fenceLine, hasDocumentWideConstruct, markdownSections };

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
    if (!c) this.textCheckers.set(lang, (c = createChecker({ ...this.textOptions, lang: lang as LangOption })));
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
      for (const [start, end] of paragraphs(text, TEXT_PARAGRAPH, true)) {
        const para = text.slice(start, end);
        const lang = detectLanguage(para, langs, docLang);
        const findings = yield* lookup(`a${lang}\0${para}`, () => this.textChecker(lang).check(para).findings);
        parts.push({ start, findings: this.hideCrisisNote ? findings.filter((f) => f.ruleId !== CRISIS_RULE) : findings });
      }
    } else {
      const checker = this.textChecker(this.lang);
      const spans = paragraphs(text, TEXT_PARAGRAPH_ANY_EOL, true);
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
    return assembleFindings(text, parts);
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


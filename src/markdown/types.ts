/**
 * The types of `peerspeak/markdown`: what a document check takes and returns.
 * @module
 */
import type { Category, CheckerOptions, Finding } from '../index.js';

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
  /**
   * Only when it happened: a part of the document reached `maxFindings` and was checked only up
   * to offset `at` of the text given (see `CheckResult.truncated`).
   */
  truncated?: { at: number; maxFindings: number };
}

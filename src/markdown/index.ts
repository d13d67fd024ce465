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
 *
 * The modules: `analyse.ts` (parse → prose blocks, markers, notices; `mask.ts` builds the prose
 * mask, `limits.ts` bounds what the parser is given), `check.ts` (blocks → findings in the
 * document, long documents in runs), `markers.ts` (suppression), `reports.ts` (the
 * `peerspeak/…` reports), `sections.ts` (independent sections, for the language server).
 * @module
 */
import { defaultProfileFor } from '../default-profile.js';
import { languages } from '../index.js';
import { typeName as kind } from '../names.js';
import { analyse } from './analyse.js';
import { checkAnalysed, checkerFor, checkInChunks, checkPlain, CHUNK } from './check.js';
import { containerStarts, MAX_CONTAINER_BLOCKS } from './limits.js';
import type { CheckDocumentOptions, DocumentOptions, DocumentResult } from './types.js';

export { PLAIN_TEXT, UNUSED_DIRECTIVE } from './reports.js';
export type { CheckDocumentOptions, DocumentFinding, DocumentOptions, DocumentResult } from './types.js';

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

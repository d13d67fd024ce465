/**
 * The document's own reports, category `peerspeak`: a marker that suppressed nothing
 * ({@link UNUSED_DIRECTIVE}) and a part read as plain text ({@link PLAIN_TEXT}).
 * @module
 */
import { lineColumn, type Severity } from '../index.js';
import type { Notice } from './analyse.js';
import type { Marker } from './markers.js';
import type { DocumentFinding, DocumentOptions } from './types.js';

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

type ReportId = typeof UNUSED_DIRECTIVE | typeof PLAIN_TEXT;

/** The level of one of these reports: the user's setting for it (or for `peerspeak`), else `fallback`; a hint shows only in `strict`. */
export function reportLevel(options: DocumentOptions, profile: string, ruleId: ReportId, fallback: Severity): Severity | 'off' {
  const r = options.rules ?? {};
  const level = (r[ruleId] ?? r['peerspeak/*'] ?? r['peerspeak'] ?? fallback) as Severity | 'off';
  if (level === 'hint' && profile !== 'strict') return 'off';
  return level;
}

/** One report per marker that hid nothing. */
export function unusedFindings(markdown: string, markers: Marker[], lineStarts: number[], level: Severity): DocumentFinding[] {
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

/** The notice that the part starting at `n.at` was read as plain text: its range is the rest of that line (at most 200 units). */
export function noticeFinding(markdown: string, n: Notice, lineStarts: number[], level: Severity): DocumentFinding {
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

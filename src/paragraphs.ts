/**
 * Paragraphs: spans of text between blank lines. `lang: 'auto'` detects the language of each;
 * the language server re-checks each on its own.
 * @module
 */

/** A blank line: two line feeds with only spaces or tabs between them. */
export const BLANK_LINE = /\n[ \t]*\n/g;

/**
 * Spans of `text` between matches of `separator` (a global RegExp; the separators excluded),
 * empty spans left out. With `atLeastOne`, a text without any paragraph gives one empty span
 * (after the last separator).
 */
export function paragraphs(text: string, separator: RegExp = BLANK_LINE, atLeastOne = false): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let last = 0;
  // matchAll works on a copy of the RegExp: a shared separator keeps no state between calls.
  for (const m of text.matchAll(separator)) {
    if (m.index > last) out.push([last, m.index]);
    last = m.index + m[0].length;
  }
  if (last < text.length || (atLeastOne && out.length === 0)) out.push([last, text.length]);
  return out;
}

/**
 * Moving a finding within a text: the one place where a range and its suggestions' ranges are
 * shifted. The engine places a sentence's findings in the text; Markdown places a block's
 * findings in the document and a section's findings in the whole file. No imports, so each
 * bundle may carry it.
 * @module
 * @internal
 */

/** `range` moved `by` code units (later when positive). */
export function shiftRange(range: readonly [number, number], by: number): [number, number] {
  return [range[0] + by, range[1] + by];
}

/** Suggestions with their ranges moved `by` code units; everything else kept. */
export function shiftSuggestions<S extends { range: readonly [number, number] }>(
  suggestions: readonly S[],
  by: number,
): Array<S & { range: [number, number] }> {
  return suggestions.map((s) => ({ ...s, range: shiftRange(s.range, by) }));
}

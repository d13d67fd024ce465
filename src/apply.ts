/**
 * Fix-all: apply the top suggestion of many findings in one pass.
 * @module
 */
import type { Finding, Suggestion } from './types.js';

/** Whether `s` has a `[slot]` the writer must fill in (never applied automatically). Linear. */
export function hasSlot(s: string): boolean {
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5b) open = i; // [
    else if (c === 0x0a) open = -1; // a slot does not span lines
    else if (c === 0x5d && open >= 0 && i > open + 1) return true; // ]
  }
  return false;
}

/**
 * What {@link applySuggestions} did.
 * @example
 * ```ts
 * import { applySuggestions, check, type AppliedSuggestions } from 'peerspeak';
 * const text = 'You should call your doctor.';
 * const r: AppliedSuggestions = applySuggestions(text, check(text).findings);
 * r.text; // 'Would calling your doctor be an option for you?'
 * ```
 */
export interface AppliedSuggestions {
  /** The text with the applied suggestions. */
  text: string;
  /** Findings whose top suggestion was applied, in document order. */
  applied: Finding[];
  /** Findings left for the writer: no suggestion, a `[slot]` to fill, or a range overlapping an applied one. */
  skipped: Finding[];
}

/**
 * Apply each finding's top suggestion in one pass. Two findings can offer overlapping
 * replacements: the one starting first (the longer one on a tie) wins, the other is skipped.
 * Suggestions with an unfilled `[slot]` are skipped too. Ranges refer to `text`, as `check()`
 * returned them.
 * @example
 * ```ts
 * import { applySuggestions, check } from 'peerspeak';
 * const text = 'You should call your doctor. You always do this.';
 * const { text: fixed, skipped } = applySuggestions(text, check(text).findings);
 * ```
 */
export function applySuggestions(text: string, findings: readonly Finding[]): AppliedSuggestions {
  const fn = 'applySuggestions(text, findings)';
  if (typeof text !== 'string') throw new TypeError(`peerspeak: ${fn}: expected \`text\` to be a string, got ${typeof text}`);
  if (!Array.isArray(findings)) throw new TypeError(`peerspeak: ${fn}: expected \`findings\` to be an array of findings, got ${findings === null ? 'null' : typeof findings}`);
  const candidates: { finding: Finding; s: Suggestion }[] = [];
  const skipped: Finding[] = [];
  findings.forEach((finding: unknown, i) => {
    const f = finding as Finding;
    if (!f || typeof f !== 'object' || !Array.isArray(f.suggestions)) throw new TypeError(`peerspeak: ${fn}: findings[${i}] is not a finding (expected an object with suggestions)`);
    const s = f.suggestions[0];
    if (!s) return void skipped.push(f);
    const [a, b] = Array.isArray(s.range) ? s.range : [NaN, NaN];
    if (typeof s.text !== 'string' || !Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < a || b > text.length) {
      throw new RangeError(`peerspeak: ${fn}: findings[${i}].suggestions[0].range [${String(a)}, ${String(b)}] is not a range of the text (length ${text.length})`);
    }
    if (hasSlot(s.text)) skipped.push(f);
    else candidates.push({ finding: f, s });
  });
  candidates.sort((x, y) => x.s.range[0] - y.s.range[0] || y.s.range[1] - x.s.range[1]);
  const applied: typeof candidates = [];
  let end = -1;
  for (const c of candidates) {
    // Touching ranges are fine; an insertion at the same point as another edit is not.
    const touches = c.s.range[0] === end && applied.length && (c.s.range[0] === c.s.range[1] || applied.at(-1)!.s.range[0] === applied.at(-1)!.s.range[1]);
    if (c.s.range[0] < end || touches) skipped.push(c.finding);
    else {
      applied.push(c);
      end = c.s.range[1];
    }
  }
  let out = '';
  let at = 0;
  for (const { s } of applied) {
    out += text.slice(at, s.range[0]) + s.text;
    at = s.range[1];
  }
  out += text.slice(at);
  const order = (f: Finding) => f.range?.[0] ?? 0;
  return { text: out, applied: applied.map((c) => c.finding), skipped: skipped.sort((x, y) => order(x) - order(y)) };
}

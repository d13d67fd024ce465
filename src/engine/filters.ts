/**
 * What happens to the findings of a whole text: allowed phrases removed, overlaps within a
 * category resolved, the rest sorted.
 * @module
 */
import type { Finding } from '../types.js';
import { SEVERITY_RANK } from '../schema.js';

/** Drop findings that overlap an allowed phrase (`allow` in lower case). */
export function filterAllowed(findings: Finding[], text: string, allow: string[]): Finding[] {
  if (!allow.length) return findings;
  const lower = text.toLowerCase();
  const spans: Array<[number, number]> = [];
  for (const phrase of allow) {
    let i = lower.indexOf(phrase);
    while (i >= 0) {
      spans.push([i, i + phrase.length]);
      i = lower.indexOf(phrase, i + 1);
    }
  }
  return findings.filter((f) => !spans.some(([a, b]) => f.range[0] < b && a < f.range[1]));
}

/**
 * Overlapping findings of one category: keep the most severe (then the earliest). Kept
 * findings of a category never overlap, so sorted by start they are sorted by end too and only
 * the last one starting before a candidate's end can overlap it: O(n log n).
 */
export function dedupe(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.range[0] - b.range[0]);
  const kept = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of sorted) {
    let list = kept.get(f.category);
    if (!list) kept.set(f.category, (list = []));
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.range[0] < f.range[1]) lo = mid + 1;
      else hi = mid;
    }
    const prev = list[lo - 1];
    if (prev && prev.range[1] > f.range[0]) continue;
    list.splice(lo, 0, f);
    out.push(f);
  }
  return out;
}

/** In text order; at one range, the most severe first. Sorts in place. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/**
 * Findings are made relative to their sentence (one `makeFinding`), cached that way, and
 * placed in the text once (`placeFinding`: offsets shifted, line and column computed).
 * @module
 */
import type { Category, Finding, Severity, Suggestion } from '../types.js';
import { lineColumn } from '../segment.js';
import { shiftRange, shiftSuggestions } from '../offsets.js';
import type { Rule } from '../schema.js';

/** A finding with its range (and its suggestions' ranges) relative to the sentence; no line or column yet. */
export type LocalFinding = Omit<Finding, 'line' | 'column'>;

/** A finding of `rule` over `range` of its sentence (whose text there is `text`). */
export function makeFinding(rule: Rule, severity: Severity, message: string, range: [number, number], text: string, suggestions: Suggestion[]): LocalFinding {
  return {
    ruleId: rule.id,
    category: rule.category as Category,
    severity,
    principle: rule.principle,
    message,
    ...(rule.note ? { note: rule.note } : {}),
    range,
    text,
    suggestions,
  };
}

/** Where a sentence's findings go: the sentence starts at `at` of `text`, whose lines start at `lineStarts`. */
export interface Placement {
  at: number;
  lineStarts: number[];
}

/** The finding in the whole text: ranges shifted by the sentence's start, line and column added. */
export function placeFinding(f: LocalFinding, { at, lineStarts }: Placement): Finding {
  const range = shiftRange(f.range, at);
  const { line, column } = lineColumn(lineStarts, range[0]);
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    principle: f.principle,
    message: f.message,
    ...(f.note ? { note: f.note } : {}),
    range,
    line,
    column,
    text: f.text,
    suggestions: shiftSuggestions(f.suggestions, at),
  };
}

/**
 * Findings of one sentence depend only on its text, the language's rules and whether a crisis
 * is present, so they are cached by that key with ranges relative to the sentence. An editor
 * re-checking a long document after a one-character edit re-analyses one sentence.
 */
export class SentenceCache {
  private readonly map = new Map<string, LocalFinding[]>();
  constructor(private readonly max = 4000) {}
  clear(): void {
    this.map.clear();
  }
  get(key: string): LocalFinding[] | undefined {
    const hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }
  set(key: string, value: LocalFinding[]): void {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, value);
  }
}

/**
 * Small naming helpers shared by every entry point (no imports: each bundle may carry its own
 * copy without pulling in anything else).
 * @module
 */

/** What a value is, for schema messages: `string`, `number`, `array`, `null`, `NaN`… Never looks inside it. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  return typeof v;
}

/** What an argument is, for API errors: `null`, `an array`, or its `typeof` (`got an array`). */
export function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

/** Rank of each severity, most severe first (`error` 0 … `hint` 3): sorting by it puts errors first. */
export const SEVERITY_RANK: Readonly<Record<'error' | 'warning' | 'info' | 'hint', number>> = { error: 0, warning: 1, info: 2, hint: 3 };

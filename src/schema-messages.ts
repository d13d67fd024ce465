/**
 * peerspeak's validation messages: what was expected and what was found, with did-you-mean
 * for a misspelt key or rule id, and union errors resolved to the branch meant. Used with every
 * schema of `schema.ts` (packs, options) and of `config/schema.ts`.
 * @module
 */

import * as z from 'zod/mini';
import { kindOf } from './names.js';

const TYPE_NAMES: Record<string, string> = { record: 'object', tuple: 'array' };
const UNITS: Record<string, string> = { string: 'characters', array: 'items', set: 'items' };

/** The keys an object (or a record with enum keys) accepts, or null. */
function knownKeys(inst: unknown): string[] | null {
  const def = (inst as { _zod?: { def?: { type?: string; shape?: object; keyType?: { _zod?: { values?: Set<unknown> } } } } })?._zod?.def;
  if (def?.type === 'object' && def.shape) return Object.keys(def.shape);
  const values = def?.type === 'record' ? def.keyType?._zod?.values : undefined;
  return values ? [...values].map(String) : null;
}

/**
 * The message of a zod issue that its schema does not set itself: what was expected and what
 * was found. Passed to every parse as its error map (no global state, no zod locale needed).
 */
export function issueMessage(iss: z.core.$ZodRawIssue): string {
  switch (iss.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[iss.expected] ?? iss.expected;
      return iss.input === undefined ? `expected ${expected}, but it is missing` : `expected ${expected}, received ${kindOf(iss.input)}`;
    }
    case 'invalid_value':
      return iss.values.length === 1 ? `expected ${JSON.stringify(iss.values[0])}` : `expected one of ${iss.values.map(String).join(', ')}`;
    case 'too_small': {
      const unit = UNITS[iss.origin] ?? '';
      if (iss.origin === 'string' && Number(iss.minimum) === 1) return 'expected a non-empty string';
      return `expected ${iss.exact ? '' : 'at least '}${iss.minimum}${unit ? ' ' + unit : ''}`;
    }
    case 'too_big': {
      const unit = UNITS[iss.origin] ?? '';
      return `expected ${iss.exact ? '' : 'at most '}${iss.maximum}${unit ? ' ' + unit : ''}`;
    }
    case 'unrecognized_keys': {
      const keys = iss.keys.map((k) => JSON.stringify(k)).join(', ');
      const known = knownKeys(iss.inst);
      const near = known && iss.keys.length === 1 ? nearest(String(iss.keys[0]), known) : null;
      return `Unrecognized key${iss.keys.length > 1 ? 's' : ''} ${keys}${near ? ` (did you mean "${near}"?)` : ''}${known ? `: expected only ${known.join(', ')}` : ''}`;
    }
    case 'invalid_format':
      return iss.pattern ? `expected a string matching ${iss.pattern}` : `expected a string in ${iss.format} format`;
    case 'invalid_key':
      return iss.issues[0]?.message ?? 'invalid key';
    case 'invalid_union': {
      const expected = [...new Set(iss.errors.flatMap((branch) =>
        (branch[0]?.code === 'invalid_type' ? [TYPE_NAMES[branch[0].expected] ?? branch[0].expected] : [])))];
      return expected.length ? `expected ${expected.join(' or ')}, received ${kindOf(iss.input)}` : 'matches none of the accepted shapes';
    }
    default:
      return 'invalid value';
  }
}

/**
 * Why a key of a rules map is unknown, with the valid values: the concept ids of its category
 * when the category exists, else the categories; and the nearest known id or category.
 */
export function unknownRuleKey(key: string, known: Iterable<string>): string {
  const all = [...known];
  const category = key.split('/')[0]!;
  const ids = all.filter((id) => id.startsWith(category + '/')).sort();
  const near = nearest(key, all);
  const hint = near ? ` (did you mean "${near}"?)` : '';
  if (ids.length && key.includes('/')) return `unknown concept id "${key}"${hint}: expected one of ${ids.join(', ')} or ${category}/*`;
  const categories = all.filter((id) => !id.includes('/'));
  return `unknown ${key.includes('/') && !key.endsWith('/*') ? 'concept id' : 'category'} "${key}"${hint}: expected a category (${categories.join(', ')}), category/* or a concept id like directive/modal`;
}

/** The known value closest to `key` (edit distance at most 2, or a third of its length), or null. */
function nearest(key: string, known: string[]): string | null {
  let best: string | null = null;
  let bestD = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    if (Math.abs(k.length - key.length) >= bestD) continue;
    const d = editDistance(key.toLowerCase(), k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * One problem: the path inside the validated value (`rules.0.severity`, `''` for the root) and what is wrong.
 * @example
 * ```ts
 * import { PackError, validatePack } from 'peerspeak';
 * try { validatePack(pack); } catch (e) {
 *   if (e instanceof PackError) for (const p of e.problems) console.log(p.path, p.message);
 * }
 * ```
 */
export interface Problem {
  path: string;
  message: string;
}

/** A union branch rejected the value for its type alone: the value is not of that shape at all. */
function wrongShape(branch: z.core.$ZodIssue[]): boolean {
  return branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0]!.path.length === 0;
}

function collect(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[], out: Problem[]): void {
  for (const iss of issues) {
    const path = prefix.length ? [...prefix, ...iss.path] : iss.path;
    if (iss.code === 'invalid_union' && iss.errors.length) {
      // zod reports a union only as a whole. The value's type picks the branch that was meant
      // (a string pattern or a pattern object; a lexicon list or map): report its problems.
      const meant = iss.errors.filter((b) => !wrongShape(b));
      if (meant.length) {
        const best = meant.reduce((a, b) => (b.length < a.length ? b : a));
        collect(best, path, out);
        continue;
      }
    }
    out.push({ path: path.map(String).join('.'), message: iss.message });
  }
}

/** Turn zod issues into problems, one per field at fault, with union errors resolved to the branch meant. */
export function problemsOf(error: { issues: readonly z.core.$ZodIssue[] }): Problem[] {
  const out: Problem[] = [];
  collect(error.issues, [], out);
  return out;
}

/** `root.path` for messages: `(root)` when both are empty. */
export function joinPath(root: string, path: string): string {
  return root && path ? `${root}.${path}` : root || path || '(root)';
}

/**
 * Validate `input` against `schema` with peerspeak's messages. Returns the parsed value, or the
 * problems found.
 */
export function validate<T extends z.ZodMiniType>(
  schema: T,
  input: unknown,
): { success: true; data: z.output<T> } | { success: false; problems: Problem[] } {
  const r = schema.safeParse(input, { error: issueMessage });
  return r.success ? { success: true, data: r.data } : { success: false, problems: problemsOf(r.error) };
}

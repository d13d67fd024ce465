/**
 * `check()` (checkers cached per plain option set) and `applySuggestion()`.
 * @module
 */
import type { CheckResult, Suggestion } from '../types.js';
import { typeName } from '../schema.js';
import { compiledCheckers, registry } from './registry.js';
import { createChecker } from './checker.js';
import { isCheckerOption, type Checker, type CheckOptions } from './options.js';

class Uncacheable extends Error {}

/**
 * The cache key of an option set: its JSON, or undefined when the options hold anything JSON
 * would hide or change (unknown options, `undefined` inside, functions, Maps, boxed strings,
 * NaN…) — those go to `createChecker`, which names what is wrong, instead of matching the key
 * of a valid option set.
 */
function cacheKey(options: object): string | undefined {
  try {
    return JSON.stringify(options, function (this: Record<string, unknown>, k, v: unknown) {
      const raw = this[k];
      if (this === options && !isCheckerOption(k)) throw new Uncacheable();
      if (raw === undefined) {
        if (this === options) return undefined;
        throw new Uncacheable();
      }
      if (typeof raw === 'string' || typeof raw === 'boolean' || (typeof raw === 'number' && Number.isFinite(raw))) return v;
      if (raw !== null && typeof raw === 'object') {
        const proto = Object.getPrototypeOf(raw) as unknown;
        if (Array.isArray(raw) || proto === Object.prototype || proto === null) return raw;
      }
      throw new Uncacheable();
    });
  } catch {
    return undefined;
  }
}

/**
 * Check `text` once. Checkers for plain option sets are cached, so repeated calls are cheap.
 * @example
 * ```ts
 * import { check } from 'peerspeak';
 * check('You should call your doctor.').findings.map((f) => f.ruleId); // ['directive/modal']
 * check('I hope the walk helps.').findings; // []
 * ```
 */
export function check(text: string, options: CheckOptions = {}): CheckResult {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`peerspeak: check(text, options): expected \`options\` to be an object, got ${typeName(options)}`);
  }
  const { context, ...rest } = options;
  let checker: Checker;
  const simple = !rest.packs || rest.packs.length === 0;
  let key = simple ? cacheKey(rest) : undefined;
  if (key !== undefined) {
    // A language registered since (by this copy of the library or another) changes `auto`.
    key = `${registry.version}:${key}`;
    checker = compiledCheckers.get(key) ?? createChecker(rest);
    if (compiledCheckers.size > 50) compiledCheckers.clear();
    compiledCheckers.set(key, checker);
  } else checker = createChecker(rest);
  return checker.check(text, context === undefined ? undefined : { context });
}

/**
 * The text with the suggestion's range replaced by its text.
 * @example
 * ```ts
 * import { applySuggestion, check } from 'peerspeak';
 * const text = 'You should call your doctor.';
 * const [finding] = check(text).findings;
 * applySuggestion(text, finding.suggestions[0]); // 'I wonder if it might help to call your doctor — what do you think?'
 * ```
 */
export function applySuggestion(text: string, suggestion: Suggestion): string {
  if (typeof text !== 'string') throw new TypeError(`peerspeak: applySuggestion(text, suggestion): expected \`text\` to be a string, got ${typeName(text)}`);
  if (!suggestion || typeof suggestion !== 'object' || typeof suggestion.text !== 'string' || !Array.isArray(suggestion.range)) {
    throw new TypeError('peerspeak: applySuggestion(text, suggestion): expected `suggestion` to be { text: string, range: [start, end], label }');
  }
  const [a, b] = suggestion.range;
  if (Number.isInteger(a) && Number.isInteger(b) && b < a) {
    throw new RangeError(`peerspeak: applySuggestion(text, suggestion): \`suggestion.range\` [${a}, ${b}] is reversed: expected [start, end] with start <= end`);
  }
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b > text.length) {
    throw new RangeError(`peerspeak: applySuggestion(text, suggestion): \`suggestion.range\` [${a}, ${b}] is outside the text (length ${text.length})`);
  }
  return text.slice(0, a) + suggestion.text + text.slice(b);
}

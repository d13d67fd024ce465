/**
 * Options of `check()` and `createChecker()`: their types, their validation and what they
 * resolve to (profile, user levels, allowed phrases, role-limits text).
 * @module
 */
import { baseLanguage } from '../lang-tag.js';
import * as z from 'zod/mini';
import type { CheckResult, LangOption, Profile, RoleLimitsOptions, RuleKey, RuleLevel, Severity } from '../types.js';
import { PROFILES, RulesMapSchema, RoleLimitsSchema, joinPath, kindOf, typeName, validate, type Problem, type Rule } from '../schema.js';
import { BUILTIN_ON_DEMAND, currentDetector, languages } from './registry.js';

/**
 * Options of `check()` and `createChecker()`.
 * @example
 * ```ts
 * import { createChecker, type CheckerOptions } from 'peerspeak';
 * const options: CheckerOptions = {
 *   lang: 'auto',
 *   profile: 'chat',
 *   rules: { 'directive/modal': 'off' },
 *   allow: ['you should see the view'],
 * };
 * const checker = createChecker(options);
 * ```
 */
export interface CheckerOptions {
  /** Language of the text: a registered pack language (`en`, `sv`, `da`) or `auto`. Default `en`. */
  lang?: LangOption;
  /** `chat` (default), `training` or `strict`. */
  profile?: Profile;
  /** Extra rule packs (plain objects in the pack format). A rule with a built-in id replaces it. */
  packs?: unknown[];
  /** Concept id (or category, or `category/*`) → `off | hint | info | warning | error`. */
  rules?: Partial<Record<RuleKey, RuleLevel>>;
  /** Phrases never to flag, e.g. `["you should see the view"]` (case-insensitive). */
  allow?: string[];
  /** Text and resources for the role-limits note. */
  roleLimits?: RoleLimitsOptions;
  /**
   * Keep the findings of recent sentences, keyed by their text (default `true`): re-checking
   * an edited document then re-analyses only the sentences that changed. With `false` the
   * checker keeps nothing of any text once a call returns (see SECURITY.md); `checker.clear()`
   * empties the cache of a checker made with the default.
   */
  cache?: boolean;
  /**
   * Stop after this many findings (default 100,000; `Infinity` for no limit): the sentence that
   * would go past it and the rest of the text are not checked, and the result says where
   * (`truncated`). Findings take memory; this bounds a text that is one finding every few words
   * for megabytes (about 10 times the density of real advice-heavy text), as LanguageTool's
   * `maxErrorsPerWordRate` does.
   */
  maxFindings?: number;
}

/**
 * Per-call options of `check()`.
 * @example
 * ```ts
 * import { check, type CheckOptions } from 'peerspeak';
 * const options: CheckOptions = { profile: 'chat', context: incomingMessage };
 * check(draft, options);
 * ```
 */
export interface CheckOptions extends CheckerOptions {
  /** The message being answered: crisis cues there also add the role-limits note. */
  context?: string;
}

/**
 * A reusable checker: options validated and packs compiled once.
 * @example
 * ```ts
 * import { createChecker, type Checker } from 'peerspeak';
 * const checker: Checker = createChecker({ lang: 'en' });
 * for (const draft of drafts) console.log(checker.check(draft).findings);
 * ```
 */
export interface Checker {
  check(text: string, options?: { context?: string }): CheckResult;
  /**
   * Forget every sentence this checker has cached (see `cache` in the options): after this,
   * the checker holds no text. Compiled packs and options are kept.
   * @example
   * ```ts
   * import { createChecker } from 'peerspeak';
   * const checker = createChecker({ lang: 'en' });
   * checker.check(privateMessage);
   * checker.clear(); // nothing of privateMessage is kept
   * ```
   */
  clear(): void;
}

export const CheckerOptionsSchema = z.strictObject({
  // Unknown values are refused (with the valid ones) by createChecker; a wrong type lists them too.
  lang: z.optional(z.string({ error: (iss) => `expected one of ${[...languages(), 'auto'].join(', ')} (a string), received ${kindOf(iss.input)}` })),
  profile: z.optional(z.string({ error: (iss) => `expected one of ${PROFILES.join(', ')} (a string), received ${kindOf(iss.input)}` })),
  packs: z.optional(z.array(z.unknown(), { error: (iss) => `expected an array of rule packs (plain objects), received ${kindOf(iss.input)}` })),
  rules: z.optional(RulesMapSchema),
  allow: z.optional(z.array(z.string().check(z.minLength(1, 'expected a non-empty phrase')))),
  roleLimits: z.optional(RoleLimitsSchema),
  cache: z.optional(z.boolean({ error: (iss) => `expected true or false, received ${kindOf(iss.input)}` })),
  // (zod's number refuses Infinity, the documented "no limit".)
  maxFindings: z.optional(
    z.custom<number>((n) => n === Infinity || (Number.isInteger(n) && (n as number) > 0), {
      error: (iss) => `expected a positive whole number or Infinity, received ${typeof iss.input === 'number' ? String(iss.input) : kindOf(iss.input)}`,
    }),
  ),
  context: z.optional(z.string()),
});

/** The default of `maxFindings`: ten times the findings of 10 MB of real advice-heavy text. */
export const MAX_FINDINGS = 100_000;

/** Is `key` an option of `createChecker` (so a per-call option can say where it belongs)? */
export function isCheckerOption(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(CheckerOptionsSchema.shape, key);
}

/** A TypeError naming each bad option: `peerspeak: invalid options:` then one `options.<path>: <reason>` line each. */
function optionsError(problems: Problem[]): TypeError {
  const lines = problems.map((p) => `${joinPath('options', p.path)}: ${p.message}`);
  return new TypeError(`peerspeak: invalid options:\n${lines.join('\n')}`);
}

/** What the options of a checker come to once validated. */
export interface Resolved {
  /** A registered language or `auto`. */
  lang: string;
  profile: string;
  userLevels: Record<string, string>;
  /** Allowed phrases, lower case. */
  allow: string[];
  roleLimits: RoleLimitsOptions;
  /** User packs, as given. */
  packs: unknown[];
  cache: boolean;
  maxFindings: number;
  /** The default `context` of every check. */
  context: string | undefined;
}

/** Validate the options of `createChecker`; throws a TypeError or RangeError naming the bad option. */
export function resolveOptions(options: CheckerOptions & { context?: string }): Resolved {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`peerspeak: createChecker(options): expected \`options\` to be an object, got ${typeName(options)}`);
  }
  const parsed = validate(CheckerOptionsSchema, options);
  if (!parsed.success) throw optionsError(parsed.problems);
  const given = parsed.data;
  const available = languages();
  // A BCP 47 tag or locale ('sv-SE', 'SV', 'da_DK', navigator.language) names its base language.
  const lang = baseLanguage(given.lang ?? 'en');
  if (lang !== 'auto' && !available.includes(lang)) {
    const hint = BUILTIN_ON_DEMAND[lang] ? ` (the ${BUILTIN_ON_DEMAND[lang]} pack loads with import 'peerspeak/rules/${lang}')` : '';
    throw new RangeError(`peerspeak: options.lang: unknown lang "${given.lang ?? lang}": expected one of ${[...available, 'auto'].join(', ')}${hint}`);
  }
  if (lang === 'auto' && !currentDetector()) {
    throw new RangeError('peerspeak: options.lang: lang "auto" needs the language detector, which is not loaded');
  }
  const profile = given.profile ?? 'chat';
  if (!(PROFILES as readonly string[]).includes(profile)) {
    throw new RangeError(`peerspeak: options.profile: unknown profile "${profile}": expected one of ${PROFILES.join(', ')}`);
  }
  return {
    lang,
    profile,
    userLevels: given.rules ?? {},
    allow: (given.allow ?? []).map((a) => a.toLowerCase()),
    roleLimits: (given.roleLimits ?? {}) as RoleLimitsOptions,
    packs: given.packs ?? [],
    cache: given.cache !== false,
    maxFindings: given.maxFindings ?? MAX_FINDINGS,
    context: given.context,
  };
}

/** Per-call options of `checker.check(text, options)`: only `context`; the rest is fixed by `createChecker`. */
export function checkCallOptions(options: unknown): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`peerspeak: checker.check(text, options): expected \`options\` to be an object { context? }, got ${typeName(options)}`);
  }
  for (const key in options) {
    if (key !== 'context') {
      const fixed = isCheckerOption(key) ? `; set ${key} with createChecker({ ${key} })` : '';
      throw new TypeError(`peerspeak: checker.check(text, options): unknown option "${key}": expected only context${fixed}`);
    }
  }
}

/** The level of a rule: the user's (by id, `category/*` or category), else the profile's, else its severity. */
export function levelFor(rule: Rule, r: Resolved): Severity | 'off' {
  const u = r.userLevels;
  const user = u[rule.id] ?? u[`${rule.category}/*`] ?? u[rule.category];
  if (user) return user as Severity | 'off';
  const prof = rule.profiles?.[r.profile as 'chat' | 'training' | 'strict'];
  const level = prof ?? rule.severity;
  if (level === 'hint' && r.profile !== 'strict') return 'off';
  return level;
}

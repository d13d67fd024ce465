/**
 * The shapes of rule packs written out as plain TypeScript, so the shipped `.d.ts` files do not
 * import zod (which is bundled, not a dependency). `src/schema.ts` checks at compile time that
 * each one equals what its zod schema produces, so the two cannot drift apart.
 * @module
 */
import type { Category, Profile, RuleLevel, Severity } from './types.js';

/**
 * Where a rule can stand down: see the README, "Context".
 * @example
 * ```ts
 * import type { Skip } from 'peerspeak';
 * const skip: Skip[] = ['question', 'quote'];
 * ```
 */
export type Skip = 'question' | 'reported' | 'quote' | 'choice' | 'emergency';

/**
 * One rewrite template of a rule or of one of its patterns.
 * @example
 * ```ts
 * import type { SuggestTemplate } from 'peerspeak';
 * const t: SuggestTemplate = { label: 'Offer it', template: 'Would {verb|gerund} {rest} be an option for you?' };
 * ```
 */
export interface SuggestTemplate {
  label: string;
  template: string;
  replace?: 'sentence' | 'match' | 'clause' | undefined;
}

/**
 * A pattern with its own exceptions and rewrites.
 * @example
 * ```ts
 * import type { PatternEntry } from 'peerspeak';
 * const entry: PatternEntry = { pattern: 'you should {verb}', unless: ['you should see'] };
 * ```
 */
export interface PatternEntry {
  pattern: string;
  unless?: string[] | undefined;
  suggest?: SuggestTemplate[] | undefined;
}

/**
 * A text the rule must flag, with the expected top suggestion applied.
 * @example
 * ```ts
 * import type { FlagExample } from 'peerspeak';
 * const ex: FlagExample = { text: 'You should call your doctor.', suggestion: 'Would calling your doctor be an option for you?' };
 * ```
 */
export interface FlagExample {
  text: string;
  suggestion?: string | undefined;
}

/**
 * A validated rule.
 * @example
 * ```ts
 * import { enPack, type Rule } from 'peerspeak';
 * const ids = enPack.rules.map((r: Rule) => r.id); // ['directive/modal', …]
 * ```
 */
export interface Rule {
  id: string;
  category: Category;
  severity: Severity;
  profiles?: Partial<Record<Profile, RuleLevel>> | undefined;
  principle: string;
  message: string;
  note?: string | undefined;
  match: (string | PatternEntry)[];
  unless?: string[] | undefined;
  skip?: Skip[] | undefined;
  suggest?: SuggestTemplate[] | undefined;
  examples: { flag: FlagExample[]; pass: string[] };
}

/**
 * Irregular forms and ordered suffix rules of one inflection.
 * @example
 * ```ts
 * import type { Inflection } from 'peerspeak';
 * const gerund: Inflection = { map: { be: 'being' }, suffixes: [['e', 'ing'], ['', 'ing']] };
 * ```
 */
export interface Inflection {
  map?: Record<string, string> | undefined;
  suffixes?: [string, string][] | undefined;
  /** Words (besides a comma) after which a word found in `map` is inflected too (a coordinated list). */
  listLinks?: string[] | undefined;
  /** Apply `map` to every word of the phrase, not only the first (no suffixes). */
  everyWord?: boolean | undefined;
}

/**
 * A validated rule pack (the input shape is the same: validation adds no defaults).
 * @example
 * ```ts
 * import { PackSchema, type Pack } from 'peerspeak';
 * const pack: Pack = PackSchema.parse(JSON.parse(source));
 * pack.rules.map((r) => r.id);
 * ```
 */
export interface Pack {
  $schema?: string | undefined;
  name: string;
  lang: string;
  version?: string | undefined;
  lexicons?: Record<string, string[] | Record<string, string>> | undefined;
  guards?: Record<string, string[]> | undefined;
  inflections?: Record<string, Inflection> | undefined;
  strings?: ({ roleLimits?: string | undefined; roleLimitsLabel?: string | undefined } & Record<string, string>) | undefined;
  rules: Rule[];
}

/**
 * Input shape of a rule pack.
 * @example
 * ```ts
 * import { check, type PackInput } from 'peerspeak';
 * const pack: PackInput = { name: 'our-words', lang: 'en', rules: [myRule] };
 * check(text, { packs: [pack] });
 * ```
 */
export type PackInput = Pack;

/**
 * One problem a schema found: where (`path`) and what (`message`).
 * @example
 * ```ts
 * import { PackSchema, type SchemaIssue } from 'peerspeak';
 * const r = PackSchema.safeParse({});
 * const issues: SchemaIssue[] = r.success ? [] : r.error.issues;
 * ```
 */
export interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  message: string;
}

/**
 * What `safeParse` returns.
 * @example
 * ```ts
 * import { PackSchema, type Pack, type SafeParseResult } from 'peerspeak';
 * const r: SafeParseResult<Pack> = PackSchema.safeParse(JSON.parse(source));
 * ```
 */
export type SafeParseResult<T> = { success: true; data: T; error?: undefined } | { success: false; data?: undefined; error: { issues: SchemaIssue[] } };

/**
 * A validating schema (zod's, bundled): `parse` throws on invalid input, `safeParse` does not.
 * @example
 * ```ts
 * import { PackSchema } from 'peerspeak';
 * const result = PackSchema.safeParse(JSON.parse(source));
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export interface Schema<T> {
  parse(data: unknown): T;
  safeParse(data: unknown): SafeParseResult<T>;
}

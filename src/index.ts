/**
 * peerspeak: flags directive, diagnostic and generalising language in peer-support messages
 * and suggests first-person, choice-offering rewrites.
 *
 * ```ts
 * import { check, applySuggestion } from 'peerspeak';
 * const { findings } = check('You should call your doctor.');
 * findings[0].suggestions[0].text; // 'I wonder if it might help to call your doctor — what do you think?'
 * ```
 * @module
 */
import enPackData from '../rules/en/pack.json';
import { en } from './lang/en.js';
import { registerDetector, registerLanguage } from './engine.js';
import { detectLanguage } from './detect.js';
import { PackSchema as PackZod, RuleSchema as RuleZod } from './schema.js';
import type { Pack, Rule, Schema } from './pack-types.js';

registerLanguage(enPackData, en);
registerDetector(detectLanguage);

export { check, createChecker, applySuggestion, validatePack, compilePack, languages, registerLanguage, PackError } from './engine.js';
export type { CheckOptions, CheckerOptions, Checker } from './engine.js';
export { applySuggestions, type AppliedSuggestions } from './apply.js';
export type { Sentence, Token } from './segment.js';
/** 1-based line/column helpers for UTF-16 offsets (shared by the Markdown adapter and the language server). */
export { lineColumn, lineStartsOf } from './segment.js';
export type { Category, CheckResult, Finding, KnownRuleId, Lang, LangOption, LanguageRegistry, Profile, RoleLimitsOptions, RuleKey, RuleLevel, Severity, Suggestion, UncheckedParagraph } from './types.js';
export { CATEGORIES, SEVERITIES, LEVELS, PROFILES } from './schema.js';
export type { Problem } from './schema.js';
export type { Pack, PackInput, Rule, SuggestTemplate, PatternEntry, FlagExample, Inflection, Skip, Schema, SafeParseResult, SchemaIssue } from './pack-types.js';
/**
 * The schema of a rule pack (zod, bundled; typed without zod so the shipped types stand alone);
 * the shipped `pack-schema.json` is generated from it. {@link validatePack} gives readable messages.
 * @example
 * ```ts
 * import { PackSchema } from 'peerspeak';
 * const result = PackSchema.safeParse(JSON.parse(source));
 * if (result.success) console.log(result.data.rules.length);
 * ```
 */
export const PackSchema: Schema<Pack> = PackZod;
/**
 * The schema of one rule of a pack. {@link validatePack} gives readable messages.
 * @example
 * ```ts
 * import { RuleSchema } from 'peerspeak';
 * const result = RuleSchema.safeParse(rule);
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export const RuleSchema: Schema<Rule> = RuleZod;
export type { LanguageSupport } from './lang/types.js';
export { detectLanguage, scoreLanguages } from './detect.js';
/**
 * Load the English tagger (compromise) now instead of on the first sentence that needs it, so
 * that the first keystroke that needs it does not pay for it. Checking works without calling it.
 * @example
 * ```ts
 * import { warmUp } from 'peerspeak';
 * requestIdleCallback(() => warmUp()); // in a browser; setImmediate(warmUp) in Node
 * ```
 */
export { warmUpEnglish as warmUp } from './lang/en.js';
/**
 * The built-in English pack, as data. Swedish and Danish load on demand: `import 'peerspeak/rules/sv'`.
 * @example
 * ```ts
 * import { enPack } from 'peerspeak';
 * enPack.rules.find((rule) => rule.id === 'directive/modal')?.examples.flag[0].text; // 'You should call your doctor.'
 * ```
 */
export const enPack: Pack = enPackData as unknown as Pack;

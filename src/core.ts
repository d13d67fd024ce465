/**
 * peerspeak without English: the engine, the pack format and the language detector, with no
 * language registered and no part-of-speech tagger. For an app that checks only Swedish or
 * Danish (`import 'peerspeak/rules/sv'` registers Swedish with this same core), so its bundle
 * carries neither compromise nor the English pack. `peerspeak` is this core plus English.
 *
 * ```ts
 * import { check } from 'peerspeak/core';
 * import 'peerspeak/rules/sv';
 * check('Du borde ringa din läkare.', { lang: 'sv' }).findings[0].ruleId; // 'directive/modal'
 * ```
 * @module
 */
import { registerDetector } from './engine.js';
import { detectLanguage } from './detect.js';
import { PackSchema as PackZod, RuleSchema as RuleZod } from './schema.js';
import type { Pack, Rule, Schema } from './pack-types.js';

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

/**
 * Public types of peerspeak. One finding shape everywhere: library, CLI, language server.
 * @module
 */

import type { KnownRuleId } from './rule-ids.js';

/**
 * The seven categories of the language guide.
 * @example
 * ```ts
 * import { check, type Category } from 'peerspeak';
 * const shown: Category[] = ['directive', 'diagnostic'];
 * check(draft).findings.filter((f) => shown.includes(f.category));
 * ```
 */
export type Category =
  | 'directive'
  | 'diagnostic'
  | 'generalising'
  | 'helping'
  | 'fear'
  | 'judging'
  | 'role-limits';

/**
 * How loud a finding is. `error` and `warning` count as "flagged"; `info` and `hint` are softer notes.
 * @example
 * ```ts
 * import { check, type Severity } from 'peerspeak';
 * const flagged = (s: Severity) => s === 'error' || s === 'warning';
 * check('You should call your doctor.').findings.some((f) => flagged(f.severity)); // true
 * ```
 */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/**
 * A rule's configured level: a severity, or `off`.
 * @example
 * ```ts
 * import { createChecker, type RuleLevel } from 'peerspeak';
 * const rules: Record<string, RuleLevel> = { 'directive/modal': 'off', judging: 'error' };
 * createChecker({ rules });
 * ```
 */
export type RuleLevel = Severity | 'off';

/**
 * The languages `lang` accepts by name: the built-in ones. An app that registers its own pack
 * (`registerLanguage`) adds its code by augmenting this interface.
 * @example
 * ```ts
 * declare module 'peerspeak' {
 *   interface LanguageRegistry { fi: true }
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface LanguageRegistry {
  en: true;
  sv: true;
  da: true;
}

/**
 * Built-in language codes (and any added to {@link LanguageRegistry}).
 * @example
 * ```ts
 * import { check, type Lang } from 'peerspeak';
 * import 'peerspeak/rules/sv';
 * const lang: Lang = 'sv';
 * check('Du borde ringa din läkare.', { lang }).findings[0].ruleId; // 'directive/modal'
 * ```
 */
export type Lang = keyof LanguageRegistry & string;

/**
 * What the `lang` option accepts: a language code, or `auto` to detect it per paragraph. A
 * BCP 47 tag or locale name counts as its base language (`'sv-SE'`, `'SV'`, `'da_DK'`,
 * `'en-GB'`), so `navigator.language` can be passed as it is (cast it: it is a `string`).
 * @example
 * ```ts
 * import { check, type LangOption } from 'peerspeak';
 * const lang: LangOption = 'auto';
 * check('You should call your doctor.', { lang }).lang; // 'en'
 * check('You should call your doctor.', { lang: 'en-GB' }).lang; // 'en'
 * ```
 */
export type LangOption = Lang | 'auto' | Uppercase<Lang> | `${Lang | Uppercase<Lang>}-${string}` | `${Lang | Uppercase<Lang>}_${string}`;

/**
 * A key of the `rules` option: a category (`judging`), every rule of one (`judging/*`), or a
 * concept id, which always starts with its category: a built-in one ({@link KnownRuleId},
 * offered by editor completion) or a user pack's own (`diagnostic/service-user`).
 * `peerspeak/unused-directive` (or `peerspeak`) controls the report about markers that suppress
 * nothing. A key outside these (`diretive/modal`) does not compile; an unknown id in a known
 * category is refused when the checker is created, with the id meant.
 * @example
 * ```ts
 * import type { RuleKey, RuleLevel } from 'peerspeak';
 * const rules: Partial<Record<RuleKey, RuleLevel>> = { 'directive/modal': 'off', judging: 'error' };
 * ```
 */
export type RuleKey =
  | KnownRuleId
  | Category
  | `${Category}/*`
  | 'peerspeak'
  | `peerspeak/${string}`
  | (`${Category}/${string}` & { readonly __customRuleId?: never });

export type { KnownRuleId };

/**
 * Built-in profiles (see the README): `chat` (default), `training`, `strict`.
 * @example
 * ```ts
 * import { check, type Profile } from 'peerspeak';
 * const profile: Profile = 'training'; // directive rules off for course material
 * check('Ask the caller what they need.', { profile }).findings; // []
 * ```
 */
export type Profile = 'chat' | 'training' | 'strict';

/**
 * A rewrite that replaces `range` of the original text with `text`.
 * @example
 * ```ts
 * import { applySuggestion, check, type Suggestion } from 'peerspeak';
 * const text = 'You should call your doctor.';
 * const top: Suggestion = check(text).findings[0].suggestions[0];
 * top.label; // a short button label
 * applySuggestion(text, top); // 'I wonder if it might help to call your doctor — what do you think?'
 * ```
 */
export interface Suggestion {
  /** The replacement text. */
  text: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  range: [number, number];
  /** A short label for a button or a quick-fix menu, in the text's language. */
  label: string;
}

/**
 * One thing peerspeak noticed in the text.
 * @example
 * ```ts
 * import { check, type Finding } from 'peerspeak';
 * const [f]: Finding[] = check('You should call your doctor.').findings;
 * f.ruleId; // 'directive/modal'
 * f.range; // [0, 15]
 * f.text; // 'You should call'
 * [f.line, f.column]; // [1, 1]
 * ```
 */
export interface Finding {
  /** Concept id, e.g. `directive/modal`: the same in every language. */
  ruleId: string;
  category: Category;
  severity: Severity;
  /** The IPS / peer-counselling principle the rule serves. */
  principle: string;
  /** What was noticed, in the text's language. */
  message: string;
  /** The why, in one or two sentences. */
  note?: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  range: [number, number];
  /** 1-based line of `range[0]`. */
  line: number;
  /** 1-based column (UTF-16 units) of `range[0]`. */
  column: number;
  /** The flagged text, `text.slice(range[0], range[1])`. */
  text: string;
  /** Ranked rewrites, best first; may be empty. */
  suggestions: Suggestion[];
}

/**
 * What `check()` returns.
 * @example
 * ```ts
 * import { check, type CheckResult } from 'peerspeak';
 * const result: CheckResult = check('Everyone feels that way sometimes.', { lang: 'auto' });
 * result.lang; // 'en'
 * result.findings.length; // 1
 * ```
 */
export interface CheckResult {
  /** Findings in document order. */
  findings: Finding[];
  /** The language the text was checked in: the option's base language, or with `auto` the one most paragraphs were detected as. */
  lang: Lang | (string & {});
  /**
   * `lang: 'auto'` only, and only when it happened: paragraphs detected as a built-in language
   * whose pack is not loaded (e.g. Swedish without `import 'peerspeak/rules/sv'`). They are not
   * checked — another language's rules would say nothing true about them — so a UI can say
   * "this paragraph looks Swedish" instead of showing a clean result.
   */
  unchecked?: UncheckedParagraph[];
  /**
   * Only when it happened: the findings reached `maxFindings` (see the checker options), and
   * the text from offset `at` on was not checked (the role-limits note, a safety note, is still
   * given). A UI can say so instead of showing the rest as clean.
   */
  truncated?: { at: number; maxFindings: number };
}

/**
 * A paragraph `lang: 'auto'` could not check: the language it was detected as, and where it is.
 * @example
 * ```ts
 * import { check, type UncheckedParagraph } from 'peerspeak'; // only English loaded
 * const { unchecked } = check('Du borde verkligen ringa din läkare nu, tycker jag.', { lang: 'auto' });
 * const first: UncheckedParagraph | undefined = unchecked?.[0]; // { lang: 'sv', range: [0, 51] }
 * ```
 */
export interface UncheckedParagraph {
  /** The detected language, whose pack is not registered. */
  lang: string;
  /** UTF-16 offsets of the paragraph, end exclusive. */
  range: [number, number];
}

/**
 * Text and resources for the role-limits note. No built-in phone numbers: bring your own.
 * @example
 * ```ts
 * import { check, type RoleLimitsOptions } from 'peerspeak';
 * const roleLimits: RoleLimitsOptions = { resources: ['Supervisor on duty: ext. 123'] };
 * check('I want to die.', { roleLimits }).findings[0].ruleId; // 'role-limits/crisis'
 * ```
 */
export interface RoleLimitsOptions {
  /** Replaces the pack's default note text. */
  message?: string;
  /** One or two resources for your locale, e.g. `"Crisis line: 000 000"`. Appended to the message. */
  resources?: string[];
}

/**
 * Public types of peerspeak. One finding shape everywhere: library, CLI, language server.
 * @module
 */

/** The seven categories of the language guide. */
export type Category =
  | 'directive'
  | 'diagnostic'
  | 'generalising'
  | 'helping'
  | 'fear'
  | 'judging'
  | 'role-limits';

/** How loud a finding is. `error` and `warning` count as "flagged"; `info` and `hint` are softer notes. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = Severity | 'off';

/** Built-in language codes. */
export type Lang = 'en' | 'sv' | 'da';

/** Built-in profiles (see the README): `chat` (default), `training`, `strict`. */
export type Profile = 'chat' | 'training' | 'strict';

/** A rewrite that replaces `range` of the original text with `text`. */
export interface Suggestion {
  /** The replacement text. */
  text: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  range: [number, number];
  /** A short label for a button or a quick-fix menu, in the text's language. */
  label: string;
}

/** One thing peerspeak noticed in the text. */
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

/** What `check()` returns. */
export interface CheckResult {
  /** Findings in document order. */
  findings: Finding[];
  /** The language each finding was checked in (the option, or the detected one). */
  lang: Lang | string;
}

/** Text and resources for the role-limits note. No built-in phone numbers: bring your own. */
export interface RoleLimitsOptions {
  /** Replaces the pack's default note text. */
  message?: string;
  /** One or two resources for your locale, e.g. `"Crisis line: 000 000"`. Appended to the message. */
  resources?: string[];
}

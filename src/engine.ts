/**
 * The engine: compile packs once, then check text sentence by sentence.
 *
 * text → sentences + tokens → rules (cheap lexical gate first, tags only when a pattern needs
 * them) → findings with ranges in the original text → suggestions → filters (profile and
 * user levels, allowed phrases, overlaps) → result.
 * @module
 */
import * as z from 'zod/mini';
import type { Category, CheckResult, Finding, LangOption, Profile, RoleLimitsOptions, RuleKey, RuleLevel, Severity, Suggestion } from './types.js';
import {
  CATEGORIES,
  PackSchema,
  PROFILES,
  RulesMapSchema,
  RoleLimitsSchema,
  joinPath,
  kindOf,
  packSizeProblems,
  unknownRuleKey,
  validate,
  type Pack,
  type Problem,
  type Rule,
  type Skip,
  type SuggestTemplate,
} from './schema.js';
import {
  compileLexicon,
  compilePattern,
  matchAll,
  matchAt,
  PatternError,
  type CompiledLexicon,
  type CompiledPattern,
  type Match,
  type MatchContext,
} from './pattern.js';
import { lineColumn, lineStartsOf, normalize, segment, sentenceAt, sentenceSpans, tokenize, type Sentence, type Token } from './segment.js';
import { ADVICE_NAMES, MATCH_NAMES, adviceClause, capitalise, clauseLexicon, keptOpener, lowerFirst, matchValues, render, templateProblem, tidy } from './rewrite.js';
import { trimEndSeparators, wordBeforeTrailingSpace } from './linear.js';
import type { LanguageSupport } from './lang/types.js';

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

const CheckerOptionsSchema = z.strictObject({
  // Unknown values are refused (with the valid ones) by createChecker; a wrong type lists them too.
  lang: z.optional(z.string({ error: (iss) => `expected one of ${[...languages(), 'auto'].join(', ')} (a string), received ${kindOf(iss.input)}` })),
  profile: z.optional(z.string({ error: (iss) => `expected one of ${PROFILES.join(', ')} (a string), received ${kindOf(iss.input)}` })),
  packs: z.optional(z.array(z.unknown(), { error: (iss) => `expected an array of rule packs (plain objects), received ${kindOf(iss.input)}` })),
  rules: z.optional(RulesMapSchema),
  allow: z.optional(z.array(z.string().check(z.minLength(1, 'expected a non-empty phrase')))),
  roleLimits: z.optional(RoleLimitsSchema),
  cache: z.optional(z.boolean({ error: (iss) => `expected true or false, received ${kindOf(iss.input)}` })),
  context: z.optional(z.string()),
});

/** A TypeError naming each bad option: `peerspeak: invalid options:` then one `options.<path>: <reason>` line each. */
function optionsError(problems: Problem[]): TypeError {
  const lines = problems.map((p) => `${joinPath('options', p.path)}: ${p.message}`);
  return new TypeError(`peerspeak: invalid options:\n${lines.join('\n')}`);
}

// ---------------------------------------------------------------- registry of built-in packs

const builtinPacks = new Map<string, unknown>();
/** Built-in languages that live in their own entry point. */
const BUILTIN_ON_DEMAND: Record<string, string> = { sv: 'Swedish', da: 'Danish' };
const languageSupport = new Map<string, LanguageSupport>();
/** Detects the language of a paragraph, set by the auto-detection module when loaded. */
let detector: ((text: string, langs: string[], fallback?: string) => string) | null = null;

/**
 * Register a built-in pack and its language support (done by the language entry points).
 * @example
 * ```ts
 * import { registerLanguage, check } from 'peerspeak';
 * import nbPack from './nb-pack.json';
 * registerLanguage(nbPack, { code: 'nb' });
 * check(text, { lang: 'nb' });
 * ```
 */
export function registerLanguage(pack: unknown, support?: LanguageSupport): void {
  const p = pack as { lang?: string };
  if (!p || typeof p.lang !== 'string') throw new TypeError('peerspeak: registerLanguage(pack): pack.lang must be a string');
  builtinPacks.set(p.lang, pack);
  if (support) languageSupport.set(p.lang, support);
  compiledCheckers.clear();
}

/** Set the detector used by `lang: 'auto'`. */
export function registerDetector(fn: (text: string, langs: string[], fallback?: string) => string): void {
  detector = fn;
}

/**
 * Languages that have a registered pack.
 * @example
 * ```ts
 * import { languages } from 'peerspeak';
 * import 'peerspeak/rules/sv';
 * languages(); // ['en', 'sv']
 * ```
 */
export function languages(): string[] {
  return [...builtinPacks.keys()];
}

// ---------------------------------------------------------------- compiled packs

interface CompiledMatch {
  pattern: CompiledPattern;
  unless: CompiledPattern[];
  suggest: SuggestTemplate[];
}

interface CompiledRule {
  rule: Rule;
  matches: CompiledMatch[];
  unless: CompiledPattern[];
  skip: Set<Skip>;
  needsTags: boolean;
}

interface CompiledPack {
  lang: string;
  lexicons: Record<string, CompiledLexicon>;
  guards: Record<string, CompiledPattern[]>;
  rules: CompiledRule[];
  strings: Record<string, string>;
  clauseLinks?: Set<string>;
  transforms: Record<string, (s: string) => string>;
  support?: LanguageSupport;
}

const DEFAULT_SKIP: Skip[] = ['quote', 'reported'];
const compiledPacks = new WeakMap<object, CompiledPack>();

/**
 * A pack failed validation or compilation. The message names `where` (the file, or
 * `options.packs.<i>`), the path inside the pack and the reason, one line per problem:
 * `peerspeak: invalid rule pack:\nmy-pack.json.rules.3.severity: expected one of error, warning, info, hint`.
 * @example
 * ```ts
 * import { PackError, validatePack } from 'peerspeak';
 * try {
 *   validatePack({ name: 'x', lang: 'en', rules: 'nope' }, 'x.json');
 * } catch (error) {
 *   if (error instanceof PackError) console.error(error.message);
 *   // peerspeak: invalid rule pack:
 *   // x.json.rules: expected array, received string
 * }
 * ```
 */
export class PackError extends Error {
  /** The location inside the pack of the (first) problem, e.g. `rules.3.examples.flag.0`; `''` for the pack itself. */
  readonly path: string;
  /** What the pack was called in the message: the `where` given to `validatePack`, or `options.packs.<i>`. */
  readonly where: string;
  /** Every problem found: its path inside the pack and the reason. */
  readonly problems: Problem[];
  constructor(message: string, path: string, where = '', problems: Problem[] = []) {
    super(message);
    this.name = 'PackError';
    this.path = path;
    this.where = where;
    this.problems = problems.length ? problems : [{ path, message }];
  }
}

/** `where.path` as messages give it; `(root)` for the pack itself. */
function packPath(where: string, path: string): string {
  return `${where ? where + '.' : ''}${path || '(root)'}`;
}

/** A PackError for one problem found while compiling (a pattern or a template). */
function packProblem(where: string, path: string, reason: string): PackError {
  return new PackError(`peerspeak: invalid rule pack: ${packPath(where, path)}: ${reason}`, path, where, [{ path, message: reason }]);
}

/** Letters only, one space between words, apostrophes only inside words: "don't give up". */
const PLAIN_PHRASE = /^\p{sc=Latin}+(?:['’]\p{sc=Latin}+)?(?: \p{sc=Latin}+(?:['’]\p{sc=Latin}+)?)*$/u;

function phraseTokenizer(lang: string) {
  // Most lexicon entries are plain words, which the word segmenter splits at the spaces:
  // splitting them directly keeps compiling a pack (on the first check) cheap.
  return (phrase: string) => (PLAIN_PHRASE.test(phrase) ? phrase.split(' ').map(normalize) : tokenize(phrase, lang).map((t) => t.norm));
}

/**
 * Check a rule pack without using it: throws a {@link PackError} naming the path inside the
 * pack and what was expected, e.g. `pack.rules.2.severity: expected one of error, warning, info, hint`.
 * @example
 * ```ts
 * import { validatePack } from 'peerspeak';
 * validatePack(JSON.parse(await readFile('my-pack.json', 'utf8')), 'my-pack.json');
 * ```
 */
export function validatePack(pack: unknown, where = 'pack'): void {
  if (typeof where !== 'string') {
    throw new TypeError(`peerspeak: validatePack(pack, where): expected \`where\` (the file name or label used in messages) to be a string, got ${describe(where)}`);
  }
  compilePack(pack, where);
}

/**
 * Validate and compile a pack (cached per pack object). Throws PackError naming the path inside the pack.
 * @internal Use {@link validatePack}; the compiled form is not a public API.
 */
export function compilePack(input: unknown, where = 'pack', support?: LanguageSupport): CompiledPack {
  if (input && typeof input === 'object') {
    const cached = compiledPacks.get(input);
    if (cached) return cached;
  }
  // Totals first: a pack of thousands of full lexicons must fail before it is copied entry by entry.
  const tooBig = packSizeProblems(input);
  const parsed = tooBig.length ? { success: false as const, problems: tooBig } : validate(PackSchema, input);
  if (!parsed.success) {
    const lines = parsed.problems.map((p) => `${packPath(where, p.path)}: ${p.message}`);
    throw new PackError(`peerspeak: invalid rule pack:\n${lines.join('\n')}`, parsed.problems[0]!.path, where, parsed.problems);
  }
  const pack: Pack = parsed.data;
  const tok = phraseTokenizer(pack.lang);
  const sup = support ?? languageSupport.get(pack.lang);
  // Names come from the pack and words from the text: every table keyed by them has no
  // prototype (or is a Map), so `@toString` or the word "constructor" never reaches Object.prototype.
  const lexicons: Record<string, CompiledLexicon> = Object.create(null);
  for (const [name, entries] of Object.entries(pack.lexicons ?? {})) lexicons[name] = compileLexicon(entries, tok);
  const transforms: Record<string, (s: string) => string> = Object.assign(Object.create(null), sup?.transforms);
  for (const [name, inf] of Object.entries(pack.inflections ?? {})) {
    const forms = new Map(Object.entries(inf.map ?? {}));
    transforms[name] = (phrase: string) => inflectFirst(phrase, forms, inf.suffixes);
  }
  const compile = (src: string, path: string): CompiledPattern => {
    try {
      return compilePattern(src, lexicons);
    } catch (e) {
      if (e instanceof PatternError) throw packProblem(where, path, `${e.message} in pattern "${src}"`);
      throw e;
    }
  };
  const guards: Record<string, CompiledPattern[]> = Object.create(null);
  for (const [name, pats] of Object.entries(pack.guards ?? {})) {
    guards[name] = pats.map((p, i) => compile(p, `guards.${name}.${i}`));
  }
  const transformNames = new Set(Object.keys(transforms));
  const lexNames = new Set(Object.keys(lexicons));
  const rules: CompiledRule[] = pack.rules.map((rule, ri) => {
    const base = `rules.${ri}`;
    const checkSuggest = (list: SuggestTemplate[] | undefined, path: string, caps: Set<string>) => {
      (list ?? []).forEach((s, si) => {
        const problem = templateProblem(s.template, caps, transformNames, lexNames);
        if (problem) throw packProblem(where, `${path}.${si}.template`, problem);
      });
    };
    const matches = rule.match.map((m, mi) => {
      const entry = typeof m === 'string' ? { pattern: m } : m;
      const path = typeof m === 'string' ? `${base}.match.${mi}` : `${base}.match.${mi}.pattern`;
      const pattern = compile(entry.pattern, path);
      const names = captureNames(entry.pattern);
      const caps = new Set(['rest', 'before', 'match', ...MATCH_NAMES, ...names, ...(names.includes('verb') ? ADVICE_NAMES.map((n) => n.replace(/\.\.\.$/, '')) : [])]);
      const suggest = entry.suggest ?? rule.suggest ?? [];
      checkSuggest(suggest, entry.suggest ? `${base}.match.${mi}.suggest` : `${base}.suggest`, caps);
      return {
        pattern,
        unless: (entry.unless ?? []).map((u, ui) => compile(u, `${base}.match.${mi}.unless.${ui}`)),
        suggest,
      };
    });
    const unless = (rule.unless ?? []).flatMap((u, ui) => {
      try {
        return expandGuard(u, guards, (s) => compile(s, `${base}.unless.${ui}`));
      } catch (e) {
        if (e instanceof PatternError) throw packProblem(where, `${base}.unless.${ui}`, e.message);
        throw e;
      }
    });
    return {
      rule,
      matches,
      unless,
      skip: new Set(rule.skip ?? DEFAULT_SKIP),
      needsTags: matches.some((m) => m.pattern.usesTags || m.unless.some((u) => u.usesTags)) || unless.some((u) => u.usesTags),
    };
  });
  const links = pack.lexicons?.clauseLinks;
  const compiled: CompiledPack = {
    lang: pack.lang,
    lexicons,
    guards,
    rules,
    strings: Object.assign(Object.create(null), pack.strings) as Record<string, string>,
    transforms,
    ...(links ? { clauseLinks: new Set((Array.isArray(links) ? links : Object.keys(links)).map((w) => w.toLowerCase())) } : {}),
    ...(sup ? { support: sup } : {}),
  };
  if (input && typeof input === 'object') compiledPacks.set(input, compiled);
  return compiled;
}

function captureNames(pattern: string): string[] {
  return [...pattern.matchAll(/(?:^|\s)([a-z][a-z0-9]*):/gi)].map((m) => m[1]!);
}

/** `guard:name` in an `unless` list stands for every pattern of that pack guard. */
function expandGuard(src: string, guards: Record<string, CompiledPattern[]>, compile: (s: string) => CompiledPattern): CompiledPattern[] {
  const m = /^guard:([A-Za-z][\w-]*)$/.exec(src.trim());
  if (m) {
    const g = guards[m[1]!];
    if (!g) throw new PatternError(`unknown guard "${m[1]}"`);
    return g;
  }
  return [compile(src)];
}

function inflectFirst(phrase: string, forms: Map<string, string>, suffixes: Array<[string, string]> | undefined): string {
  const m = /^(\s*)([\p{L}'’-]+)(.*)$/su.exec(phrase);
  if (!m) return phrase;
  const word = m[2]!;
  const lower = word.toLowerCase();
  let out = forms.get(lower);
  if (out === undefined) {
    out = lower;
    for (const [ending, repl] of suffixes ?? []) {
      if (lower.endsWith(ending)) {
        out = lower.slice(0, lower.length - ending.length) + repl;
        break;
      }
    }
  }
  if (word[0] !== lower[0]) out = capitalise(out);
  return m[1] + out + m[3];
}

// ---------------------------------------------------------------- checking

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

interface SentenceState {
  sentence: Sentence;
  ctx: MatchContext;
  words: Set<string>;
  cache: Map<string, boolean>;
  regions?: { reported: Array<[number, number]>; quotes: Array<[number, number]> };
}

function makeState(sentence: Sentence, pack: CompiledPack): SentenceState {
  let tags: Array<Set<string>> | undefined;
  const tagger = pack.support?.tag;
  const ctx: MatchContext = {
    tokens: sentence.tokens,
    lexicons: pack.lexicons,
    tags: () => (tags ??= tagger ? tagger(sentence) : sentence.tokens.map(() => new Set())),
    ...(pack.support?.mayHaveTag ? { mayHaveTag: (i: number, tag: string) => pack.support!.mayHaveTag!(sentence.tokens[i]!, tag, sentence.tokens[i + 1]) } : {}),
    ...(pack.clauseLinks ? { clauseLinks: pack.clauseLinks } : {}),
  };
  return { sentence, ctx, words: new Set(sentence.tokens.map((t) => t.norm)), cache: new Map() };
}

function gateOpen(p: CompiledPattern, st: SentenceState): boolean {
  if (!p.gate) return true;
  for (const w of p.gate) if (st.words.has(w)) return true;
  return false;
}

function anyMatch(patterns: CompiledPattern[], st: SentenceState): Match | null {
  for (const p of patterns) {
    if (!gateOpen(p, st)) continue;
    const m = matchAt(p, st.ctx);
    if (m) return m;
  }
  return null;
}

function guardHolds(name: string, pack: CompiledPack, st: SentenceState): boolean {
  let v = st.cache.get(name);
  if (v === undefined) {
    const g = pack.guards[name];
    v = !!g && anyMatch(g, st) !== null;
    st.cache.set(name, v);
  }
  return v;
}

const CLAUSE_END = new Set([',', ';', ':', '–', '—']);
const OPEN_QUOTES = new Map([['"', '"'], ['“', '”'], ['„', '“'], ['«', '»'], ['»', '«'], ['”', '”']]);

function regionsOf(pack: CompiledPack, st: SentenceState) {
  if (st.regions) return st.regions;
  const toks = st.sentence.tokens;
  // Reported speech: after "you said (that)…" and the like, up to the end of that clause
  // ("If he tells you so, give him time": the instruction after the comma is not reported).
  const reported: Array<[number, number]> = [];
  for (const p of pack.guards['reported'] ?? []) {
    if (!gateOpen(p, st)) continue;
    for (const m of matchAll(p, st.ctx)) {
      let end = toks.length;
      for (let k = m.end; k < toks.length; k++) {
        // A comma right after the reporting verb opens the report ("Du fortalte, at…") unless
        // a contrast follows ("Jag hör vad du säger, men du måste…").
        if (k === m.end && toks[k]!.text === ',' && !CONTRAST.has(toks[k + 1]?.norm ?? '')) continue;
        if (!toks[k]!.word && CLAUSE_END.has(toks[k]!.text)) {
          end = k;
          break;
        }
      }
      reported.push([m.end, end]);
    }
  }
  // Quoted speech: between paired quotation marks.
  const quotes: Array<[number, number]> = [];
  for (let i = 0; i < toks.length; i++) {
    const close = OPEN_QUOTES.get(toks[i]!.text);
    if (!close) continue;
    for (let j = i + 1; j < toks.length; j++) {
      if (toks[j]!.text === close) {
        quotes.push([i, j]);
        i = j;
        break;
      }
    }
  }
  return (st.regions = { reported, quotes });
}

function isQuestion(pack: CompiledPack, st: SentenceState): boolean {
  const toks = st.sentence.tokens;
  let k = toks.length - 1;
  while (k >= 0 && !toks[k]!.word && toks[k]!.text !== '?') k--;
  if (k < 0 || toks[k]!.text !== '?') return false;
  return pack.guards['question'] ? guardHolds('question', pack, st) : true;
}

/**
 * A question shields the clause it asks in, not a proposal tucked into a later clause of it:
 * "Is it the job, like maybe you ought to just quit?" still tells the person what to do. A
 * later clause whose first words are in the pack's `questionProposal` lexicon (en: maybe,
 * perhaps, like, or) is read as a statement. Packs without that lexicon keep the plain rule.
 */
function proposalInQuestion(pack: CompiledPack, st: SentenceState, m: Match): boolean {
  const lex = pack.lexicons['questionProposal'];
  if (!lex) return false;
  const toks = st.sentence.tokens;
  let from = m.start;
  while (from > 0 && !(!toks[from - 1]!.word && CLAUSE_END.has(toks[from - 1]!.text))) from--;
  if (from === 0) return false;
  for (let k = from; k < Math.min(m.end, from + 3); k++) if (lex.seqs.has(toks[k]!.norm)) return true;
  return false;
}

const CONTRAST = new Set(['but', 'however', 'though', 'although', 'men', 'mais', 'fast', 'dock', 'alligevel']);

/**
 * A choice cue ("if you like", "it's up to you") covers the instruction it shares a clause
 * run with: "Call her if you want" is an offer, but in "I'm here if you want, but please get a
 * doctor" the cue belongs to the other half.
 */
function choiceCovers(pack: CompiledPack, st: SentenceState, m: Match): boolean {
  if (!guardHolds('choice', pack, st)) return false;
  const toks = st.sentence.tokens;
  for (const p of pack.guards['choice'] ?? []) {
    if (!gateOpen(p, st)) continue;
    for (const c of matchAll(p, st.ctx)) {
      // A contrast word may also open the match itself ("…if you want, but call her").
      const [a, b] = c.end <= m.start ? [c.end, m.start + 1] : [m.end, c.start];
      let split = false;
      for (let k = a; k < b; k++) {
        if (CONTRAST.has(toks[k]!.norm) && k > 0 && CLAUSE_END.has(toks[k - 1]!.text)) {
          split = true;
          break;
        }
      }
      if (!split) return true;
    }
  }
  return false;
}

interface RunContext {
  text: string;
  pack: CompiledPack;
  crisis: boolean;
}

function ruleSkips(cr: CompiledRule, m: Match, pack: CompiledPack, st: SentenceState, run: RunContext): boolean {
  const s = cr.skip;
  // A rhetorical question ("Aren't you being a bit dramatic?", "Don't you think you should…?")
  // states its point: the pack's `rhetorical` guard says which ones.
  if (s.has('question') && isQuestion(pack, st) && !proposalInQuestion(pack, st, m) && !guardHolds('rhetorical', pack, st)) return true;
  if (s.has('choice') && choiceCovers(pack, st, m)) return true;
  if (s.has('emergency') && (guardHolds('emergency', pack, st) || (run.crisis && guardHolds('referral', pack, st)))) return true;
  if (s.has('reported') || s.has('quote')) {
    const r = regionsOf(pack, st);
    if (s.has('reported') && r.reported.some(([a, b]) => m.start >= a && m.start < b)) return true;
    if (s.has('quote') && r.quotes.some(([a, b]) => m.start > a && m.start < b)) return true;
  }
  return false;
}

function overlapsAny(patterns: CompiledPattern[], m: Match, st: SentenceState): boolean {
  for (const p of patterns) {
    if (!gateOpen(p, st)) continue;
    for (const u of matchAll(p, st.ctx)) if (u.start < m.end && m.start < u.end) return true;
  }
  return false;
}

function spanText(toks: Token[], text: string, a: number, b: number): string {
  if (b <= a) return '';
  return text.slice(toks[a]!.start, toks[b - 1]!.end);
}

/** The sentence range a sentence-wide suggestion replaces: from its first word to its end. */
function sentenceRange(st: SentenceState): [number, number] {
  const toks = st.sentence.tokens;
  const first = toks.find((t) => t.word) ?? toks[0]!;
  let end = st.sentence.end;
  return [first.start, end];
}

/** End of the words after `from` (up to `end`), without the punctuation that closes them. */
function restEnd(toks: Token[], from: number, end = toks.length): number {
  let e = end;
  while (e > from && !toks[e - 1]!.word && !/^[)\]%]$/.test(toks[e - 1]!.text)) e--;
  return e;
}

/** Templates that rewrite the clause's own words keep what follows the clause. */
const usesTail = (template: string) => /\{[a-z][a-z0-9]*\.\.\.|\{rest\b/i.test(template);

const HARD_CUT = new Set([';', ':', '–', '—']);
/**
 * A sentence end inside what the segmenter kept as one sentence ("Stop thinking so much. call
 * me", a lower-case start): a cut too, unless the full stop ends an abbreviation.
 */
const SENTENCE_END = new Set(['.', '!', '?', '…']);
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'st', 'vs', 'etc', 'e.g', 'i.e', 'eg', 'ie', 't.ex', 'bl.a', 'd.v.s', 'f.eks', 'osv', 'mfl', 'ca', 'jfr', 'nr', 'prof', 'no']);

/**
 * Where the clause that holds the match ends: a hard boundary, a comma before a new clause
 * ("…, it really works"), or a link before a new subject ("…and you'll feel better").
 * Starters and links come from the pack's `newClause` and `cutLinks` lexicons.
 */
function clauseCut(toks: Token[], from: number, pack: CompiledPack): { end: number; resume: number } {
  const r = clauseCutIndex(toks, from, pack);
  if (r < toks.length && SENTENCE_END.has(toks[r]!.text)) {
    // After a run of sentence ends ("?!"), the carried text starts after the last of them.
    let j = r;
    while (j + 1 < toks.length && SENTENCE_END.has(toks[j + 1]!.text)) j++;
    return { end: r, resume: j };
  }
  return r < toks.length && toks[r]!.text === ',' && pack.lexicons['cutLinks']?.seqs.has(toks[r + 1]?.norm ?? '') ? { end: r, resume: r + 1 } : { end: r, resume: r };
}

function clauseCutIndex(toks: Token[], from: number, pack: CompiledPack): number {
  const starters = pack.lexicons['newClause'];
  const starts = (k: number) => !!starters && !!toks[k] && starters.seqs.has(toks[k]!.norm);
  const links = pack.lexicons['cutLinks'];
  const link = (k: number) => !!toks[k] && !!links?.seqs.has(toks[k]!.norm);
  for (let k = from; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.word) {
      if (k > from && link(k) && starts(k + 1) && toks[k - 1]!.word) return k;
      continue;
    }
    if (HARD_CUT.has(t.text)) return k;
    if (SENTENCE_END.has(t.text) && !(t.text === '.' && k > 0 && ABBREVIATIONS.has(toks[k - 1]!.norm))) {
      // A run of them ("..", "?!") cuts at its first, when a word follows the run.
      let j = k + 1;
      while (j < toks.length && SENTENCE_END.has(toks[j]!.text)) j++;
      if (toks[j]?.word) return k;
      k = j - 1;
      continue;
    }
    if (t.text === ',' && (starts(k + 1) || (link(k + 1) && starts(k + 2)))) return k;
  }
  return toks.length;
}

function buildSuggestions(
  templates: SuggestTemplate[],
  m: Match,
  st: SentenceState,
  run: RunContext,
): Suggestion[] {
  const { text, pack } = run;
  const toks = st.sentence.tokens;
  // A rewrite of "Try meditation, it really works." covers "Try meditation"; the clause after
  // the cut ("it really works") is kept as a sentence of its own after the rewrite.
  const cut = clauseCut(toks, m.end, pack);
  const re = restEnd(toks, m.end, cut.end);
  const rawRemainder = cut.end < toks.length ? text.slice(toks[cut.resume]!.end, st.sentence.end).trim() : '';
  let remainder = capitalise(rawRemainder);
  const values: Record<string, string> = {
    match: spanText(toks, text, m.start, m.end),
    rest: spanText(toks, text, m.end, Math.max(m.end, re)),
    before: trimEndSeparators(spanText(toks, text, 0, m.start)),
  };
  for (const [name, [a, b]] of Object.entries(m.captures)) {
    values[name] = spanText(toks, text, a, b);
    values[name + '...'] = spanText(toks, text, a, Math.max(b, re));
  }
  // The advice clause: the writer's verb phrase kept as written, their reason joined back.
  const lex = clauseLexicon(pack.strings);
  const verbCap = m.captures['verb'];
  let joined = false;
  let asideFrom = -1;
  let link = '';
  let clauseFrom = m.start;
  // {alone}: the match is the sentence, so a rule may replace it without losing the writer's words.
  if (lex) Object.assign(values, matchValues(toks, text, m.start, m.end, lex));
  if (lex && verbCap) {
    const adv = adviceClause({ toks, text, from: verbCap[0], to: Math.max(verbCap[1], re), matchStart: m.start, remainder: rawRemainder, tags: st.ctx.tags, lex });
    // An emergency referral ("go to the ER now") is never reworded into something softer.
    if (adv.emergency) return [];
    Object.assign(values, adv.values);
    joined = adv.remainderJoined;
    asideFrom = adv.asideFrom;
    // "…, but try your best" → "…, but I wonder if…": a link that opens the match stays.
    const first = toks[m.start]!;
    if (m.start > 0 && first.word && lex.keepLinks.has(first.norm) && m.start < verbCap[0]) link = first.text + ' ';
    // "I just mean keep trying…", "ok so try…": the writer's opener stays outside the frame.
    link = keptOpener(toks, text, m.start, verbCap[0], lex) || link;
    if (adv.subjectFrom >= 0) clauseFrom = adv.subjectFrom;
  }
  const out: Suggestion[] = [];
  const [sStart, sEnd] = sentenceRange(st);
  for (const t of templates) {
    const rendered = render(t.template, { values, lexicons: pack.lexicons, transforms: pack.transforms });
    if (rendered === null) continue;
    remainder = joined && /\{tail\}/.test(t.template) ? '' : capitalise(rawRemainder);
    if (asideFrom >= 0 && /\{(?:act|mind|pos)\.\.\./.test(t.template)) remainder = capitalise(text.slice(asideFrom, st.sentence.end).trim());
    let range: [number, number];
    let replacement = rendered;
    const mode = t.replace ?? 'sentence';
    if (mode === 'match') {
      range = [toks[m.start]!.start, toks[m.end - 1]!.end];
      const orig = text.slice(range[0], range[1]);
      // Keep the original's capitalisation at the start of the match.
      replacement = /^\p{Lu}/u.test(orig) ? capitalise(rendered) : range[0] === sStart ? capitalise(rendered) : rendered;
    } else if (mode === 'clause') {
      range = [toks[clauseFrom]!.start, sEnd];
      const lead = text.slice(sStart, range[0]);
      // At the sentence start, or after a sentence end the segmenter missed ("…so much. call"),
      // the rewrite starts with a capital.
      replacement = range[0] === sStart || SENTENCE_END.has(lead.trimEnd().slice(-1)) ? capitalise(rendered) : lowerFirst(rendered);
      if (link && !SENTENCE_END.has(lead.trimEnd().slice(-1))) replacement = link + lowerFirst(rendered);
      // "If you feel this way you should…" → "If you feel this way, would…": the new clause
      // needs a comma when the text before it runs straight into it.
      const lastWord = wordBeforeTrailingSpace(lead)?.toLowerCase().replace(/’/g, "'");
      const noComma = lastWord !== undefined && !!pack.lexicons['noCommaAfter']?.seqs.has(lastWord);
      if (range[0] > sStart && /[\p{L}\p{N})]\s+$/u.test(lead) && !noComma) {
        range = [sStart + lead.trimEnd().length, sEnd];
        replacement = ', ' + replacement;
      }
      if (remainder && usesTail(t.template)) replacement += ' ' + remainder;
    } else {
      range = [sStart, sEnd];
      replacement = capitalise(rendered);
      if (remainder && usesTail(t.template)) replacement += ' ' + remainder;
    }
    replacement = tidy(replacement);
    // Emoji the writer put in the replaced range stay, after the rewrite.
    const emoji = [...text.slice(range[0], range[1]).matchAll(/\p{Extended_Pictographic}\uFE0F?/gu)].map((e) => e[0]).filter((e) => !replacement.includes(e));
    if (emoji.length) replacement += ' ' + emoji.join('');
    if (!replacement || replacement === text.slice(range[0], range[1])) continue;
    if (out.some((s) => s.text === replacement)) continue;
    out.push({ text: replacement, range, label: t.label });
  }
  return out;
}

/** Words of a referral that are framing, not the referral itself ("call the ER right now"). */
const REFERRAL_FILLER = new Set(['the', 'a', 'an', 'your', 'ur', 'right', 'now', 'away', 'immediately', 'tonight', 'someone', 'somebody', 'you', 'trust', 'nearby']);

/**
 * Safety: a suggestion never removes an emergency or crisis referral. Each referral (the pack's
 * `emergency` guard, and its `referral` guard in a crisis) that a suggestion's range covers must keep its words in
 * the replacement ("call 112", "the crisis line", "A&E"); a suggestion that would drop one is
 * not offered.
 */
function keepReferrals(suggestions: Suggestion[], st: SentenceState, run: RunContext): Suggestion[] {
  if (!suggestions.length) return suggestions;
  const { pack, text } = run;
  const toks = st.sentence.tokens;
  const spans: Array<[number, number, string]> = [];
  // Emergency services always; a referral to people ("your doctor", "someone you trust", "now")
  // only where the text mentions a crisis, as the directive rules' `emergency` skip does.
  for (const name of run.crisis ? ['emergency', 'referral'] : ['emergency']) {
    for (const p of pack.guards[name] ?? []) {
      if (!gateOpen(p, st)) continue;
      for (const u of matchAll(p, st.ctx)) {
        // The referral's own words, as written: "the ER right now" keeps "ER".
        let a = u.start;
        let b = u.end;
        // ("A&E" is three tokens: its "A" is not the article.)
        while (a < b && (!toks[a]!.word || (REFERRAL_FILLER.has(toks[a]!.norm) && toks[a + 1]?.word !== false))) a++;
        while (b > a && (!toks[b - 1]!.word || REFERRAL_FILLER.has(toks[b - 1]!.norm))) b--;
        if (b > a) spans.push([toks[u.start]!.start, toks[u.end - 1]!.end, text.slice(toks[a]!.start, toks[b - 1]!.end).toLowerCase()]);
      }
    }
  }
  if (!spans.length) return suggestions;
  return suggestions.filter((s) => {
    const kept = s.text.toLowerCase();
    return spans.every(([a, b, words]) => !(a < s.range[1] && s.range[0] < b) || kept.includes(words));
  });
}

function fillMessage(message: string, flagged: string): string {
  return message.replace(/\{match\}/g, flagged);
}

interface Resolved {
  profile: string;
  userLevels: Record<string, string>;
  allow: string[];
  roleLimits: RoleLimitsOptions;
}

function levelFor(rule: Rule, r: Resolved): Severity | 'off' {
  const u = r.userLevels;
  const user = u[rule.id] ?? u[`${rule.category}/*`] ?? u[rule.category];
  if (user) return user as Severity | 'off';
  const prof = rule.profiles?.[r.profile as 'chat' | 'training' | 'strict'];
  const level = prof ?? rule.severity;
  if (level === 'hint' && r.profile !== 'strict') return 'off';
  return level;
}

/**
 * Findings of one sentence depend only on its text, the language's rules and whether a crisis
 * is present, so they are cached by that key with ranges relative to the sentence. An editor
 * re-checking a long document after a one-character edit re-analyses one sentence.
 */
export class SentenceCache {
  private readonly map = new Map<string, Finding[]>();
  constructor(private readonly max = 4000) {}
  clear(): void {
    this.map.clear();
  }
  get(key: string): Finding[] | undefined {
    const hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }
  set(key: string, value: Finding[]): void {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, value);
  }
}

function shiftFinding(f: Finding, by: number, lineStarts: number[], text: string): Finding {
  const range: [number, number] = [f.range[0] + by, f.range[1] + by];
  const { line, column } = lineColumn(lineStarts, range[0]);
  return {
    ...f,
    range,
    line,
    column,
    text: text.slice(range[0], range[1]),
    suggestions: f.suggestions.map((sg) => ({ ...sg, range: [sg.range[0] + by, sg.range[1] + by] as [number, number] })),
  };
}

function runSentences(text: string, count: number, sentenceOf: (i: number) => Sentence, pack: CompiledPack, rules: Array<[CompiledRule, Severity]>, resolved: Resolved, crisis: boolean, lineStarts: number[], cache?: SentenceCache, stateOf: (i: number, sentence: Sentence) => SentenceState = (_i, s) => makeState(s, pack)): Finding[] {
  const findings: Finding[] = [];
  const run: RunContext = { text, pack, crisis };
  for (let si = 0; si < count; si++) {
    const sentence = sentenceOf(si);
    if (!sentence.tokens.length) continue;
    const key = cache ? (crisis ? '1' : '0') + sentence.text : '';
    const hit = cache?.get(key);
    if (hit) {
      for (const f of hit) findings.push(shiftFinding(f, sentence.start, lineStarts, text));
      continue;
    }
    const before = findings.length;
    const st = stateOf(si, sentence);
    for (const [cr, severity] of rules) {
      if (cr.rule.category === 'role-limits') continue;
      // A rewrite of the clause or sentence covers this rule's other matches up to the clause
      // cut; after the cut the text is carried over unchanged into the rewrite, so an
      // instruction there is reported as a finding of its own ("You should rest, you should eat").
      let sentenceDone = false;
      let resumeAt = 0;
      for (const cm of cr.matches) {
        if (sentenceDone) break;
        if (!gateOpen(cm.pattern, st)) continue;
        for (const m of matchAll(cm.pattern, st.ctx)) {
          // After a cut at "…, and you need to…" the next match may start at its link word.
          if (m.start < resumeAt && !(m.start === resumeAt - 1 && pack.lexicons['cutLinks']?.seqs.has(sentence.tokens[m.start]!.norm))) continue;
          if (ruleSkips(cr, m, pack, st, run)) continue;
          if (cm.unless.length && overlapsAny(cm.unless, m, st)) continue;
          if (cr.unless.length && overlapsAny(cr.unless, m, st)) continue;
          const toks = sentence.tokens;
          const range: [number, number] = [toks[m.start]!.start, toks[m.end - 1]!.end];
          const flagged = text.slice(range[0], range[1]);
          const suggestions = keepReferrals(buildSuggestions(cm.suggest, m, st, run), st, run);
          const { line, column } = lineColumn(lineStarts, range[0]);
          findings.push({
            ruleId: cr.rule.id,
            category: cr.rule.category as Category,
            severity,
            principle: cr.rule.principle,
            message: fillMessage(cr.rule.message, flagged),
            ...(cr.rule.note ? { note: cr.rule.note } : {}),
            range,
            line,
            column,
            text: flagged,
            suggestions,
          });
          if (cm.suggest.every((s) => (s.replace ?? 'sentence') !== 'match')) {
            const cut = clauseCut(toks, m.end, pack);
            if (cut.end >= toks.length) {
              sentenceDone = true;
              break;
            }
            resumeAt = cut.resume + 1;
          }
        }
      }
    }
    if (cache) {
      const rel = findings.slice(before).map((f) => ({
        ...f,
        range: [f.range[0] - sentence.start, f.range[1] - sentence.start] as [number, number],
        suggestions: f.suggestions.map((sg) => ({ ...sg, range: [sg.range[0] - sentence.start, sg.range[1] - sentence.start] as [number, number] })),
      }));
      cache.set(key, rel);
    }
  }
  return findings;
}

function crisisIn(count: number, sentenceOf: (i: number) => Sentence, pack: CompiledPack, rules: CompiledRule[], stateOf: (i: number, sentence: Sentence) => SentenceState = (_i, s) => makeState(s, pack)): Array<{ sentence: Sentence; m: Match; rule: CompiledRule }> {
  const out: Array<{ sentence: Sentence; m: Match; rule: CompiledRule }> = [];
  for (const cr of rules) {
    if (cr.rule.category !== 'role-limits') continue;
    for (let si = 0; si < count; si++) {
      const sentence = sentenceOf(si);
      const st = stateOf(si, sentence);
      for (const cm of cr.matches) {
        if (!gateOpen(cm.pattern, st)) continue;
        const m = matchAll(cm.pattern, st.ctx).find((mm) => !(cm.unless.length && overlapsAny(cm.unless, mm, st)) && !(cr.unless.length && overlapsAny(cr.unless, mm, st)) && !ruleSkips(cr, mm, pack, st, { text: sentence.text, pack, crisis: false }));
        if (m) {
          out.push({ sentence, m, rule: cr });
          break;
        }
      }
      if (out.length) break;
    }
  }
  return out;
}

/**
 * Build a checker: validates options, compiles packs once. Throws on invalid options.
 * @example
 * ```ts
 * import { createChecker } from 'peerspeak';
 * const checker = createChecker({ lang: 'en', profile: 'chat', rules: { judging: 'error' } });
 * checker.check('You should call your doctor.').findings[0].ruleId; // 'directive/modal'
 * ```
 */
export function createChecker(options: CheckerOptions = {}): Checker {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`peerspeak: createChecker(options): expected \`options\` to be an object, got ${describe(options)}`);
  }
  const parsed = validate(CheckerOptionsSchema, options);
  if (!parsed.success) throw optionsError(parsed.problems);
  const o = parsed.data;
  const available = languages();
  const lang = o.lang ?? 'en';
  if (lang !== 'auto' && !available.includes(lang)) {
    const hint = BUILTIN_ON_DEMAND[lang] ? ` (the ${BUILTIN_ON_DEMAND[lang]} pack loads with import 'peerspeak/rules/${lang}')` : '';
    throw new RangeError(`peerspeak: options.lang: unknown lang "${lang}": expected one of ${[...available, 'auto'].join(', ')}${hint}`);
  }
  if (lang === 'auto' && !detector) {
    throw new RangeError('peerspeak: options.lang: lang "auto" needs the language detector, which is not loaded');
  }
  const profile = o.profile ?? 'chat';
  if (!(PROFILES as readonly string[]).includes(profile)) {
    throw new RangeError(`peerspeak: options.profile: unknown profile "${profile}": expected one of ${PROFILES.join(', ')}`);
  }
  const resolved: Resolved = { profile, userLevels: o.rules ?? {}, allow: (o.allow ?? []).map((a) => a.toLowerCase()), roleLimits: (o.roleLimits ?? {}) as RoleLimitsOptions };

  // Compile built-in and user packs per language; user rules with the same id replace built-ins.
  const userPacks = (o.packs ?? []).map((p, i) => compilePack(p, `options.packs.${i}`));
  const byLang = new Map<string, { pack: CompiledPack; rules: Array<[CompiledRule, Severity]>; all: CompiledRule[]; cache: SentenceCache | undefined }>();
  const langsNeeded = lang === 'auto' ? available : [lang];
  for (const l of langsNeeded) {
    const builtin = compilePack(builtinPacks.get(l), `rules/${l}`);
    const extra = userPacks.filter((p) => p.lang === l);
    const merged = new Map<string, CompiledRule>();
    for (const r of builtin.rules) merged.set(r.rule.id, r);
    for (const p of extra) for (const r of p.rules) merged.set(r.rule.id, r);
    // Lexicons, guards and transforms of user packs extend the built-in ones.
    const pack: CompiledPack = extra.length
      ? {
          ...builtin,
          lexicons: Object.assign(Object.create(null), builtin.lexicons, ...extra.map((p) => p.lexicons)),
          guards: Object.assign(Object.create(null), builtin.guards, ...extra.map((p) => p.guards)),
          transforms: Object.assign(Object.create(null), builtin.transforms, ...extra.map((p) => p.transforms)),
        }
      : builtin;
    const all = [...merged.values()];
    const rules: Array<[CompiledRule, Severity]> = [];
    for (const cr of all) {
      const level = levelFor(cr.rule, resolved);
      if (level !== 'off') rules.push([cr, level]);
    }
    byLang.set(l, { pack, rules, all, cache: o.cache === false ? undefined : new SentenceCache() });
  }

  // A typo in the rules map would silently configure nothing: refuse unknown ids by name.
  // Known: every concept id of the loaded packs (all languages), every category, category/*,
  // and the `peerspeak/…` namespace of the document adapters (e.g. peerspeak/unused-directive).
  // The other languages' ids come from their pack data, without compiling those packs.
  const ruleKeys = Object.keys(resolved.userLevels);
  const knownIds = new Set<string>(CATEGORIES);
  if (ruleKeys.length) {
    for (const l of available) {
      const raw = builtinPacks.get(l) as { rules?: Array<{ id?: unknown }> } | undefined;
      for (const r of raw?.rules ?? []) if (typeof r.id === 'string') knownIds.add(r.id);
    }
    for (const p of userPacks) for (const r of p.rules) knownIds.add(r.rule.id);
  }
  for (const key of ruleKeys) {
    const category = key.split('/')[0]!;
    const ok = knownIds.has(key) || (key.endsWith('/*') && knownIds.has(category)) || category === 'peerspeak';
    if (!ok) throw new RangeError(`peerspeak: options.rules.${key}: ${unknownRuleKey(key, knownIds)}`);
  }

  const checkOne = (text: string, l: string, context: string | undefined, baseOffset: number, fullText: string, lineStarts: number[]): Finding[] => {
    const entry = byLang.get(l)!;
    const { pack, rules } = entry;
    // Sentences as offsets; tokens and per-sentence state (words, tags, guards) are built when
    // needed. A short text keeps them for both passes (crisis scan, then rules); a long one
    // rebuilds them, so that memory stays flat on a document of many megabytes.
    const spans = sentenceSpans(text, l);
    const keep = spans.length <= KEEP_SENTENCES;
    const kept: Sentence[] = [];
    const states: SentenceState[] = [];
    const sentenceOf = (i: number): Sentence => {
      if (keep && kept[i]) return kept[i]!;
      const s = shift(sentenceAt(text, spans[i]![0], spans[i]![1], l), baseOffset);
      if (keep) kept[i] = s;
      return s;
    };
    const stateOf = (i: number, sentence = sentenceOf(i)): SentenceState => {
      if (!keep) return makeState(sentence, pack);
      return (states[i] ??= makeState(sentence, pack));
    };
    const roleRule = rules.find(([cr]) => cr.rule.category === 'role-limits');
    let crisisHits: ReturnType<typeof crisisIn> = [];
    let contextCrisis = false;
    const crisisRules = entry.all.filter((cr) => cr.rule.category === 'role-limits');
    if (crisisRules.length) {
      crisisHits = crisisIn(spans.length, sentenceOf, pack, crisisRules, stateOf);
      if (context) {
        const cs = segment(context, l);
        contextCrisis = crisisIn(cs.length, (i) => cs[i]!, pack, crisisRules).length > 0;
      }
    }
    const crisis = crisisHits.length > 0 || contextCrisis;
    const findings = runSentences(fullText, spans.length, sentenceOf, pack, rules, resolved, crisis, lineStarts, entry.cache, stateOf);
    if (roleRule && crisis && spans.length) {
      const [cr, severity] = roleRule;
      const hit = crisisHits[0];
      const range: [number, number] = hit
        ? [hit.sentence.tokens[hit.m.start]!.start, hit.sentence.tokens[hit.m.end - 1]!.end]
        : [sentenceOf(0).start, sentenceOf(0).end];
      const { line, column } = lineColumn(lineStarts, range[0]);
      const rl = resolved.roleLimits;
      let message = rl.message ?? pack.strings['roleLimits'] ?? cr.rule.message;
      if (rl.resources?.length) message += ' ' + rl.resources.join(' · ');
      findings.push({
        ruleId: cr.rule.id,
        category: 'role-limits',
        severity,
        principle: cr.rule.principle,
        message,
        ...(cr.rule.note ? { note: cr.rule.note } : {}),
        range,
        line,
        column,
        text: fullText.slice(range[0], range[1]),
        suggestions: [],
      });
    }
    return findings;
  };

  return {
    check(text: string, callOptions?: { context?: string }): CheckResult {
      if (typeof text !== 'string') {
        throw new TypeError(`peerspeak: check(text): expected \`text\` to be a string, got ${describe(text)}`);
      }
      if (callOptions !== undefined) checkCallOptions(callOptions);
      const context = callOptions?.context ?? o.context;
      if (context !== undefined && typeof context !== 'string') {
        throw new TypeError(`peerspeak: check(text, options): expected \`options.context\` to be a string, got ${describe(context)}`);
      }
      const lineStarts = lineStartsOf(text);
      let findings: Finding[] = [];
      let usedLang = lang;
      if (lang === 'auto') {
        // Detect per paragraph so a Nordic post quoting English gets the right pack each time.
        const langs: string[] = [];
        const docLang = detector!(text, available);
        for (const [start, end] of paragraphs(text)) {
          const para = text.slice(start, end);
          const l = detector!(para, available, docLang);
          langs.push(l);
          findings.push(...checkOne(para, l, context, start, text, lineStarts));
        }
        usedLang = mostCommon(langs) ?? available[0] ?? 'en';
      } else {
        findings = checkOne(text, lang, context, 0, text, lineStarts);
      }
      findings = filterAllowed(findings, text, resolved.allow);
      findings = dedupe(findings);
      findings.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
      return { findings, lang: usedLang };
    },
    clear(): void {
      for (const entry of byLang.values()) entry.cache?.clear();
    },
  };
}

/** Texts with at most this many sentences keep tokens and state between the two passes. */
const KEEP_SENTENCES = 256;

function shift(s: Sentence, by: number): Sentence {
  if (!by) return s;
  return { ...s, start: s.start + by, end: s.end + by, tokens: s.tokens.map((t) => ({ ...t, start: t.start + by, end: t.end + by })) };
}

function paragraphs(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /\n[ \t]*\n/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push([last, m.index]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push([last, text.length]);
  return out;
}

function mostCommon(xs: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}

function filterAllowed(findings: Finding[], text: string, allow: string[]): Finding[] {
  if (!allow.length) return findings;
  const lower = text.toLowerCase();
  const spans: Array<[number, number]> = [];
  for (const phrase of allow) {
    let i = lower.indexOf(phrase);
    while (i >= 0) {
      spans.push([i, i + phrase.length]);
      i = lower.indexOf(phrase, i + 1);
    }
  }
  return findings.filter((f) => !spans.some(([a, b]) => f.range[0] < b && a < f.range[1]));
}

/**
 * Overlapping findings of one category: keep the most severe (then the earliest). Kept
 * findings of a category never overlap, so sorted by start they are sorted by end too and only
 * the last one starting before a candidate's end can overlap it: O(n log n).
 */
function dedupe(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.range[0] - b.range[0]);
  const kept = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of sorted) {
    let list = kept.get(f.category);
    if (!list) kept.set(f.category, (list = []));
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.range[0] < f.range[1]) lo = mid + 1;
      else hi = mid;
    }
    const prev = list[lo - 1];
    if (prev && prev.range[1] > f.range[0]) continue;
    list.splice(lo, 0, f);
    out.push(f);
  }
  return out;
}

/** Per-call options of `checker.check(text, options)`: only `context`; the rest is fixed by `createChecker`. */
function checkCallOptions(options: unknown): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`peerspeak: checker.check(text, options): expected \`options\` to be an object { context? }, got ${describe(options)}`);
  }
  for (const key in options) {
    if (key !== 'context') {
      const fixed = Object.prototype.hasOwnProperty.call(CheckerOptionsSchema.shape, key) ? `; set ${key} with createChecker({ ${key} })` : '';
      throw new TypeError(`peerspeak: checker.check(text, options): unknown option "${key}": expected only context${fixed}`);
    }
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}

const compiledCheckers = new Map<string, Checker>();

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
      if (this === options && !Object.prototype.hasOwnProperty.call(CheckerOptionsSchema.shape, k)) throw new Uncacheable();
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
    throw new TypeError(`peerspeak: check(text, options): expected \`options\` to be an object, got ${describe(options)}`);
  }
  const { context, ...rest } = options;
  let checker: Checker;
  const simple = !rest.packs || rest.packs.length === 0;
  const key = simple ? cacheKey(rest) : undefined;
  if (key !== undefined) {
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
  if (typeof text !== 'string') throw new TypeError(`peerspeak: applySuggestion(text, suggestion): expected \`text\` to be a string, got ${describe(text)}`);
  if (!suggestion || typeof suggestion !== 'object' || typeof suggestion.text !== 'string' || !Array.isArray(suggestion.range)) {
    throw new TypeError('peerspeak: applySuggestion(text, suggestion): expected `suggestion` to be { text: string, range: [start, end], label }');
  }
  const [a, b] = suggestion.range;
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < a || b > text.length) {
    throw new RangeError(`peerspeak: applySuggestion(text, suggestion): \`suggestion.range\` [${a}, ${b}] is outside the text (length ${text.length})`);
  }
  return text.slice(0, a) + suggestion.text + text.slice(b);
}

/**
 * Compiled packs: a pack is validated and its patterns, lexicons, guards and templates are
 * compiled once (cached per pack object).
 * @module
 */
import { PackSchema, packSizeProblems, typeName, validate, type Pack, type Problem, type Rule, type Skip, type SuggestTemplate } from '../schema.js';
import { compileLexicon, compilePattern, indexGates, PatternError, type CompiledLexicon, type CompiledPattern } from '../pattern.js';
import { normalize, tokenize } from '../segment.js';
import { ADVICE_NAMES, MATCH_NAMES, capitalise, templateProblem } from '../rewrite.js';
import type { LanguageSupport } from '../lang/types.js';
import { languageSupport } from './registry.js';

export interface CompiledMatch {
  pattern: CompiledPattern;
  unless: CompiledPattern[];
  suggest: SuggestTemplate[];
}

export interface CompiledRule {
  rule: Rule;
  matches: CompiledMatch[];
  unless: CompiledPattern[];
  skip: Set<Skip>;
  needsTags: boolean;
}

export interface CompiledPack {
  lang: string;
  lexicons: Record<string, CompiledLexicon>;
  guards: Record<string, CompiledPattern[]>;
  rules: CompiledRule[];
  strings: Record<string, string>;
  clauseLinks?: Set<string>;
  clauseOpeners?: Set<string>;
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
    throw new TypeError(`peerspeak: validatePack(pack, where): expected \`where\` (the file name or label used in messages) to be a string, got ${typeName(where)}`);
  }
  compilePack(pack, where);
}

/** A pattern compiler that reports a bad pattern as a PackError at `path`. */
type PathCompiler = (src: string, path: string) => CompiledPattern;

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
    if (inf.everyWord) {
      transforms[name] = (phrase: string) => mapEveryWord(phrase, forms);
      continue;
    }
    const links = new Set(inf.listLinks ?? []);
    transforms[name] = (phrase: string) => inflectList(inflectFirst(phrase, forms, inf.suffixes), forms, links);
  }
  const patterns: CompiledPattern[] = [];
  const compile: PathCompiler = (src, path) => {
    try {
      const p = compilePattern(src, lexicons);
      patterns.push(p);
      return p;
    } catch (e) {
      if (e instanceof PatternError) throw packProblem(where, path, `${e.message} in pattern "${src}"`);
      throw e;
    }
  };
  const guards: Record<string, CompiledPattern[]> = Object.create(null);
  for (const [name, pats] of Object.entries(pack.guards ?? {})) {
    guards[name] = pats.map((p, i) => compile(p, `guards.${name}.${i}`));
  }
  const names = { transforms: new Set(Object.keys(transforms)), lexicons: new Set(Object.keys(lexicons)) };
  const rules = pack.rules.map((rule, ri) => compileRule(rule, `rules.${ri}`, { where, compile, guards, names }));
  indexGates(patterns);
  const links = pack.lexicons?.clauseLinks;
  const openers = pack.lexicons?.clauseOpeners;
  const compiled: CompiledPack = {
    lang: pack.lang,
    lexicons,
    guards,
    rules,
    strings: Object.assign(Object.create(null), pack.strings) as Record<string, string>,
    transforms,
    ...(links ? { clauseLinks: new Set((Array.isArray(links) ? links : Object.keys(links)).map((w) => w.toLowerCase())) } : {}),
    ...(openers ? { clauseOpeners: new Set((Array.isArray(openers) ? openers : Object.keys(openers)).map((w) => w.toLowerCase())) } : {}),
    ...(sup ? { support: sup } : {}),
  };
  if (input && typeof input === 'object') compiledPacks.set(input, compiled);
  return compiled;
}

/** What compiling one rule needs from its pack. */
interface RuleScope {
  where: string;
  compile: PathCompiler;
  guards: Record<string, CompiledPattern[]>;
  /** Names a template may use: transforms and lexicons. */
  names: { transforms: Set<string>; lexicons: Set<string> };
}

function compileRule(rule: Rule, base: string, scope: RuleScope): CompiledRule {
  const { where, compile, guards, names } = scope;
  const checkSuggest = (list: SuggestTemplate[] | undefined, path: string, caps: Set<string>) => {
    (list ?? []).forEach((s, si) => {
      const problem = templateProblem(s.template, caps, names.transforms, names.lexicons);
      if (problem) throw packProblem(where, `${path}.${si}.template`, problem);
    });
  };
  const matches = rule.match.map((m, mi) => {
    const entry = typeof m === 'string' ? { pattern: m } : m;
    const path = typeof m === 'string' ? `${base}.match.${mi}` : `${base}.match.${mi}.pattern`;
    const pattern = compile(entry.pattern, path);
    const captured = captureNames(entry.pattern);
    const adviceNames = captured.includes('verb') ? ADVICE_NAMES.map((n) => n.replace(/\.\.\.$/, '')) : [];
    const caps = new Set(['rest', 'before', 'match', ...MATCH_NAMES, ...captured, ...adviceNames]);
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

/** Every lower-case word found in the map replaced ("säga upp mig" → "säga upp dig"). */
function mapEveryWord(phrase: string, forms: Map<string, string>): string {
  return phrase.replace(/[\p{L}'’-]+/gu, (word) => (word[0] === word[0]!.toLowerCase() ? forms.get(word) : undefined) ?? word);
}

/**
 * The later verbs of a coordinated list, when the inflection names its links: a word of the
 * map right after a comma or a link word ('äta, sov och gå och lägg dig' → 'äta, sova och gå och
 * lägga dig'). Only listed forms change, so a noun after 'och' is never touched.
 */
function inflectList(phrase: string, forms: Map<string, string>, links: Set<string>): string {
  if (!links.size) return phrase;
  let previous = '';
  return phrase.replace(/,|[\p{L}'’-]+/gu, (token: string) => {
    const before = previous;
    previous = token.toLowerCase();
    if (token === ',' || (before !== ',' && !links.has(before))) return token;
    const out = forms.get(token.toLowerCase());
    return out === undefined || token[0] !== token[0]!.toLowerCase() ? token : out;
  });
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

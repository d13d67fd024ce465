/**
 * `createChecker`: options validated and packs compiled once; then `check` runs the pipeline
 * segment → crisis scan → rules → role-limits → allow-list → dedupe → sort.
 * @module
 */
import type { CheckResult, Finding, Severity, UncheckedParagraph } from '../types.js';
import { CATEGORIES, typeName, unknownRuleKey } from '../schema.js';
import { lineStartsOf } from '../segment.js';
import { paragraphs } from '../paragraphs.js';
import { BUILTIN_ON_DEMAND, builtinPacks, currentDetector, languages } from './registry.js';
import { compilePack, type CompiledPack, type CompiledRule } from './compile.js';
import { checkCallOptions, levelFor, resolveOptions, type Checker, type CheckerOptions, type Resolved } from './options.js';
import { SentenceCache } from './findings.js';
import { sentencesOf } from './sentences.js';
import { crisisScan, roleLimitsFinding, runRules, type Budget } from './run.js';
import { dedupe, filterAllowed, sortFindings } from './filters.js';

/** What checking one language needs: its pack (built-in extended by user packs) and rules. */
interface LanguageEntry {
  pack: CompiledPack;
  /** Enabled rules and their levels. */
  rules: Array<[CompiledRule, Severity]>;
  /** The role-limits rules, enabled or not: a crisis they find quiets referrals in every rule. */
  crisisRules: CompiledRule[];
  cache: SentenceCache | undefined;
}

/** A part of the text checked in one language: the whole text, or a paragraph with `lang: 'auto'`. */
interface Part {
  lang: string;
  start: number;
  end: number;
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
  const resolved = resolveOptions(options);
  const available = languages();
  const userPacks = resolved.packs.map((p, i) => compilePack(p, `options.packs.${i}`));
  const byLang = new Map<string, LanguageEntry>();
  for (const l of resolved.lang === 'auto' ? available : [resolved.lang]) byLang.set(l, languageEntry(l, userPacks, resolved));
  refuseUnknownRuleKeys(resolved, available, userPacks);

  const checkPart = (text: string, part: Part, context: string | undefined, lineStarts: number[], budget: Budget): Finding[] => {
    const entry = byLang.get(part.lang)!;
    const { pack } = entry;
    const sentences = sentencesOf(text.slice(part.start, part.end), part.lang, part.start, pack);
    let hit: ReturnType<typeof crisisScan>;
    let contextCrisis = false;
    if (entry.crisisRules.length) {
      hit = crisisScan(sentences, pack, entry.crisisRules);
      if (context) contextCrisis = crisisScan(sentencesOf(context, part.lang, 0, pack), pack, entry.crisisRules) !== undefined;
    }
    const crisis = hit !== undefined || contextCrisis;
    const findings = runRules(sentences, { pack, rules: entry.rules, crisis, cache: entry.cache }, lineStarts, budget);
    const roleRule = entry.rules.find(([compiled]) => compiled.rule.category === 'role-limits');
    if (roleRule && crisis && sentences.count) {
      findings.push(roleLimitsFinding(roleRule, hit, sentences, { pack, roleLimits: resolved.roleLimits, lineStarts }));
    }
    return findings;
  };

  return {
    check(text: string, callOptions?: { context?: string }): CheckResult {
      if (typeof text !== 'string') {
        throw new TypeError(`peerspeak: check(text): expected \`text\` to be a string, got ${typeName(text)}`);
      }
      if (callOptions !== undefined) checkCallOptions(callOptions);
      const context = callOptions?.context ?? resolved.context;
      if (context !== undefined && typeof context !== 'string') {
        throw new TypeError(`peerspeak: check(text, options): expected \`options.context\` to be a string, got ${typeName(context)}`);
      }
      const lineStarts = lineStartsOf(text);
      const all = resolved.lang === 'auto' ? detectParts(text, available) : [{ lang: resolved.lang, start: 0, end: text.length }];
      // A paragraph detected as a built-in language whose pack is not loaded is reported as
      // unchecked instead of being checked with another language's rules.
      const parts = all.filter((p) => byLang.has(p.lang));
      const unchecked: UncheckedParagraph[] = all.filter((p) => !byLang.has(p.lang)).map((p) => ({ lang: p.lang, range: [p.start, p.end] }));
      const budget: Budget = { left: resolved.maxFindings };
      let findings = parts.flatMap((part) => checkPart(text, part, context, lineStarts, budget));
      findings = filterAllowed(findings, text, resolved.allow);
      findings = dedupe(findings);
      const lang = resolved.lang === 'auto' ? (mostCommon(parts.map((p) => p.lang)) ?? available[0] ?? 'en') : resolved.lang;
      const result: CheckResult = { findings: sortFindings(findings), lang };
      if (unchecked.length) result.unchecked = unchecked;
      if (budget.at !== undefined) result.truncated = { at: budget.at, maxFindings: resolved.maxFindings };
      return result;
    },
    clear(): void {
      for (const entry of byLang.values()) entry.cache?.clear();
    },
  };
}

/** The built-in pack of `lang` with the user packs of that language: their rules replace built-ins of the same id. */
function languageEntry(lang: string, userPacks: CompiledPack[], resolved: Resolved): LanguageEntry {
  const builtin = compilePack(builtinPacks.get(lang), `rules/${lang}`);
  const extra = userPacks.filter((p) => p.lang === lang);
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
  for (const compiled of all) {
    const level = levelFor(compiled.rule, resolved);
    if (level !== 'off') rules.push([compiled, level]);
  }
  const crisisRules = all.filter((compiled) => compiled.rule.category === 'role-limits');
  return { pack, rules, crisisRules, cache: resolved.cache ? new SentenceCache() : undefined };
}

/**
 * A typo in the rules map would silently configure nothing: refuse unknown ids by name.
 * Known: every concept id of the loaded packs (all languages), every category, category/*,
 * and the `peerspeak/…` namespace of the document adapters (e.g. peerspeak/unused-directive).
 * The other languages' ids come from their pack data, without compiling those packs.
 */
function refuseUnknownRuleKeys(resolved: Resolved, available: string[], userPacks: CompiledPack[]): void {
  const ruleKeys = Object.keys(resolved.userLevels);
  if (!ruleKeys.length) return;
  const knownIds = new Set<string>(CATEGORIES);
  for (const l of available) {
    const raw = builtinPacks.get(l) as { rules?: Array<{ id?: unknown }> } | undefined;
    for (const r of raw?.rules ?? []) if (typeof r.id === 'string') knownIds.add(r.id);
  }
  for (const p of userPacks) for (const r of p.rules) knownIds.add(r.rule.id);
  for (const key of ruleKeys) {
    const category = key.split('/')[0]!;
    const ok = knownIds.has(key) || (key.endsWith('/*') && knownIds.has(category)) || category === 'peerspeak';
    if (!ok) throw new RangeError(`peerspeak: options.rules.${key}: ${unknownRuleKey(key, knownIds)}`);
  }
}

/** `lang: 'auto'`: detect per paragraph, so a Nordic post quoting English gets the right pack each time. */
function detectParts(text: string, available: string[]): Part[] {
  const detect = currentDetector()!;
  // The built-in languages are detected even when not loaded (see `unchecked`).
  const detectable = [...new Set([...available, ...Object.keys(BUILTIN_ON_DEMAND)])];
  const docLang = detect(text, detectable);
  return paragraphs(text).map(([start, end]) => ({ lang: detect(text.slice(start, end), detectable, docLang), start, end }));
}

function mostCommon(xs: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}

/**
 * The two passes over the sentences: the crisis scan (role-limits rules), then the other
 * rules, each match filtered by the rule's skips and `unless` patterns and given suggestions.
 * @module
 */
import type { Finding, RoleLimitsOptions, Severity } from '../types.js';
import { matchAll, type Match } from '../pattern.js';
import type { CompiledPack, CompiledRule } from './compile.js';
import { gateOpen, guardHolds, overlapsAny, type SentenceState } from './state.js';
import { ruleSkips, skipsEveryMatch } from './skips.js';
import { clauseCut, SENTENCE_END } from './clause.js';
import { buildSuggestions, keepReferrals } from './suggest.js';
import { makeFinding, placeFinding, type LocalFinding, type SentenceCache } from './findings.js';
import type { Sentences } from './sentences.js';

/** The first crisis cue: sentence `index`, match `m`. */
export interface CrisisHit {
  index: number;
  m: Match;
}

/** The first match of a role-limits rule (in rule order, then sentence order), not skipped. */
export function crisisScan(sentences: Sentences, pack: CompiledPack, rules: CompiledRule[]): CrisisHit | undefined {
  for (const rule of rules) {
    for (let index = 0; index < sentences.count; index++) {
      const st = sentences.state(index);
      for (const entry of rule.matches) {
        if (!gateOpen(entry.pattern, st)) continue;
        const m = matchAll(entry.pattern, st.ctx).find(
          (mm) => !(entry.unless.length && overlapsAny(entry.unless, mm, st)) && !(rule.unless.length && overlapsAny(rule.unless, mm, st)) &&
            !ruleSkips(rule, mm, pack, st, false),
        );
        if (m) return { index, m };
      }
    }
  }
  return undefined;
}

/** One pass of the rules over the sentences of a part. */
export interface RulePass {
  pack: CompiledPack;
  /** Enabled rules and their levels. */
  rules: Array<[CompiledRule, Severity]>;
  /** The text or its context mentions a crisis. */
  crisis: boolean;
  cache: SentenceCache | undefined;
}

/**
 * How many findings a check may still make, shared by the parts of one text; `at` is where it
 * stopped, once it has.
 */
export interface Budget {
  left: number;
  at?: number;
}

/**
 * Findings of every rule except role-limits, placed in the whole text. The sentence whose
 * findings would go past the budget, and every sentence after it, are not reported.
 */
export function runRules(sentences: Sentences, pass: RulePass, lineStarts: number[], budget: Budget): Finding[] {
  const findings: Finding[] = [];
  for (let i = 0; i < sentences.count; i++) {
    if (budget.at !== undefined) break;
    let local = sentenceFindings(sentences, i, pass);
    // "Try writing it down. What do you think?": the next sentence hands the decision back, as
    // a choice cue in the same sentence would (rules that skip `choice`).
    if (local.length && i + 1 < sentences.count && handsChoiceBack(sentences, i + 1, pass.pack)) {
      local = local.filter((f) => !pass.rules.some(([r]) => r.rule.id === f.ruleId && r.skip.has('choice')));
    }
    const placement = { at: sentences.offset(i), lineStarts };
    if (local.length > budget.left) {
      budget.at = placement.at;
      break;
    }
    budget.left -= local.length;
    for (const f of local) findings.push(placeFinding(f, placement));
  }
  return findings;
}

/** A short question whose choice cue hands the decision back ("What do you think?", "How does that sound?"). */
function handsChoiceBack(sentences: Sentences, i: number, pack: CompiledPack): boolean {
  const next = sentences.sentence(i);
  const words = next.tokens.filter((t) => t.word);
  if (!words.length || words.length > 10 || !next.text.trimEnd().endsWith('?')) return false;
  // Longer ones must point back at the advice ("What do you think about that?"), not move on
  // to something else ("What do you think about the exam?").
  if (words.length > 5 && !words.some((t) => t.norm === 'that' || t.norm === 'this' || t.norm === 'it')) return false;
  return guardHolds('choice', pack, sentences.state(i));
}

/** Findings of sentence `i`, relative to it (from the cache when it holds them). */
function sentenceFindings(sentences: Sentences, i: number, pass: RulePass): LocalFinding[] {
  const sentence = sentences.sentence(i);
  if (!sentence.tokens.length) return [];
  const key = pass.cache ? (pass.crisis ? '1' : '0') + sentence.text : '';
  const hit = pass.cache?.get(key);
  if (hit) return hit;
  const st = sentences.state(i);
  const out: LocalFinding[] = [];
  for (const [rule, severity] of pass.rules) {
    if (rule.rule.category !== 'role-limits') ruleFindings(rule, severity, st, pass, out);
  }
  pass.cache?.set(key, out);
  return out;
}

/** Findings of one rule in one sentence, appended to `out`. */
function ruleFindings(rule: CompiledRule, severity: Severity, st: SentenceState, pass: RulePass, out: LocalFinding[]): void {
  const { pack, crisis } = pass;
  const toks = st.sentence.tokens;
  // A rewrite of the clause or sentence covers this rule's other matches from the match to
  // the clause cut; after the cut the text is carried over unchanged into the rewrite, so an
  // instruction there is reported as a finding of its own ("You should rest, you should eat").
  // Entries are tried in pack order, so an earlier entry's match may start later in the
  // sentence: a match before it is still reported unless that earlier finding's rewrite covers it.
  // Each covered span: token range, and whether its end is where a rewrite carries words over.
  const covered: Array<[number, number, boolean]> = [];
  // Before the tagger runs for it, a rule that would skip whatever it matched is not matched.
  if (rule.needsTags && st.ctx.tagged && !st.ctx.tagged() && skipsEveryMatch(rule, pack, st, crisis)) return;
  const cutLinks = pack.lexicons['cutLinks'];
  // After a cut at "…, and you need to…" the next match may start at its link word.
  // A match that runs into a reported one is the same instruction seen by another entry.
  const isCovered = (m: Match) =>
    covered.some(([a, b]) => (m.start >= a && m.start < b && !(m.start === b - 1 && cutLinks?.seqs.has(toks[m.start]!.norm))) || (m.start < a && m.end > a));
  for (const entry of rule.matches) {
    if (!gateOpen(entry.pattern, st)) continue;
    for (const m of matchAll(entry.pattern, st.ctx)) {
      if (isCovered(m)) continue;
      if (ruleSkips(rule, m, pack, st, crisis)) continue;
      if (entry.unless.length && overlapsAny(entry.unless, m, st)) continue;
      if (rule.unless.length && overlapsAny(rule.unless, m, st)) continue;
      const range: [number, number] = [toks[m.start]!.start, toks[m.end - 1]!.end];
      const flagged = st.sentence.text.slice(range[0], range[1]);
      // Where the previous finding's rewrite keeps the writer's words after it unchanged: a
      // sentence-wide rewrite of this match covers only those words.
      let carriedAt = 0;
      for (const [, b, carry] of covered) if (carry && b <= m.start && b > carriedAt) carriedAt = b;
      const built = buildSuggestions(entry.suggest, m, st, pack, carriedAt);
      const suggestions = keepReferrals(built.suggestions, st, pack, crisis);
      out.push(makeFinding(rule.rule, severity, rule.rule.message.replace(/\{match\}/g, flagged), range, flagged, suggestions));
      if (entry.suggest.some((sg) => (sg.replace ?? 'sentence') === 'match')) continue;
      const cut = clauseCut(toks, m.end, pack);
      // The rewrite covers the rest of the sentence, unless it keeps a clause of the writer's
      // own after it unchanged ("…, exams are brutal").
      const carried = built.carriedFrom > m.start ? built.carriedFrom : toks.length;
      const to = Math.min(cut.end >= toks.length ? toks.length : cut.resume + 1, carried);
      // Where the rewrite stops at a carried clause or at a sentence end the segmenter missed,
      // what follows is the writer's own: a later sentence-wide rewrite covers only that.
      const own = (to === carried && carried < toks.length) || (cut.end < toks.length && to === cut.resume + 1 && SENTENCE_END.has(toks[cut.end]!.text));
      covered.push([m.start, to, own]);
    }
  }
}

/** The role-limits note: over the first crisis cue, or the first sentence when the cue is in the context. */
export function roleLimitsFinding(
  [rule, severity]: [CompiledRule, Severity],
  hit: CrisisHit | undefined,
  sentences: Sentences,
  note: { pack: CompiledPack; roleLimits: RoleLimitsOptions; lineStarts: number[] },
): Finding {
  const index = hit?.index ?? 0;
  const sentence = sentences.sentence(index);
  const range: [number, number] = hit ? [sentence.tokens[hit.m.start]!.start, sentence.tokens[hit.m.end - 1]!.end] : [sentence.start, sentence.end];
  const { roleLimits, pack } = note;
  let message = roleLimits.message ?? pack.strings['roleLimits'] ?? rule.rule.message;
  if (roleLimits.resources?.length) message += ' ' + roleLimits.resources.join(' · ');
  const local = makeFinding(rule.rule, severity, message, range, sentence.text.slice(range[0], range[1]), []);
  return placeFinding(local, { at: sentences.offset(index), lineStarts: note.lineStarts });
}

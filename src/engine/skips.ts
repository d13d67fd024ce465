/**
 * When a rule's match is not the writer's own instruction: a question, a choice offered, an
 * emergency referral, reported or quoted speech (the rule's `skip` list says which apply).
 * @module
 */
import { matchAll, type Match } from '../pattern.js';
import type { CompiledPack, CompiledRule } from './compile.js';
import { gateOpen, guardHolds, type SentenceState } from './state.js';
import { endsSentence } from './clause.js';

/** Punctuation that ends a clause. */
export const CLAUSE_END = new Set([',', ';', ':', '–', '—']);
const OPEN_QUOTES = new Map([['"', '"'], ['“', '”'], ['„', '“'], ['«', '»'], ['»', '«'], ['”', '”']]);
const CONTRAST = new Set(['but', 'however', 'though', 'although', 'men', 'mais', 'fast', 'dock', 'alligevel']);

/** Token ranges of reported speech (after the pack's `reported` guard) and of quotations. */
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
      // A report that opens with its own subordinate clause ("your fear is that if you leave,
      // you will…") runs on past that clause's comma (the pack's `subordinators` lexicon).
      let opensSubordinate = !!pack.lexicons['subordinators']?.seqs.has(toks[m.end]?.norm ?? '');
      for (let k = m.end; k < toks.length; k++) {
        // A comma right after the reporting verb opens the report ("Du fortalte, at…") unless
        // a contrast follows ("Jag hör vad du säger, men du måste…").
        if (k === m.end && toks[k]!.text === ',' && !CONTRAST.has(toks[k + 1]?.norm ?? '')) continue;
        // A contrast word followed by a new clause's subject ends the report without a comma
        // (chat: "jag vet att det är jobbigt men du måste ringa henne").
        if (k > m.end && CONTRAST.has(toks[k]!.norm) && pack.lexicons['newClause']?.seqs.has(toks[k + 1]?.norm ?? '')) {
          end = k;
          break;
        }
        // A sentence end inside the sentence ("du siger det.. hvorfor ikke…") ends it too.
        if (!toks[k]!.word && endsSentence(toks, k)) {
          end = k;
          break;
        }
        if (!toks[k]!.word && CLAUSE_END.has(toks[k]!.text)) {
          if (opensSubordinate && toks[k]!.text === ',' && !CONTRAST.has(toks[k + 1]?.norm ?? '')) {
            opensSubordinate = false;
            continue;
          }
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
  // Chat often drops the mark: an inverted opening ("Is there anyone you could talk to") is a
  // question where the pack's `unmarkedQuestion` guard says so.
  if (k < 0 || toks[k]!.text !== '?') return !!pack.guards['unmarkedQuestion'] && guardHolds('unmarkedQuestion', pack, st);
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

/**
 * Whether the rule would skip any match in this sentence, wherever it is: an emergency in the
 * sentence, or a question (not rhetorical) without a word that could open a proposal in a later
 * clause. Then the rule need not be matched at all, and a pattern that needs the tagger does
 * not run it. The same decisions as {@link ruleSkips}, taken before the match is known.
 */
export function skipsEveryMatch(rule: CompiledRule, pack: CompiledPack, st: SentenceState, crisis: boolean): boolean {
  const s = rule.skip;
  if (s.has('emergency') && (guardHolds('emergency', pack, st) || (crisis && guardHolds('referral', pack, st)))) return true;
  if (s.has('question') && isQuestion(pack, st) && !guardHolds('rhetorical', pack, st)) {
    const lex = pack.lexicons['questionProposal'];
    return !lex || !st.sentence.tokens.some((t) => lex.seqs.has(t.norm));
  }
  return false;
}

/** Does the rule skip this match (by its `skip` list)? `crisis`: the text or its context mentions one. */
export function ruleSkips(rule: CompiledRule, m: Match, pack: CompiledPack, st: SentenceState, crisis: boolean): boolean {
  const s = rule.skip;
  // A rhetorical question ("Aren't you being a bit dramatic?", "Don't you think you should…?")
  // states its point: the pack's `rhetorical` guard says which ones.
  if (s.has('question') && isQuestion(pack, st) && !proposalInQuestion(pack, st, m) && !guardHolds('rhetorical', pack, st)) return true;
  if (s.has('choice') && choiceCovers(pack, st, m)) return true;
  if (s.has('emergency') && (guardHolds('emergency', pack, st) || (crisis && guardHolds('referral', pack, st)))) return true;
  if (s.has('reported') || s.has('quote')) {
    const r = regionsOf(pack, st);
    if (s.has('reported') && r.reported.some(([a, b]) => m.start >= a && m.start < b)) return true;
    if (s.has('quote') && r.quotes.some(([a, b]) => m.start > a && m.start < b)) return true;
  }
  return false;
}

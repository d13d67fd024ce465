/**
 * Suggestions: a match's templates rendered with the writer's own words, placed over the
 * match, its clause or its sentence; never one that drops an emergency referral. Ranges are
 * relative to the sentence (its tokens start at 0).
 * @module
 */
import type { SuggestTemplate } from '../schema.js';
import type { Suggestion } from '../types.js';
import { matchAll, type Match } from '../pattern.js';
import type { Token } from '../segment.js';
import { adviceClause, capitalise, clauseLexicon, keptOpener, lowerFirst, matchValues, render, tidy } from '../rewrite.js';
import { trimEndSeparators, wordBeforeTrailingSpace } from '../linear.js';
import type { CompiledPack } from './compile.js';
import { gateOpen, type SentenceState } from './state.js';
import { clauseCut, SENTENCE_END } from './clause.js';

function spanText(toks: Token[], text: string, a: number, b: number): string {
  if (b <= a) return '';
  return text.slice(toks[a]!.start, toks[b - 1]!.end);
}

/**
 * The sentence range a sentence-wide suggestion replaces: from its first word (at or after
 * token `from`) to its end.
 */
function sentenceRange(st: SentenceState, from = 0): [number, number] {
  const toks = st.sentence.tokens;
  const first = toks.find((t, i) => i >= from && t.word) ?? toks.find((t) => t.word) ?? toks[0]!;
  return [first.start, st.sentence.end];
}

const spaced = (rest: string) => (/^[\p{L}\p{N}]/u.test(rest) ? ' ' + rest : rest);

/**
 * End of the words after `from` (up to `end`), without the punctuation that closes them; a
 * closing bracket, a per cent sign and symbols ("^^") stay. Trailing emoji are left out here and
 * put back after the rewrite (see `EMOJI`), where the writer had them.
 */
function restEnd(toks: Token[], from: number, end = toks.length): number {
  let e = end;
  while (e > from && !toks[e - 1]!.word && TRAILING.test(toks[e - 1]!.text) && !/^[)\]%]$/.test(toks[e - 1]!.text)) e--;
  return e;
}

const NOT_ASCII = /[^\x00-\x7f]/;
const TRAILING = /^[\p{P}\s\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F\u200D]*$/u;
/** One emoji as typed: with its skin tone or presentation selector, and ZWJ sequences whole (👩🏾‍💻). */
const EMOJI = /\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)*(?:\u200D\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)*)*/gu;

/** Templates that rewrite the clause's own words keep what follows the clause. */
const usesTail = (template: string) => /\{[a-z][a-z0-9]*\.\.\.|\{rest\b/i.test(template);

/**
 * The pack's transforms, each computed once per input: the templates of one match apply the
 * same transform to the same words again and again (`{verb...|gerund}` in most advice frames),
 * and the English ones run the tagger. Made per match, so no writer's words outlive it.
 */
export function onceEach(transforms: Record<string, (s: string) => string>): Record<string, (s: string) => string> {
  const out: Record<string, (s: string) => string> = Object.create(null);
  const seen = new Map<string, string>();
  for (const name in transforms) {
    const fn = transforms[name]!;
    out[name] = (input) => {
      const key = name + '\u0000' + input;
      let v = seen.get(key);
      if (v === undefined) seen.set(key, (v = fn(input)));
      return v;
    };
  }
  return out;
}

/** A match's suggestions, and where the text they carry over unchanged starts. */
export interface Built {
  suggestions: Suggestion[];
  /**
   * The token from which a suggestion keeps the rest of the sentence as the writer wrote it
   * ("Call your mum 💕 she misses you": from the emoji on), or -1: an instruction there is not
   * rewritten by this match, so it is reported on its own.
   */
  carriedFrom: number;
}

/**
 * Suggestions for match `m` of a rule with these templates. `from` is the token where the
 * match's part of the sentence starts: after an earlier finding of the same rule, whose
 * rewrite keeps the rest as written, a sentence-wide rewrite covers only the rest.
 */
export function buildSuggestions(templates: SuggestTemplate[], m: Match, st: SentenceState, pack: CompiledPack, from = 0): Built {
  const text = st.sentence.text;
  const toks = st.sentence.tokens;
  // A rewrite of "Try meditation, it really works." covers "Try meditation"; the clause after
  // the cut ("it really works") is kept as a sentence of its own after the rewrite.
  const cut = clauseCut(toks, m.end, pack);
  const re = restEnd(toks, m.end, cut.end);
  const rawRemainder = cut.end < toks.length ? text.slice(toks[cut.resume]!.end, st.sentence.end).trim() : '';
  let remainder = capitalise(rawRemainder);
  const values: Record<string, string> = {
    match: spanText(toks, text, m.start, m.end),
    // A space before words, so that a template may put {rest} straight after its own words
    // ("…slås med{rest}.": ", siger alle" and " på det sidste" both read right).
    rest: spaced(spanText(toks, text, m.end, Math.max(m.end, re))),
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
    const to = Math.max(verbCap[1], re);
    const adv = adviceClause({ toks, text, from: verbCap[0], to, matchStart: m.start, remainder: rawRemainder, tags: st.ctx.tags, lex });
    // An emergency referral ("go to the ER now") is never reworded into something softer.
    if (adv.emergency) return { suggestions: [], carriedFrom: -1 };
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
  let carried = false;
  const [sStart, sEnd] = sentenceRange(st);
  const whole = sentenceRange(st, Math.min(from, m.start));
  // "…yourself, those drinks need to go" → "…yourself. I'm concerned…": the rest after a comma
  // is rewritten as a sentence of its own.
  const before = whole[0] > sStart ? text.slice(sStart, whole[0]).trimEnd() : '';
  const commaBefore = /[,;]$/.test(before);
  if (commaBefore) whole[0] = sStart + before.length - 1;
  const scope = { values, lexicons: pack.lexicons, transforms: onceEach(pack.transforms) };
  for (const t of templates) {
    const rendered = render(t.template, scope);
    if (rendered === null) continue;
    remainder = joined && /\{tail\}/.test(t.template) ? '' : capitalise(rawRemainder);
    const aside = asideFrom >= 0 && /\{(?:act|mind|pos)\.\.\./.test(t.template);
    if (aside) remainder = capitalise(text.slice(asideFrom, st.sentence.end).trim());
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
      range = whole;
      replacement = (commaBefore ? '. ' : '') + capitalise(rendered);
      if (remainder && usesTail(t.template)) replacement += ' ' + remainder;
    }
    replacement = tidy(replacement);
    // Emoji the writer put in the replaced range stay, after the rewrite.
    const replaced = text.slice(range[0], range[1]);
    // (No pictograph is ASCII: a plain ASCII range needs no Unicode scan.)
    const pictographs = NOT_ASCII.test(replaced) ? [...replaced.matchAll(EMOJI)].map((e) => e[0]) : [];
    const emoji = pictographs.filter((e) => !replacement.includes(e));
    if (emoji.length) replacement += ' ' + emoji.join('');
    if (!replacement || replacement === text.slice(range[0], range[1])) continue;
    if (out.some((s) => s.text === replacement)) continue;
    out.push({ text: replacement, range, label: t.label });
    carried ||= aside && mode !== 'match';
  }
  return { suggestions: out, carriedFrom: carried ? toks.findIndex((t) => t.start >= asideFrom) : -1 };
}

/** Words of a referral that are framing, not the referral itself ("call the ER right now"). */
const REFERRAL_FILLER = new Set([
  'the', 'a', 'an', 'your', 'ur', 'right', 'now', 'away', 'immediately', 'tonight', 'someone', 'somebody', 'you', 'trust', 'nearby',
]);

/**
 * Safety: a suggestion never removes an emergency or crisis referral. Each referral (the pack's
 * `emergency` guard, and its `referral` guard in a crisis) that a suggestion's range covers must
 * keep its words in the replacement ("call 112", "the crisis line", "A&E"); a suggestion that
 * would drop one is not offered.
 */
export function keepReferrals(suggestions: Suggestion[], st: SentenceState, pack: CompiledPack, crisis: boolean): Suggestion[] {
  if (!suggestions.length) return suggestions;
  const text = st.sentence.text;
  const toks = st.sentence.tokens;
  const spans: Array<[number, number, string]> = [];
  // Emergency services always; a referral to people ("your doctor", "someone you trust", "now")
  // only where the text mentions a crisis, as the directive rules' `emergency` skip does.
  for (const name of crisis ? ['emergency', 'referral'] : ['emergency']) {
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

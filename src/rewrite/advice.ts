/**
 * The advice clause: the writer's verb phrase kept as written, their reason or warning joined
 * back after it, and the features that choose a frame (list, mindset, negation, register,
 * length). Pure functions over tokens; the engine calls them when a rule's match has a `verb`
 * capture.
 * @module
 */
import type { ClauseLexicon } from './lexicon.js';

export { clauseLexicon, type ClauseLexicon } from './lexicon.js';

/** Token shape the clause analysis needs (a subset of the segmenter's Token). */
export interface ClauseToken {
  text: string;
  norm: string;
  start: number;
  end: number;
  word: boolean;
}

/**
 * Names the engine derives for every match with a `verb` capture, usable in templates.
 * `{tail}` is the writer's reason or warning, joined back (", since she knows you well");
 * `{act...}` the advice verb phrase without it; `{mind...}` the phrase without a leading
 * "try to"; the rest are conditions that render empty when true and make the template yield
 * nothing when false, so the first template whose conditions hold is the top suggestion.
 */
export const ADVICE_NAMES = [
  'tail', 'act...', 'mind...', 'pos...', 'list', 'single', 'ger', 'mindset', 'neg', 'casual', 'plain',
  'gsafe', 'short', 'long', 'brief', 'notbrief', 'medium', 'lengthy', 'notlengthy', 'notail', 'inner', 'outer',
  'halt', 'halt...', 'crude',
] as const;

/** Words of the action plus its tail from which the frame puts the choice first. */
const LENGTHY = 12;
const PICTO = /\p{Extended_Pictographic}/u;

export interface AdviceInput {
  toks: ClauseToken[];
  text: string;
  /** Token range of the verb phrase capture, extended to the clause end. */
  from: number;
  to: number;
  /** Token index where the rule's match starts (before the verb: "are something to share"). */
  matchStart?: number;
  /** What follows the clause cut, as written (not capitalised), or ''. */
  remainder: string;
  tags: () => Array<Set<string>>;
  lex: ClauseLexicon;
}

export interface AdviceClause {
  values: Record<string, string>;
  /** True when the remainder was joined into `{tail}` and must not be repeated. */
  remainderJoined: boolean;
  /**
   * Where an independent clause split off the action starts ("exams are brutal i know"), as a
   * text offset, or -1: from there to the sentence end the writer's text is kept as written.
   */
  asideFrom: number;
  /** The clause refers to emergency help: it is never reworded into a softer suggestion. */
  emergency: boolean;
  /**
   * A fronted subject taken into the rewrite ("Chest pains are something to mention to your
   * GP" → "…to mention chest pains to your GP"): the token where the replaced range starts, or -1.
   */
  subjectFrom: number;
}

/**
 * Punctuation that closes a clause ("call her," "rest.") gives way to the frame; anything else
 * the writer typed there (an emoji, a symbol, a character from a script the tokenizer does not
 * know) is kept, never dropped from their words.
 */
const dropsAtEnd = (t: ClauseToken) => !t.word && /^[\p{P}\s]*$/u.test(t.text);

const isVerbTag = (t: Set<string> | undefined) =>
  !!t && (t.has('Verb') || t.has('Infinitive') || t.has('Imperative') || t.has('Imp')) && !t.has('Gerund') && !t.has('PastTense');

/**
 * Split the advice clause into the action (the writer's verb phrase, unchanged) and the
 * writer's reason or warning, and classify the action: one action or a list, a concrete
 * action or a mindset, negated, casual register.
 */
export function adviceClause(inp: AdviceInput): AdviceClause {
  const { toks, text, lex } = inp;
  let a = inp.from;
  const b = inp.to;
  // Leading intensifiers ("def", "totally") do not survive into a frame.
  while (a < b - 1 && toks[a]!.word && lex.leadDrop.has(toks[a]!.norm)) a++;
  let split = b;
  // Tags are asked for only where words cannot decide: tagging loads compromise, which a
  // message whose advice is plain words never needs.
  let tagged: Array<Set<string>> | undefined;
  const tagAt = (i: number): Set<string> | undefined => (tagged ??= inp.tags())[i];
  let asideAt = -1;
  for (let k = a + 1; k < b; k++) {
    const t = toks[k]!;
    const next = toks[k + 1]?.norm ?? '';
    // "Call your mum 💕 she misses you": an emoji between words ends the action; the emoji and
    // what follows stay as the writer wrote them, after the rewrite.
    if (PICTO.test(t.text) && toks.slice(k + 1, b).some((x) => x.word)) {
      split = k;
      asideAt = k;
      break;
    }
    // "Try to keep busy, and if you get bored, ring me": a linked clause with a condition of its
    // own is a new thought of the writer's, kept as a sentence after the rewrite, not a dangling
    // "and if you get bored" inside the frame.
    if (t.text === ',' && k > a + 1 && lex.asideLinks.has(next) && lex.asideOpeners.has(toks[k + 2]?.norm ?? '')) {
      split = k;
      asideAt = k + 1;
      break;
    }
    // "Think of it like chess, don't count your losses": a second, negated directive after a
    // comma is a sentence of its own, not part of this action (its own finding rewrites it).
    if (t.text === ',' && toks[k + 1]?.word && lex.negations.has(next) && k > a + 1) {
      split = k;
      asideAt = k + 1;
      break;
    }
    // "…, the messages will still be there": a noun phrase after the comma starts an aside
    // only when its verb follows within the next few words (not "buy milk, the bread and eggs").
    const nounAside = lex.notAside.has(next) && hasFinite(k + 2, Math.min(b, k + 6), tagAt);
    const plainNext = (!lex.notAside.has(next) || nounAside) && !lex.tailJoin.has(next) && !lex.subordinators.has(next) && !lex.listEnds.has(next);
    if (t.text === ',' && toks[k + 1]?.word && plainNext && !isVerbTag(tagAt(k + 1))) {
      // "Keep at it mate, exams are brutal i know": a finite verb after the comma starts a
      // clause of the writer's own, kept as a sentence after the rewrite.
      let e = k + 1;
      while (e < b && toks[e]!.text !== ',') e++;
      let finite = false;
      for (let j = k + 2; j < e; j++) {
        const tj = tagAt(j);
        if (tj?.has('Copula') || ((tj?.has('PresentTense') || tj?.has('PastTense') || tj?.has('Modal')) && !tj?.has('Imperative'))) finite = true;
      }
      if (finite) {
        split = k;
        asideAt = k + 1;
        break;
      }
    }
    if (!t.word) continue;
    const afterComma = toks[k - 1]!.text === ',';
    const subjectLink = lex.subjectLinks.has(t.norm) && lex.subjects.has(toks[k + 1]?.norm ?? '');
    if (lex.reasonLinks.has(t.norm) || subjectLink || (afterComma && (lex.subordinators.has(t.norm) || lex.tailJoin.has(t.norm)))) {
      split = afterComma ? k - 1 : k;
      break;
    }
  }
  let actEnd = split;
  while (actEnd > a && dropsAtEnd(toks[actEnd - 1]!)) actEnd--;
  const act = actEnd > a ? text.slice(toks[a]!.start, toks[actEnd - 1]!.end) : '';
  const comma = split < b && toks[split]!.text === ',';
  const tailStart = comma ? split + 1 : split;
  let tail = '';
  // "…, even if it's not affordable, in situations like this there are…": a clause of the
  // writer's own after their reason is kept as a sentence, not run on inside the frame.
  const tailEnd = asideAt < 0 ? tailAside(inp, tailStart, b, tagAt) : -1;
  if (tailEnd >= 0) asideAt = tailEnd + 1;
  let asideFrom = asideAt >= 0 ? toks[asideAt]!.start : -1;
  if (tailStart < b && (asideAt < 0 || tailEnd >= 0)) {
    let e = tailEnd >= 0 ? tailEnd : b;
    while (e > tailStart && dropsAtEnd(toks[e - 1]!)) e--;
    const piece = e > tailStart ? text.slice(toks[tailStart]!.start, toks[e - 1]!.end) : '';
    if (piece) tail = (comma ? ', ' : ' ') + piece;
  }
  // A remainder that starts with a subordinator ("even if…", "since…") is part of this
  // sentence: it joins the tail instead of standing alone as a fragment.
  let remainderJoined = false;
  let rem = inp.remainder.trim();
  while (rem && '.!?…'.includes(rem[rem.length - 1]!)) rem = rem.slice(0, -1);
  const remFirst = rem.split(/\s+/)[0]?.toLowerCase().replace(/[^\p{L}']/gu, '') ?? '';
  if (rem && asideAt < 0 && (lex.subordinators.has(remFirst) || lex.tailJoin.has(remFirst))) {
    // The remainder's own tokens: a clause of the writer's after its reason stays a sentence.
    let r = b;
    while (r < toks.length && !(toks[r]!.word && toks[r]!.norm === remFirst)) r++;
    const c = r < toks.length ? tailAside(inp, r, toks.length, tagAt) : -1;
    if (c >= 0) {
      tail += ', ' + text.slice(toks[r]!.start, toks[c - 1]!.end);
      asideFrom = toks[c + 1]!.start;
    } else tail += ', ' + rem;
    remainderJoined = true;
  } else if (rem && asideAt < 0 && tail && nestedCondition(toks, tailStart, b, lex)) {
    // "…because when you are tired, everything is harder": the reason's own condition needs the
    // clause after the comma; cut there, "because when you are tired" would dangle.
    tail += ', ' + rem;
    remainderJoined = true;
  }
  const actToks: number[] = [];
  for (let k = a; k < actEnd; k++) if (toks[k]!.word) actToks.push(k);
  const first = toks[actToks[0] ?? a];
  const doNot = !!first && first.norm === 'do' && toks[actToks[1] ?? -1]?.norm === 'not';
  // "The trick is not to overthink it": the negation sits before the captured verb; the action
  // is then what not to do, never the verb alone (that would turn the advice round).
  const before = (k: number) => toks[inp.from - k]?.norm ?? '';
  const negBefore = a === inp.from && (lex.negationsBefore.has(before(1)) || (before(1) === 'to' && lex.negationsBefore.has(before(2))));
  const neg = !!first && (lex.negations.has(first.norm) || doNot || negBefore);
  // A list: "etc", or a comma before another verb and a last item joined by "and"/"or" ("eat
  // better, sleep more and exercise"). One comma and no last item is an elaboration ("think of
  // it like chess, don't count your losses"), not a choice among several things.
  let list = false;
  let verbCommas = 0;
  let lastItem = false;
  for (let k = a + 1; k < actEnd; k++) {
    if (toks[k]!.text === ',' && toks[k + 1]?.word && (lex.listEnds.has(toks[k + 1]!.norm) || isVerbTag(tagAt(k + 1)))) verbCommas++;
    if (verbCommas && toks[k]!.word && (toks[k]!.norm === 'and' || toks[k]!.norm === 'or')) lastItem = true;
    if (toks[k]!.word && lex.listEnds.has(toks[k]!.norm)) list = true;
  }
  if (verbCommas >= 2 || (verbCommas === 1 && lastItem)) list = true;
  // The action without "try to"/"learn to" in front, for mindset frames.
  let mi = 0;
  while (mi + 1 < actToks.length && lex.tryLead.has(toks[actToks[mi]!]!.norm) && toks[actToks[mi + 1]!]!.norm === 'to') mi += 2;
  const mindStart = actToks[mi];
  // "think more positively", "see things differently": a verb of thought with a manner is a
  // way of being, not an action ("think about the options" is one).
  const manner = (k: number | undefined) => {
    const w = k === undefined ? undefined : toks[k];
    return !!w?.word && (lex.mindsetAdverbs.has(w.norm) || (/^\p{L}{3,}ly$/u.test(w.norm) && !lex.notManner.has(w.norm)));
  };
  const mindNorm = mindStart !== undefined ? toks[mindStart]!.norm : '';
  // The manner may follow a short object: "see things differently", "look at it more calmly".
  // Only over words of a view ("things", "it", "at"), never a concrete object ("see a doctor urgently").
  const mannered = [1, 2, 3].some((d) => manner(actToks[mi + d]) && actToks.slice(mi + 1, mi + d).every((k) => lex.mindsetObjects.has(toks[k]!.norm)));
  const mindVerb = lex.mindsetVerbs.has(mindNorm) || (lex.adverbMindset.has(mindNorm) && mannered);
  const mindset = !tail && !neg && !list && mindVerb && actToks.length - mi <= 8 && toks[mindStart! + 1]?.norm !== 'me';
  const mind = mindStart !== undefined ? text.slice(toks[mindStart]!.start, toks[actEnd - 1]!.end) : '';
  // A list ends without its "etc": the frame says the writer offers some of these.
  let listText = act;
  const lastWord = actToks[actToks.length - 1];
  if (list && lastWord !== undefined && lastWord > a && lex.listEnds.has(toks[lastWord]!.norm)) {
    let e = lastWord;
    while (e > a && !toks[e - 1]!.word) e--;
    listText = text.slice(toks[a]!.start, toks[e - 1]!.end);
  }
  const sentenceWords = toks.filter((t) => t.word);
  // Crude words ("tell him to piss off") stay the writer's, in a frame of their register.
  const crude = sentenceWords.some((t) => lex.crudeWords.has(t.norm));
  const casual =
    crude ||
    sentenceWords.some((t) => lex.casualWords.has(t.norm)) ||
    /!{2,}/.test(text.slice(toks[0]?.start ?? 0, toks[toks.length - 1]?.end ?? 0)) ||
    (/^\p{Ll}/u.test(toks.find((t) => t.word)?.text ?? '') && !/[.?!]$/.test(toks[toks.length - 1]?.text ?? ''));
  const second = toks[actToks[1] ?? -1];
  const gsafe =
    !neg && !list && !tail && !!first && !/ing$/i.test(first.norm) && /^\p{L}+$/u.test(first.norm) &&
    !lex.notVerbs.has(first.norm) && !(second && /ing$/i.test(second.norm)) && !lex.leadDrop.has(first.norm) &&
    !/\b(?:and|or)\s+\p{L}+\s+\p{L}+ing\b/iu.test(act);
  const n = actToks.length;
  const emergency = toks.slice(inp.from, inp.to).some((t) => lex.emergency.has(t.norm)) || /\b(?:a&e|a & e)\b/i.test(act);
  // "Chest pains are something to mention to your GP": the subject is the object of the action.
  const fronted = frontedSubject(inp, actToks);
  const values: Record<string, string> = { tail, 'act...': fronted ? fronted.act : list ? listText : act };
  const flag = (name: string, on: boolean) => {
    if (on) values[name] = '';
  };
  const posAt = negBefore ? actToks[0] : actToks[doNot ? 2 : 1];
  if (neg && posAt !== undefined) values['pos...'] = text.slice(toks[posAt]!.start, toks[actEnd - 1]!.end);
  if (mindset) values['mind...'] = mind;
  flag('list', list);
  // "I'd suggest talking to…": the writer's phrase is already a gerund phrase.
  const ger = !neg && !list && !!first && /ing$/i.test(first.norm) && !!tagAt(actToks[0]!)?.has('Gerund');
  flag('ger', ger);
  flag('single', !list && !mindset && !neg && !ger);
  flag('mindset', mindset);
  flag('neg', neg && posAt !== undefined);
  flag('casual', casual);
  flag('crude', crude);
  // "Stop being so hard on yourself": what might help them stop, asked, not an option offered.
  const haltAt = actToks[1];
  if (!neg && !list && first && lex.haltVerbs.has(first.norm) && haltAt !== undefined && /\p{L}ing$/u.test(toks[haltAt]!.norm)) {
    values['halt...'] = text.slice(toks[haltAt]!.start, toks[actEnd - 1]!.end);
    flag('halt', true);
  }
  flag('plain', !casual);
  flag('gsafe', gsafe);
  flag('short', n <= 4);
  flag('long', n > 4);
  // Length chooses the frame: a short action and a medium one get different frames, a long
  // one (with its tail) puts the choice first so the writer's words can run on to the end of the sentence.
  const size = n + (tail.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  const brief = n <= 4 && !tail;
  flag('brief', brief);
  flag('notbrief', !brief);
  flag('medium', !brief && size < LENGTHY);
  flag('notail', !tail);
  flag('lengthy', size >= LENGTHY);
  flag('notlengthy', size < LENGTHY);
  const noSubject = fronted === null;
  // Words of the writer's own before the frame ("I know it's hard, but…", "ok so…"): a frame
  // that opens with "It's up to you, but" cannot follow them.
  const ms = inp.matchStart ?? a;
  const start = fronted ? fronted.from : ms;
  const inner =
    toks.slice(0, start).some((t) => t.word) || keptOpener(toks, text, ms, inp.from, lex) !== '' || (lex.keepLinks.has(toks[ms]?.norm ?? '') && ms < inp.from);
  flag('inner', inner);
  flag('outer', !inner);
  // "take good care", "stay safe": a farewell, not advice; no frame is put around it.
  const farewell = lex.farewells.has(act.toLowerCase().replace(/[^\p{L}\s']/gu, '').replace(/\s+/g, ' ').trim());
  if (!act || (first && lex.notVerbs.has(first.norm)) || noSubject || farewell) {
    delete values['act...'];
    delete values['mind...'];
    delete values['pos...'];
    delete values['halt...'];
  }
  return { values, remainderJoined, asideFrom, emergency, subjectFrom: fronted ? fronted.from : -1 };
}

/** A finite verb between tokens `from` and `to` (not an imperative): the words are a clause. */
function hasFinite(from: number, to: number, tagAt: (i: number) => Set<string> | undefined): boolean {
  for (let j = from; j < to; j++) {
    const tj = tagAt(j);
    if (tj?.has('Copula') || ((tj?.has('PresentTense') || tj?.has('PastTense') || tj?.has('Modal')) && !tj?.has('Imperative'))) return true;
  }
  return false;
}

/**
 * Where the writer's reason ends and a clause of their own begins: the comma before it, or -1.
 * Only after a reason with one subordinator ("even if it's not affordable, there are…"); a
 * reason that nests another ("because when you're tired, everything…") is left whole.
 */
function tailAside(inp: AdviceInput, from: number, to: number, tagAt: (i: number) => Set<string> | undefined): number {
  const { toks, lex } = inp;
  let subs = 0;
  for (let k = from; k < to; k++) {
    const t = toks[k]!;
    if (t.word && lex.subordinators.has(t.norm) && t.norm !== 'even' && t.norm !== 'as') subs++;
    if (t.text !== ',' || k === from || subs > 1) continue;
    const next = toks[k + 1];
    if (!next?.word || lex.subordinators.has(next.norm) || lex.tailJoin.has(next.norm)) continue;
    if (lex.asideLinks.has(next.norm) || (lex.notAside.has(next.norm) && !hasFinite(k + 2, Math.min(to, k + 6), tagAt))) continue;
    if (isVerbTag(tagAt(k + 1))) continue;
    let e = k + 1;
    while (e < to && toks[e]!.text !== ',') e++;
    if (hasFinite(k + 2, e, tagAt)) return k;
  }
  return -1;
}

/** A reason that opens a condition of its own ("because when…", "since if…"). */
function nestedCondition(toks: ClauseToken[], from: number, to: number, lex: ClauseLexicon): boolean {
  let k = from;
  while (k < to && !toks[k]!.word) k++;
  if (k >= to || !(lex.subordinators.has(toks[k]!.norm) || lex.reasonLinks.has(toks[k]!.norm))) return false;
  for (let j = k + 1; j < to; j++) if (toks[j]!.word && lex.asideOpeners.has(toks[j]!.norm)) return true;
  return false;
}

/**
 * A subject fronted before a copula that opens the match ("Chest pains are something to
 * mention…"): undefined when the match does not open with a copula, null when it does but the
 * object cannot be put back with certainty (no rewrite is better than a dangling subject),
 * else the action with the subject as its object and where the replaced range must start.
 */
function frontedSubject(inp: AdviceInput, actToks: number[]): { act: string; from: number } | null | undefined {
  const { toks, text, lex } = inp;
  const ms = inp.matchStart;
  if (ms === undefined || !lex.copulas.has(toks[ms]?.norm ?? '')) return undefined;
  let s = ms;
  while (s > 0 && toks[s - 1]!.word && !lex.subjectStops.has(toks[s - 1]!.norm)) s--;
  if (s === ms || actToks.length === 0) return null;
  const subject = text.slice(toks[s]!.start, toks[ms - 1]!.end);
  const obj = s === ms - 1 && /^(?:it|this|that|these|those)$/i.test(subject) ? subject.toLowerCase() : lowerFirst(subject);
  const words = actToks.map((k) => toks[k]!);
  const last = words[words.length - 1]!;
  const verb = words[0]!;
  const whole = text.slice(verb.start, last.end);
  // "something to talk to your therapist about" → "talk to your therapist about <subject>".
  if (words.length > 1 && lex.prepositions.has(last.norm)) return { act: `${whole} ${obj}`, from: s };
  // "something to mention to your GP" → "mention <subject> to your GP" (verbs that take an object).
  if (lex.objectVerbs.has(verb.norm)) return { act: `${verb.text} ${obj}${text.slice(verb.end, last.end)}`, from: s };
  return null;
}

/** Lower-case the first letter unless the word is "I", an acronym or a name in capitals. */
function lowerFirst(s: string): string {
  const m = /^(\s*)(\p{Lu})(\p{Ll})/u.exec(s);
  if (!m) return s;
  return m[1] + m[2]!.toLowerCase() + s.slice(m[1]!.length + m[2]!.length);
}

/**
 * A discourse opener at the start of the match ("I just mean", "ok so", "honestly"), kept as
 * the writer wrote it outside the frame, with their own punctuation after it; '' when none.
 */
export function keptOpener(toks: ClauseToken[], text: string, from: number, to: number, lex: ClauseLexicon): string {
  for (const o of lex.openers) {
    if (from + o.length > to) continue;
    let ok = true;
    const comma = o[o.length - 1]!.endsWith(',');
    const spec = comma ? [...o.slice(0, -1), o[o.length - 1]!.slice(0, -1)] : o;
    for (let i = 0; i < spec.length && ok; i++) ok = toks[from + i]!.word && toks[from + i]!.norm === spec[i];
    if (!ok) continue;
    let e = from + spec.length;
    while (e < to && !toks[e]!.word) e++;
    if (e >= toks.length) return '';
    const kept = text.slice(toks[from]!.start, toks[e]!.start);
    // "Honestly you should…" → "Honestly, I wonder…"; the writer's own punctuation wins.
    return comma && e === from + spec.length ? kept.trimEnd() + ', ' : kept;
  }
  return '';
}

/** Names {@link matchValues} gives every match of a pack with a clause lexicon. */
export const MATCH_NAMES = ['alone', 'notalone', 'after'] as const;

/**
 * Values every match gets: `{alone}` holds when the match is the whole sentence, give or take
 * discourse fillers ("Trust me, you'll be fine") — only then may a rule replace the sentence
 * with words of its own without losing the writer's; `{notalone}` otherwise, with `{after}`,
 * the writer's words after the match ("Believe me the hardest part is…" → "the hardest part is…").
 */
export function matchValues(toks: ClauseToken[], text: string, from: number, to: number, lex: ClauseLexicon): Record<string, string> {
  let alone = true;
  for (let k = 0; k < toks.length && alone; k++) {
    if (k >= from && k < to) continue;
    if (toks[k]!.word && !lex.fillers.has(toks[k]!.norm)) alone = false;
  }
  if (alone) return { alone: '' };
  let a = to;
  while (a < toks.length && !toks[a]!.word) a++;
  let b = toks.length;
  while (b > a && !toks[b - 1]!.word && !/\p{Extended_Pictographic}/u.test(toks[b - 1]!.text)) b--;
  const out: Record<string, string> = { notalone: '' };
  // Only words after the match: a match inside the sentence has words of its own before it.
  if (b > a && from === firstWord(toks)) out['after'] = lowerFirst(text.slice(toks[a]!.start, toks[b - 1]!.end));
  return out;
}

const firstWord = (toks: ClauseToken[]): number => toks.findIndex((t) => t.word);

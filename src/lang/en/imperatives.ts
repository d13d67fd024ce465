/**
 * Where an English instruction can start: the clause view on top of compromise's tags. A base
 * verb is marked `Imp` (or `ImpGerund`) where it can be an imperative as it stands: at a clause
 * start, after a subordinate clause or a consequence link, not after "to" or a modal, not
 * coordinated under a subject.
 * @module
 */
import type { Sentence, Token } from '../../segment.js';
import { conjugate, lexiconTag, preTagged, tagSpan } from './compromise.js';
import { COORD_ADVERBS, NOT_GERUND } from './inflect.js';

const CLAUSE_PUNCT = new Set([',', ';', ':', '–', '—', '(']);
const SUBORDINATORS = new Set([
  'if', 'when', 'whenever', 'once', 'after', 'before', 'since', 'as', 'while', 'until', 'till', 'unless', 'though', 'although', 'whether', 'because',
  'even', 'whatever', 'wherever', 'whoever',
]);
const CONSEQUENCE_LINKS = new Set(['so', 'then', 'but']);
const AUXILIARIES = new Set([
  'do', 'does', 'did', 'can', 'could', 'will', 'would', 'should', 'have', 'has', 'are', 'is', 'am', 'shall', 'may', 'might', 'must',
]);
const REFLEXIVE = new Set(['yourself', 'yourselves', 'urself']);
const POSSESSIVE_YOU = new Set(['your', 'ur', 'yer']);
const LEADERS = new Set(['please', 'just', 'so', 'then', 'and', 'also', 'now', 'maybe', 'perhaps']);
const PLEASE = new Set(['please', 'pls', 'plz']);
const SUBJECTS = new Set(['i', 'you', 'he', 'she', 'we', 'they', 'it', 'u', 'ya', 'there']);
/** A subject with its finite verb in one word: "you're", "I'll", "she's". */
const WITH_FINITE = /\w['’](?:ll|d|m|re|ve|s)$/;

/**
 * Tags per token. compromise tags a clause-initial verb after a comma as a noun ("If it gets
 * worse, talk to…"), so a clause whose first word came out noun-like is tagged again on its own.
 * Then `Imp` marks verbs that can be imperatives where they stand (see `markImperatives`).
 */
export function tagSentence(sentence: Sentence): Array<Set<string>> {
  // compromise's pre-tagger first (lexicon, suffixes, neighbours: a fifth of a full parse). Its
  // known weakness is a clause-initial verb read as a noun ("Talk to…", "Pay attention…"): only
  // where a word that could start an instruction came out that way is a full parse needed.
  const pre = tagSpan(sentence, 0, sentence.tokens.length, preTagged);
  // "gotta", "gonna", "wanna" are contracted modals (got to, going to, want to), never base verbs.
  for (let i = 0; i < pre.length; i++) if (CONTRACTED_MODALS.has(sentence.tokens[i]!.norm)) pre[i] = new Set(['Verb', 'Auxiliary']);
  // Parse fully only the clauses of those words, each on its own (compromise reads a verb
  // starting a clause after a comma as a noun when it sees the whole sentence: "If it gets
  // worse, talk to…"); every other word keeps its pre-tags.
  const toks = sentence.tokens;
  let parsedTo = -1;
  for (const i of uncertainStarts(sentence, pre)) {
    if (i < parsedTo) continue;
    let from = i;
    while (from > 0 && !(CLAUSE_PUNCT.has(toks[from - 1]!.text) || SENTENCE_PUNCT.has(toks[from - 1]!.text))) from--;
    let to = i + 1;
    while (to < toks.length && !CLAUSE_PUNCT.has(toks[to]!.text)) to++;
    const again = tagSpan(sentence, from, to);
    for (let k = from; k < to; k++) pre[k] = again[k]!;
    parsedTo = to;
  }
  markImperatives(sentence, pre);
  return pre;
}

const SENTENCE_PUNCT = new Set(['.', '!', '?', '…']);

const CONTRACTED_MODALS = new Set(['gotta', 'gonna', 'wanna', 'hafta', 'oughta']);

/** Words that can stand before an instruction's verb at the start of its clause. */
const STARTERS = new Set([
  ...LEADERS, ...PLEASE, 'but', 'or', 'than', 'really', 'definitely', 'seriously', 'honestly', 'simply', 'first', 'still', 'always', 'never', 'ok',
  'okay', 'well', 'yeah', 'yes', 'hey', 'oh', 'instead', 'otherwise', 'meanwhile', 'finally', 'next', 'plus', 'anyway', 'sometimes',
]);

/** Words that could start an instruction (at a clause start) but were not read as verbs. */
function uncertainStarts(sentence: Sentence, tags: Array<Set<string>>): number[] {
  const toks = sentence.tokens;
  const out: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!t.word) continue;
    const prev = toks[i - 1];
    const atStart = !prev || !prev.word || STARTERS.has(prev.norm);
    if (!atStart || !mayHaveTag(t, 'Imp', toks[i + 1])) continue;
    const tg = tags[i]!;
    if (AUXILIARIES.has(t.norm)) out.push(i);
    else if (tg.has('Infinitive') || tg.has('Imperative') || tg.has('Gerund')) continue;
    // A noun reading of a word that may be a verb, or the pre-tagger's fallback for a word it
    // does not know (plain Noun): the full parse decides. Its other guesses (an adjective,
    // a number, a past tense by suffix) do not start instructions.
    else if (lexiconTag(t.norm) !== undefined ? mayBeVerb(t.norm) : [...tg].every((x) => FALLBACK_TAGS.has(x))) out.push(i);
  }
  return out;
}

const FALLBACK_TAGS = new Set(['Noun', 'Singular', 'Hyphenated']);
const verbReading = new Map<string, boolean>();
/**
 * Whether a lexicon word read as a noun may also be a verb: its conjugated forms are lexicon
 * verbs ("talk" → talked, talking). "family", "friend" are not.
 */
function mayBeVerb(word: string): boolean {
  let v = verbReading.get(word);
  if (v === undefined) {
    const forms = conjugate(word) ?? {};
    v = (!!forms.PastTense && lexiconTag(forms.PastTense) === 'PastTense') || (!!forms.Gerund && lexiconTag(forms.Gerund) === 'Gerund');
    // Only words of compromise's own lexicon are memoised: a name or any other word of the
    // user's is never kept after the call (README "Privacy", `cache: false`).
    if (lexiconTag(word) !== undefined) {
      if (verbReading.size > 10_000) verbReading.clear();
      verbReading.set(word, v);
    }
  }
  return v;
}

function isFinite(tags: Set<string>): boolean {
  if (tags.has('Imperative') || tags.has('Infinitive') || tags.has('Gerund')) return false;
  return tags.has('PastTense') || tags.has('Modal') || tags.has('Copula') || tags.has('Auxiliary') || tags.has('PresentTense');
}

/**
 * A verb in its base form can be an imperative where it stands when:
 * - it is a plain English word (not part of a hyphenated compound, not "do you…" inversion);
 * - it is in the sentence's first clause, or its clause follows a subordinate clause
 *   ("If it gets worse, talk to…"), or a consequence link ("…, so slow down"), or a
 *   clause with no finite verb of its own ("Hang in there, and call…"). After a clause with
 *   its own subject and verb, a bare verb is coordination ("A therapist will listen, process
 *   them and create a plan"), not an instruction.
 */
function markImperatives(sentence: Sentence, tags: Array<Set<string>>): void {
  const toks = sentence.tokens;
  markGerundsAfterWorth(toks, tags);
  const firstWord = toks.findIndex((t) => t.word);
  const startsSubordinate = firstWord >= 0 && SUBORDINATORS.has(toks[firstWord]!.norm);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const tg = tags[i]!;
    if (!t.word || !/^[A-Za-z]+$/.test(t.text)) continue;
    // compromise reads a clause-initial verb before a reflexive as a noun ("picture yourself").
    const next0 = toks[i + 1];
    // …and before "your" at the very start of a clause ("rehome your cats").
    const atClauseStart = i === 0 || (!toks[i - 1]!.word && CLAUSE_PUNCT.has(toks[i - 1]!.text)) || LEADERS.has(toks[i - 1]!.norm);
    if (tg.has('Singular') && !tg.has('Pronoun') && next0 &&
      (REFLEXIVE.has(next0.norm) || (atClauseStart && POSSESSIVE_YOU.has(next0.norm)))) tg.add('Infinitive');
    // An adjective never takes a reflexive object: before one it is the verb ("shut yourself away").
    else if (tg.has('Adjective') && next0 && REFLEXIVE.has(next0.norm) && mayBeBaseVerb(t.norm)) tg.add('Infinitive');
    // A clause that starts with a word that may be a verb, followed by what can only begin its
    // object or particle ("Pick two things…", "Email or message the team", "Write down a
    // few…"): the verb reading. A noun there would need its own verb first ("Close friends are").
    else if (atClauseStart && next0 && !tg.has('Pronoun') && (tg.has('Singular') || tg.has('Noun')) && mayBeBaseVerb(t.norm) &&
      objectFollows(toks, i + 1) && (mayBeVerb(t.norm) || joinedToVerb(toks, tags, i) || !finiteInClause(toks, tags, i + 1))) tg.add('Infinitive');
    const gerund = tg.has('Gerund');
    if (!(tg.has('Infinitive') || tg.has('Imperative') || gerund) || tg.has('PastTense') || tg.has('Pronoun')) continue;
    const next = toks[i + 1];
    if (next && next.start === t.end && /^[-‐]$/.test(next.text)) continue;
    if (AUXILIARIES.has(t.norm) && next && SUBJECTS.has(next.norm)) continue;
    let b = -1;
    for (let k = i - 1; k >= 0; k--) {
      if (!toks[k]!.word && CLAUSE_PUNCT.has(toks[k]!.text)) {
        b = k;
        break;
      }
    }
    // "please" right before the verb makes it a request whatever comes before.
    const pleaseBefore = [i - 1, i - 2, i - 3].some((k) => k >= 0 && PLEASE.has(toks[k]!.norm));
    // The word that governs the verb, past adverbs and hesitations ("could then make", "I'd
    // love to, um, set up"): after "to" or a modal the verb is an infinitive, never an
    // instruction; after a clause opener without a comma ("it's hard but call her", "if it gets
    // worse then go") it starts a clause of its own.
    const g = governor(toks, i);
    const gov = g >= 0 ? toks[g]!.norm : '';
    if (!pleaseBefore && GOVERNS_INFINITIVE.has(gov)) continue;
    // "friends that, um, kind of give you…": a verb right after a relative pronoun is that clause's verb.
    if (!pleaseBefore && RELATIVES.has(gov)) continue;
    // "I usually write it down", "they always say": a present tense under its subject.
    if (!pleaseBefore && PERSONAL_SUBJECTS.has(subjectBefore(toks, tags, g))) continue;
    if (!pleaseBefore && LINKED.has(gov) && gov !== 'but' && sharesGovernor(toks, tags, g)) continue;
    if (!pleaseBefore && OPENERS.has(gov) && g > 0 && toks[g - 1]!.word && !LINKED.has(toks[g - 1]!.norm)) {
      // "then" opens a clause only after a fronted condition ("If it gets worse then go…");
      // after a statement it sequences verbs under its subject ("I'll go home then call you").
      const before = governor(toks, g);
      if (before >= 0 && GOVERNS_INFINITIVE.has(toks[before]!.norm)) continue;
      if (gov === 'but' || startsSubordinate) {
        tg.add(gerund ? 'ImpGerund' : 'Imp');
        continue;
      }
      let statement = false;
      for (let k = b + 1; k < g; k++) {
        const w = toks[k]!.norm;
        if (isFinite(tags[k]!) || SUBJECTS.has(w) || WITH_FINITE.test(w)) statement = true;
      }
      if (statement) continue;
    }
    let ok = b < 0 || pleaseBefore;
    if (!ok) {
      const link = toks[b + 1]!.norm;
      const firstBoundary = toks.findIndex((x) => !x.word && CLAUSE_PUNCT.has(x.text));
      // ", then move on" continues the verb group before the comma when that one has its own
      // subject, "to" or modal ("I try to pray about it, then move on"); after an instruction
      // or a fronted condition it is the next step ("Write it down, then read it back").
      if (CONSEQUENCE_LINKS.has(link)) ok = link !== 'then' || (startsSubordinate && b === firstBoundary) || !sharesGovernor(toks, tags, b);
      else if (startsSubordinate && b === firstBoundary) ok = true;
      else {
        ok = true;
        for (let k = 0; k < b; k++) {
          if (isFinite(tags[k]!)) {
            ok = false;
            break;
          }
        }
      }
    }
    if (ok) tg.add(gerund ? 'ImpGerund' : 'Imp');
  }
}

const HEDGES = new Set(['kind', 'sort']);
const RELATIVES = new Set(['that', 'who', 'which']);
const FILLERS = new Set(['um', 'umm', 'uh', 'uhh', 'er', 'erm', 'hmm', 'mm']);
const OPENERS = new Set(['but', 'then']);
/** Links before an opener ("and then call") leave the decision to the clause logic below. */
const LINKED = new Set(['and', 'or', 'but', 'so', 'and/or']);
const GOVERNS_INFINITIVE = new Set([
  'to', 'can', 'could', 'will', 'would', 'should', 'must', 'might', 'may', 'shall',
  'cannot', "can't", 'cant', "won't", 'wont', "wouldn't", "couldn't", "shouldn't",
  'gonna', 'wanna', 'gotta', 'hafta', 'oughta', "i'll", "you'll", "we'll", "they'll", "he'll", "she'll", "i'd", "you'd", "we'd", "they'd", "he'd", "she'd"]);

/**
 * The index of the word that governs token `i`: the nearest word before it that is not an
 * adverb of the verb group ("just", "then" unless it is the opener) or a hesitation, with the
 * commas and dashes around hesitations ("to, um, set") skipped too; -1 at the sentence start,
 * or the index of the punctuation that ends the search.
 */
function governor(toks: Token[], i: number): number {
  let k = i - 1;
  for (let steps = 0; k >= 0 && steps < 8; steps++, k--) {
    const t = toks[k]!;
    if (t.word) {
      if (OPENERS.has(t.norm)) return k;
      if (COORD_ADVERBS.has(t.norm) || FILLERS.has(t.norm)) continue;
      // The hedges "kind of", "sort of" are adverbs of the verb group ("kind of take it slow").
      if (t.norm === 'of' && HEDGES.has(toks[k - 1]?.norm ?? '')) {
        k--;
        continue;
      }
      return k;
    }
    if (t.text === '-' || t.text === '‐') continue;
    const nextIsFiller = FILLERS.has(toks[k + 1]?.norm ?? '');
    const prevIsFiller = FILLERS.has(toks[k - 1]?.norm ?? '');
    if ((t.text === ',' || t.text === '…' || t.text === '—' || t.text === '–') && (nextIsFiller || prevIsFiller)) continue;
    return k;
  }
  return k;
}

/** Subjects that are people, not "it" or "there" ("make it count" is no subject-verb pair). */
const PERSONAL_SUBJECTS = new Set([...SUBJECTS].filter((w) => w !== 'it' && w !== 'there'));
/** The word at `g`, or before it past adverbs ("I usually", "you always really"). */
function subjectBefore(toks: Token[], tags: Array<Set<string>>, g: number): string {
  let k = g;
  while (k >= 0 && toks[k]!.word && tags[k]!.has('Adverb')) k = governor(toks, k);
  return k >= 0 && toks[k]!.word ? toks[k]!.norm : '';
}

/**
 * "worth talking to your GP": after "worth" an -ing form of a verb is a gerund, whatever the
 * pre-tagger guessed (it reads some as nouns).
 */
function markGerundsAfterWorth(toks: Token[], tags: Array<Set<string>>): void {
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i]!;
    if (toks[i - 1]!.norm !== 'worth' || !/^[a-z]{2,}ing$/.test(t.norm) || NOT_GERUND.has(t.norm) || tags[i]!.has('Gerund')) continue;
    const stem = t.norm.slice(0, -3);
    if ([stem, stem + 'e', stem.slice(0, -1)].some((w) => w.length > 1 && (lexiconTag(w) === 'Infinitive' || mayBeVerb(w)))) tags[i]!.add('Gerund');
  }
}

/**
 * A verb joined by "and"/"or" to the verb group before it in the same clause shares what governs
 * that group: its subject ("you're tired and need rest"), or its "to" or modal ("trying to stay
 * calm and make sure…", "I'm going to take a risk and go out"). It is an instruction only when the
 * verb before it is one ("Go home and call her"). `link` is the index of the "and"/"or".
 */
function sharesGovernor(toks: Token[], tags: Array<Set<string>>, link: number): boolean {
  for (let k = link - 1; k >= 0; k--) {
    const t = toks[k]!;
    if (!t.word) {
      if (CLAUSE_PUNCT.has(t.text) || SENTENCE_PUNCT.has(t.text)) return false;
      continue;
    }
    const tg = tags[k]!;
    if (tg.has('Imp') || tg.has('ImpGerund')) return false;
    if (isFinite(tg) || WITH_FINITE.test(t.norm)) return true;
    if (tg.has('Infinitive') || tg.has('Imperative')) {
      const g = governor(toks, k);
      return g >= 0 && (GOVERNS_INFINITIVE.has(toks[g]!.norm) || PERSONAL_SUBJECTS.has(subjectBefore(toks, tags, g)));
    }
  }
  return false;
}

/** Whether the clause from token `k` to its end holds a finite verb ("Dinner every night was late"). */
function finiteInClause(toks: Token[], tags: Array<Set<string>>, k: number): boolean {
  for (; k < toks.length; k++) {
    const t = toks[k]!;
    if (!t.word && (CLAUSE_PUNCT.has(t.text) || SENTENCE_PUNCT.has(t.text))) return false;
    if (t.word && (isFinite(tags[k]!) || WITH_FINITE.test(t.norm) || AUXILIARIES.has(t.norm))) return true;
  }
  return false;
}

/** "Email or message the team": a clause-start word joined by or/and to a word read as a verb. */
function joinedToVerb(toks: Token[], tags: Array<Set<string>>, i: number): boolean {
  const link = toks[i + 1]?.norm;
  const other = tags[i + 2];
  return (link === 'or' || link === 'and') && !!other && (other.has('Infinitive') || other.has('Imperative'));
}

/** Words that can only begin an object or a particle after a verb, never a noun's own verb. */
const OBJECT_STARTS = new Set([
  'the', 'a', 'an', 'some', 'any', 'two', 'three', 'four', 'five', 'few', 'several', 'more', 'less', 'every', 'each', 'these', 'those', 'him', 'her',
  'them', 'me', 'us', 'yourself', 'urself', 'up', 'down', 'out', 'off', 'away', 'over', 'people', 'someone', 'somebody', 'something',
]);

function objectFollows(toks: Token[], k: number): boolean {
  const t = toks[k];
  if (!t || !t.word) return false;
  if (OBJECT_STARTS.has(t.norm)) return true;
  // A number then a noun ("Spend 20 minutes…"), not a number then a verb ("Age 40 is…").
  if (/^\d/.test(t.norm)) return !!toks[k + 1]?.word && !AUXILIARIES.has(toks[k + 1]!.norm) && !/^(?:was|were|isn't|wasn't)$/.test(toks[k + 1]!.norm);
  // "Email or message the team": a second verb joined by or/and, then an object.
  if ((t.norm === 'or' || t.norm === 'and') && toks[k + 1]?.word && mayBeBaseVerb(toks[k + 1]!.norm)) return OBJECT_STARTS.has(toks[k + 2]?.norm ?? '');
  return false;
}

/**
 * Closed-class words (pronouns, determiners, auxiliaries, conjunctions, prepositions, common
 * adverbs and interjections): they never start an instruction, so a sentence whose clause
 * starts are all of this kind needs no tagging at all for the imperative rules.
 */
const CLOSED_CLASS = new Set(
  `i me my mine myself you your yours yourself u ur ya he him his she her hers it its itself we us our they them
  their this that these those the a an some any every each no all both either neither what whats how why when where
  who whom whose which there here if and but or nor so because as than then though although while since until
  unless whether in on at for with from to of by about into onto over under after before between through during
  without within upon against among is are was were am been being i'm im it's its you're youre that's thats
  there's theres i've ive i'd id i'll ill we're we've they're they've he's she's what's who's how's let's does
  did don't doesn't didn't can can't cannot could couldn't would wouldn't should shouldn't will won't may might
  must mustn't shall has had haven't hasn't hadn't isn't aren't wasn't weren't not yes yeah yep nope also just
  really very maybe perhaps probably definitely actually honestly seriously basically literally sometimes often
  always never still even only too again already soon now today tomorrow yesterday tonight thanks sorry hi hello
  hey ok okay well oh ah wow lol haha please pls plz hmm um uh dear one two three four five first second last next other another
  such much many more most less least few lot lots something someone somebody anything anyone anybody nothing
  nobody everything everyone everybody people person thing things time life worth`.split(/\s+/),
);
const VERB_TAGS = new Set(['Imp', 'Infinitive', 'Imperative', 'ImpGerund', 'Gerund']);

/** Lexicon tags that rule out a base-form verb reading of a word (context-free). */
const NOT_BASE_VERB = new Set([
  'Plural', 'Uncountable', 'ProperNoun', 'FirstName', 'LastName', 'Place', 'Country', 'City', 'Demonym', 'Acronym', 'Organization', 'Comparative',
  'Superlative', 'Preposition', 'Determiner', 'Pronoun', 'Conjunction', 'Adverb', 'Expression', 'Gerund', 'PastTense', 'Possessive', 'Value',
  'Cardinal', 'Ordinal', 'Copula', 'Modal', 'Negative', 'QuestionWord',
]);

/** Adjectives that are also common base-form verbs in advice ("calm down", "open up", "slow down"). */
const ADJECTIVE_VERBS = new Set([
  'open', 'slow', 'calm', 'clean', 'clear', 'free', 'empty', 'close', 'dry', 'warm', 'quiet', 'chill', 'relax', 'settle', 'ease', 'lighten', 'cool',
  'stay', 'fix', 'right', 'better', 'wise', 'even', 'level', 'steady', 'still', 'smooth', 'tidy', 'loose', 'narrow', 'thin', 'double', 'separate',
  'shut', 'ready', 'busy',
]);
/**
 * Word endings that are never a base-form verb in practice: plural or 3rd-person -s (but not
 * -ss/-us/-is), and noun or adjective suffixes. The few verbs with such endings are listed.
 */
const NOT_VERB_SUFFIX = /(?:[^su]s|tion|sion|ness|ity|ism|ist|ology|ogy|apy|ship|hood|ance|ence|ics|tive|sive|ful|less|ous|ical|ional|ment)$/;
const SUFFIX_VERBS = new Set([
  'distance', 'finance', 'fence', 'commence', 'announce', 'pronounce', 'comment', 'implement', 'document', 'experiment', 'lament', 'cement',
  'augment', 'torment', 'vent', 'assist', 'insist', 'persist', 'resist', 'exist', 'enlist', 'twist', 'list', 'question', 'mention', 'function',
  'position', 'caution', 'envision', 'commission', 'sentence', 'reference', 'influence', 'experience', 'balance', 'advance', 'enhance', 'dance',
  'glance', 'license', 'silence', 'evidence', 'relish', 'cherish', 'nourish', 'finish', 'punish', 'establish', 'accomplish', 'publish', 'polish',
  'worship', 'ship',
]);
const LY_VERBS = new Set(['apply', 'reply', 'rely', 'supply', 'fly', 'ally', 'rally', 'bully', 'tally', 'multiply', 'comply', 'imply']);

const PLAIN_WORD = /^[A-Za-z]+$/;
const HYPHEN = /^[-‐]$/;

export function mayHaveTag(token: Token, tag: string, next?: Token): boolean {
  if (!VERB_TAGS.has(tag)) return true;
  // `markImperatives` marks plain words only, never the first part of a hyphenated compound.
  if ((tag === 'Imp' || tag === 'ImpGerund') && (!PLAIN_WORD.test(token.text) || (next && next.start === token.end && HYPHEN.test(next.text)))) return false;
  // "Do you…", "Have you…", "Can I…": a question's inversion, not an instruction.
  if (next && AUXILIARIES.has(token.norm) && SUBJECTS.has(next.norm)) return false;
  if (!token.word || CLOSED_CLASS.has(token.norm)) return false;
  const gerund = tag === 'Gerund' || tag === 'ImpGerund';
  if (gerund) return token.norm.endsWith('ing');
  return mayBeBaseVerb(token.norm);
}

const baseVerbCache = new Map<string, boolean>();
/** Whether a word, out of context, could be a base-form verb (cached: asked for every rule). */
function mayBeBaseVerb(w: string): boolean {
  let v = baseVerbCache.get(w);
  if (v === undefined) {
    if (w.endsWith('ing') && !NOT_GERUND.has(w)) v = false;
    else if (w.endsWith('ly') && !LY_VERBS.has(w)) v = false;
    else if (NOT_VERB_SUFFIX.test(w) && !SUFFIX_VERBS.has(w)) v = false;
    else if (w.includes("'")) v = false;
    else {
      const lex = lexiconTag(w);
      v = lex === 'Adjective' ? ADJECTIVE_VERBS.has(w) : !(lex && NOT_BASE_VERB.has(lex));
      // Memoised for lexicon words only (see mayBeVerb); the other branches are cheap tests.
      if (lex !== undefined) {
        if (baseVerbCache.size > 10_000) baseVerbCache.clear();
        baseVerbCache.set(w, v);
      }
    }
  }
  return v;
}

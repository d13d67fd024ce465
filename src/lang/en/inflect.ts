/**
 * English inflection for rewrites: base verb → -ing form ("call your doctor" → "calling your
 * doctor"), coordinated verbs included, and second/third person → first person.
 * @module
 */
import { lowerFirst } from '../../rewrite.js';
import { splitLeadingLetters, trimEndNonWord } from '../../linear.js';
import { compromiseLoaded, conjugate, infinitiveOfPast, lexiconTag, preTagged } from './compromise.js';

/** Adverbs that may stand inside a verb group ("and just make…", "could then make"). */
export const COORD_ADVERBS = new Set(['just', 'also', 'then', 'really', 'maybe', 'perhaps', 'always', 'simply', 'gently', 'slowly', 'still', 'even']);

const gerundCache = new Map<string, string>();
export const NOT_GERUND = new Set(['bring', 'sing', 'ring', 'sting', 'swing', 'string', 'spring', 'cling', 'fling', 'sling', 'wring', 'ding', 'ping']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const DOUBLING = new Set([...'bcdfghjklmnpqrstvz']);

/**
 * The -ing form by the spelling rules, where they do not depend on stress: e-drop (make →
 * making), ie → ying, -ic → icking, and doubling after one short vowel in one syllable (stop →
 * stopping). A longer word ending consonant-vowel-consonant (visit, begin) returns null: whether
 * it doubles depends on stress, which compromise's conjugation knows. Checked against
 * compromise's conjugation of every base verb in its lexicon: it agrees on 1,150 verbs except
 * where compromise returns no -ing form or doubles the British way (refuelling).
 */
function regularGerund(w: string): string | null {
  if (w.length < 2 || !/^[a-z]+$/.test(w)) return null;
  if (w === 'be') return 'being';
  if (w.endsWith('ie')) return w.slice(0, -2) + 'ying';
  if (w.endsWith('ee') || w.endsWith('ye') || w.endsWith('oe')) return w + 'ing';
  if (w.endsWith('e')) return w.slice(0, -1) + 'ing';
  const q = w.replaceAll('qu', 'q');
  const n = q.length;
  if (n >= 3 && q[n - 1] === 'c' && q[n - 2] === 'i' && !VOWELS.has(q[n - 3]!)) return w + 'king';
  const cvc = DOUBLING.has(q[n - 1]!) && VOWELS.has(q[n - 2]!) && (n === 2 || !VOWELS.has(q[n - 3]!));
  if (!cvc) return w + 'ing';
  let syllables = 0;
  for (let i = 0; i < n; i++) if ((VOWELS.has(q[i]!) || (q[i] === 'y' && i < n - 1)) && (i === 0 || !(VOWELS.has(q[i - 1]!) || q[i - 1] === 'y'))) syllables++;
  return syllables === 1 ? w + w[w.length - 1] + 'ing' : null;
}

/** The -ing form of a base verb: call → calling, panic → panicking, be → being. */
export function gerundOf(verb: string): string {
  const lower = verb.toLowerCase();
  let g = gerundCache.get(lower);
  if (g === undefined && /[a-z]{2}ing$/.test(lower) && !NOT_GERUND.has(lower)) g = lower;
  if (g === undefined) g = regularGerund(lower) ?? undefined;
  if (g === undefined) {
    g = conjugate(lower)?.Gerund ?? '';
    if (!g || !g.endsWith('ing')) {
      if (/[^aeiou]ic$/.test(lower)) g = lower + 'king';
      else if (/ie$/.test(lower)) g = lower.slice(0, -2) + 'ying';
      else if (/[^aeiouy]e$/.test(lower) && lower !== 'be') g = lower.slice(0, -1) + 'ing';
      else g = lower + 'ing';
    }
  }
  if (compromiseLoaded() && lexiconTag(lower) !== undefined) {
    if (gerundCache.size > 10_000) gerundCache.clear();
    gerundCache.set(lower, g);
  }
  return verb[0] && verb[0] !== verb[0].toLowerCase() ? g[0]!.toUpperCase() + g.slice(1) : g;
}

const BASE_VERB_HINTS = new Set([
  'see', 'get', 'talk', 'find', 'check', 'ask', 'try', 'visit', 'speak', 'do', 'have', 'buy', 'look', 'meet', 'sign', 'hang', 'play', 'join', 'make',
]);

function isBaseVerb(word: string): boolean {
  const w = word.toLowerCase();
  const tag = lexiconTag(w);
  return tag === 'Infinitive' || BASE_VERB_HINTS.has(w);
}

/**
 * Turn a verb phrase that starts with a base verb into a gerund phrase, including verbs
 * coordinated with "and"/"or": "go see a doctor and get some rest" → "going to see a doctor
 * and getting some rest".
 */
export function gerundPhrase(phrase: string): string {
  const words = phrase.split(/(\s+)/);
  const wordStarts: number[] = [];
  let pos = 0;
  for (const w of words) {
    wordStarts.push(pos);
    pos += w.length;
  }
  const idx = words.findIndex((w) => /\w/.test(w));
  if (idx < 0) return phrase;
  const first = words[idx]!;
  const m = splitLeadingLetters(first);
  if (!m) return phrase;
  words[idx] = gerundOf(m[1]!) + m[2];
  // "go see" / "come talk": serial verbs need "to".
  const next = idx + 2;
  if (/^(go|come)$/i.test(m[1]!) && words[next] && isBaseVerb(trimEndNonWord(words[next]!))) {
    words[next] = 'to ' + words[next];
  }
  // Coordinated base verbs after "and"/"or" (not after "and then I"…): tag once with compromise,
  // and only when there is a coordination to look at.
  if (!/\b(and|or|then)\s/i.test(phrase)) return lowerFirst(words.join(''));
  const tagged = preTagged(phrase).docs.flat();
  const verbsAfterAnd = new Set<number>();
  let cursor = 0;
  let prevNormal = '';
  let prevPost = '';
  for (const t of tagged) {
    cursor += t.pre.length;
    const s = cursor;
    cursor += t.text.length + t.post.length;
    const normal = (t.normal ?? t.text).toLowerCase();
    const afterConj = (prevNormal === 'and' || prevNormal === 'or' || prevNormal === 'then') && !/[.!?]/.test(prevPost);
    if (afterConj && t.tags.has('Infinitive') && !t.tags.has('Gerund') && /^[A-Za-z]+$/.test(t.text)) {
      const wi = wordStarts.indexOf(s);
      if (wi > idx) verbsAfterAnd.add(wi);
    }
    // "and just make…", "and then also ask…": an adverb between keeps the coordination open.
    if (t.text && !(afterConj && COORD_ADVERBS.has(normal))) {
      prevNormal = normal;
      prevPost = t.post;
    }
  }
  for (const wi of verbsAfterAnd) {
    const mm = splitLeadingLetters(words[wi]!);
    if (mm) words[wi] = gerundOf(mm[1]!) + mm[2];
  }
  return lowerFirst(words.join(''));
}

const FIRST_PERSON: Record<string, string> = {
  their: 'my',
  theirs: 'mine',
  them: 'me',
  themselves: 'myself',
  themself: 'myself',
  our: 'my',
  ours: 'mine',
  us: 'me',
  ourselves: 'myself',
  your: 'my',
  yourself: 'myself',
  yours: 'mine',
  his: 'my',
  her: 'my',
  himself: 'myself',
  herself: 'myself',
  one: 'I',
  "one's": 'my',
  oneself: 'myself',
};

/** "talk about their feelings" → "talk about my feelings" (framing only, no new facts). */
export function firstPerson(phrase: string): string {
  return phrase.replace(/\b[A-Za-z']+\b/g, (w) => {
    const k = w.toLowerCase();
    const r = Object.hasOwn(FIRST_PERSON, k) ? FIRST_PERSON[k] : undefined;
    return r ?? w;
  });
}

const SUBJECT_PRONOUNS: Record<string, [string, string]> = {
  he: ['him', 'has he'], "he's": ['him', 'has he'], she: ['her', 'has she'], "she's": ['her', 'has she'],
  they: ['them', 'have they'], "they're": ['them', 'have they'], him: ['him', 'has he'], them: ['them', 'have they'],
};
/** Determiners that open a person named by the writer as someone the reader knows ("your boss"). */
const PERSON_DETERMINERS = new Set(['your', 'ur', 'his', 'her', 'their', 'the', 'this', 'that', 'these', 'those']);

/**
 * The person a sentence is about, from the words before a label ("Her ex", "your boss") or the
 * label's own subject ("He sounds unhinged"): [object form, "has/have" + subject], or null when
 * it is not certain (the writer's own "my ex", "people", "someone").
 */
function personOf(words: string): [string, string] | null {
  const list = words.trim().split(/\s+/).filter(Boolean);
  const lower = list.map((w) => w.toLowerCase().replace(/’/g, "'"));
  const pron = lower.length ? SUBJECT_PRONOUNS[lower[0]!] : undefined;
  if (pron && Object.hasOwn(SUBJECT_PRONOUNS, lower[0]!)) return pron;
  for (let i = Math.max(0, list.length - 4); i < list.length; i++) {
    if (!PERSON_DETERMINERS.has(lower[i]!) || i === list.length - 1) continue;
    const rest = list.slice(i);
    if (!rest.every((w) => /^\p{L}[\p{L}'’-]*$/u.test(w))) return null;
    const phrase = lowerFirst(rest.join(' '));
    const last = lower[lower.length - 1]!;
    const plural = /[^su]s$/.test(last) || lower[i] === 'these' || lower[i] === 'those';
    return [phrase, `${plural ? 'have' : 'has'} ${phrase}`];
  }
  const last = lower[lower.length - 1];
  if (last && Object.hasOwn(SUBJECT_PRONOUNS, last)) return SUBJECT_PRONOUNS[last]!;
  return null;
}

/** "Your boss" → "your boss", "He sounds unhinged" → "him"; '' when the person is not certain. */
export function personObject(words: string): string {
  return personOf(words)?.[0] ?? '';
}

/** "Your boss" → "has your boss", "They are nuts" → "have they"; '' when not certain. */
export function personAsked(words: string): string {
  return personOf(words)?.[1] ?? '';
}

/**
 * "started looking after yourself" → "start looking after yourself": the phrase's first word in
 * its base form when it is a past tense ("It's time you started…" offered as "…to start…").
 */
export function basePhrase(phrase: string): string {
  const m = /^(\p{L}+)(.*)$/su.exec(phrase);
  if (!m) return phrase;
  const [, first, rest] = m as unknown as [string, string, string];
  const lower = first.toLowerCase();
  const past = lexiconTag(lower) === 'PastTense' || (/[a-z]ed$/.test(lower) && lexiconTag(lower) === undefined);
  if (!past) return phrase;
  const base = infinitiveOfPast(lower);
  return base && base !== lower ? base + rest : phrase;
}

/** A will-form at the start of a warning and what it becomes: the subject, then "might". */
const WILL_START =
  /^(you|it|things|this|that|they|he|she)(?:'ll|’ll| will| are going to| is going to|'re going to|’re going to|'s going to|’s going to|'re gonna|’re gonna| are gonna|'d|’d| would| could| may| might)\s+(?:(?:only|just|definitely|surely|certainly|totally|really|probably)\s+)?(\S.*)$/isu;
const WILL_SLANG = /^(?:youll|ull)\s+(?:(?:only|just|definitely|surely|totally|really)\s+)?(\S.*)$/isu;

/**
 * "you'll regret it" → "you might regret it", "it will only get worse" → "it might get worse": a
 * warning's outcome as a possibility the writer is worried about, not a prediction. Empty when
 * the phrase does not start with a subject and a will-form ("or else…"), so the template that
 * asked for it is not offered.
 */
export function mightPhrase(phrase: string): string {
  const m = WILL_START.exec(phrase.trim());
  if (m) return `${m[1]!.toLowerCase()} might ${m[2]}`;
  const s = WILL_SLANG.exec(phrase.trim());
  return s ? `you might ${s[1]}` : '';
}

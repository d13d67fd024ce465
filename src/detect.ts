/**
 * `lang: 'auto'`: a small language identifier for English, Swedish and Danish, run per
 * paragraph. It scores frequent function words (which differ between the three even where the
 * content words are shared) and letters only one language uses (å/ä/ö vs æ/ø). Norwegian-like
 * text (ikke, hva, noen, æ/ø) scores as Danish, the closest pack.
 *
 * Cost: one pass over the words of the paragraph with Set look-ups; no models, no network.
 * @module
 */
import { typeName as kind } from './names.js';

const WORDS: Record<string, string> = {
  en: `the and is are was were be been to of in it that this you your i me my we our they them their he she his her
    not no do does did don't can't won't i'm it's you're what how why when where who which with for on at as but or if
    so just have has had will would could should can about from there here all some any more very really think know
    feel want need like get got go going been being than then also because even much many people time something
    anything nothing everything someone anyone sorry thanks thank hope help talk`,
  sv: `och att det är som en ett på för med jag inte till av om har de den var så men vad kan ska du mig dig hur när
    eller man sig vi ni bara också mycket här där nu någon något några inga utan efter vill skulle kunna måste bör
    borde hade blir blev kommer själv samma alla andra mer sin sitt sina hon han dem deras vara varit få får göra gör
    säga tror tycker känner hjälp tack jättebra kanske alltid aldrig något sådan sådant igen från mellan också våra
    vår vårt dessa detta hos sedan samt eller än även genom ingen inget ju väl lite riktigt bra nog alltså
    egentligen vem varför tillsammans hela många endast verkar kul jobbigt tyvärr hej`,
  da: `og at det er som en et på for med jeg ikke til af om har de den var så men hvad kan skal du mig dig hvordan
    når eller man sig vi bare også meget her der nu nogen noget ingen uden efter vil skulle kunne må bør burde havde
    bliver blev kommer selv samme alle andre mere sin sit sine hun han dem deres være været få får gøre gør sige tror
    synes føler hjælp tak måske altid aldrig sådan igen fra mellem vores disse dette hos siden samt end også gennem
    hvis hvor vist jo lige rigtig godt nok altså egentlig hvornår hvem hvorfor sammen hele mange lidt kun
    virker sjovt desværre hej hva noen noe mye ikkje kanskje`,
};

const LETTERS = new Map<string, RegExp>([
  ['sv', /[äö]/g],
  ['da', /[æø]/g],
]);

// Maps, not objects: a language code comes from the caller ("constructor", "__proto__" included).
const sets = new Map(Object.entries(WORDS).map(([k, v]) => [k, new Set(v.split(/\s+/).filter(Boolean))]));

function checkArgs(fn: string, text: unknown, langs: unknown): void {
  if (typeof text !== 'string') throw new TypeError(`peerspeak: ${fn}: expected \`text\` to be a string, got ${kind(text)}`);
  if (!Array.isArray(langs) || !langs.every((l) => typeof l === 'string')) {
    const got = Array.isArray(langs) ? 'an array with ' + kind(langs.find((l) => typeof l !== 'string')) : kind(langs);
    throw new TypeError(`peerspeak: ${fn}: expected \`langs\` to be an array of language codes (e.g. ['en', 'sv', 'da']), got ${got}`);
  }
}

/**
 * Scores per language for `text`: higher is more likely.
 * @example
 * ```ts
 * import { scoreLanguages } from 'peerspeak';
 * scoreLanguages('Du borde ringa din läkare.'); // { en: 0, sv: 3.5, da: 0.5 }
 * ```
 */
export function scoreLanguages(text: string, langs: string[] = ['en', 'sv', 'da']): Record<string, number> {
  checkArgs('scoreLanguages(text, langs)', text, langs);
  const scores = new Map<string, number>();
  for (const l of langs) scores.set(l, 0);
  const add = (l: string, n: number) => scores.set(l, scores.get(l)! + n);
  const words = text.toLowerCase().replace(/[’‘]/g, "'").match(/[\p{L}']+/gu) ?? [];
  for (const w of words) {
    const hits = langs.filter((l) => sets.get(l)?.has(w));
    // A word shared by several languages counts for each, divided among them.
    for (const l of hits) add(l, 1 / hits.length);
  }
  for (const l of langs) {
    const re = LETTERS.get(l);
    if (re) add(l, 2 * (text.toLowerCase().match(re)?.length ?? 0));
  }
  // å is Swedish and Danish alike: it only separates both from English.
  const aring = (text.match(/[åÅ]/g) ?? []).length;
  for (const l of langs) if (l !== 'en') add(l, aring);
  // fromEntries defines own properties: a code named "__proto__" is a key like any other.
  return Object.fromEntries(scores);
}

/** Evidence (in function words) below which a paragraph keeps the fallback language. */
const MIN_EVIDENCE = 0.9;

/**
 * The most likely of `langs` for `text`. With too little evidence (a heading, a date, a name)
 * the answer is `fallback` — the engine passes the language of the whole document.
 * @example
 * ```ts
 * import { detectLanguage } from 'peerspeak';
 * detectLanguage('Du borde ringa din läkare.'); // 'sv'
 * detectLanguage('12 May', ['en', 'sv', 'da'], 'da'); // 'da': too little evidence
 * ```
 */
export function detectLanguage(text: string, langs: string[] = ['en', 'sv', 'da'], fallback = langs[0] ?? 'en'): string {
  checkArgs('detectLanguage(text, langs, fallback)', text, langs);
  if (typeof fallback !== 'string') {
    throw new TypeError(`peerspeak: detectLanguage(text, langs, fallback): expected \`fallback\` to be a language code (a string), got ${kind(fallback)}`);
  }
  const scores = scoreLanguages(text, langs);
  let best = fallback;
  let top = MIN_EVIDENCE;
  for (const l of langs) {
    const score = Object.hasOwn(scores, l) ? scores[l]! : 0;
    if (score > top) {
      top = score;
      best = l;
    }
  }
  return best;
}

/**
 * compromise, English's tagger and conjugator, behind a lazy loader: the part of the English
 * support that knows compromise's API.
 * @module
 */
import type nlpType from 'compromise/two';
import type { Sentence } from '../../segment.js';

export type Term = { pre: string; text: string; post: string; tags: Set<string>; normal?: string };

/**
 * compromise, loaded on first use: building its lexicon and model is most of the cost of
 * importing peerspeak (about 250 ms), and a message whose clause starts are all closed-class
 * words ("You should…", "I think…") never needs it. The build bundles compromise so that this
 * `require` becomes a lazy initialiser in both the ESM and the CommonJS output (no file system
 * or network access at run time); {@link warmUpEnglish} loads it ahead of time.
 */
declare const require: (id: string) => unknown;
interface Compromise {
  nlp: typeof nlpType;
  conjugate(v: string, m: unknown): Record<string, string> | undefined;
  toInfinitive(v: string, m: unknown, tense: string): string;
  model: unknown;
  lexicon: Record<string, string>;
}
let loaded: Compromise | undefined;
export const compromiseLoaded = (): boolean => loaded !== undefined;
function compromise(): Compromise {
  if (!loaded) {
    const mod = require('compromise/two') as { default?: typeof nlpType } & typeof nlpType;
    const nlp = mod.default ?? mod;
    const model = (nlp as unknown as { model(): unknown }).model();
    const verb = (nlp as unknown as {
      methods(): { two: { transform: { verb: Pick<Compromise, 'conjugate' | 'toInfinitive'> } } };
    }).methods().two.transform.verb;
    loaded = {
      nlp,
      conjugate: verb.conjugate,
      toInfinitive: verb.toInfinitive,
      model,
      lexicon: (model as { one: { lexicon: Record<string, string> } }).one.lexicon,
    };
  }
  return loaded;
}

/** Load the English tagger now (for example while the app is idle) instead of on first need. */
export function warmUpEnglish(): void {
  compromise();
}

export const conjugate = (v: string): Record<string, string> | undefined => compromise().conjugate(v, compromise().model);
/** The base form of a past-tense verb ("started" → "start", "got" → "get"). */
export const infinitiveOfPast = (v: string): string => compromise().toInfinitive(v, compromise().model, 'PastTense');
export const lexiconTag = (w: string): string | undefined => {
  const lex = compromise().lexicon;
  return Object.hasOwn(lex, w) ? lex[w] : undefined;
};

export const fullParse = (text: string) => compromise().nlp(text) as unknown as { docs: Term[][] };

/**
 * compromise's lexicon and pre-tagger without its post-tagger (whose pattern sweep is most of
 * the cost of a parse).
 */
export function preTagged(text: string): { docs: Term[][] } {
  const doc = (compromise().nlp as unknown as { tokenize(t: string): { compute(h: string[]): void; docs: Term[][] } }).tokenize(text);
  doc.compute(PRE_TAGGER);
  return doc;
}
const PRE_TAGGER = ['lexicon', 'preTagger', 'contractionTwo'];

/** Tags per token of `sentence.tokens[from..to)`, from one compromise parse of that span (empty sets elsewhere). */
export function tagSpan(
  sentence: Sentence, from: number, to = sentence.tokens.length, parse: (text: string) => { docs: Term[][] } = fullParse,
): Array<Set<string>> {
  const out: Array<Set<string>> = sentence.tokens.map(() => new Set<string>());
  const toks = sentence.tokens;
  const startOffset = toks[from]!.start;
  const endOffset = toks[to - 1]!.end;
  const doc = parse(sentence.text.slice(startOffset - sentence.start, endOffset - sentence.start));
  let cursor = startOffset;
  let ti = from;
  for (const terms of doc.docs) {
    for (const term of terms) {
      cursor += term.pre.length;
      const s = cursor;
      const e = cursor + term.text.length;
      cursor = e + term.post.length;
      // Contractions give a second, empty term ("I've" = I + have): it adds no tags.
      if (!term.text.length) continue;
      while (ti < toks.length && toks[ti]!.end <= s) ti++;
      for (let k = ti; k < toks.length && toks[k]!.start < e; k++) {
        for (const tag of term.tags) out[k]!.add(tag);
      }
    }
  }
  return out;
}

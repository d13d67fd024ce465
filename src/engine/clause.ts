/**
 * Where the clause that holds a match ends: a rewrite replaces that clause and carries what
 * follows the cut over unchanged.
 * @module
 */
import { isInvisible, type Token } from '../segment.js';
import type { CompiledPack } from './compile.js';

const HARD_CUT = new Set([';', ':', '–', '—']);
/**
 * A sentence end inside what the segmenter kept as one sentence ("Stop thinking so much. call
 * me", a lower-case start): a cut too, unless the full stop ends an abbreviation.
 */
export const SENTENCE_END = new Set(['.', '!', '?', '…']);
const ABBREVIATIONS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'st', 'vs', 'etc', 'e.g', 'i.e', 'eg', 'ie', 't.ex', 'bl.a', 'd.v.s', 'f.eks', 'osv', 'mfl', 'ca', 'jfr', 'nr', 'prof',
  'no',
]);

/** Token `k` ends a sentence the segmenter kept inside this one: ".", "!", "?", "…", not an abbreviation's full stop. */
export function endsSentence(toks: Token[], k: number): boolean {
  const t = toks[k]!.text;
  return SENTENCE_END.has(t) && !(t === '.' && k > 0 && ABBREVIATIONS.has(toks[k - 1]!.norm));
}

/**
 * Where the clause that holds the match ends: a hard boundary, a comma before a new clause
 * ("…, it really works"), or a link before a new subject ("…and you'll feel better").
 * Starters and links come from the pack's `newClause` and `cutLinks` lexicons.
 */
export function clauseCut(toks: Token[], from: number, pack: CompiledPack): { end: number; resume: number } {
  const r = clauseCutIndex(toks, from, pack);
  if (r < toks.length && SENTENCE_END.has(toks[r]!.text)) {
    // After a run of sentence ends ("?!"), the carried text starts after the last of them.
    let j = r;
    while (j + 1 < toks.length && endRun(toks[j + 1]!.text)) j++;
    return { end: r, resume: j };
  }
  // A comma before a link ("…, and you…"): the carried text starts at the link.
  const commaLink = r < toks.length && toks[r]!.text === ',' && !!pack.lexicons['cutLinks']?.seqs.has(toks[r + 1]?.norm ?? '');
  return { end: r, resume: commaLink ? r + 1 : r };
}

/**
 * Sentence ends, a comma typed after one ("ok., so") and invisible format characters of pasted
 * text (a zero-width space): the run a clause cut steps over.
 */
const endRun = (t: string) => SENTENCE_END.has(t) || t === ',' || isInvisible(t);

function clauseCutIndex(toks: Token[], from: number, pack: CompiledPack): number {
  const starters = pack.lexicons['newClause'];
  const starts = (k: number) => !!starters && !!toks[k] && starters.seqs.has(toks[k]!.norm);
  const links = pack.lexicons['cutLinks'];
  const link = (k: number) => !!toks[k] && !!links?.seqs.has(toks[k]!.norm);
  for (let k = from; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.word) {
      if (k > from && link(k) && starts(k + 1) && toks[k - 1]!.word) return k;
      continue;
    }
    if (HARD_CUT.has(t.text)) return k;
    if (endsSentence(toks, k)) {
      // A run of them ("..", "?!") cuts at its first, when a word follows the run, after a
      // dash, bullet or emoji too ("…to her?  - The only way…").
      let j = k + 1;
      while (j < toks.length && endRun(toks[j]!.text)) j++;
      let w = j;
      while (w < toks.length && !toks[w]!.word && !HARD_CUT.has(toks[w]!.text)) w++;
      if (toks[w]?.word) return k;
      k = j - 1;
      continue;
    }
    if (t.text === ',' && (starts(k + 1) || (link(k + 1) && starts(k + 2)))) return k;
  }
  return toks.length;
}

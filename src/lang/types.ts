import type { Sentence, Token } from '../segment.js';

/**
 * Language-specific helpers: tagging and word transforms for suggestions.
 * @example
 * ```ts
 * import { registerLanguage } from 'peerspeak';
 * import nbPack from './nb-pack.json';
 * // A pack for a new language; `transforms` are usable in its templates as `{verb|polite}`.
 * registerLanguage(nbPack, { code: 'nb', transforms: { polite: (phrase) => `kanskje ${phrase}` } });
 * ```
 */
export interface LanguageSupport {
  code: string;
  /** Part-of-speech tags per token of a sentence (English: compromise). */
  tag?: (sentence: Sentence) => Array<Set<string>>;
  /** Could this word carry `tag` at all? `false` spares tagging the sentence. Omit = always maybe. */
  mayHaveTag?: (token: Token, tag: string, next?: Token) => boolean;
  /** Named transforms usable in suggestion templates as `{capture|name}`. */
  transforms?: Record<string, (phrase: string) => string>;
}

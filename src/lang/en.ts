/**
 * English support: compromise's tagger (only for sentences a rule's cheap lexical gate let
 * through) and its verb conjugation for rewrites ("Call your doctor" → "calling your doctor").
 * The parts: `en/compromise.ts` (the lazy tagger), `en/imperatives.ts` (where an instruction
 * can start), `en/inflect.ts` (gerunds and first person for rewrites).
 * @module
 */
import type { LanguageSupport } from './types.js';
import { mayHaveTag, tagSentence } from './en/imperatives.js';
import { basePhrase, firstPerson, gerundPhrase, mightPhrase, personAsked, personObject } from './en/inflect.js';

export { warmUpEnglish } from './en/compromise.js';
export { gerundOf, gerundPhrase, firstPerson } from './en/inflect.js';

export const en: LanguageSupport = {
  code: 'en',
  tag: tagSentence,
  mayHaveTag,
  transforms: {
    gerund: gerundPhrase,
    firstperson: firstPerson,
    person: personObject,
    personhas: personAsked,
    base: basePhrase,
    might: mightPhrase,
  },
};

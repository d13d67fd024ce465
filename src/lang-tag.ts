/**
 * Language tags: what `lang` accepts besides a pack's own code.
 * @module
 */

/**
 * The base language of a BCP 47 tag or a POSIX locale name, lower-cased: `'sv-SE'`, `'SV'`,
 * `'da_DK'`, `'en-GB'` → `'sv'`, `'sv'`, `'da'`, `'en'` (what `navigator.language` or a user's
 * setting gives). `'auto'` and anything that is not such a tag are returned unchanged, so the
 * caller's message can name them.
 * @example
 * ```ts
 * baseLanguage('sv-SE'); // 'sv'
 * baseLanguage('auto'); // 'auto'
 * ```
 */
export function baseLanguage(tag: string): string {
  const m = /^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$/.exec(tag);
  return m ? m[1]!.toLowerCase() : tag;
}

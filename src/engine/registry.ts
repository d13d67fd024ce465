/**
 * The registry of built-in packs: the language entry points register their pack and language
 * support here, `lang: 'auto'` its detector.
 * @module
 */
import type { LanguageSupport } from '../lang/types.js';
import type { Checker } from './options.js';

/** Detects the language of `text` among `langs` (`fallback` when it cannot tell). */
export type Detector = (text: string, langs: string[], fallback?: string) => string;

/** Registered packs by language, as data (compiled on first use). */
export const builtinPacks = new Map<string, unknown>();
/** Built-in languages that live in their own entry point. */
export const BUILTIN_ON_DEMAND: Record<string, string> = { sv: 'Swedish', da: 'Danish' };
export const languageSupport = new Map<string, LanguageSupport>();
/** Checkers `check()` built for plain option sets; emptied when a language is registered. */
export const compiledCheckers = new Map<string, Checker>();
/** Detects the language of a paragraph, set by the auto-detection module when loaded. */
let detector: Detector | null = null;

/**
 * Register a built-in pack and its language support (done by the language entry points).
 * @example
 * ```ts
 * import { registerLanguage, check } from 'peerspeak';
 * import nbPack from './nb-pack.json';
 * registerLanguage(nbPack, { code: 'nb' });
 * check(text, { lang: 'nb' });
 * ```
 */
export function registerLanguage(pack: unknown, support?: LanguageSupport): void {
  const p = pack as { lang?: string };
  if (!p || typeof p.lang !== 'string') throw new TypeError('peerspeak: registerLanguage(pack): pack.lang must be a string');
  builtinPacks.set(p.lang, pack);
  if (support) languageSupport.set(p.lang, support);
  compiledCheckers.clear();
}

/** Set the detector used by `lang: 'auto'`. */
export function registerDetector(fn: Detector): void {
  detector = fn;
}

/** The detector `lang: 'auto'` uses, or null when the auto-detection module is not loaded. */
export function currentDetector(): Detector | null {
  return detector;
}

/**
 * Languages that have a registered pack.
 * @example
 * ```ts
 * import { languages } from 'peerspeak';
 * import 'peerspeak/rules/sv';
 * languages(); // ['en', 'sv']
 * ```
 */
export function languages(): string[] {
  return [...builtinPacks.keys()];
}

/**
 * The registry of built-in packs: the language entry points register their pack and language
 * support here, `lang: 'auto'` its detector.
 * @module
 */
import type { LanguageSupport } from '../lang/types.js';
import type { Checker } from './options.js';

/** Detects the language of `text` among `langs` (`fallback` when it cannot tell). */
export type Detector = (text: string, langs: string[], fallback?: string) => string;

/**
 * One registry per process (per realm), shared by every copy of the library: the ESM and the
 * CJS builds are two module instances, so `require('peerspeak/rules/sv')` must register
 * Swedish for `import { check } from 'peerspeak'` too. It lives on globalThis under a
 * registered Symbol; `version` counts registrations, so cached checkers know when it changed.
 */
interface Registry {
  packs: Map<string, unknown>;
  support: Map<string, LanguageSupport>;
  detector: Detector | null;
  version: number;
}
const REGISTRY_KEY = Symbol.for('peerspeak.registry/1');
export const registry: Registry = ((globalThis as Record<symbol, Registry | undefined>)[REGISTRY_KEY] ??= {
  packs: new Map(),
  support: new Map(),
  detector: null,
  version: 0,
});
/** Registered packs by language, as data (compiled on first use). */
export const builtinPacks = registry.packs;
/** Built-in languages that live in their own entry point. */
export const BUILTIN_ON_DEMAND: Record<string, string> = { sv: 'Swedish', da: 'Danish' };
export const languageSupport = registry.support;
/** Checkers `check()` built for plain option sets; emptied when a language is registered. */
export const compiledCheckers = new Map<string, Checker>();

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
  registry.version++;
  compiledCheckers.clear();
}

/** Set the detector used by `lang: 'auto'`. */
export function registerDetector(fn: Detector): void {
  registry.detector = fn;
}

/** The detector `lang: 'auto'` uses, or null when the auto-detection module is not loaded. */
export function currentDetector(): Detector | null {
  return registry.detector;
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
  // The same order whatever order the entry points loaded in (ESM and CJS share one registry).
  const order = (l: string) => (BUILTIN_ORDER.indexOf(l) + BUILTIN_ORDER.length + 1) % (BUILTIN_ORDER.length + 1);
  return [...builtinPacks.keys()].sort((a, b) => order(a) - order(b));
}
const BUILTIN_ORDER = ['en', 'sv', 'da'];

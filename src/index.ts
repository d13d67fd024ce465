/**
 * peerspeak: flags directive, diagnostic and generalising language in peer-support messages
 * and suggests first-person, choice-offering rewrites.
 *
 * ```ts
 * import { check, applySuggestion } from 'peerspeak';
 * const { findings } = check('You should call your doctor.');
 * findings[0].suggestions[0].text; // 'I wonder if it might help to call your doctor — what do you think?'
 * ```
 * @module
 */
import enPackData from '../rules/en/pack.json';
import { en } from './lang/en.js';
import { check, registerLanguage } from './core.js';
import { warmUpEnglish } from './lang/en.js';
import type { Pack } from './pack-types.js';

registerLanguage(enPackData, en);

// Everything of the core (`peerspeak/core`: engine, pack format, detector), with English registered.
export * from './core.js';
/**
 * Get English ready ahead of the first check that needs it, without blocking: compiles the
 * English pack, then loads compromise's model, then runs the tagger once, each step in its own
 * task (a `setTimeout` between steps), so a page stays responsive between them. The promise
 * resolves when all are done. Checking works without it; the sync `check()` simply pays on
 * first need. Loading compromise itself is one step (it is one module initialiser).
 * @example
 * ```ts
 * import { warmUp } from 'peerspeak';
 * requestIdleCallback(() => void warmUp()); // in a browser; `await warmUp()` in Node
 * ```
 */
export function warmUp(): Promise<void> {
  const steps = [
    () => check('I hope so.', { lang: 'en', cache: false }),
    warmUpEnglish,
    () => check('Call them tomorrow, and rest.', { lang: 'en', cache: false }),
  ];
  return new Promise((resolve, reject) => {
    const next = (): void => {
      const step = steps.shift();
      if (!step) return resolve();
      try {
        step();
      } catch (error) {
        return reject(error);
      }
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  });
}
/**
 * The built-in English pack, as data. Swedish and Danish load on demand: `import 'peerspeak/rules/sv'`.
 * @example
 * ```ts
 * import { enPack } from 'peerspeak';
 * enPack.rules.find((rule) => rule.id === 'directive/modal')?.examples.flag[0].text; // 'You should call your doctor.'
 * ```
 */
export const enPack: Pack = enPackData as unknown as Pack;

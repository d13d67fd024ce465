/**
 * The built-in English pack as data. English is registered by the main entry already; this
 * subpath is for tools that want the pack itself (documentation, a pack editor).
 * @module
 */
import data from '../../rules/en/pack.json';
import type { Pack } from '../pack-types.js';

// Typed as Pack: the shipped .d.ts then names the type instead of inlining the JSON.
const pack = data as unknown as Pack;

/**
 * The English pack as data (the same format as user packs).
 * @example
 * ```ts
 * import en from 'peerspeak/rules/en';
 * en.rules.map((rule) => rule.id); // ['directive/modal', …]
 * ```
 */
export { pack as default };

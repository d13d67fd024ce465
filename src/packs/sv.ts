/**
 * The built-in Swedish pack, loaded on demand: `import 'peerspeak/rules/sv'` registers it, so
 * `check(text, { lang: 'sv' })` and `lang: 'auto'` can use it. An app that never imports
 * it does not ship it.
 * @module
 */
import data from '../../rules/sv/pack.json';
import type { Pack } from '../pack-types.js';

// Typed as Pack: the shipped .d.ts then names the type instead of inlining the JSON.
const pack = data as unknown as Pack;
// The core, not `peerspeak`: a Swedish- or Danish-only app does not load English.
import { registerLanguage } from '../core.js';

registerLanguage(pack, { code: 'sv' });

/**
 * The Swedish pack as data (the same format as user packs).
 * @example
 * ```ts
 * import { check } from 'peerspeak';
 * import sv from 'peerspeak/rules/sv'; // registers Swedish
 * check('Du borde ringa din läkare.', { lang: 'sv' }).findings[0].ruleId; // 'directive/modal'
 * sv.rules.length; // the Swedish rules, as data
 * ```
 */
export { pack as default };

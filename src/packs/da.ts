/**
 * The built-in Danish pack, loaded on demand: `import 'peerspeak/rules/da'` registers it, so
 * `check(text, { lang: 'da' })` and `lang: 'auto'` can use it. An app that never imports
 * it does not ship it.
 * @module
 */
import data from '../../rules/da/pack.json';
import type { Pack } from '../pack-types.js';

// Typed as Pack: the shipped .d.ts then names the type instead of inlining the JSON.
const pack = data as unknown as Pack;
// The core, not `peerspeak`: a Swedish- or Danish-only app does not load English.
import { registerLanguage } from '../core.js';

registerLanguage(pack, { code: 'da' });

/**
 * The Danish pack as data (the same format as user packs).
 * @example
 * ```ts
 * import { check } from 'peerspeak';
 * import da from 'peerspeak/rules/da'; // registers Danish
 * check('Du burde ringe til din læge.', { lang: 'da' }).findings[0].ruleId; // 'directive/modal'
 * da.rules.length; // the Danish rules, as data
 * ```
 */
export { pack as default };

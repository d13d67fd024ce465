/**
 * The built-in Danish pack, loaded on demand: `import 'peerspeak/rules/da'` registers it, so
 * `check(text, { lang: 'da' })` and `lang: 'auto'` can use it. An app that never imports
 * it does not ship it.
 * @module
 */
import pack from '../../rules/da/pack.json';
import { registerLanguage } from '../index.js';

registerLanguage(pack, { code: 'da' });

/** The Danish pack as data (the same format as user packs). */
export default pack;

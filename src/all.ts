/**
 * Everything at once for Node tools: the core with English, Swedish and Danish registered.
 * The CLI and the language server use this; a browser app should import `peerspeak` and only
 * the languages it needs (`peerspeak/rules/sv`, `peerspeak/rules/da`).
 * @module
 */
// English first: languages are listed (and offered in messages) in the order they were registered.
import './index.js';
import './packs/sv.js';
import './packs/da.js';

export * from './index.js';

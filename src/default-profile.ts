/**
 * The default profile, in one place for the API's document functions, the CLI, the language
 * server and the textlint rule (a tiny module each entry bundles).
 * @module
 */
import type { Profile } from './types.js';

/**
 * The profile used when none is given, one rule everywhere (API, CLI, language server,
 * textlint): `training` for Markdown (documents, course material: instructions and headings
 * like "# Reply" are normal there), `chat` for plain text (messages).
 * @example
 * ```ts
 * import { defaultProfileFor } from 'peerspeak/markdown';
 * defaultProfileFor('markdown'); // 'training'
 * defaultProfileFor('text'); // 'chat'
 * ```
 */
export function defaultProfileFor(format: 'markdown' | 'text'): Profile {
  return format === 'markdown' ? 'training' : 'chat';
}

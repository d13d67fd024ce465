import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pack } from '../src/index.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The built-in packs as data, read from `rules/<lang>/pack.json`. */
export function builtinPacks(): Array<[string, Pack]> {
  return readdirSync(join(root, 'rules'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => [d.name, JSON.parse(readFileSync(join(root, 'rules', d.name, 'pack.json'), 'utf8')) as Pack]);
}

/** `[[…]]` marks the span a flag example must report; the text checked is without the markers. */
const SPAN = /\[\[(.+?)\]\]/u;

/** A flag example's text without its span markers, and the marked span (if any). */
export function exampleParts(marked: string): { text: string; span?: string } {
  const m = SPAN.exec(marked);
  if (!m) return { text: marked };
  return { text: marked.replace(SPAN, '$1'), span: m[1]! };
}

/** What the small custom rule shared by the pack tests says about itself (the README's example). */
export const SERVICE_USER = {
  id: 'diagnostic/service-user',
  category: 'diagnostic',
  severity: 'warning',
  principle: 'People define themselves.',
  message: '"{match}" names people by their service use.',
};

#!/usr/bin/env node
/**
 * Lists the third-party packages bundled into a built file, with licence and copyright line,
 * from the file's source map (so it names what the bundle really holds, after tree-shaking).
 *
 *   node scripts/notices.mjs [dist/markdown.js]     (after the build)
 *
 * THIRD_PARTY_NOTICES.md's section on `peerspeak/markdown` is this output.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, process.argv[2] ?? 'dist/markdown.js');
const map = JSON.parse(readFileSync(file + '.map', 'utf8'));
const names = new Set();
for (const source of map.sources) {
  const at = source.lastIndexOf('node_modules/');
  if (at < 0) continue;
  const parts = source.slice(at + 'node_modules/'.length).split('/');
  names.add(parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
}
const rows = [];
for (const name of [...names].sort()) {
  const dir = join(root, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licence = pkg.license ?? pkg.licenses?.map((l) => l.type ?? l.url).join(', ') ?? 'unknown';
  const licenceFile = existsSync(dir) ? readdirSync(dir).find((f) => /^licen[cs]e/i.test(f)) : undefined;
  const copyright = licenceFile ? (readFileSync(join(dir, licenceFile), 'utf8').match(/Copyright[^\n]*/)?.[0] ?? '') : '';
  rows.push(`| ${name} | ${pkg.version} | ${licence} | ${copyright.replace(/\|/g, '\\|')} |`);
}
console.log(['| package | version | licence | copyright |', '|---|---|---|---|', ...rows].join('\n'));

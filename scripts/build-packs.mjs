#!/usr/bin/env node
/**
 * node scripts/build-packs.mjs [--check]     (npm run packs)
 *
 * Build rules/<lang>/pack.json (the published pack) from its sources (see
 * scripts/pack-sources.mjs), and check that every concept id exists in all three languages or
 * is listed in rules/language-specific.json. A pack.json edited directly since its sources were
 * last split or built is never overwritten: run scripts/split-packs.mjs to carry the edit into
 * the sources. With --check nothing is written: exits 1 when a pack.json differs from what its
 * sources build to.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPack, conceptProblems, LANGS, orderOf, root, sha256 } from './pack-sources.mjs';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const packs = {};
let failed = 0;
for (const lang of LANGS) {
  const dir = join(root, 'rules', lang);
  const file = join(dir, 'pack.json');
  const built = buildPack(dir);
  packs[lang] = JSON.parse(built);
  const current = readFileSync(file, 'utf8');
  const order = orderOf(dir);
  if (current !== built && order.built && sha256(current) !== order.built) {
    console.error(`rules/${lang}/pack.json was edited directly: run node scripts/split-packs.mjs --lang ${lang} to move the edit into its sources (or git checkout the file)`);
    failed++;
  } else if (current !== built && values.check) {
    console.error(`rules/${lang}/pack.json differs from its sources: run npm run packs`);
    failed++;
  } else if (!values.check && (current !== built || order.built !== sha256(built))) {
    writeFileSync(file, built);
    writeFileSync(join(dir, 'order.json'), JSON.stringify({ ...order, built: sha256(built) }, null, 2) + '\n');
    console.log(`rules/${lang}/pack.json built`);
  }
}
const problems = conceptProblems(packs, JSON.parse(readFileSync(join(root, 'rules', 'language-specific.json'), 'utf8')));
for (const p of problems) console.error(p);
if (failed || problems.length) process.exit(1);

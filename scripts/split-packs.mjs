#!/usr/bin/env node
/**
 * node scripts/split-packs.mjs [--lang en,sv,da] [--dedupe-suggest]
 *
 * Split rules/<lang>/pack.json into its sources (rules/<lang>/shared.json, one
 * rules/<lang>/<category>/<name>.json per rule with its private lexicons, order.json),
 * replacing the rule files there. Deterministic: `npm run packs` builds the same pack.json
 * back, byte for byte. After editing a pack.json by hand (or merging such edits), run this.
 *
 * --dedupe-suggest moves a `suggest` list that several matches of a rule share to the rule's
 * own `suggest` (same templates for every match; the built pack.json then changes, not its
 * findings). See scripts/pack-sources.mjs.
 */
import { parseArgs } from 'node:util';
import { LANGS, writeSplit } from './pack-sources.mjs';

const { values } = parseArgs({ options: { lang: { type: 'string', default: LANGS.join(',') }, 'dedupe-suggest': { type: 'boolean', default: false } } });
for (const lang of values.lang.split(',')) {
  if (!LANGS.includes(lang)) throw new Error(`--lang: unknown language "${lang}": expected ${LANGS.join(', ')}`);
  const n = writeSplit(lang, { dedupe: values['dedupe-suggest'] });
  console.log(`rules/${lang}: ${n} source files`);
}

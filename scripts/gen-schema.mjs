// Writes schema.json (the config file, from ConfigSchema) and pack-schema.json (rule packs,
// from PackSchema) with zod 4's z.toJSONSchema. Run after a build: `npm run schema`.
// `node scripts/gen-schema.mjs --check` fails when the files are out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PackSchema } from '../dist/index.js';
import { ConfigSchema } from '../dist/config.js';

const root = new URL('../', import.meta.url);

function generate(schema, title, description) {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return { ...json, title, description };
}

const outputs = {
  'schema.json': generate(
    ConfigSchema,
    'peerspeak config',
    'peerspeak.config.json, .peerspeakrc.json or the "peerspeak" key of package.json.',
  ),
  'pack-schema.json': generate(PackSchema, 'peerspeak rule pack', 'A peerspeak rule pack.'),
};

const check = process.argv.includes('--check');
let stale = false;
for (const [name, schema] of Object.entries(outputs)) {
  const file = fileURLToPath(new URL(name, root));
  const text = JSON.stringify(schema, null, 2) + '\n';
  if (check) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`${name} is out of date: run npm run build && npm run schema`);
      stale = true;
    }
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${name}`);
  }
}
if (stale) process.exit(1);

// Writes schema.json (the config file, from ConfigSchema) and pack-schema.json (rule packs,
// from PackSchema) with zod 4's z.toJSONSchema. Run after a build: `npm run schema`.
// `node scripts/gen-schema.mjs --check` fails when the files are out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PackSchema } from '../dist/index.js';
import { ConfigSchema } from '../dist/config.js';

const root = new URL('../', import.meta.url);

/**
 * A map whose schema names some keys (`properties` from its metadata: the lexicons and guards
 * the engine reads by name) validates those keys as it validates any other: each named key
 * gets the schema of the map's values, with its own description.
 */
function describeNamedKeys(node) {
  if (!node || typeof node !== 'object') return node;
  for (const value of Object.values(node)) describeNamedKeys(value);
  if (node.propertyNames && node.properties && node.additionalProperties && typeof node.additionalProperties === 'object') {
    for (const [key, own] of Object.entries(node.properties)) node.properties[key] = { ...node.additionalProperties, ...own };
  }
  return node;
}

function generate(schema, title, description) {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return { ...describeNamedKeys(json), title, description };
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

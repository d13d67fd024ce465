/**
 * Built-in packs as sources: one file per rule, with the lexicons only that rule uses, and one
 * `shared.json` per language (strings, shared lexicons, guards, inflections, meta). The
 * published `rules/<lang>/pack.json` is built from them (scripts/build-packs.mjs) and split
 * back into them (scripts/split-packs.mjs); the two are exact inverses.
 *
 *   rules/<lang>/shared.json              everything of the pack except its rules and private lexicons
 *   rules/<lang>/<category>/<name>.json   one rule (id `<category>/<name>`), its private lexicons under `lexicons`
 *   rules/<lang>/order.json               written by the split: the order of keys, lexicons and rules in pack.json
 *   rules/language-specific.json          concept ids that exist in some languages only
 *
 * A lexicon is private to a rule when that rule is the only place that names it (`@name` in a
 * pattern, `lex:name` in a template) and the engine does not read it by name (IMPLICIT).
 * @module
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { createHash } from 'node:crypto';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const LANGS = ['en', 'sv', 'da'];

/** Lexicons and guards the engine reads by name (see `IMPLICIT_LEXICONS` in src/schema.ts): never private. */
export const IMPLICIT = new Set(['clauseLinks', 'clauseOpeners', 'subordinators', 'newClause', 'cutLinks', 'noCommaAfter', 'questionProposal']);

const json = (value) => JSON.stringify(value, null, 2) + '\n';
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The patterns and templates of a rule (or a guard list): where lexicon names are used. */
function codeOf(rule) {
  const patterns = [];
  const templates = [];
  const suggest = (list) => (list ?? []).forEach((s) => templates.push(s.template));
  for (const m of rule.match ?? []) {
    if (typeof m === 'string') patterns.push(m);
    else {
      patterns.push(m.pattern, ...(m.unless ?? []));
      suggest(m.suggest);
    }
  }
  patterns.push(...(rule.unless ?? []));
  suggest(rule.suggest);
  return { patterns, templates };
}

/** Lexicon names used by patterns (`@name`) and templates (`lex:name`). */
export function lexiconsUsed({ patterns, templates }) {
  const names = new Set();
  for (const p of patterns) for (const m of p.matchAll(/@([A-Za-z0-9_-]+)/g)) names.add(m[1]);
  for (const t of templates) for (const m of t.matchAll(/lex:([A-Za-z0-9_-]+)/g)) names.add(m[1]);
  return names;
}

/** Lexicon name → the one rule id that uses it, for lexicons private to a rule. */
function privateLexicons(pack) {
  const users = new Map();
  const use = (name, who) => {
    if (!users.has(name)) users.set(name, new Set());
    users.get(name).add(who);
  };
  for (const r of pack.rules) for (const name of lexiconsUsed(codeOf(r))) use(name, r.id);
  for (const [g, patterns] of Object.entries(pack.guards ?? {})) for (const name of lexiconsUsed({ patterns, templates: [] })) use(name, `guard:${g}`);
  const out = new Map();
  for (const name of Object.keys(pack.lexicons ?? {})) {
    const who = users.get(name);
    const only = who?.size === 1 ? [...who][0] : undefined;
    if (only && !only.startsWith('guard:') && !IMPLICIT.has(name)) out.set(name, only);
  }
  return out;
}

/** The file of a rule, relative to its language directory: `<category>/<name>.json`. */
export function ruleFile(id) {
  if (!/^[a-z][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/.test(id)) throw new Error(`rule id "${id}" is not <category>/<name> (lower case, digits, hyphens)`);
  return `${id}.json`;
}

/**
 * Move suggestions shared by several matches of a rule to the rule-level `suggest` (the
 * matches' `suggest ?? rule.suggest` gives the same templates). Only for rules without one; a
 * match without its own `suggest` gets `"suggest": []`, which it had implicitly.
 */
export function dedupeSuggest(rule) {
  if (rule.suggest || !rule.match.some((m) => typeof m === 'object' && m.suggest)) return rule;
  const lists = rule.match.map((m) => (typeof m === 'object' ? m.suggest : undefined)).filter(Boolean);
  let best;
  let count = 0;
  for (const l of lists) {
    const n = lists.filter((o) => isDeepStrictEqual(o, l)).length;
    if (n > count) [best, count] = [l, n];
  }
  if (count < 2) return rule;
  const match = rule.match.map((m) => {
    const entry = typeof m === 'string' ? { pattern: m } : m;
    if (entry.suggest && isDeepStrictEqual(entry.suggest, best)) {
      const { suggest: _drop, ...rest } = entry;
      return Object.keys(rest).length === 1 ? rest.pattern : rest;
    }
    return entry.suggest ? entry : { ...entry, suggest: [] };
  });
  const out = {};
  for (const [k, v] of Object.entries(rule)) {
    out[k] = k === 'match' ? match : v;
    if (k === 'match') out.suggest = best;
  }
  return out;
}

/** Split a pack into its source files: `{ path relative to the language directory: JSON text }`. */
export function splitPack(pack, { dedupe = false } = {}) {
  const owner = privateLexicons(pack);
  const files = {};
  const shared = {};
  for (const [k, v] of Object.entries(pack)) {
    if (k === 'rules') continue;
    if (k === 'lexicons') shared.lexicons = Object.fromEntries(Object.entries(v).filter(([name]) => !owner.has(name)));
    else shared[k] = v;
  }
  files['shared.json'] = json(shared);
  for (const rule of pack.rules) {
    const own = Object.fromEntries(Object.entries(pack.lexicons ?? {}).filter(([name]) => owner.get(name) === rule.id));
    const source = { ...(dedupe ? dedupeSuggest(rule) : rule), ...(Object.keys(own).length ? { lexicons: own } : {}) };
    if ('lexicons' in rule) throw new Error(`rule ${rule.id}: a rule has no "lexicons" key (it is where a rule file keeps its private lexicons)`);
    files[ruleFile(rule.id)] = json(source);
  }
  const order = { keys: Object.keys(pack), lexicons: Object.keys(pack.lexicons ?? {}), rules: pack.rules.map((r) => r.id) };
  files['order.json'] = json(order);
  // The pack.json these sources build to, fingerprinted: an edit made to it directly is noticed.
  files['order.json'] = json({ ...order, built: sha256(buildFrom(files)) });
  return files;
}

/** In `order`'s order, then the rest sorted: a new rule or lexicon goes last until the next split. */
function ordered(names, order) {
  const known = order.filter((n) => names.includes(n));
  return [...known, ...names.filter((n) => !order.includes(n)).sort()];
}

/** Every rule file under a language directory: `<category>/<name>.json`. */
function ruleFiles(dir) {
  const out = [];
  for (const cat of readdirSync(dir, { withFileTypes: true })) {
    if (!cat.isDirectory()) continue;
    for (const f of readdirSync(join(dir, cat.name))) if (f.endsWith('.json')) out.push(`${cat.name}/${f}`);
  }
  return out.sort();
}

export const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The recorded order (and fingerprint) of a language directory, or an empty order. */
export function orderOf(dir) {
  return existsSync(join(dir, 'order.json')) ? readJson(join(dir, 'order.json')) : { keys: [], lexicons: [], rules: [] };
}

/** Build the pack of a language directory from its sources; throws naming a file that is wrong. */
export function buildPack(dir) {
  const files = { 'shared.json': readFileSync(join(dir, 'shared.json'), 'utf8'), 'order.json': json(orderOf(dir)) };
  for (const file of ruleFiles(dir)) files[file] = readFileSync(join(dir, file), 'utf8');
  return buildFrom(files, dir);
}

/** Build a pack from its source files (`{ relative path: JSON text }`). */
export function buildFrom(files, dir = '.') {
  const shared = JSON.parse(files['shared.json']);
  const order = JSON.parse(files['order.json'] ?? json({ keys: [], lexicons: [], rules: [] }));
  const lexicons = { ...shared.lexicons };
  const rules = new Map();
  for (const file of Object.keys(files).filter((f) => f.includes('/')).sort()) {
    const { lexicons: own, ...rule } = JSON.parse(files[file]);
    if (`${rule.id}.json` !== file) throw new Error(`${join(dir, file)}: the rule's id "${rule.id}" does not match its file (expected ${rule.id}.json)`);
    for (const [name, entries] of Object.entries(own ?? {})) {
      if (name in lexicons) throw new Error(`${join(dir, file)}: lexicon "${name}" is defined twice (here and in shared.json or another rule)`);
      lexicons[name] = entries;
    }
    rules.set(rule.id, rule);
  }
  const pack = {};
  for (const key of ordered([...Object.keys(shared), 'rules'], order.keys)) {
    if (key === 'rules') pack.rules = ordered([...rules.keys()], order.rules).map((id) => rules.get(id));
    else if (key === 'lexicons') pack.lexicons = Object.fromEntries(ordered(Object.keys(lexicons), order.lexicons).map((n) => [n, lexicons[n]]));
    else pack[key] = shared[key];
  }
  return json(pack);
}

/** Write the source files of `rules/<lang>/pack.json`, replacing the previous ones. */
export function writeSplit(lang, options) {
  const dir = join(root, 'rules', lang);
  const files = splitPack(readJson(join(dir, 'pack.json')), options);
  for (const f of ruleFiles(dir)) rmSync(join(dir, f));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return Object.keys(files).length;
}

/** Concept ids missing in some language and not listed as specific to the languages that have them. */
export function conceptProblems(packs, specific) {
  const problems = [];
  const all = new Set(Object.values(packs).flatMap((p) => p.rules.map((r) => r.id)));
  for (const id of [...all].sort()) {
    const has = LANGS.filter((l) => packs[l]?.rules.some((r) => r.id === id));
    if (has.length === LANGS.length) continue;
    const listed = has.filter((l) => (specific[l] ?? []).includes(id));
    if (listed.length !== has.length) {
      problems.push(`${id}: in ${has.join(', ')} but not ${LANGS.filter((l) => !has.includes(l)).join(', ')}; add it there, or list it under ${has.join(', ')} in rules/language-specific.json`);
    }
  }
  for (const [l, ids] of Object.entries(specific)) {
    if (!Array.isArray(ids)) continue;
    for (const id of ids) if (!packs[l]?.rules.some((r) => r.id === id)) problems.push(`rules/language-specific.json: ${l} lists "${id}", which is not a rule of rules/${l}`);
  }
  return problems;
}

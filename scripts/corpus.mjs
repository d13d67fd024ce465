#!/usr/bin/env node
/**
 * node scripts/corpus.mjs — scores the Swedish and Danish packs on the development corpus in
 * test/fixtures/corpus/<lang>.tsv (columns: expect, category, register, text).
 *
 *   node scripts/corpus.mjs [--lang sv,da] [--show tune]
 *
 * Each row is checked with the profile named by its register (chat or training). A `flag` row
 * is correct when a warning or error of its category is found (role-limits rows: a
 * role-limits note and no warning or error, since crisis wording is never a fault); a `pass`
 * row is correct when nothing is at warning or error. Rows split by hash: the first byte of
 * sha256(text) even = tune, odd = check. Only tune rows are ever listed (`--show tune`): the
 * check half is reported as figures only.
 *
 * The packs are read from rules/<lang>/pack.json at run time (registered over the built ones),
 * so a pack edit is measured without rebuilding; the engine comes from dist/ (built if absent).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Parse a corpus file; throws naming the file and line of a malformed row. */
export function readCorpus(lang, file = join(root, 'test', 'fixtures', 'corpus', `${lang}.tsv`)) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const rows = [];
  lines.forEach((line, i) => {
    if (i === 0 || !line.trim()) return;
    const cols = line.split('\t');
    const [expect, category, register, text] = cols;
    if (cols.length !== 4 || !['flag', 'pass'].includes(expect) || !['chat', 'training'].includes(register) || !text) {
      throw new Error(`${file}:${i + 1}: expected 4 tab-separated columns expect(flag|pass), category, register(chat|training), text`);
    }
    rows.push({ expect, category, register, text, line: i + 1, half: half(text) });
  });
  return rows;
}

/** 'tune' when the first byte of sha256(text) is even, else 'check'. */
export function half(text) {
  return createHash('sha256').update(text, 'utf8').digest()[0] % 2 === 0 ? 'tune' : 'check';
}

/** Score one row with a `check(text, options)` function. */
export function judge(check, lang, row) {
  const { findings } = check(row.text, { lang, profile: row.register });
  const faults = findings.filter((f) => f.severity === 'warning' || f.severity === 'error');
  let ok;
  if (row.expect === 'pass') ok = faults.length === 0;
  else if (row.category === 'role-limits') ok = faults.length === 0 && findings.some((f) => f.category === 'role-limits');
  else ok = faults.some((f) => f.category === row.category);
  return { ok, findings, faults };
}

/** Figures for one language: per half accuracy, per category flags found, near-misses passing. */
export function score(check, lang, rows) {
  const out = { tune: tally(), check: tally(), byCategory: {}, wrong: [] };
  for (const row of rows) {
    const r = judge(check, lang, row);
    const t = out[row.half];
    t.n++;
    if (r.ok) t.ok++;
    if (row.expect === 'pass') {
      t.passN++;
      if (r.ok) t.passOk++;
    } else {
      const c = (out.byCategory[row.category] ??= { tune: [0, 0], check: [0, 0] });
      c[row.half][1]++;
      if (r.ok) c[row.half][0]++;
    }
    if (!r.ok && row.half === 'tune') out.wrong.push({ row, faults: r.faults, findings: r.findings });
  }
  return out;
}

function tally() {
  return { n: 0, ok: 0, passN: 0, passOk: 0 };
}

const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '–') + ' %';

async function main() {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: { lang: { type: 'string', default: 'sv,da' }, show: { type: 'string', multiple: true, default: [] } },
  });
  for (const s of values.show) {
    if (s !== 'tune') throw new Error(`--show ${s}: only "tune" can be listed (check rows are never printed)`);
  }
  if (!existsSync(join(root, 'dist', 'index.js'))) {
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--silent'], { cwd: root, stdio: 'inherit' });
  }
  const { check, registerLanguage } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  for (const lang of values.lang.split(',')) {
    registerLanguage(JSON.parse(readFileSync(join(root, 'rules', lang, 'pack.json'), 'utf8')), { code: lang });
    const rows = readCorpus(lang);
    const s = score(check, lang, rows);
    console.log(`\n${lang}: ${rows.length} rows`);
    for (const h of ['tune', 'check']) {
      const t = s[h];
      console.log(`  ${h.padEnd(5)} correct ${t.ok}/${t.n} = ${pct(t.ok, t.n)}; near-misses passing ${t.passOk}/${t.passN} = ${pct(t.passOk, t.passN)}`);
    }
    console.log('  flags found per category (tune | check):');
    for (const [cat, c] of Object.entries(s.byCategory)) {
      console.log(`    ${cat.padEnd(13)} ${c.tune[0]}/${c.tune[1]} | ${c.check[0]}/${c.check[1]}`);
    }
    if (values.show.includes('tune')) {
      console.log('  wrong tune rows:');
      for (const w of s.wrong) {
        const got = w.findings.map((f) => `${f.ruleId}[${f.severity}]"${f.text}"`).join(' ') || 'nothing';
        console.log(`    ${w.row.expect} ${w.row.category} (${w.row.register}) ${w.row.text}\n        got: ${got}`);
      }
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

#!/usr/bin/env node
/**
 * npm run eval — measures peerspeak on the human-labelled development data in ../shared/data
 * (or --data DIR, or PEERSPEAK_DATA). The data is read in place and never copied into the repo.
 *
 *   node scripts/eval.mjs [--data DIR] [--show fp|fn|probes|rewrites] [--lang en,sv,da]
 *
 * If the folder is missing it says so and exits 0 without pretending.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    show: { type: 'string', multiple: true, default: [] },
    lang: { type: 'string', default: 'en,sv,da' },
  },
});
const dataDir = resolve(values.data ?? process.env.PEERSPEAK_DATA ?? join(root, '..', 'shared', 'data'));
if (!existsSync(dataDir)) {
  console.log(`peerspeak eval: no evaluation data at ${dataDir} (pass --data DIR or set PEERSPEAK_DATA). Nothing measured.`);
  process.exit(0);
}
if (!existsSync(join(root, 'dist', 'all.js'))) {
  execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--silent'], { cwd: root, stdio: 'inherit' });
}
const { check, applySuggestion, detectLanguage } = await import(join(root, 'dist', 'all.js'));
const show = new Set(values.show);
const langs = values.lang.split(',');

const NON_ADHERENT = new Set(['Advise without Permission', 'Direct', 'Confront', 'Warn']);
const ADHERENT = new Set([
  'Advise with Permission', 'Emphasize Autonomy', 'Self-Disclose', 'Support', 'Affirm',
  'Simple Reflection', 'Complex Reflection', 'Open Question',
]);
const isFlagged = (findings) => findings.some((f) => f.severity === 'error' || f.severity === 'warning');
const pct = (x) => `${(100 * x).toFixed(1)} %`;
const f3 = (x) => x.toFixed(3);

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [head, ...body] = rows.filter((r) => r.length > 1 || r[0]);
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}
const parseTsv = (text) => {
  const [head, ...body] = text.split(/\r?\n/).filter(Boolean).map((l) => l.split('\t'));
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
};

const started = performance.now();
let checks = 0;
const timed = (text, opts) => { checks++; return check(text, opts); };

// ---------------------------------------------------------------- mi-gold-dev.csv
const goldPath = join(dataDir, 'mi-gold-dev.csv');
if (existsSync(goldPath) && langs.includes('en')) {
  const rows = parseCsv(readFileSync(goldPath, 'utf8'));
  let tp = 0, fp = 0, fn = 0, tn = 0, adherent = 0, adherentFlagged = 0;
  const perLabel = new Map();
  for (const { text, label } of rows) {
    const flagged = isFlagged(timed(text, { lang: 'en' }).findings);
    const positive = NON_ADHERENT.has(label);
    if (positive && flagged) tp++;
    else if (positive) { fn++; if (show.has('fn')) console.log(`  FN [${label}] ${text}`); }
    else if (flagged) { fp++; if (show.has('fp')) console.log(`  FP [${label}] ${text}`); }
    else tn++;
    if (ADHERENT.has(label)) { adherent++; if (flagged) adherentFlagged++; }
    const e = perLabel.get(label) ?? { n: 0, flagged: 0 };
    e.n++; if (flagged) e.flagged++;
    perLabel.set(label, e);
  }
  const p = tp / (tp + fp || 1), r = tp / (tp + fn || 1), f1 = (2 * p * r) / (p + r || 1);
  console.log(`mi-gold-dev.csv (${rows.length} sentences; flagged = a finding at warning or error)`);
  console.log(`  non-adherent vs rest: precision ${f3(p)}  recall ${f3(r)}  F1 ${f3(f1)}   (tp ${tp}, fp ${fp}, fn ${fn}, tn ${tn})`);
  console.log(`  adherent false-positive rate: ${pct(adherentFlagged / adherent)} (${adherentFlagged}/${adherent})`);
  console.log('  flag rate per label:');
  const order = [...perLabel.entries()].sort((a, b) => (NON_ADHERENT.has(b[0]) - NON_ADHERENT.has(a[0])) || (ADHERENT.has(a[0]) - ADHERENT.has(b[0])) || b[1].n - a[1].n);
  for (const [label, { n, flagged }] of order) {
    const group = NON_ADHERENT.has(label) ? 'non-adherent' : ADHERENT.has(label) ? 'adherent' : 'neutral';
    console.log(`    ${label.padEnd(26)} ${group.padEnd(12)} ${String(flagged).padStart(4)}/${String(n).padEnd(4)} ${pct(flagged / n)}`);
  }
}

// ---------------------------------------------------------------- probes-dev.tsv
const probesPath = join(dataDir, 'probes-dev.tsv');
if (existsSync(probesPath)) {
  const rows = parseTsv(readFileSync(probesPath, 'utf8'));
  console.log('probes-dev.tsv');
  for (const lang of langs) {
    const mine = rows.filter((r) => r.lang === lang);
    if (!mine.length) continue;
    const misses = [];
    let clean = 0, withSugg = 0;
    for (const row of mine) {
      const { findings } = timed(row.text, { lang });
      const flagged = isFlagged(findings);
      if (flagged !== (row.expect === 'flag')) misses.push(`    miss: expected ${row.expect} [${row.category}] ${row.text}${flagged ? '  ← ' + findings.map((f) => f.ruleId).join(', ') : ''}`);
      for (const f of findings.filter((f) => f.severity === 'error' || f.severity === 'warning')) {
        if (!f.suggestions[0]) continue;
        withSugg++;
        const fixed = applySuggestion(row.text, f.suggestions[0]);
        const again = timed(fixed, { lang }).findings.filter((g) => g.category === f.category);
        if (!again.length) clean++;
        if (show.has('rewrites')) console.log(`    ${row.text}\n      → ${f.suggestions.slice(0, 2).map((s) => applySuggestion(row.text, s)).join('\n      → ')}`);
      }
    }
    console.log(`  ${lang}: ${mine.length - misses.length}/${mine.length} right (${pct((mine.length - misses.length) / mine.length)}); top suggestions re-check clean: ${clean}/${withSugg}`);
    for (const m of misses) console.log(m);
  }
}

// ---------------------------------------------------------------- advice-pairs-dev.tsv
const pairsPath = join(dataDir, 'advice-pairs-dev.tsv');
if (existsSync(pairsPath) && langs.includes('en')) {
  const rows = parseTsv(readFileSync(pairsPath, 'utf8'));
  let flaggedN = 0, directiveN = 0, suggested = 0, clean = 0;
  const samples = [];
  for (const { directive } of rows) {
    const { findings } = timed(directive, { lang: 'en' });
    const flagged = isFlagged(findings);
    if (flagged) flaggedN++;
    else if (show.has('fn')) console.log(`  advice FN: ${directive}`);
    if (findings.some((f) => f.category === 'directive' && (f.severity === 'warning' || f.severity === 'error'))) directiveN++;
    for (const f of findings.filter((f) => f.severity === 'error' || f.severity === 'warning')) {
      if (!f.suggestions[0]) continue;
      suggested++;
      const fixed = applySuggestion(directive, f.suggestions[0]);
      const again = timed(fixed, { lang: 'en' }).findings.filter((g) => g.category === f.category);
      if (!again.length) clean++;
      else if (show.has('dirty')) console.log(`  not clean: ${fixed}  ← ${again.map((g) => g.ruleId + ' "' + g.text + '"').join(', ')}`);
      if (show.has('rewrites')) samples.push(`  ${directive}\n    → ${f.suggestions.slice(0, 2).map((s) => applySuggestion(directive, s)).join('\n    → ')}`);
    }
  }
  console.log(`advice-pairs-dev.tsv (${rows.length} directive sentences)`);
  console.log(`  flagged: ${flaggedN}/${rows.length} (${pct(flaggedN / rows.length)}); by a directive rule: ${directiveN}/${rows.length} (${pct(directiveN / rows.length)})`);
  console.log(`  top suggestions that re-check clean (no finding of the same category): ${clean}/${suggested} (${pct(clean / (suggested || 1))})`);
  if (samples.length) console.log(samples.join('\n'));
}
// ---------------------------------------------------------------- language detection (lang: 'auto')
{
  const lines = [];
  let right = 0, n = 0, micros = 0;
  if (existsSync(probesPath)) {
    for (const row of parseTsv(readFileSync(probesPath, 'utf8'))) {
      const t0 = performance.now();
      const got = detectLanguage(row.text);
      micros += (performance.now() - t0) * 1000;
      n++;
      if (got === row.lang) right++;
      else lines.push(`    miss: ${row.lang} detected as ${got}: ${row.text}`);
    }
    console.log(`language detection: probes-dev.tsv ${right}/${n} right (${pct(right / n)}), ${(micros / n).toFixed(1)} µs per sentence`);
    for (const l of lines) console.log(l);
  }
  const seedsDir = join(dataDir, '..', 'seeds');
  if (existsSync(seedsDir)) {
    const { readdirSync } = await import('node:fs');
    for (const f of readdirSync(seedsDir).sort()) {
      const text = readFileSync(join(seedsDir, f), 'utf8');
      const doc = detectLanguage(text);
      const paras = text.split(/\n[ \t]*\n/).filter((p) => p.trim());
      const other = paras.map((p) => [detectLanguage(p, undefined, doc), p]).filter(([l]) => l !== doc);
      console.log(`  seed ${f.slice(0, 3)}: document ${doc}; ${paras.length - other.length}/${paras.length} paragraphs ${doc}${other.length ? '; others: ' + other.map(([l, p]) => `${l} "${p.trim().slice(0, 50)}…"`).join(', ') : ''}`);
    }
  }
}
console.log(`(${checks} checks in ${((performance.now() - started) / 1000).toFixed(2)} s)`);

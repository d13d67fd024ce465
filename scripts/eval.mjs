#!/usr/bin/env node
/**
 * npm run eval — measures peerspeak on the human-labelled development data in ../shared/data
 * (or --data DIR, or PEERSPEAK_DATA). The data is read in place and never copied into the repo.
 *
 *   node scripts/eval.mjs [--data DIR] [--show fp|fn|annomi|rewrites|dirty] [--lang en,sv,da] [--audit]
 *
 * Each corpus is split into a *tune* and a *check* half by the first byte of sha256(text)
 * (even = tune). `--show` lists rows of the tune half only; report the check figures.
 * `--audit` prints a seeded sample of 100 ESConv findings (tune half) to judge by reading.
 *
 * If the folder is missing it says so and exits 0 without pretending.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    show: { type: 'string', multiple: true, default: [] },
    lang: { type: 'string', default: 'en,sv,da' },
    audit: { type: 'boolean', default: false },
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

// ---------------------------------------------------------------- tune / check halves
// Every corpus is split in two by a hash of the text (the data README): read and debug *tune*
// sentences only (`--show` lists tune rows and nothing else); report *check*.
const halfOf = (text) => (createHash('sha256').update(text, 'utf8').digest()[0] % 2 === 0 ? 'tune' : 'check');
const HALVES = ['tune', 'check'];
const byHalf = (rows) => ({ tune: rows.filter((r) => halfOf(r.text) === 'tune'), check: rows.filter((r) => halfOf(r.text) === 'check') });
const ratio = (a, b) => `${pct(a / (b || 1))} (${a}/${b})`;
const summary = { };

// ---------------------------------------------------------------- mi-gold-dev.csv
const goldPath = join(dataDir, 'mi-gold-dev.csv');
if (existsSync(goldPath) && langs.includes('en')) {
  const all = parseCsv(readFileSync(goldPath, 'utf8'));
  console.log(`mi-gold-dev.csv (${all.length} forum sentences; flagged = a finding at warning or error)`);
  const halves = byHalf(all);
  const perLabel = new Map();
  for (const half of HALVES) {
    let tp = 0, fp = 0, fn = 0, tn = 0, adherent = 0, adherentFlagged = 0;
    for (const { text, label } of halves[half]) {
      const flagged = isFlagged(timed(text, { lang: 'en' }).findings);
      const positive = NON_ADHERENT.has(label);
      if (positive && flagged) tp++;
      else if (positive) { fn++; if (half === 'tune' && show.has('fn')) console.log(`  FN [${label}] ${text}`); }
      else if (flagged) { fp++; if (half === 'tune' && show.has('fp')) console.log(`  FP [${label}] ${text}`); }
      else tn++;
      if (ADHERENT.has(label)) { adherent++; if (flagged) adherentFlagged++; }
      const e = perLabel.get(label) ?? { tune: [0, 0], check: [0, 0] };
      e[half][0]++; if (flagged) e[half][1]++;
      perLabel.set(label, e);
    }
    const p = tp / (tp + fp || 1), r = tp / (tp + fn || 1), f1 = (2 * p * r) / (p + r || 1);
    summary[`mi ${half}`] = { f1, adherentFp: adherentFlagged / adherent };
    console.log(`  ${half.padEnd(5)} (${halves[half].length}): precision ${f3(p)}  recall ${f3(r)}  F1 ${f3(f1)}   (tp ${tp}, fp ${fp}, fn ${fn}, tn ${tn}); adherent flagged ${ratio(adherentFlagged, adherent)}`);
  }
  console.log('  flag rate per label (tune | check):');
  const order = [...perLabel.entries()].sort((a, b) => (NON_ADHERENT.has(b[0]) - NON_ADHERENT.has(a[0])) || (ADHERENT.has(a[0]) - ADHERENT.has(b[0])) || b[1].tune[0] - a[1].tune[0]);
  for (const [label, e] of order) {
    const group = NON_ADHERENT.has(label) ? 'non-adherent' : ADHERENT.has(label) ? 'adherent' : 'neutral';
    const cell = ([n, f]) => `${String(f).padStart(4)}/${String(n).padEnd(4)}`;
    console.log(`    ${label.padEnd(26)} ${group.padEnd(12)} ${cell(e.tune)} | ${cell(e.check)}`);
  }
}

// ---------------------------------------------------------------- annomi-dev.csv
// Spoken MI (expert-coded). Advice in low-quality sessions should be flagged; reflections and
// open questions without input, and choice-offering ("options"), should not.
const annomiPath = join(dataDir, 'annomi-dev.csv');
if (existsSync(annomiPath) && langs.includes('en')) {
  const all = parseCsv(readFileSync(annomiPath, 'utf8'));
  console.log(`annomi-dev.csv (${all.length} therapist utterances, spoken MI)`);
  const groups = {
    'low-quality advice (flag)': (r) => r.quality === 'low' && r.input === 'advice',
    'high-quality advice (report)': (r) => r.quality === 'high' && r.input === 'advice',
    'reflections (pass)': (r) => r.input === 'n/a' && (r.behaviour === 'reflection' || r.reflection !== 'n/a'),
    'open questions (pass)': (r) => r.input === 'n/a' && r.behaviour !== 'reflection' && r.reflection === 'n/a' && r.question === 'open',
    'choice-offering (pass)': (r) => r.input === 'options',
  };
  const passGroups = ['reflections (pass)', 'open questions (pass)', 'choice-offering (pass)'];
  const halves = byHalf(all);
  const rows = {};
  for (const half of HALVES) {
    const counts = Object.fromEntries(Object.keys(groups).map((g) => [g, [0, 0]]));
    for (const r of halves[half]) {
      const inGroups = Object.keys(groups).filter((g) => groups[g](r));
      if (!inGroups.length) continue;
      const findings = timed(r.text, { lang: 'en' }).findings;
      const flagged = isFlagged(findings);
      for (const g of inGroups) {
        counts[g][0]++; if (flagged) counts[g][1]++;
      }
      if (half === 'tune' && show.has('annomi')) {
        const want = inGroups.some((g) => g.endsWith('(flag)')) ? 'flag' : inGroups.some((g) => g.endsWith('(pass)')) ? 'pass' : '';
        if ((want === 'flag' && !flagged) || (want === 'pass' && flagged)) console.log(`  ${want === 'flag' ? 'FN' : 'FP'} [${inGroups[0]}] ${r.text}${flagged ? '  ← ' + findings.filter((f) => f.severity === 'warning' || f.severity === 'error').map((f) => `${f.ruleId} "${f.text}"`).join(', ') : ''}`);
      }
    }
    const pass = passGroups.reduce((a, g) => [a[0] + counts[g][0], a[1] + counts[g][1]], [0, 0]);
    counts['reflections + open questions + choice-offering'] = pass;
    rows[half] = counts;
    summary[`annomi ${half}`] = { advice: counts['low-quality advice (flag)'][1] / (counts['low-quality advice (flag)'][0] || 1), pass: pass[1] / (pass[0] || 1) };
  }
  for (const g of Object.keys(rows.tune)) {
    console.log(`  ${g.padEnd(48)} tune ${ratio(rows.tune[g][1], rows.tune[g][0]).padEnd(18)} check ${ratio(rows.check[g][1], rows.check[g][0])}`);
  }
}

// ---------------------------------------------------------------- esconv-dev.csv
// Real peer-support chat. The strategy labels are the volunteers' own and noisy: the flag rate
// per strategy is reported, and precision is judged by reading (`--audit`: a seeded sample of
// 100 findings from the tune half, each with its message).
const esconvPath = join(dataDir, 'esconv-dev.csv');
if (existsSync(esconvPath) && langs.includes('en')) {
  const all = parseCsv(readFileSync(esconvPath, 'utf8'));
  console.log(`esconv-dev.csv (${all.length} supporter messages, peer-support chat; flag rate per strategy)`);
  const halves = byHalf(all);
  const per = new Map();
  const auditPool = [];
  for (const half of HALVES) {
    for (const r of halves[half]) {
      const findings = timed(r.text, { lang: 'en' }).findings.filter((f) => f.severity === 'warning' || f.severity === 'error');
      const e = per.get(r.strategy) ?? { tune: [0, 0], check: [0, 0] };
      e[half][0]++; if (findings.length) e[half][1]++;
      per.set(r.strategy, e);
      if (half === 'tune') for (const f of findings) auditPool.push({ text: r.text, f });
    }
  }
  for (const [s, e] of [...per.entries()].sort((a, b) => b[1].tune[0] - a[1].tune[0])) {
    console.log(`  ${s.padEnd(30)} tune ${ratio(e.tune[1], e.tune[0]).padEnd(18)} check ${ratio(e.check[1], e.check[0])}`);
  }
  if (values.audit) {
    // A seeded shuffle (mulberry32) so the same build gives the same sample.
    let seed = 20261123;
    const rand = () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
    const pool = auditPool.slice();
    for (let i = pool.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [pool[i], pool[j]] = [pool[j], pool[i]]; }
    console.log(`  audit: ${Math.min(100, pool.length)} of ${pool.length} tune findings (seeded); judge each against the language guide`);
    pool.slice(0, 100).forEach(({ text, f }, i) => console.log(`  ${String(i + 1).padStart(3)}. ${f.ruleId} "${f.text}" — ${f.message}\n       ${text}`));
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
  const all = parseTsv(readFileSync(pairsPath, 'utf8')).map((r) => ({ ...r, text: r.directive }));
  console.log(`advice-pairs-dev.tsv (${all.length} directive sentences)`);
  const halves = byHalf(all);
  const samples = [];
  for (const half of HALVES) {
    let flaggedN = 0, directiveN = 0, suggested = 0, clean = 0, offeredN = 0, allClean = 0;
    for (const { directive } of halves[half]) {
      const { findings } = timed(directive, { lang: 'en' });
      const flagged = isFlagged(findings);
      if (flagged) flaggedN++;
      else if (half === 'tune' && show.has('fn')) console.log(`  advice FN: ${directive}`);
      if (findings.some((f) => f.category === 'directive' && (f.severity === 'warning' || f.severity === 'error'))) directiveN++;
      for (const f of findings.filter((f) => f.severity === 'error' || f.severity === 'warning')) {
        if (!f.suggestions[0]) continue;
        suggested++;
        const fixed = applySuggestion(directive, f.suggestions[0]);
        const again = timed(fixed, { lang: 'en' }).findings.filter((g) => g.category === f.category);
        if (!again.length) clean++;
        else if (half === 'tune' && show.has('dirty')) console.log(`  not clean: ${fixed}  ← ${again.map((g) => g.ruleId + ' "' + g.text + '"').join(', ')}`);
        if (half === 'tune' && show.has('rewrites')) samples.push(`  ${directive}\n    → ${f.suggestions.slice(0, 2).map((s) => applySuggestion(directive, s)).join('\n    → ')}`);
      }
      // As a writer would: apply the top suggestion, check again, go on while something with a
      // suggestion is left (a second instruction is fixed too), then re-check what was fixed.
      const fixable = (fs) => fs.filter((g) => (g.severity === 'error' || g.severity === 'warning') && g.suggestions[0]);
      let current = fixable(findings);
      if (!current.length) continue;
      offeredN++;
      let out = directive;
      const cats = new Set();
      for (let round = 0; round < 5 && current.length; round++) {
        cats.add(current[0].category);
        out = applySuggestion(out, current[0].suggestions[0]);
        current = fixable(timed(out, { lang: 'en' }).findings);
      }
      if (!timed(out, { lang: 'en' }).findings.some((g) => cats.has(g.category))) allClean++;
    }
    const n = halves[half].length;
    console.log(`  ${half.padEnd(5)} flagged ${ratio(flaggedN, n)}; by a directive rule ${ratio(directiveN, n)}; top suggestions that re-check clean ${ratio(clean, suggested)}`);
    console.log(`        offered ${ratio(offeredN, n)}; all top suggestions applied in turn, as a writer would, re-check clean ${ratio(allClean, offeredN)}`);
  }
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

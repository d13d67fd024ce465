#!/usr/bin/env node
/**
 * npm run bench — one run, peers side by side (alex and write-good are dev dependencies),
 * medians of 5 passes after a warm-up, ratios printed.
 *
 *   node scripts/bench.mjs [--data DIR] [--passes N]
 *
 * - throughput: the MI sentences of ../shared/data/mi-gold-dev.csv as separate messages
 *   (skipped with a message when absent) and a generated corpus that works anywhere; peerspeak
 *   with a fresh checker per pass (no cache hits) and with a warm one;
 * - latency p50/p95 of distinct 280-character drafts;
 * - re-check after a one-character edit in a 20,000-character document (the editor path);
 * - cold start, import to first result, in fresh processes;
 * - scaling: the same kind of document at 1×, 10× and 100× the size (distinct sentences);
 * - browser bundle size of core + English (esbuild, minified, gzip), sv and da separately.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { data: { type: 'string' }, passes: { type: 'string', default: '5' } } });
const PASSES = Math.max(5, Number(values.passes));
if (!existsSync(join(root, 'dist', 'all.js'))) execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--silent'], { cwd: root, stdio: 'inherit' });
const { createChecker } = await import(pathToFileURL(join(root, 'dist', 'all.js')).href);
const writeGood = (await import('write-good')).default;
const { text: alexText } = await import('alex');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(n >= 10 ? 1 : 2));

// ---------------------------------------------------------------- corpora
function parseCsvTexts(text) {
  const out = [];
  let field = '', row = [], q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) { if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') q = false; else field += c; }
    else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); out.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  return out.slice(1).map((r) => r[0]).filter(Boolean);
}

// Generated peer-support messages: varied, distinct sentences (no two the same, so caches do not help).
function generated(n, seed = 1) {
  let s = seed;
  const rnd = (k) => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s % k; };
  const people = ['my sister', 'your mum', 'a friend', 'my partner', 'the group', 'your doctor', 'a colleague', 'my brother'];
  const verbs = ['call', 'talk to', 'write to', 'meet', 'ask', 'tell', 'visit', 'text'];
  const times = ['tonight', 'tomorrow', 'this week', 'on Friday', 'after work', 'in the morning', 'next month'];
  const feelings = ['tired', 'worried', 'stuck', 'lonely', 'angry', 'hopeful', 'overwhelmed', 'calm'];
  const t = [
    () => `I felt ${feelings[rnd(8)]} when ${people[rnd(8)]} didn't answer ${times[rnd(7)]}.`,
    () => `You should ${verbs[rnd(8)]} ${people[rnd(8)]} ${times[rnd(7)]}.`,
    () => `It sounds like you have been ${feelings[rnd(8)]} since ${people[rnd(8)]} left.`,
    () => `Would it help to ${verbs[rnd(8)]} ${people[rnd(8)]} ${times[rnd(7)]}?`,
    () => `Thanks for telling me about ${people[rnd(8)]}, take care ${times[rnd(7)]}.`,
    () => `Everyone should ${verbs[rnd(8)]} ${people[rnd(8)]} at least ${rnd(9) + 2} times.`,
    () => `What happened ${times[rnd(7)]} with ${people[rnd(8)]}?`,
    () => `When I was ${feelings[rnd(8)]}, talking to ${people[rnd(8)]} helped me ${rnd(50) + 1} times.`,
  ];
  return Array.from({ length: n }, (_, i) => t[rnd(t.length)]() + (i % 3 === 0 ? ` (${i})` : ''));
}

function throughput(label, messages) {
  const rows = [];
  const run = (name, fn) => {
    fn(messages.slice(0, 50)); // warm-up
    const times = [];
    for (let p = 0; p < PASSES; p++) { const t0 = performance.now(); fn(messages); times.push(performance.now() - t0); }
    const ms = median(times);
    rows.push([name, (messages.length / ms) * 1000]);
  };
  run('peerspeak (fresh checker per pass)', (ms) => { const c = createChecker({ lang: 'en' }); for (const m of ms) c.check(m); });
  const warm = createChecker({ lang: 'en' });
  for (const m of messages) warm.check(m);
  run('peerspeak (warm sentence cache)', (ms) => { for (const m of ms) warm.check(m); });
  run('write-good', (ms) => { for (const m of ms) writeGood(m); });
  run('alex', (ms) => { for (const m of ms) alexText(m); });
  const alex = rows.find((r) => r[0] === 'alex')[1];
  const wg = rows.find((r) => r[0] === 'write-good')[1];
  console.log(`\nthroughput: ${label} (${messages.length} messages, median of ${PASSES} passes)`);
  for (const [name, rate] of rows) console.log(`  ${name.padEnd(36)} ${fmt(rate).padStart(8)} msg/s   ×${fmt(rate / alex)} alex   ×${fmt(rate / wg)} write-good`);
}

const dataDir = resolve(values.data ?? process.env.PEERSPEAK_DATA ?? join(root, '..', 'shared', 'data'));
const goldPath = join(dataDir, 'mi-gold-dev.csv');
if (existsSync(goldPath)) throughput('mi-gold-dev.csv sentences', parseCsvTexts(readFileSync(goldPath, 'utf8')));
else console.log(`\nthroughput on the MI sentences: skipped (no ${goldPath})`);
throughput('generated corpus', generated(1500));

// ---------------------------------------------------------------- latency of 280-character drafts
{
  const sentences = generated(4000, 7);
  const drafts = [];
  for (let i = 0; drafts.length < 300; ) {
    let d = '';
    while (d.length < 280 && i < sentences.length) d += (d ? ' ' : '') + sentences[i++];
    drafts.push(d.slice(0, 280));
  }
  const c = createChecker({ lang: 'en' });
  for (const d of drafts.slice(0, 30)) c.check(d + ' warm');
  const times = drafts.map((d) => { const t0 = performance.now(); c.check(d); return performance.now() - t0; });
  console.log(`\nlatency, 280-character drafts (${drafts.length} distinct): p50 ${fmt(pct(times, 50))} ms, p95 ${fmt(pct(times, 95))} ms`);
}

// ---------------------------------------------------------------- incremental re-check
{
  let doc = '';
  const sentences = generated(3000, 11);
  for (let i = 0; doc.length < 20000; i++) doc += sentences[i] + (i % 5 === 4 ? '\n\n' : ' ');
  const c = createChecker({ lang: 'en' });
  const t0 = performance.now();
  c.check(doc);
  const first = performance.now() - t0;
  const times = [];
  for (let k = 0; k < 21; k++) {
    const at = 500 + k * 900;
    doc = doc.slice(0, at) + (doc[at] === 'x' ? 'y' : 'x') + doc.slice(at + 1);
    const t1 = performance.now();
    c.check(doc);
    times.push(performance.now() - t1);
  }
  console.log(`\n20,000-character document: first check ${fmt(first)} ms; re-check after a one-character edit: median ${fmt(median(times))} ms (whole text re-segmented, changed sentence re-analysed)`);
}

// ---------------------------------------------------------------- scaling
{
  const base = generated(60000, 23);
  const unit = base.slice(0, 100).join(' ');
  const sizes = [1, 10, 100];
  const res = [];
  for (const k of sizes) {
    const doc = base.slice(0, 100 * k).join(' ');
    const times = [];
    for (let p = 0; p < (k === 100 ? 3 : PASSES); p++) { const c = createChecker({ lang: 'en' }); const t0 = performance.now(); c.check(doc); times.push(performance.now() - t0); }
    res.push([k, doc.length, median(times)]);
  }
  console.log(`\nscaling (fresh checker, distinct sentences, ~${unit.length} characters per unit):`);
  for (const [k, len, ms] of res) console.log(`  ${String(k).padStart(3)}× ${String(len).padStart(8)} chars  ${fmt(ms).padStart(8)} ms   ×${fmt(ms / res[0][2])} the 1× time`);
}

// ---------------------------------------------------------------- cold start
{
  const dir = mkdtempSync(join(tmpdir(), 'peerspeak-bench-'));
  const scripts = {
    'node alone': `console.log(1)`,
    peerspeak: `import('${pathToFileURL(join(root, 'dist', 'index.js')).href}').then(m => console.log(m.check('You should call your doctor.').findings.length))`,
    'write-good': `import('write-good').then(m => console.log(m.default('So it was stolen.').length))`,
    alex: `import('alex').then(m => console.log(m.text('He is a guy.').messages.length))`,
  };
  console.log(`\ncold start, import to first result (fresh processes, median of ${PASSES}):`);
  for (const [name, code] of Object.entries(scripts)) {
    const file = join(dir, name.replace(/\W/g, '_') + '.mjs');
    writeFileSync(file, code);
    const times = [];
    for (let p = 0; p < PASSES; p++) {
      const t0 = performance.now();
      spawnSync(process.execPath, [file], { cwd: root, env: { ...process.env, NODE_PATH: join(root, 'node_modules') } });
      times.push(performance.now() - t0);
    }
    console.log(`  ${name.padEnd(12)} ${fmt(median(times)).padStart(6)} ms`);
  }
}

// ---------------------------------------------------------------- bundle size
{
  const { build } = await import('esbuild');
  const size = async (entry, externalCore) => {
    const r = await build({
      stdin: { contents: entry, resolveDir: root, loader: 'js' },
      bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
      plugins: externalCore ? [{ name: 'core-external', setup(b) { b.onResolve({ filter: /^peerspeak$/ }, () => ({ path: 'peerspeak', external: true })); } }] : [],
    });
    const bytes = r.outputFiles[0].contents;
    return `${fmt(bytes.length / 1024)} kB minified, ${fmt(gzipSync(bytes, { level: 9 }).length / 1024)} kB gzip`;
  };
  console.log('\nbrowser bundle (esbuild, minified):');
  console.log(`  core + English          ${await size("export { check, createChecker, applySuggestion } from 'peerspeak';", false)}`);
  console.log(`  of which zod            ${await size("export { z } from 'zod';", false)}`);
  console.log(`  of which compromise/two ${await size("export { default } from 'compromise/two';", false)}`);
  console.log(`  Swedish pack (extra)    ${await size("import 'peerspeak/rules/sv';", true)}`);
  console.log(`  Danish pack (extra)     ${await size("import 'peerspeak/rules/da';", true)}`);
}

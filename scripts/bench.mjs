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
 * - browser bundle size of core + English (esbuild, minified, gzip), sv and da separately;
 * - quality: the `npm run eval` figures of the same build (summary lines), so a speed-up that
 *   changed findings shows here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { data: { type: 'string' }, passes: { type: 'string', default: '5' }, only: { type: 'string' }, shape: { type: 'string' } } });
// --shape TEXT runs only the adversarial shapes whose name contains TEXT (scaling section).
// --only throughput,latency,incremental,lsp,scaling,cold,huge,bundle,quality (comma-separated) runs just those.
const SECTIONS = ['throughput', 'latency', 'incremental', 'lsp', 'scaling', 'cold', 'huge', 'bundle', 'quality'];
const only = values.only ? new Set(values.only.split(',').map((x) => x.trim())) : null;
for (const name of only ?? []) if (!SECTIONS.includes(name)) { console.error(`bench: --only: unknown section "${name}" (expected ${SECTIONS.join(', ')})`); process.exit(2); }
const want = (name) => !only || only.has(name);
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
  // mulberry32: an LCG's low bits cycle, which made most generated sentences the same template.
  let s = seed >>> 0;
  const rnd = (k) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * k | 0;
  };
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
  console.log(`\nthroughput: ${label} (${messages.length} messages, median of ${PASSES} passes; the fresh checker is what users feel, the peers are from this same run)`);
  // Fresh first, then the peers, then the cached figure (sentences seen before).
  const order = ['peerspeak (fresh checker per pass)', 'write-good', 'alex', 'peerspeak (warm sentence cache)'];
  rows.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  for (const [name, rate] of rows) console.log(`  ${name.padEnd(36)} ${fmt(rate).padStart(8)} msg/s   ×${fmt(rate / alex)} alex   ×${fmt(rate / wg)} write-good`);
}

const dataDir = resolve(values.data ?? process.env.PEERSPEAK_DATA ?? join(root, '..', 'shared', 'data'));
const goldPath = join(dataDir, 'mi-gold-dev.csv');
if (want('throughput')) {
  if (existsSync(goldPath)) throughput('mi-gold-dev.csv sentences', parseCsvTexts(readFileSync(goldPath, 'utf8')));
  else console.log(`\nthroughput on the MI sentences: skipped (no ${goldPath})`);
  throughput('generated corpus', generated(1500));
}

// ---------------------------------------------------------------- latency of 280-character drafts
if (want('latency')) {
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
/** Check `doc` once, then 21 times after a one-character edit each (spread over the text). */
function editLoop(doc, recheck) {
  const t0 = performance.now();
  recheck(doc);
  const first = performance.now() - t0;
  const times = [];
  for (let k = 0; k < 21; k++) {
    const at = 500 + k * 900;
    doc = doc.slice(0, at) + (doc[at] === 'x' ? 'y' : 'x') + doc.slice(at + 1);
    const t1 = performance.now();
    recheck(doc);
    times.push(performance.now() - t1);
  }
  return { first, times };
}

if (want('incremental')) {
  let doc = '';
  const sentences = generated(3000, 11);
  for (let i = 0; doc.length < 20000; i++) doc += sentences[i] + (i % 5 === 4 ? '\n\n' : ' ');
  const c = createChecker({ lang: 'en' });
  const { first, times } = editLoop(doc, (d) => c.check(d));
  console.log(`\n20,000-character document: first check ${fmt(first)} ms; re-check after a one-character edit: median ${fmt(median(times))} ms (whole text re-segmented, changed sentence re-analysed)`);
}

// ---------------------------------------------------------------- incremental re-check, language-server path
// The language server does not re-check the whole text: its DocumentAnalyzer (src/lsp/analyze.ts)
// caches findings per paragraph (text) or section (Markdown) and re-checks only what changed.
// The bench bundles that module on the fly against the built package, so it measures the code
// the server runs.
if (want('lsp')) {
  const { build } = await import('esbuild');
  const map = new Map([['../all.js', join(root, 'dist', 'all.js')], ['../markdown/index.js', join(root, 'dist', 'markdown.js')]]);
  const out = await build({
    entryPoints: [join(root, 'src', 'lsp', 'analyze.ts')], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent',
    plugins: [{ name: 'built-core', setup(b) { b.onResolve({ filter: /^\.\.\/(all|markdown\/index)\.js$/ }, (a) => ({ path: pathToFileURL(map.get(a.path)).href, external: true })); } }],
  });
  const file = join(mkdtempSync(join(tmpdir(), 'peerspeak-lsp-')), 'analyze.mjs');
  writeFileSync(file, out.outputFiles[0].text);
  const { DocumentAnalyzer } = await import(pathToFileURL(file).href);
  for (const format of ['text', 'markdown']) {
    let doc = '';
    const sentences = generated(3000, 13);
    for (let i = 0; doc.length < 20000; i++) doc += (format === 'markdown' && i % 30 === 0 ? `## Part ${i}\n\n` : '') + sentences[i] + (i % 5 === 4 ? '\n\n' : ' ');
    const analyzer = new DocumentAnalyzer({ lang: 'en' });
    const cache = new Map();
    const { first, times } = editLoop(doc, (d) => analyzer.analyzeSync(d, format, cache));
    console.log(`20,000-character ${format} document in the language server's analyser: first ${fmt(first)} ms; re-check after a one-character edit: median ${fmt(median(times))} ms, p95 ${fmt(pct(times, 95))} ms`);
  }
}

// ---------------------------------------------------------------- scaling
if (want('scaling')) {
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

  // Adversarial shapes (issue 16): each at 1×, 10× and 100× of ~10 kB. Linear means about
  // ×10 and ×100; before the fixes several were quadratic, threw or ran out of memory.
  const { checkMarkdown } = await import(pathToFileURL(join(root, 'dist', 'markdown.js')).href);
  const fill = (unit, n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const shapes = [
    ['"Dr. " chain (en)', 'text', 'en', (n) => fill('Dr. ', n)],
    ['"t.ex. " chain (sv)', 'text', 'sv', (n) => fill('t.ex. ', n)],
    ['emoji at 2,000-unit cuts', 'text', 'en', (n) => fill('x'.repeat(1999) + '😀 You should rest. ', n)],
    ['prototype words (sv)', 'text', 'sv', (n) => fill('Det du behöver är att constructor. Varför toString du inte? ', n)],
    ['styled capitals', 'text', 'en', (n) => fill('𝐘ou should call your doctor. 𝐂alm down. ', n)],
    ['"> " nesting', 'markdown', 'en', (n) => fill('> ', n - 20) + 'You should rest.'],
    ['"- " nesting', 'markdown', 'en', (n) => fill('- ', n - 20) + 'You should rest.'],
    ['lines of 200 ">"', 'markdown', 'en', (n) => fill('>'.repeat(200) + ' You should rest.\n\n', n)],
    ['"[a](" repeated', 'markdown', 'en', (n) => fill('[a](', n)],
    ['"*a " then "a* "', 'markdown', 'en', (n) => fill('*a ', n / 2) + fill('a* ', n / 2)],
  ];
  // Each shape and size in its own process, so the peak RSS is that input's (Node and the
  // library included, about 60–100 MB of it); 1,000× is 10 MB, where issue 16 asks < 300 MB.
  const shapeDir = mkdtempSync(join(tmpdir(), 'peerspeak-shapes-'));
  const shapeRunner = join(shapeDir, 'shape.mjs');
  writeFileSync(shapeRunner, `
    import { readFileSync } from 'node:fs';
    const [file, format, lang] = process.argv.slice(2);
    const text = readFileSync(file, 'utf8');
    const { createChecker } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'all.js')).href)});
    const { checkMarkdown } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'markdown.js')).href)});
    const t0 = performance.now();
    if (format === 'markdown') checkMarkdown(text, { lang, cache: false });
    else createChecker({ lang, cache: false }).check(text);
    console.log(JSON.stringify({ ms: performance.now() - t0, maxRSS: process.resourceUsage().maxRSS * 1024 }));
  `);
  const shapeSizes = [1, 10, 100, 1000];
  console.log('\nscaling, adversarial shapes (fresh checker, one pass each in a fresh process; ms, ×the 1× time, peak RSS of that process):');
  for (const [name, format, lang, make] of shapes.filter(([n]) => !values.shape || n.includes(values.shape))) {
    const row = [];
    let t1 = 0;
    for (const k of shapeSizes) {
      const file = join(shapeDir, 'doc.txt');
      writeFileSync(file, make(10_000 * k));
      const r = spawnSync(process.execPath, [shapeRunner, file, format, lang], { encoding: 'utf8', maxBuffer: 1e7 });
      if (r.status !== 0) { row.push(`${String(k).padStart(4)}× failed (${(r.stderr || '').split('\n').find((l) => /Error/.test(l)) ?? `exit ${r.status}`})`); continue; }
      const { ms, maxRSS } = JSON.parse(r.stdout.trim().split('\n').pop());
      if (k === 1) t1 = Math.max(ms, 1);
      row.push(`${String(k).padStart(4)}× ${fmt(ms).padStart(7)} ms (×${fmt(ms / t1)}) ${fmt(maxRSS / 1024 / 1024).padStart(4)} MB`);
    }
    console.log(`  ${name.padEnd(26)} ${row.join('  ')}`);
  }
  console.log(`  peak RSS of the bench process: ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);
}

// ---------------------------------------------------------------- cold start
if (want('cold')) {
  const dir = mkdtempSync(join(tmpdir(), 'peerspeak-bench-'));
  const scripts = {
    'node alone': `console.log(1)`,
    peerspeak: `import('${pathToFileURL(join(root, 'dist', 'index.js')).href}').then(m => console.log(m.check('You should call your doctor.').findings[0].suggestions[0].text))`,
    // An imperative needs the English tagger (compromise), which loads on first use.
    'peerspeak, tagger': `import('${pathToFileURL(join(root, 'dist', 'index.js')).href}').then(m => console.log(m.check('Call your doctor tomorrow.').findings[0].suggestions[0].text))`,
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
    console.log(`  ${name.padEnd(18)} ${fmt(median(times)).padStart(6)} ms`);
  }
}

// ---------------------------------------------------------------- huge input
// 1 MB and 10 MB of plain text and of Markdown, each checked in a fresh process: time, throughput
// and peak resident memory (the whole process: Node, the text, the findings).
if (want('huge')) {
  const dir = mkdtempSync(join(tmpdir(), 'peerspeak-huge-'));
  const sentences = generated(200000, 31);
  const makeText = (bytes) => {
    let out = '';
    for (let i = 0; out.length < bytes; i++) out += sentences[i % sentences.length] + (i % 6 === 5 ? '\n\n' : ' ');
    return out.slice(0, bytes);
  };
  const makeMarkdown = (bytes) => {
    let out = '';
    // Paragraphs of 1–6 sentences, a heading every 40 sentences, a code block every 25, short
    // lists: blocks separated by blank lines, as in a real handbook.
    for (let i = 0; out.length < bytes; i++) {
      if (i % 40 === 0) out += `\n\n## Section ${i / 40}\n\n`;
      if (i % 25 === 0) out += '\n\n```js\nconst x = "You should not flag code";\n```\n\n';
      if (i % 9 === 0) out += `\n\n- ${sentences[i % sentences.length]} [link](https://example.org/${i})\n- ${sentences[(i + 1) % sentences.length]}\n\n`;
      else out += sentences[i % sentences.length] + (i % 6 === 5 ? '\n\n' : ' ');
    }
    return out.slice(0, bytes);
  };
  const runner = join(dir, 'huge.mjs');
  writeFileSync(runner, `
    import { readFileSync } from 'node:fs';
    const [file, kind] = process.argv.slice(2);
    const text = readFileSync(file, 'utf8');
    const t0 = performance.now();
    let n;
    if (kind === 'markdown') { const { checkMarkdown } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'markdown.js')).href)}); n = checkMarkdown(text, { lang: 'en' }).findings.length; }
    else { const { check } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'index.js')).href)}); n = check(text, { lang: 'en' }).findings.length; }
    const ms = performance.now() - t0;
    console.log(JSON.stringify({ ms, n, maxRSS: process.resourceUsage().maxRSS * 1024 }));
  `);
  console.log('\nhuge input, one check in a fresh process (time includes import; peak RSS of the process):');
  const rows = [];
  for (const kind of ['text', 'markdown']) {
    for (const mb of [1, 10]) {
      const file = join(dir, `${kind}-${mb}.txt`);
      writeFileSync(file, kind === 'markdown' ? makeMarkdown(mb * 1e6) : makeText(mb * 1e6));
      const r = spawnSync(process.execPath, [runner, file, kind], { cwd: root, encoding: 'utf8', maxBuffer: 1e7 });
      if (r.status !== 0) { console.log(`  ${kind} ${mb} MB: failed: ${r.stderr.split('\n').slice(0, 3).join(' ')}`); continue; }
      const { ms, n, maxRSS } = JSON.parse(r.stdout.trim().split('\n').pop());
      rows.push([kind, mb, ms]);
      const prev = rows.find((x) => x[0] === kind && x[1] === 1);
      const ratio = mb === 10 && prev ? `   ×${fmt(ms / prev[2])} the 1 MB time` : '';
      console.log(`  ${kind.padEnd(8)} ${String(mb).padStart(2)} MB  ${fmt(ms / 1000).padStart(6)} s  ${fmt((mb * 1e6) / 1024 / 1024 / (ms / 1000)).padStart(6)} MB/s  peak RSS ${fmt(maxRSS / 1024 / 1024).padStart(5)} MB  ${n} findings${ratio}`);
    }
  }
}

// ---------------------------------------------------------------- bundle size
if (want('bundle')) {
  const { bundleSizes } = await import('./bundle-size.mjs');
  const { core, sv, da } = await bundleSizes(root);
  const kb = (b) => `${fmt(b / 1024)} kB`;
  console.log('\nbrowser bundle (esbuild, minified, gzip -9):');
  console.log(`  core + English   ${kb(core.minified).padStart(9)} minified  ${kb(core.gzip).padStart(8)} gzip   (budget in test/size.test.ts)`);
  const parts = Object.entries(core.byPackage).sort((a, b) => b[1] - a[1]);
  console.log(`    minified share: ${parts.map(([k, v]) => `${k} ${kb(v)}`).join(', ')}`);
  console.log(`  Swedish pack     ${kb(sv.minified).padStart(9)} minified  ${kb(sv.gzip).padStart(8)} gzip   (on top of the core)`);
  console.log(`  Danish pack      ${kb(da.minified).padStart(9)} minified  ${kb(da.gzip).padStart(8)} gzip   (on top of the core)`);
}

// ---------------------------------------------------------------- quality of the measured build
if (want('quality')) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'eval.mjs'), ...(values.data ? ['--data', values.data] : [])], { cwd: root, encoding: 'utf8', maxBuffer: 1e8 });
  console.log('\nquality of this build (npm run eval; summary lines, per-label tables left out):');
  if (r.status !== 0) console.log(`  eval failed: ${(r.stderr || r.stdout).split('\n').slice(0, 3).join(' ')}`);
  else for (const line of r.stdout.split('\n')) if (line.trim() && !/^ {4}/.test(line) && !/^> |^\s*flag rate per label/.test(line)) console.log(`  ${line}`);
}

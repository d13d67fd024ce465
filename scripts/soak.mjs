#!/usr/bin/env node
/**
 * Soak: the properties of `test/property.test.ts`, a million runs against the built library,
 * then the language server under 10,000 rapid edits.
 *
 *   node scripts/soak.mjs [--runs N] [--seed S] [--only NAME[,NAME…]] [--skip NAME[,NAME…]] [--show K]
 *                         [--edits N] [--doc-chars N]
 *   node --expose-gc scripts/soak.mjs …   (also prints the live heap after each property)
 *   npm run soak -- --only lsp            (the language server soak alone)
 *   npm run soak -- --skip lsp            (the properties alone)
 *
 * Soaks by name: the properties `invariants`, `apply`, `refix`, `long`, `hostile`, `boundary`,
 * `markdown` (or `properties` for all seven) and `lsp`. `--only` and `--skip` take one or more names, comma-separated or repeated.
 *
 * Runs `--runs` (default 1,000,000) inputs in total, split across the properties the same way
 * as the test (45 % invariants + determinism, 25 % applySuggestion locality, 25 % top
 * suggestion does not re-trigger, 5 % very long lines, 2 % astral characters at the forced
 * 2,000-unit piece cut, 1 % Markdown nested up to 6,000 levels, 5 % messages of prototype-named
 * words, styled capitals and abbreviation chains: the hostile classes of issue 16). Unlike the test it does not stop at
 * the first failure: it counts every failing input, prints the first `--show` (default 3) per
 * property with the seed to replay, and at the end prints runs, failures, elapsed time and peak
 * RSS. Exits 1 on any failure.
 *
 * The `lsp` soak starts `node dist/cli.js lsp --stdio` as a child process and speaks LSP
 * JSON-RPC to it over stdio: it opens a Markdown document of `--doc-chars` (default 20,000)
 * characters and sends `--edits` (default 10,000) incremental `textDocument/didChange` edits
 * as fast as the pipe takes them, in bursts (typing, deleting, pasting phrases that are
 * flagged and Markdown constructs), with a hover and a code action request every 500 edits.
 * At 1,000, every 5,000 and the last edit it waits for the diagnostics of that version and reads
 * the server's RSS and heap after a full GC (the server runs with `--expose-gc` and a preload
 * that collects on SIGUSR2; where signals do not work, the raw RSS). It fails on a crash, a
 * request not answered, final diagnostics that differ from a fresh `checkDocument` of the final
 * text (rule ids, severities and ranges), or memory that is not flat (RSS after the last edit
 * more than 1.5 × RSS after 1,000 edits). Local only: a child process and its pipes.
 *
 * The properties run in `--workers` worker threads (default and cap: the number of cores), each
 * with its share of every property's runs and its own seed (`--seed` + worker index), so a
 * failure names the worker and the exact replay (`--workers 1 --seed S+k --runs R/W`).
 *
 * Imports `../dist/all.js` (the core with English, Swedish and Danish registered): run
 * `npx tsup` first. Keep the input arbitraries in step with `test/property.test.ts`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PROPERTY_NAMES = ['invariants', 'apply', 'refix', 'long', 'hostile', 'boundary', 'markdown'];
const SOAK_NAMES = [...PROPERTY_NAMES, 'lsp'];

// ------------------------------------------------------------------ arguments

function parseArgs(argv) {
  const out = { runs: 1_000_000, seed: Date.now() ^ (Math.random() * 0x7fffffff), only: null, skip: [], show: 3, edits: 10_000, docChars: 20_000, workers: availableParallelism() };
  const names = (flag, v) => {
    const list = v.split(',').map((x) => x.trim()).filter(Boolean).flatMap((x) => (x === 'properties' ? PROPERTY_NAMES : [x]));
    const bad = list.filter((x) => !SOAK_NAMES.includes(x));
    if (!list.length || bad.length) fail(`${flag}: unknown soak "${bad.join(', ') || v}" (expected ${SOAK_NAMES.join(', ')} or properties)`);
    return list;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    if (flag === '--runs') out.runs = positive(flag, value());
    else if (flag === '--seed') out.seed = Number(value()) | 0;
    else if (flag === '--only') out.only = [...(out.only ?? []), ...names(flag, value())];
    else if (flag === '--skip') out.skip.push(...names(flag, value()));
    else if (flag === '--show') out.show = positive(flag, value());
    else if (flag === '--edits') out.edits = positive(flag, value());
    else if (flag === '--workers') out.workers = Math.min(positive(flag, value()), availableParallelism());
    else if (flag === '--doc-chars') out.docChars = positive(flag, value());
    else if (flag === '--help' || flag === '-h') {
      console.log(
        'usage: node scripts/soak.mjs [--runs N] [--seed S] [--only NAME[,NAME…]] [--skip NAME[,NAME…]] [--show K] [--edits N] [--doc-chars N] [--workers N]\n' +
          `  soaks: ${SOAK_NAMES.join(', ')} (properties = ${PROPERTY_NAMES.join(', ')})`,
      );
      process.exit(0);
    } else fail(`unknown option ${a} (expected --runs, --seed, --only, --skip, --show, --edits, --doc-chars)`);
  }
  return out;
}
function positive(flag, v) {
  const n = Number(String(v).replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) fail(`${flag} expects a positive integer, got "${v}"`);
  return n;
}
function fail(msg) {
  console.error(`soak: ${msg}`);
  process.exit(2);
}

// In a worker thread the arguments come from the main thread (see `runInWorkers`).
const args = isMainThread ? parseArgs(process.argv.slice(2)) : workerData.args;

let lib;
try {
  lib = await import(pathToFileURL(join(root, 'dist', 'all.js')).href);
} catch (e) {
  fail(`cannot load dist/all.js (${e.message.split('\n')[0]}): run \`npx tsup\` first`);
}
const { applySuggestion, check, createChecker } = lib;
const { checkMarkdown } = await import(pathToFileURL(join(root, 'dist', 'markdown.js')).href);

// ------------------------------------------------------------------ inputs (as in the test)

const LANGS = ['en', 'sv', 'da', 'auto'];
const PROFILES = ['chat', 'training', 'strict'];

const INPUTS = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'property-inputs.json'), 'utf8'));
const FIXED_PHRASES = INPUTS.phrases;

function packPhrases() {
  const out = [];
  for (const d of readdirSync(join(root, 'rules'), { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    const pack = JSON.parse(readFileSync(join(root, 'rules', d.name, 'pack.json'), 'utf8'));
    for (const rule of pack.rules) {
      for (const ex of rule.examples.flag) out.push(ex.text.replace(/\[\[(.+?)\]\]/u, '$1'));
      out.push(...rule.examples.pass);
    }
  }
  return out;
}

const PHRASES = [...new Set([...FIXED_PHRASES, ...packPhrases()])];

const SPECIALS = INPUTS.specials;
const HOSTILE = INPUTS.hostile;
const HOSTILE_PHRASES = [...HOSTILE.carriers.flatMap((c) => HOSTILE.prototypeWords.map((w) => c.replace('{w}', w))), ...HOSTILE.styled];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const randomCase = (s) =>
  fc
    .constantFrom(
      (x) => x,
      (x) => x,
      (x) => x.toUpperCase(),
      (x) => x.toLowerCase(),
      (x) => x.replace(/[.!?]$/, ''),
    )
    .map((f) => f(s));
const phrase = fc.constantFrom(...PHRASES).chain(randomCase);
const hostilePhrase = fc.oneof(fc.constantFrom(...HOSTILE_PHRASES), fc.constantFrom(...HOSTILE.prototypeWords));
const chain = fc.tuple(fc.constantFrom(...HOSTILE.abbreviations), fc.integer({ min: 1, max: 40 })).map(([u, n]) => u.repeat(n));
const piece = fc.oneof(
  { weight: 8, arbitrary: phrase },
  { weight: 4, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(loneSurrogate, anyCodeUnit), maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 20 }) },
);
const sep = fc.constantFrom(' ', ' ', ' ', '', '\n', '\r\n', ', ', '. ', '\u200b', '  ', '\n\n');
const message = fc.array(fc.tuple(piece, sep), { maxLength: 14 }).map((parts) => parts.map(([p, s]) => p + s).join(''));
const longLine = fc.record({
  unit: fc.constantFrom('x', 'word ', 'you ', 'should ', 'a\u0301', '👍🏽', '\u200b', '.', 'alla ', '\ud800', 'Du bør ', '- ', ...HOSTILE.abbreviations),
  length: fc.integer({ min: 1_000, max: 8_000 }),
  phrase,
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  tail: fc.constantFrom('', '\r\n', '\n\n'),
});
function build(d) {
  const filler = d.unit.repeat(Math.ceil(d.length / d.unit.length)).slice(0, d.length);
  const i = Math.floor(d.at * filler.length);
  return filler.slice(0, i) + ' ' + d.phrase + ' ' + filler.slice(i) + d.tail;
}
const boundary = fc.record({
  before: fc.integer({ min: 1_985, max: 2_003 }),
  astral: fc.constantFrom(...HOSTILE.astral),
  count: fc.integer({ min: 1, max: 6 }),
  phrase: fc.oneof(phrase, hostilePhrase),
});
const buildBoundary = (d) => 'x'.repeat(d.before) + d.astral.repeat(d.count) + ' ' + d.phrase;
const nested = fc.record({
  prefix: fc.constantFrom(...HOSTILE.nesting),
  depth: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 6_000 }) }),
  lines: fc.integer({ min: 1, max: 3 }),
  phrase,
});
const buildNested = (d) => Array.from({ length: d.lines }, () => d.prefix.repeat(d.depth) + d.phrase).join('\n');
const hostileMessage = fc
  .array(fc.tuple(fc.oneof({ weight: 2, arbitrary: phrase }, { weight: 3, arbitrary: hostilePhrase }, { weight: 1, arbitrary: chain }, { weight: 1, arbitrary: fc.constantFrom(...SPECIALS) }), sep), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));
const CONTEXTS = [undefined, undefined, undefined, ...INPUTS.contexts];
const setting = fc.record({ lang: fc.constantFrom(...LANGS), profile: fc.constantFrom(...PROFILES), context: fc.constantFrom(...CONTEXTS) });

// ------------------------------------------------------------------ checks (as in the test)

const checkers = new Map();
function run(text, s) {
  const key = `${s.lang}/${s.profile}`;
  let c = checkers.get(key);
  if (!c) checkers.set(key, (c = createChecker({ lang: s.lang, profile: s.profile })));
  return c.check(text, s.context === undefined ? undefined : { context: s.context });
}

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;
const splitsPair = (t, i) => i > 0 && i < t.length && isHigh(t.charCodeAt(i - 1)) && isLow(t.charCodeAt(i));
function lineCol(text, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
function rangeProblem(text, range, allowEmpty) {
  if (!Array.isArray(range) || range.length !== 2) return `range is not a pair: ${JSON.stringify(range)}`;
  const [a, b] = range;
  if (!Number.isInteger(a) || !Number.isInteger(b)) return `range is not integers: [${a}, ${b}]`;
  if (a < 0 || b > text.length || (allowEmpty ? a > b : a >= b)) return `range [${a}, ${b}] does not fit 0 ≤ start < end ≤ ${text.length}`;
  if (splitsPair(text, a)) return `range start ${a} splits a surrogate pair`;
  if (splitsPair(text, b)) return `range end ${b} splits a surrogate pair`;
  return null;
}
function problems(text, result) {
  const out = [];
  if (!result || !Array.isArray(result.findings)) return ['result has no findings array'];
  let prev = -1;
  for (const f of result.findings) {
    const where = `${f.ruleId} ${JSON.stringify(f.range)}`;
    const rp = rangeProblem(text, f.range, false);
    if (rp) {
      out.push(`${where}: ${rp}`);
      continue;
    }
    const [a, b] = f.range;
    if (f.text !== text.slice(a, b)) out.push(`${where}: text ≠ slice`);
    const lc = lineCol(text, a);
    if (f.line !== lc.line || f.column !== lc.column) out.push(`${where}: line/column ${f.line}:${f.column}, expected ${lc.line}:${lc.column}`);
    if (a < prev) out.push(`${where}: out of document order`);
    prev = a;
    for (const s of f.suggestions ?? []) {
      const sp = rangeProblem(text, s.range, true);
      if (sp) out.push(`${where}: suggestion: ${sp}`);
      if (/\[native code\]|function Object\(/.test(s.text)) out.push(`${where}: suggestion shows an Object.prototype member`);
      if (wellFormed(text) && !wellFormed(s.text)) out.push(`${where}: suggestion has a lone surrogate`);
    }
  }
  return out;
}
const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);
const wellFormed = (t) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(t);
/** Whether `hay` contains `needle` as whole words, case aside. */
function containsWord(hay, needle) {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(hay);
}

/** Each property returns a problem description, or null. An exception counts as a problem. */
const PROPERTIES = [
  {
    name: 'invariants',
    title: 'never throws; ranges, text, line/column; deterministic',
    share: 0.45,
    arb: fc.tuple(message, setting),
    check: ([text, s]) => {
      const first = run(text, s);
      const bad = problems(text, first);
      if (bad.length) return bad.join('; ');
      if (!same(run(text, s), first)) return 'second check differs';
      const once = check(text, { lang: s.lang, profile: s.profile, ...(s.context === undefined ? {} : { context: s.context }) });
      if (!same(once, first)) return 'check() differs from the checker';
      return null;
    },
  },
  {
    name: 'apply',
    title: 'applySuggestion changes only its range',
    share: 0.25,
    arb: fc.tuple(message, setting),
    check: ([text, s]) => {
      for (const f of run(text, s).findings) {
        for (const sug of f.suggestions) {
          const out = applySuggestion(text, sug);
          const [a, b] = sug.range;
          if (out.slice(0, a) !== text.slice(0, a) || out.slice(a + sug.text.length) !== text.slice(b) || out.slice(a, a + sug.text.length) !== sug.text) {
            return `${f.ruleId}: text outside [${a}, ${b}] changed`;
          }
        }
      }
      return null;
    },
  },
  {
    name: 'refix',
    title: 'top suggestion leaves no finding of the same rule inside it',
    share: 0.25,
    arb: fc.tuple(message, setting),
    check: ([text, s]) => {
      const all = run(text, s).findings;
      for (const f of all.filter((x) => x.suggestions.length).slice(0, 4)) {
        const top = f.suggestions[0];
        const fixed = applySuggestion(text, top);
        const lo = top.range[0];
        const hi = lo + top.text.length;
        const again = run(fixed, s).findings.filter((g) => g.ruleId === f.ruleId && g.range[0] >= lo && g.range[1] <= hi);
        if (again.length) {
          // As in test/property.test.ts: a rewrite carries what follows its clause cut over
          // unchanged; an instruction there that the original check reported on its own is fine.
          const reported = (g) =>
            containsWord(text.slice(f.range[1], top.range[1]), g.text) &&
            all.some((h) => h !== f && h.ruleId === g.ruleId && h.range[0] >= f.range[1] && h.range[1] <= top.range[1] && h.text.toLowerCase() === g.text.toLowerCase());
          if (again.every(reported)) return null;
          const carried = again.every((g) => containsWord(text.slice(f.range[1], top.range[1]), g.text));
          return `${carried ? '[carried over, not reported before] ' : ''}${f.ruleId} still flags ${JSON.stringify(again.map((g) => g.text))} in ${JSON.stringify(fixed)}`;
        }
      }
      return null;
    },
  },
  {
    name: 'long',
    title: 'very long lines keep every invariant',
    share: 0.05,
    arb: fc.tuple(longLine, setting),
    check: ([d, s]) => {
      const text = build(d);
      const bad = problems(text, run(text, s));
      return bad.length ? bad.join('; ') : null;
    },
  },
  {
    name: 'hostile',
    title: 'prototype-named words, styled capitals, abbreviation chains keep every invariant',
    share: 0.05,
    arb: fc.tuple(hostileMessage, setting),
    check: ([text, s]) => {
      const bad = problems(text, run(text, s));
      return bad.length ? bad.join('; ') : null;
    },
  },
  {
    name: 'boundary',
    title: 'astral characters at the forced 2,000-unit cut keep every invariant',
    share: 0.02,
    arb: fc.tuple(boundary, setting),
    check: ([d, s]) => {
      const text = buildBoundary(d);
      const bad = problems(text, run(text, s));
      return bad.length ? bad.join('; ') : null;
    },
  },
  {
    name: 'markdown',
    title: 'Markdown nested up to 6,000 levels never throws, keeps every invariant',
    share: 0.01,
    arb: fc.tuple(nested, fc.constantFrom(...PROFILES)),
    check: ([d, profile]) => {
      const text = buildNested(d);
      const bad = problems(text, checkMarkdown(text, { profile }));
      return bad.length ? bad.join('; ') : null;
    },
  },
];

// ====================================================================== LANGUAGE SERVER SOAK

/** A small seeded PRNG (mulberry32): the same seed gives the same edits. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RSS of a process in MB, from /proc (Linux) or `ps`; null when neither works. */
const HEAP_MARK = 'peerspeak-soak-heap';

function processRss(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s*(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    try {
      const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
      return Number.isFinite(kb) ? { rss: kb / 1024, peak: NaN } : null;
    } catch {
      return null;
    }
  }
}

const LSP_PHRASES = [
  'You should call your doctor. ',
  'Everyone should see a therapist. ',
  'You always do this to yourself. ',
  'It sounds like you are depressed. ',
  'Try meditation, it really works. ',
  'I hear that this has been hard for you. ',
  'What would help you right now? ',
  'When I felt like that, a walk helped me. ',
  'Du borde ringa din läkare. ',
  'Have you tried journaling? ',
];
const LSP_BLOCKS = [
  '\n\n## A heading\n\n',
  '\n\n- You should rest.\n- I hear you.\n\n',
  '\n\n```\nYou should call your doctor.\n```\n\n',
  '\n\n> You must stop.\n\n',
  '\n\n<!-- peerspeak-disable-next-line -->\nYou should eat more.\n\n',
  ' `you should` ',
  ' [a link](https://example.org) ',
  ' 👍🏽 — ',
];

/** A Markdown document of about `chars` characters: headings and varied paragraphs. */
function lspDocument(rand, chars) {
  let out = '# Soak notes\n\n';
  let i = 0;
  while (out.length < chars) {
    if (i % 9 === 8) out += `## Part ${i}\n\n`;
    else {
      let p = `Note ${i}: `;
      for (let k = 0; k < 3 + Math.floor(rand() * 4); k++) p += LSP_PHRASES[Math.floor(rand() * LSP_PHRASES.length)];
      out += p.trimEnd() + '\n\n';
    }
    i++;
  }
  return out;
}

async function lspSoak({ seed, log }) {
  const failures = [];
  const figures = [];
  const rand = prng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const cli = join(root, 'dist', 'cli.js');
  const markdown = await import(pathToFileURL(join(root, 'dist', 'markdown.js')).href);
  const requireHere = createRequire(import.meta.url);
  const rpc = requireHere('vscode-languageserver/node');
  const { TextDocument } = await import('vscode-languageserver-textdocument');

  // The real CLI entry, with a preload that runs a full GC on SIGUSR2 and prints the heap to
  // stderr: memory is read after a GC, so what is measured is what the server keeps, not how
  // far V8 has let garbage pile up (without it, RSS after 10,000 edits swings by ±20 %).
  const preload = `process.on('SIGUSR2', () => { globalThis.gc(); globalThis.gc(); process.stderr.write('${HEAP_MARK} ' + JSON.stringify(process.memoryUsage()) + '\\n'); });`;
  const child = spawn(process.execPath, ['--expose-gc', '--import', `data:text/javascript,${encodeURIComponent(preload)}`, cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: root });
  let stderr = '';
  let heapLine = null;
  const heapWaiters = new Set();
  let stderrBuffer = '';
  child.stderr.on('data', (d) => {
    stderrBuffer += d.toString();
    let nl;
    while ((nl = stderrBuffer.indexOf('\n')) >= 0) {
      const line = stderrBuffer.slice(0, nl);
      stderrBuffer = stderrBuffer.slice(nl + 1);
      if (line.startsWith(HEAP_MARK)) {
        heapLine = JSON.parse(line.slice(HEAP_MARK.length));
        for (const w of [...heapWaiters]) w();
      } else if ((stderr += line + '\n').length > 20_000) stderr = stderr.slice(-10_000);
    }
  });
  let exitCode;
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exitCode = signal ?? code))));
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  conn.onError(() => {});
  conn.onClose(() => {});
  const uri = 'untitled:soak.md';
  let last = null;
  let publications = 0;
  const waiters = new Set();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri !== uri) return;
    publications++;
    if (last && p.version !== undefined && last.version !== undefined && p.version < last.version) failures.push(`diagnostics for version ${p.version} published after version ${last.version}`);
    last = p;
    for (const w of [...waiters]) w();
  });
  conn.onNotification('window/showMessage', (p) => failures.push(`server showed a message: ${p.message}`));
  conn.onNotification('window/logMessage', () => {});
  conn.listen();
  const crashed = () => exitCode !== undefined;
  const within = (promise, ms, what) =>
    Promise.race([
      promise,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms).unref()),
      exited.then((code) => Promise.reject(new Error(`${what}: the server exited (${code}): ${stderr.slice(-500)}`))),
    ]);
  const diagnosticsFor = (version, ms = 60_000) =>
    within(
      new Promise((resolve) => {
        const check = () => {
          if (last?.version === version) {
            waiters.delete(check);
            resolve(last);
          }
        };
        waiters.add(check);
        check();
      }),
      ms,
      `diagnostics for version ${version}`,
    );

  /** The server's memory after a full GC: RSS (and peak RSS) from the OS, heap from the server. */
  const memory = async () => {
    heapLine = null;
    const heap = new Promise((resolve) => {
      const done = () => {
        heapWaiters.delete(done);
        resolve(heapLine);
      };
      heapWaiters.add(done);
      setTimeout(done, 5_000).unref();
      try {
        child.kill('SIGUSR2');
      } catch {
        done();
      }
    });
    const h = await heap;
    return { ...processRss(child.pid), heap: h ? h.heapUsed / 1024 / 1024 : NaN };
  };

  const t0 = performance.now();
  let runs = 0;
  const rss = {};
  try {
    await within(conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }), 30_000, 'initialize');
    await conn.sendNotification('initialized', {});
    const doc = TextDocument.create(uri, 'markdown', 1, lspDocument(rand, args.docChars));
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: doc.getText() } });
    await diagnosticsFor(1);
    rss.start = await memory();
    log(`opened ${doc.getText().length.toLocaleString('en')} characters, ${last.diagnostics.length} diagnostics, RSS ${rss.start?.rss.toFixed(0)} MB`);

    const target = args.docChars;
    // RSS is read after 1,000 edits, every 5,000 and after the last; the flatness check
    // compares the last with the one after 1,000.
    const checkpoints = new Map();
    for (let k = 5_000; k < args.edits; k += 5_000) checkpoints.set(k, `after${k / 1000}k`);
    checkpoints.set(Math.min(1_000, args.edits), 'after1k');
    checkpoints.set(args.edits, 'end');
    let cursor = Math.floor(doc.getText().length / 2);
    const tEdits = performance.now();
    let waited = 0;
    for (let i = 1; i <= args.edits; i++) {
      if (crashed()) throw new Error(`the server exited (${exitCode}) after ${i - 1} edits: ${stderr.slice(-500)}`);
      const text = doc.getText();
      const len = text.length;
      if (rand() < 0.05) cursor = Math.floor(rand() * (len + 1));
      cursor = Math.min(cursor, len);
      let start = cursor;
      let end = cursor;
      let insert = '';
      const r = rand();
      if (len > target * 1.1 || (r < 0.25 && len > target * 0.9)) {
        // Delete: backspace, a word, or a larger cut when the document has grown.
        const n = len > target * 1.1 ? 20 + Math.floor(rand() * 400) : rand() < 0.7 ? 1 : 1 + Math.floor(rand() * 30);
        start = Math.max(0, cursor - n);
      } else if (r < 0.7) {
        // Typing: the next character or two of a phrase.
        const phrase = pick(LSP_PHRASES);
        const k = Math.floor(rand() * phrase.length);
        insert = phrase.slice(k, k + 1 + Math.floor(rand() * 2));
      } else if (r < 0.85) {
        insert = pick(LSP_PHRASES); // pasting a sentence (often one that is flagged)
      } else if (r < 0.93) {
        insert = pick(LSP_BLOCKS); // Markdown structure: headings, lists, code, markers
      } else {
        // Select a stretch and type over it.
        end = Math.min(len, cursor + 1 + Math.floor(rand() * 60));
        insert = pick(LSP_PHRASES);
      }
      const change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert };
      TextDocument.update(doc, [change], i + 1);
      cursor = start + insert.length;
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 1 }, contentChanges: [change] });
      runs++;
      // Bursts: mostly straight on; now and then a pause long enough for the debounce to fire,
      // so analyses start and are overtaken by newer versions.
      if (i % 25 === 0 && rand() < 0.2) {
        const ms = 20 + Math.floor(rand() * 130);
        waited += ms;
        await new Promise((r) => setTimeout(r, ms));
      }
      if (i % 500 === 250) {
        const position = doc.positionAt(Math.floor(rand() * doc.getText().length));
        await within(conn.sendRequest('textDocument/hover', { textDocument: { uri }, position }), 60_000, `hover after edit ${i}`);
        await within(
          conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }),
          60_000,
          `codeAction after edit ${i}`,
        );
        runs += 2;
      }
      const name = checkpoints.get(i);
      if (name) {
        await diagnosticsFor(i + 1);
        rss[name] = await memory();
        log(`${i.toLocaleString('en')} edits: ${doc.getText().length.toLocaleString('en')} characters, ${last.diagnostics.length} diagnostics, RSS ${rss[name]?.rss.toFixed(0)} MB`);
      }
    }
    const editSecs = (performance.now() - tEdits) / 1000;

    // The final diagnostics against a fresh whole-document check of the final text.
    const finalText = doc.getText();
    const key = (ruleId, severity, a, b) => `${ruleId} ${severity} ${a}-${b}`;
    const SEV = { error: 1, warning: 2, info: 3, hint: 4 };
    const got = last.diagnostics.map((d) => key(d.code, d.severity, doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)));
    const want = markdown.checkDocument(finalText, { format: 'markdown' }).findings.map((f) => key(f.ruleId, SEV[f.severity], f.range[0], f.range[1]));
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      const missing = want.filter((x) => !got.includes(x));
      const extra = got.filter((x) => !want.includes(x));
      failures.push(`final diagnostics differ from checkDocument: ${got.length} vs ${want.length}; missing ${JSON.stringify(missing.slice(0, 5))}, extra ${JSON.stringify(extra.slice(0, 5))}`);
    }

    // Shut down as an editor does; the process must exit 0.
    await within(conn.sendRequest('shutdown'), 30_000, 'shutdown');
    await conn.sendNotification('exit');
    const code = await within(exited, 10_000, 'exit');
    if (code !== 0) failures.push(`the server exited with ${code} after exit: ${stderr.slice(-500)}`);

    const mb = (x) => (x && Number.isFinite(x.rss) ? `${x.rss.toFixed(0)} MB${Number.isFinite(x.heap) ? ` (heap ${x.heap.toFixed(0)})` : ''}` : 'n/a');
    const flat = rss.after1k && rss.end ? rss.end.rss / rss.after1k.rss : NaN;
    if (flat > 1.5) failures.push(`memory is not flat: RSS ${mb(rss.end)} after ${args.edits} edits, ${mb(rss.after1k)} after 1,000 (× ${flat.toFixed(2)}, limit × 1.5)`);
    figures.push(
      `${args.edits.toLocaleString('en')} edits in ${editSecs.toFixed(1)} s (${Math.round(args.edits / editSecs).toLocaleString('en')} edits/s, of which ${(waited / 1000).toFixed(1)} s deliberate pauses), ` +
        `${Math.floor(args.edits / 500) * 2} hover/codeAction requests answered, ${publications} publications`,
      `server RSS after GC: start ${mb(rss.start)}, after 1k ${mb(rss.after1k)}, after 5k ${mb(rss.after5k)}, after ${args.edits.toLocaleString('en')} ${mb(rss.end)} (end/1k × ${flat.toFixed(2)}), peak ${rss.end && Number.isFinite(rss.end.peak) ? `${rss.end.peak.toFixed(0)} MB` : 'n/a'}`,
      `final document ${finalText.length.toLocaleString('en')} characters: ${got.length} diagnostics, fresh checkDocument ${want.length}: ${JSON.stringify(got) === JSON.stringify(want) ? 'same rule ids, severities and ranges' : 'DIFFERENT'}`,
      `exit code ${exitCode}, total ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  } catch (e) {
    failures.push(String(e?.message ?? e));
  } finally {
    if (!crashed()) child.kill();
    conn.dispose();
  }
  return { runs, failures: failures.length, examples: failures, figures };
}

const SOAKS = [{ name: 'lsp', title: 'language server: rapid edits, memory flat, no crash', run: lspSoak }];
// ==================================================================== END LANGUAGE SERVER SOAK

// ------------------------------------------------------------------ run

const show = (v) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v, (_k, x) => (x === undefined ? '(undefined)' : x));
  return s.length > 400 ? s.slice(0, 400) + `… (${s.length} chars)` : s;
};
const rssMB = () => process.memoryUsage().rss / 1024 / 1024;
let peakRss = rssMB();
const sampleRss = () => {
  peakRss = Math.max(peakRss, rssMB(), process.resourceUsage().maxRSS / 1024);
};

const wanted = (name) => (!args.only || args.only.includes(name)) && !args.skip.includes(name);
const started = performance.now();
let totalRuns = 0;
let totalFailures = 0;
/** One line per soak for the summary. */
const summary = [];
const selected = PROPERTIES.filter((p) => wanted(p.name));
const selectedSoaks = SOAKS.filter((s) => wanted(s.name));
if (!selected.length && !selectedSoaks.length) fail('nothing to run: --only and --skip leave no soak');
const shareSum = selected.reduce((n, p) => n + p.share, 0);

if (isMainThread) console.log(
  `peerspeak soak: ${[...selected.map((p) => p.name), ...selectedSoaks.map((s) => s.name)].join(', ')}` +
    `${selected.length ? `; ${args.runs.toLocaleString('en')} property runs` : ''}${selectedSoaks.some((s) => s.name === 'lsp') ? `; ${args.edits.toLocaleString('en')} edits` : ''}` +
    `; seed ${args.seed}, node ${process.version}; ${Math.max(1, Math.min(args.workers, args.runs))} worker thread(s) for the properties`,
);
/**
 * Runs `n` inputs of property `p` from `seed`; returns the counts and the first failing
 * inputs. Failures are counted, not thrown: the soak goes on.
 */
function runProperty(p, n, seed, label) {
  const t0 = performance.now();
  let done = 0;
  let failures = 0;
  const examples = [];
  let lastReport = t0;
  const property = fc.property(p.arb, (input) => {
    done++;
    let problem;
    try {
      problem = p.check(input);
    } catch (e) {
      problem = `threw ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : String(e)}`;
    }
    if (problem) {
      failures++;
      if (examples.length < args.show) examples.push(`${problem}\n      input: ${show(input)}`);
    }
    if ((done & 1023) === 0) {
      sampleRss();
      const now = performance.now();
      if (now - lastReport > 30_000) {
        lastReport = now;
        process.stderr.write(`  … ${p.name}${label}: ${done.toLocaleString('en')}/${n.toLocaleString('en')} runs, ${failures} failures, ${((now - t0) / 1000).toFixed(0)} s, RSS ${rssMB().toFixed(0)} MB\n`);
      }
    }
    return true;
  });
  fc.assert(property, { numRuns: n, seed });
  sampleRss();
  return { done, failures, examples, peakRss };
}

/** Each property's run count for a total of `runs`, split by share. */
const countsFor = (runs) => selected.map((p) => Math.max(1, Math.round((runs * p.share) / shareSum)));

// A worker thread: run its share of every selected property, report, and stop.
if (!isMainThread) {
  const counts = countsFor(args.runs);
  for (let i = 0; i < selected.length; i++) {
    const r = runProperty(selected[i], counts[i], args.seed, ` (worker ${workerData.index})`);
    parentPort.postMessage({ property: selected[i].name, ...r });
  }
  process.exit(0);
}

/**
 * The properties in `workers` worker threads at once. Worker k runs `runs / workers` inputs
 * (each property by its share) from seed `args.seed + k`. Resolves with, per property, the
 * summed counts, the wall time until the last worker finished it, and examples naming their
 * worker's replay.
 */
function runInWorkers(workers) {
  const per = Math.ceil(args.runs / workers);
  const results = new Map(selected.map((p) => [p.name, { done: 0, failures: 0, examples: [], end: 0, peakRss: 0 }]));
  const jobs = Array.from({ length: workers }, (_, k) => new Promise((resolve, reject) => {
    const seed = (args.seed + k) | 0;
    const w = new Worker(fileURLToPath(import.meta.url), { workerData: { index: k, args: { ...args, runs: per, seed } } });
    w.on('message', (m) => {
      const r = results.get(m.property);
      r.done += m.done;
      r.failures += m.failures;
      r.end = Math.max(r.end, performance.now());
      r.peakRss = Math.max(r.peakRss, m.peakRss);
      for (const ex of m.examples) if (r.examples.length < args.show) r.examples.push(`${ex}\n      replay: node scripts/soak.mjs --workers 1 --seed ${seed} --runs ${per} --only ${m.property}`);
    });
    w.on('error', reject);
    w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${k} exited with code ${code}`))));
  }));
  return Promise.all(jobs).then(() => results);
}

const workers = Math.max(1, Math.min(args.workers, args.runs));
let results;
const propsStart = performance.now();
const propsCpu = process.cpuUsage(); // the whole process: every worker thread's CPU time too
if (selected.length && workers > 1) {
  results = await runInWorkers(workers);
} else if (selected.length) {
  results = new Map();
  const counts = countsFor(args.runs);
  for (let i = 0; i < selected.length; i++) {
    const r = runProperty(selected[i], counts[i], args.seed, '');
    results.set(selected[i].name, { ...r, end: performance.now() });
    if (i + 1 < selected.length) results.get(selected[i].name).nextStart = performance.now();
  }
}
let previousEnd = propsStart;
for (const p of selected) {
  const r = results.get(p.name);
  // In parallel, properties overlap: each line's time is until its last worker finished it.
  const secs = (r.end - previousEnd) / 1000;
  if (workers <= 1) previousEnd = r.end;
  totalRuns += r.done;
  totalFailures += r.failures;
  peakRss = Math.max(peakRss, r.peakRss);
  // With `node --expose-gc`, the live heap after a full GC: flat across properties means no leak.
  let heap = '';
  if (typeof globalThis.gc === 'function' && workers <= 1) {
    globalThis.gc();
    heap = `, heap after GC ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`;
  }
  const figures = `${r.done.toLocaleString('en')} runs, ${r.failures} failures, ${workers > 1 ? 'done after ' : ''}${secs.toFixed(1)} s${workers > 1 ? '' : `, ${Math.round(r.done / secs).toLocaleString('en')} runs/s`}${heap}`;
  console.log(`${r.failures ? 'FAIL' : 'ok  '} ${p.name.padEnd(10)} ${p.title}: ${figures}`);
  for (const ex of r.examples) console.log(`    - ${ex}`);
  summary.push(`${r.failures ? 'FAIL' : 'ok  '} ${p.name.padEnd(10)} ${figures}`);
}
if (selected.length) {
  const secs = (performance.now() - propsStart) / 1000;
  const done = selected.reduce((n, p) => n + results.get(p.name).done, 0);
  const rate = done / secs;
  const cpu = process.cpuUsage(propsCpu);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  // On a shared machine the wall time depends on the other load; the CPU time does not, so
  // the projection for idle cores is also given: runs per CPU-second × workers.
  const idleRate = (done / cpuSecs) * workers;
  const line =
    `properties: ${done.toLocaleString('en')} runs in ${secs.toFixed(1)} s with ${workers} worker${workers > 1 ? 's' : ''} (${availableParallelism()} cores): ` +
    `${Math.round(rate).toLocaleString('en')} runs/s, so 1,000,000 runs in ${(1e6 / rate / 60).toFixed(0)} min at this machine's load; ` +
    `${cpuSecs.toFixed(0)} CPU-s, so ${(1e6 / idleRate / 60).toFixed(0)} min with ${workers} idle core${workers > 1 ? 's' : ''}`;
  console.log(line);
  summary.push(line);
}

for (const s of selectedSoaks) {
  const t0 = performance.now();
  const r = await s.run({ seed: args.seed, log: (m) => process.stderr.write(`  … ${s.name}: ${m}\n`) });
  sampleRss();
  totalRuns += r.runs;
  totalFailures += r.failures;
  const line = `${r.runs.toLocaleString('en')} runs, ${r.failures} failures, ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  console.log(`${r.failures ? 'FAIL' : 'ok  '} ${s.name.padEnd(10)} ${s.title}: ${line}`);
  for (const f of r.figures ?? []) console.log(`    ${f}`);
  for (const ex of (r.examples ?? []).slice(0, args.show)) console.log(`    - ${ex}`);
  summary.push(`${r.failures ? 'FAIL' : 'ok  '} ${s.name.padEnd(10)} ${line}`, ...(r.figures ?? []).map((f) => `${' '.repeat(16)}${f}`));
}

const elapsed = (performance.now() - started) / 1000;
const replay = [`--runs ${args.runs}`, `--seed ${args.seed}`, `--workers ${workers}`];
if (args.only) replay.push(`--only ${args.only.join(',')}`);
if (args.skip.length) replay.push(`--skip ${args.skip.join(',')}`);
if (selectedSoaks.some((s) => s.name === 'lsp')) replay.push(`--edits ${args.edits}`, `--doc-chars ${args.docChars}`);
console.log(`\nsummary\n${summary.map((l) => `  ${l}`).join('\n')}`);
console.log(
  `\nsoak: runs ${totalRuns.toLocaleString('en')}, failures ${totalFailures}, elapsed ${elapsed.toFixed(1)} s, peak RSS ${peakRss.toFixed(0)} MB (this process)` +
    ` (replay: node scripts/soak.mjs ${replay.join(' ')})`,
);
process.exit(totalFailures ? 1 : 0);

/**
 * Nothing leaves the device.
 *
 * 1. The built files (`dist/**\/*.js`, `dist/**\/*.cjs`, as `npm test` builds them with tsup
 *    first) contain no network API (`fetch(`, `XMLHttpRequest`, `WebSocket`, `EventSource`,
 *    `navigator.sendBeacon`, imports or requires of `http`, `https`, `http2`, `net`, `tls`,
 *    `dgram`, `dns`, `undici`, with or without `node:`) and no dynamic code (`eval(`,
 *    `new Function(`, `Function("…")`, the `Function` constructor under another name,
 *    string timers). The Node-only entry points (CLI, language server, `peerspeak/config`) may
 *    import Node built-ins that are not network (`fs`, `path`, `worker_threads`, …); every
 *    other file — the library a browser app bundles — imports no Node built-in at all.
 *    Bundled third-party code (the Markdown parser in `markdown.cjs`) is scanned with it.
 * 2. The runtime dependencies, which the build keeps external (compromise, zod, the Markdown
 *    parser, the language-server protocol, …), are scanned the same way, transitively. What is
 *    found there is listed in `KNOWN_IN_DEPENDENCIES` with the reason it is acceptable, so a
 *    new hit fails instead of passing silently.
 * 3. At run time, checking text (plain, Markdown, every language) with every network entry
 *    point of Node replaced by a trap makes no call to any of them.
 * 4. The library bundles (every built file but the CLI, the language server and
 *    `peerspeak/config`) read no environment variable (`process.env`) and write no output
 *    (`console.*(…)`): bundled compromise reads `DEBUG_TAGS`/`DEBUG_MATCH` and logs every
 *    word it tags, which the build strips (see `quiet` in tsup.config.ts). A child process
 *    with those variables set checks text through `dist/` and prints only what it was asked to.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const DIST = join(root, 'dist');
const hasDist = existsSync(DIST) && readdirSync(DIST).some((f) => /\.(c?js)$/.test(f));

const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'undici'];
const moduleRef = (names: string) =>
  new RegExp(String.raw`(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["'](?:node:)?(?:${names})(?:/[^"']*)?["']`, 'g');

const NETWORK: Array<[string, RegExp]> = [
  ['fetch(', /(?<![\w$.])fetch\s*\(/g],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/g],
  ['WebSocket', /\bWebSocket\b/g],
  ['EventSource', /\bEventSource\b/g],
  ['navigator.sendBeacon', /\bsendBeacon\b/g],
  ['network module', moduleRef(NETWORK_MODULES.join('|'))],
];
const DYNAMIC_CODE: Array<[string, RegExp]> = [
  ['eval(', /(?<![\w$.])eval\s*\(/g],
  ['new Function(', /\bnew\s+Function\s*\(/g],
  ['Function("…")', /(?<![\w$.])Function\s*\(\s*["'`]/g],
  ['Function constructor alias', /=\s*Function\s*[;,)]/g],
  ['string timer', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/g],
];
const ALL = [...NETWORK, ...DYNAMIC_CODE];

/** Environment reads and output in the library bundles (esbuild labels its define module `<define:process.env>`). */
const ENV_AND_OUTPUT: Array<[string, RegExp]> = [
  ['process.env', /(?<!<define:)\bprocess\s*\.\s*env\b|\bprocess\s*\[\s*["'`]env["'`]\s*\]/g],
  ['console output', /(?<![\w$.])console\s*\.\s*(?:log|warn|error|info|debug|trace|table|dir|dirxml|group|groupCollapsed|time|timeEnd|timeLog|count|assert)\s*\(/g],
  ['process.stdout/stderr', /\bprocess\s*\.\s*std(?:out|err)\b/g],
];

const builtins = builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/^node:/, ''));
const NODE_BUILTIN = moduleRef(builtins.map((b) => b.replace(/[/]/g, '\\/')).join('|'));

/** Node-only entry points: they may import non-network built-ins (file system, workers, …). */
const NODE_ONLY = /^(cli\.js|lsp\.c?js|config\.c?js)$/;

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

/** `file:line: what — excerpt` for every match of the patterns. */
function scan(file: string, text: string, patterns: Array<[string, RegExp]>, base: string): string[] {
  const out: string[] = [];
  for (const [what, re] of patterns) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const line = text.slice(0, m.index).split('\n').length;
      const excerpt = text.slice(Math.max(0, m.index! - 30), m.index! + m[0].length + 30).replace(/\s+/g, ' ');
      out.push(`${relative(base, file).split('\\').join('/')}:${line}: ${what} — …${excerpt}…`);
    }
  }
  return out;
}

describe('scanner', () => {
  it('finds what it looks for and not look-alikes', () => {
    const bad = [
      'fetch("https://x")', 'await fetch (u)', 'new XMLHttpRequest()', 'new WebSocket(u)', 'new EventSource(u)', 'navigator.sendBeacon(u, d)',
      'import http from "http"', "require('node:https')", 'import("node:net")', 'from "tls"', "require('dgram')", 'import * as d from "node:dns/promises"',
      'eval("1")', 'new Function("return 1")', 'Function("return this")()', 'const F = Function;', 'setTimeout("alert(1)", 1)',
    ];
    for (const s of bad) expect(scan('x', s, ALL, '').length, s).toBeGreaterThan(0);
    const fine = [
      'prefetch(x)', 'obj.fetch(x)', 'doc.eval(x)', 'retrieval(x)', 'typeof x === "function"', 'fn instanceof Function)', 'Function.prototype.call',
      'import fs from "node:fs"', 'require("path")', 'import x from "netlify"', 'from "https-proxy"', 'setTimeout(fn, 1)', '"fetch the data"', 'isAsyncFunction(fn)',
    ];
    for (const s of fine) expect(scan('x', s, ALL, ''), s).toEqual([]);
    expect(scan('x', 'import { readFile } from "node:fs/promises"', [['builtin', NODE_BUILTIN]], '').length).toBe(1);
  });

  it('finds environment reads and output, not look-alikes', () => {
    for (const s of ['process.env.DEBUG_TAGS', 'const e = process.env;', "process['env']", 'console.log(x)', 'a && console.warn (x)', 'process.stdout.write(x)']) {
      expect(scan('x', s, ENV_AND_OUTPUT, '').length, s).toBeGreaterThan(0);
    }
    for (const s of ['// <define:process.env>', 'typeof console.log === "function"', 'myconsole.log(x)', 'x.console.log(y)', 'processEnv']) {
      expect(scan('x', s, ENV_AND_OUTPUT, ''), s).toEqual([]);
    }
  });
});

describe('built files (dist/)', () => {
  it.skipIf(!hasDist)(`contain no network API and no dynamic code${hasDist ? '' : ' — SKIPPED: dist/ is missing; run `npx tsup` (npm test builds first)'}`, () => {
    const list = files(DIST, /\.(c?js)$/);
    expect(list.length).toBeGreaterThan(3);
    const hits = list.flatMap((f) => scan(f, readFileSync(f, 'utf8'), ALL, DIST));
    expect(hits).toEqual([]);
  });

  it.skipIf(!hasDist)(`only the CLI, the language server and peerspeak/config import Node built-ins${hasDist ? '' : ' — SKIPPED: dist/ is missing'}`, () => {
    const list = files(DIST, /\.(c?js)$/).filter((f) => !NODE_ONLY.test(relative(DIST, f).split('\\').join('/')));
    expect(list.map((f) => relative(DIST, f))).toEqual(expect.arrayContaining(['index.js', 'index.cjs']));
    const hits = list.flatMap((f) => scan(f, readFileSync(f, 'utf8'), [['Node built-in in a browser-safe file', NODE_BUILTIN]], DIST));
    expect(hits).toEqual([]);
  });
});

describe('library bundles read no environment and write no output (issue 16, item 8)', () => {
  const skip = hasDist ? '' : ' — SKIPPED: dist/ is missing; run `npx tsup` (npm test builds first)';
  it.skipIf(!hasDist)(`no process.env, console or stdout in the core, packs, Markdown and textlint bundles${skip}`, () => {
    const list = files(DIST, /\.(c?js)$/).filter((f) => !NODE_ONLY.test(relative(DIST, f).split('\\').join('/')));
    expect(list.map((f) => relative(DIST, f))).toEqual(expect.arrayContaining(['index.js', 'index.cjs', 'markdown.cjs']));
    const hits = list.flatMap((f) => scan(f, readFileSync(f, 'utf8'), ENV_AND_OUTPUT, DIST));
    expect(hits).toEqual([]);
  });

  it.skipIf(!hasDist)(`DEBUG_TAGS and DEBUG_MATCH do not make the built core print the text${skip}`, () => {
    const script = [
      "const lib = await import('peerspeak');",
      "await import('peerspeak/all');",
      "const md = await import('peerspeak/markdown');",
      "const text = 'Everyone should just relax with their friends. You must call him. Du borde ringa henne.';",
      "let n = 0;",
      "for (const lang of ['en', 'sv', 'auto']) n += lib.check(text, { lang, profile: 'strict' }).findings.length;",
      "n += md.checkMarkdown('# Hi\\n\\nYou should rest.\\n').findings.length;",
      "process.stdout.write('findings=' + n);",
    ].join('\n');
    for (const type of ['module', 'commonjs']) {
      const code = type === 'module' ? script : `(async () => { ${script.replace(/await import\('([^']+)'\)/g, "require('$1')")} })()`;
      const r = spawnSync(process.execPath, ['--input-type=' + type, '-e', code], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DEBUG_TAGS: '1', DEBUG_MATCH: '1', DEBUG: '*', NODE_DEBUG: '' },
      });
      expect(r.stderr, type).toBe('');
      expect(r.stdout, type).toMatch(/^findings=\d+$/);
      expect(Number(r.stdout.split('=')[1]), type).toBeGreaterThan(2);
    }
  });
});

/**
 * Hits in runtime dependencies, by package, each with why it is acceptable. A package or a
 * kind of hit not listed here fails the test: look at it, then list it or replace the package.
 */
const KNOWN_IN_DEPENDENCIES: Record<string, Record<string, string>> = {
  'vscode-jsonrpc': {
    'network module':
      'lib/node/main.js requires "net" for the socket and named-pipe transports of the language-server protocol. ' +
      'peerspeak\'s server is started on stdio streams only (src/lsp/server.ts passes stdin/stdout to createConnection, checked below); ' +
      'the library, the CLI checks and the Markdown entry never load it.',
  },
  zod: {
    'Function constructor alias':
      'zod 4 compiles object schemas to JavaScript with `new Function` (v4/core/doc.js, compile.js) when the environment allows it ' +
      '(a probe `new F("")` in util.js). It builds only validator code from the schema, never from checked text. Under a strict ' +
      'Content-Security-Policy (no unsafe-eval) the probe fails and zod falls back to interpretation, but the browser still ' +
      'reports a CSP violation; `z.config({ jitless: true })` avoids it. Reported.',
  },
};

describe('runtime dependencies (external to dist/, scanned transitively)', () => {
  const pkgDir = (name: string, from: string): string | null => {
    for (let d = from; ; d = dirname(d)) {
      const p = join(d, 'node_modules', name);
      if (existsSync(join(p, 'package.json'))) return p;
      if (dirname(d) === d) return null;
    }
  };
  const seen = new Map<string, string>();
  const walk = (name: string, from: string) => {
    const dir = pkgDir(name, from);
    if (!dir || seen.has(dir)) return;
    seen.set(dir, name);
    const pj = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const dep of Object.keys({ ...pj.dependencies, ...pj.optionalDependencies })) walk(dep, dir);
  };
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const dep of Object.keys(own.dependencies ?? {})) walk(dep, root);

  it('contain no network API or dynamic code beyond the known, explained ones', () => {
    expect(seen.size).toBeGreaterThan(3);
    const unexplained: string[] = [];
    const used = new Set<string>();
    for (const [dir, name] of seen) {
      for (const f of files(dir, /\.(c|m)?js$/)) {
        for (const hit of scan(f, readFileSync(f, 'utf8'), ALL, dir)) {
          const what = /^[^:]+:\d+: (.+?) — /.exec(hit)![1]!;
          if (KNOWN_IN_DEPENDENCIES[name]?.[what]) used.add(`${name}/${what}`);
          else unexplained.push(`${name}/${hit}`);
        }
      }
    }
    expect(unexplained, 'new network API or dynamic code in a dependency').toEqual([]);
    const stale = Object.entries(KNOWN_IN_DEPENDENCIES).flatMap(([n, kinds]) => Object.keys(kinds).map((k) => `${n}/${k}`)).filter((k) => !used.has(k));
    // A listed package may be absent (not installed in this build); a listed kind that is no longer found is stale.
    expect(stale.filter((k) => [...seen.values()].includes(k.split('/')[0]!)), 'no longer found: remove from KNOWN_IN_DEPENDENCIES').toEqual([]);
  });

  it('the language server connects over the streams it is given, never a socket from argv', () => {
    // vscode-languageserver's createConnection() without streams reads --socket=/--pipe= from
    // process.argv; every call in src/ must pass its reader and writer explicitly.
    for (const f of files(join(root, 'src'), /\.ts$/)) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/createConnection\(([^;]*?)\);/g)) {
        const args = m[1]!.split(',').map((a) => a.trim()).filter(Boolean);
        expect(args.length, `${relative(root, f)}: createConnection(${m[1]})`).toBeGreaterThanOrEqual(3);
      }
    }
  });
});

describe('at run time', () => {
  it('checking text calls no network entry point', async () => {
    const req = createRequire(import.meta.url);
    const calls: string[] = [];
    const restore: Array<() => void> = [];
    const trap = (obj: Record<string, unknown>, key: string, label: string) => {
      const orig = obj[key];
      obj[key] = (..._args: unknown[]) => {
        calls.push(label);
        throw new Error(`peerspeak test: network call ${label}`);
      };
      restore.push(() => (obj[key] = orig));
    };
    for (const mod of ['http', 'https']) {
      const m = req(mod) as Record<string, unknown>;
      trap(m, 'request', `${mod}.request`);
      trap(m, 'get', `${mod}.get`);
    }
    const net = req('net') as Record<string, unknown>;
    trap(net, 'connect', 'net.connect');
    trap(net, 'createConnection', 'net.createConnection');
    trap(net, 'createServer', 'net.createServer');
    trap((net['Socket'] as { prototype: Record<string, unknown> }).prototype, 'connect', 'net.Socket#connect');
    trap(req('tls') as Record<string, unknown>, 'connect', 'tls.connect');
    trap(req('dgram') as Record<string, unknown>, 'createSocket', 'dgram.createSocket');
    trap(req('dns') as Record<string, unknown>, 'lookup', 'dns.lookup');
    trap(req('http2') as Record<string, unknown>, 'connect', 'http2.connect');
    trap(globalThis as unknown as Record<string, unknown>, 'fetch', 'fetch');
    try {
      // The traps work: a call is recorded (and fails).
      expect(() => (globalThis.fetch as unknown as () => void)()).toThrow(/network call fetch/);
      expect(() => (req('net') as { connect: () => void }).connect()).toThrow(/net.connect/);
      expect(calls.splice(0)).toEqual(['fetch', 'net.connect']);
      const lib = await import('../src/all.js');
      const md = await import('../src/markdown/index.js');
      const text = 'You should call your doctor.\n\nDu borde ringa din läkare.\n\nDu bør ringe til din læge.\n\nI want to die.';
      for (const lang of ['en', 'sv', 'da', 'auto'] as const) {
        const r = lib.check(text, { lang, profile: 'strict', context: 'I want to kill myself.' });
        for (const f of r.findings) for (const s of f.suggestions) lib.applySuggestion(text, s);
      }
      md.checkMarkdown('# Notes\n\nYou should call your doctor.\n\n> Quote: calm down.\n\n<!-- peerspeak-disable -->\nCall her.\n', { lang: 'en' });
    } finally {
      for (const r of restore.reverse()) r();
    }
    expect(calls).toEqual([]);
  });
});

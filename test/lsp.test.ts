import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument, type DocumentFinding } from '../src/markdown/index.js';
import { DocumentAnalyzer, markdownSections, type SectionCache } from '../src/lsp/analyze.js';
import { parseClientSettings, SETTINGS_CODE, UNTRUSTED_PACK_CODE } from '../src/lsp/server.js';
import { clearConfigCache } from '../src/config/index.js';
import { root, SERVICE_USER } from './helpers.js';
import { codes, open, startClient, type Client } from './lsp-client.js';

const MODAL = 'You should call your doctor.';

function key(f: DocumentFinding) {
  return { ruleId: f.ruleId, severity: f.severity, range: f.range, line: f.line, column: f.column, text: f.text, suggestions: f.suggestions };
}

// ---------------------------------------------------------------- incremental analysis

describe('incremental analysis gives the same findings as a whole-document check', () => {
  const sentences = [
    MODAL,
    'I hear that this has been hard for you.',
    'You always do this to yourself.',
    'It sounds like you are depressed.',
    'What would help you right now?',
    'Have you tried going for a walk in the evening?',
    'Everyone should see a therapist at least once.',
  ];
  const draft = (n: number) => Array.from({ length: n }, (_, i) => sentences[i % sentences.length]! + (i % 3 === 2 ? '\n\n' : ' ')).join('');

  const textCases: Array<[string, string, Record<string, unknown>]> = [
    ['paragraphs', draft(40), {}],
    ['CRLF paragraphs', draft(20).replace(/\n/g, '\r\n'), {}],
    ['a crisis cue in a later paragraph', `${draft(9)}\n\nYou should call the emergency number now.\n\nI want to kill myself.\n\n${draft(6)}`, {}],
    ['a crisis cue with the note turned off', `You should call 112 now.\n\nI want to kill myself.`, { rules: { 'role-limits': 'off' } }],
    ['auto language', `${draft(6)}\n\nDu borde ringa din läkare.\n\nOk.\n\nDu burde ringe til din læge. Det er altid sådan.`, { lang: 'auto' }],
    ['training profile', draft(12), { profile: 'training' }],
  ];
  for (const [name, text, options] of textCases) {
    it(`text: ${name}`, () => {
      const analyzer = new DocumentAnalyzer(options);
      const cache: SectionCache = new Map();
      const expected = checkDocument(text, { ...options, format: 'text' }).findings.map(key);
      expect(analyzer.analyzeSync(text, 'text', cache).map(key)).toEqual(expected);
      // Again from the cache, and after an edit in the middle.
      expect(analyzer.analyzeSync(text, 'text', cache).map(key)).toEqual(expected);
      const mid = text.indexOf('. ', text.length >> 1) + 1;
      const edited = `${text.slice(0, mid)} You should rest.${text.slice(mid)}`;
      expect(analyzer.analyzeSync(edited, 'text', cache).map(key)).toEqual(checkDocument(edited, { ...options, format: 'text' }).findings.map(key));
    });
  }

  it('markdown: every Markdown file of the repository, and synthetic documents', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (['node_modules', 'api', '.git', 'dist', 'scratch'].includes(e.name)) continue;
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.md$/.test(e.name)) files.push(p);
      }
    };
    for (const d of ['examples', 'test']) walk(join(root, d));
    // One rule doc: checking these is slow (a few KB a second), so not all of them.
    files.push(join(root, 'docs', 'rules', 'generalising', 'minimising.md'));
    const docs = files.map((f) => [relative(root, f), readFileSync(f, 'utf8')] as const);
    docs.push([
      'synthetic',
      [
        '---\ntitle: x\n# not a heading\n---',
        '# You should call your doctor',
        MODAL,
        '```sh\n\n# You should call your doctor.\n```',
        '<!--\n\n# You should call your doctor.\n-->',
        '<!-- peerspeak-example: good -->\n\n# You should call your doctor.',
        '> You should call your doctor.\n\n# You always do this to yourself.',
        '- a list\n\n  ```\n\n# Everyone should see a therapist.\n  ```',
        '<!-- peerspeak-disable-next-line directive/modal -->\n# You should call your doctor.',
        '## Tips\n\nYou should call your doctor.\r\n\r\n# Again\r\n\r\nYou should call your doctor.',
      ].join('\n\n'),
    ]);
    for (const profile of ['chat', 'training', 'strict'] as const) {
      const analyzer = new DocumentAnalyzer({ profile });
      for (const [name, md] of profile === 'chat' ? docs : docs.slice(-1)) {
        const expected = checkDocument(md, { profile, format: 'markdown' }).findings.map(key);
        expect(analyzer.analyzeSync(md, 'markdown').map(key), `${name} (${profile})`).toEqual(expected);
      }
    }
    expect(markdownSections(docs.at(-1)![1], false).length).toBeGreaterThan(5);
    expect(markdownSections(docs.at(-1)![1]).length).toBeGreaterThan(2);
  });

  it('splits Markdown only where it is safe', () => {
    const sections = (md: string) => markdownSections(md, false).map(([a, b]) => md.slice(a, b));
    expect(sections('# A\n\ntext\n\n# B\n\ntext\n')).toEqual(['# A\n\n', 'text\n\n', '# B\n\n', 'text\n']);
    expect(sections('- a\n\n  b\n\n> c\n\nd\ne\n')).toEqual(['- a\n\n  b\n\n', '> c\n\n', 'd\ne\n']);
    expect(sections('```\n\n# x\n```\n\n# B\n')).toEqual(['```\n\n# x\n```\n\n', '# B\n']);
    expect(sections('<!-- a\n\n# x\n-->\ntext\n\n# B\n')).toEqual(['<!-- a\n\n# x\n-->\ntext\n\n', '# B\n']);
    expect(sections('---\na: 1\n\n# b\n---\n\n# B\n')).toEqual(['---\na: 1\n\n# b\n---\n\n', '# B\n']);
    // Not after a comment (a marker applies to the next block), nor after an ambiguous fence.
    expect(sections('<!-- peerspeak-example: good -->\n\n# B\n')).toHaveLength(1);
    expect(sections('# A\n\n- a\n\n  ```\n\n# x\n  ```\n\n# B\n')).toEqual(['# A\n\n', '- a\n\n  ```\n\n# x\n  ```\n\n# B\n']);
    // Document-wide constructs: one section.
    expect(sections('# A\n\n<!-- peerspeak-disable -->\n\n# B\n')).toHaveLength(1);
    expect(sections('# A\n\n[a]: http://x\n\n# B\n')).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- the server over streams


describe('language server', () => {
  let c: Client;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peerspeak-lsp-'));
    c = await startClient();
  });
  afterAll(async () => {
    await c.connection.sendRequest('shutdown');
    c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('diagnoses on open, offers quick fixes, and clears when a fix is applied', async () => {
    const uri = 'untitled:chat-1';
    await open(c, uri, MODAL);
    const first = await c.waitFor(uri, (p) => p.version === 1);
    expect(codes(first)).toEqual(['directive/modal']);
    const d = first.diagnostics[0]!;
    expect(d).toMatchObject({ source: 'peerspeak', severity: 2, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 15 } } });
    expect(d.message).toContain('You should call');
    expect(d.relatedInformation?.[0]?.message).toMatch(/choice/);
    expect(d.codeDescription?.href).toMatch(/^file:.*docs\/rules\/directive\/modal\.md$/);

    const actions: CodeAction[] = await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } },
      context: { diagnostics: first.diagnostics },
    });
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(actions.map((a) => a.isPreferred)).toEqual([true, ...actions.slice(1).map(() => false)]);
    expect(actions[0]!.kind).toBe('quickfix');
    expect(actions[0]!.diagnostics?.[0]?.code).toBe('directive/modal');
    const edits = actions[0]!.edit!.changes![uri] as TextEdit[];
    const doc = TextDocument.create(uri, 'plaintext', 1, MODAL);
    const fixed = TextDocument.applyEdits(doc, edits);
    expect(fixed).toBe('I wonder if it might help to call your doctor — what do you think?');

    const hover: Hover = await c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } });
    expect(JSON.stringify(hover.contents)).toContain('I wonder if it might help to call your doctor — what do you think?');

    await c.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    const after = await c.waitFor(uri, (p) => p.version === 2);
    expect(after.diagnostics).toEqual([]);
    const none: CodeAction[] = await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } },
      context: { diagnostics: [] },
    });
    expect(none).toEqual([]);
  });

  it('survives 1,000 rapid edits and publishes diagnostics for the last text', async () => {
    const uri = 'untitled:chat-2';
    await open(c, uri, '');
    await c.waitFor(uri, (p) => p.version === 1);
    const published = c.diagnostics.length;
    const doc = TextDocument.create(uri, 'plaintext', 1, '');
    const phrase = 'You should call your doctor. I hear you. You always do this. ';
    let version = 1;
    for (let i = 0; i < 1000; i++) {
      version++;
      // Mostly typing at the end, sometimes deleting or inserting in the middle.
      const text = doc.getText();
      let change: { range: Range; text: string };
      if (i % 97 === 96 && text.length > 10) {
        const at = doc.positionAt(text.length >> 1);
        change = { range: { start: at, end: doc.positionAt((text.length >> 1) + 5) }, text: '' };
      } else if (i % 53 === 52) {
        const at = doc.positionAt(text.length >> 2);
        change = { range: { start: at, end: at }, text: 'Everyone should see a therapist. ' };
      } else {
        const end = doc.positionAt(text.length);
        change = { range: { start: end, end }, text: i % 200 === 199 ? '\n\n' : phrase[i % phrase.length]! };
      }
      TextDocument.update(doc, [change], version);
      void c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    }
    const last = await c.waitFor(uri, (p) => p.version === version);
    const expected = checkDocument(doc.getText(), { format: 'text' }).findings;
    expect(last.diagnostics.map((d) => [d.code, doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)])).toEqual(expected.map((f) => [f.ruleId, f.range[0], f.range[1]]));
    expect(expected.length).toBeGreaterThan(5);
    // Debounced: far fewer publications than edits.
    expect(c.diagnostics.length - published).toBeLessThan(50);
  });

  it('does not flag code in Markdown', async () => {
    const uri = 'untitled:notes.md';
    const md = ['# Notes', '', '```', MODAL, '```', '', 'Inline `You should call your doctor.` too.', '', 'What would help you?'].join('\n');
    await open(c, uri, md, 'markdown');
    const p = await c.waitFor(uri, (d) => d.version === 1);
    expect(p.diagnostics).toEqual([]);
    // The same text as plain text is flagged: the format comes from the languageId.
    await open(c, 'untitled:notes.txt', md, 'plaintext');
    const q = await c.waitFor('untitled:notes.txt', (d) => d.version === 1);
    expect(codes(q)).toContain('directive/modal');
    // A .md file is Markdown whatever the languageId.
    const file = pathToFileURL(join(dir, 'readme.md')).href;
    await open(c, file, md, 'plaintext');
    expect((await c.waitFor(file, (d) => d.version === 1)).diagnostics).toEqual([]);
  });

  it('uses the same default profile as the CLI and the API for Markdown (training) and text (chat)', async () => {
    const md = '# Reply\n\nAsk them what they need. You should call your doctor.\n';
    await open(c, 'untitled:reply.md', md, 'markdown');
    const m = await c.waitFor('untitled:reply.md', (d) => d.version === 1);
    expect(codes(m)).toEqual(checkDocument(md, { format: 'markdown' }).findings.map((f) => f.ruleId));
    expect(codes(m)).not.toContain('directive/modal');
    await open(c, 'untitled:reply.txt', md, 'plaintext');
    const t = await c.waitFor('untitled:reply.txt', (d) => d.version === 1);
    expect(codes(t)).toContain('directive/modal');
  });

  it('applies didChangeConfiguration: the training profile turns directive rules off', async () => {
    const uri = 'untitled:chat-3';
    await open(c, uri, `${MODAL} You always do this to yourself.`);
    const before = await c.waitFor(uri, (p) => p.version === 1);
    expect(codes(before)).toEqual(['directive/modal', 'generalising/always-never']);
    const n = c.diagnostics.length;
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { peerspeak: { profile: 'training' } } });
    const after = await c.waitFor(uri, (p) => c.diagnostics.indexOf(p) >= n);
    expect(codes(after)).toEqual(['generalising/always-never']);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { peerspeak: { rules: { 'generalising/always-never': 'error' } } } });
    const again = await c.waitFor(uri, (p) => c.diagnostics.indexOf(p) >= n + 1 && p.diagnostics.length === 2);
    expect(again.diagnostics.map((d: Diagnostic) => [d.code, d.severity])).toEqual([
      ['directive/modal', 2],
      ['generalising/always-never', 1],
    ]);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { peerspeak: {} } });
  });

  it('reads the config file next to the document; a bad one is reported, not fatal', async () => {
    const good = join(dir, 'good');
    const bad = join(dir, 'bad');
    mkdirSync(good);
    mkdirSync(bad);
    writeFileSync(join(good, 'peerspeak.config.json'), JSON.stringify({ profile: 'training' }));
    writeFileSync(join(bad, 'peerspeak.config.json'), JSON.stringify({ profile: 'nonsense' }));
    const goodUri = pathToFileURL(join(good, 'a.txt')).href;
    await open(c, goodUri, `${MODAL} You always do this to yourself.`);
    expect(codes(await c.waitFor(goodUri, (p) => p.version === 1))).toEqual(['generalising/always-never']);

    const badUri = pathToFileURL(join(bad, 'a.txt')).href;
    await open(c, badUri, MODAL);
    const p = await c.waitFor(badUri, (d) => d.version === 1);
    expect(codes(p)).toEqual([SETTINGS_CODE, 'directive/modal']);
    expect(p.diagnostics[0]!.message).toMatch(/profile/);
    expect(c.messages.some((m) => /profile/.test(m))).toBe(true);

    // Invalid editor settings: reported once, defaults used.
    const n = c.diagnostics.length;
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { peerspeak: { lang: 'xx' } } });
    const q = await c.waitFor(goodUri, (d) => c.diagnostics.indexOf(d) >= n);
    expect(codes(q)).toEqual([SETTINGS_CODE, 'generalising/always-never']);
    expect(q.diagnostics[0]!.message).toMatch(/unknown lang "xx"/);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { peerspeak: {} } });
    await c.waitFor(goodUri, (d) => codes(d).length === 1);
  });

  it('takes settings from initializationOptions and clears diagnostics on close', async () => {
    const c2 = await startClient({ peerspeak: { lang: 'sv' } });
    try {
      const uri = 'untitled:sv';
      await open(c2, uri, 'Du borde ringa din läkare.');
      expect(codes(await c2.waitFor(uri, (p) => p.version === 1))).toEqual(['directive/modal']);
      await c2.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await c2.waitFor(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
    } finally {
      await c2.connection.sendRequest('shutdown');
      c2.close();
    }
  });
});

describe('language server over stdio', () => {
  it('runs as a process: diagnostics, then shutdown and exit with code 0', async () => {
    // Bundle a stdio entry (the CLI's `peerspeak lsp --stdio` does the same) next to node_modules.
    // `ignoreAnnotations`: the package's "sideEffects" list names dist files, not src ones.
    const { build } = await import('esbuild');
    const out = join(root, 'node_modules', '.cache', 'peerspeak-lsp-test');
    mkdirSync(out, { recursive: true });
    const entry = join(out, 'entry.ts');
    writeFileSync(entry, `import { startServer } from ${JSON.stringify(join(root, 'src', 'lsp', 'server.ts'))};\nstartServer();\n`);
    await build({ entryPoints: [entry], outfile: join(out, 'server.mjs'), bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent', ignoreAnnotations: true });
    const child = spawn(process.execPath, [join(out, 'server.mjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
    connection.listen();
    const init: { serverInfo?: { name: string } } = await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    expect(init.serverInfo?.name).toBe('peerspeak');
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: { peerspeak: { lang: 'auto' } } });
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:x', languageId: 'plaintext', version: 1, text: `${MODAL}\n\nDu borde ringa din läkare.` } });
    expect(codes(await published)).toEqual(['directive/modal', 'directive/modal']);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited, stderr).toBe(0);
    connection.dispose();
  });
});

describe('editor settings', () => {
  it('a misspelt key is a problem with the key meant; an editor\'s own keys are ignored', () => {
    expect(parseClientSettings({ profle: 'chat', trace: { server: 'off' }, enable: true, Lang: 'sv' })).toEqual({
      settings: {},
      problems: ['peerspeak settings: unknown setting "profle" (did you mean "profile"?)', 'peerspeak settings: unknown setting "Lang" (did you mean "lang"?)'],
    });
    expect(parseClientSettings({ rulse: {}, alow: [] }).problems).toEqual([
      'peerspeak settings: unknown setting "rulse" (did you mean "rules"?)',
      'peerspeak settings: unknown setting "alow" (did you mean "allow"?)',
    ]);
    expect(parseClientSettings({ profile: 'chat' }).problems).toEqual([]);
  });
});

describe('workspace trust (issue 16, item 9)', () => {
  // A repository whose config names a JavaScript pack that would leave a mark if it ran, and a
  // JSON pack; both add a rule for "clients".
  const repo = mkdtempSync(join(tmpdir(), 'peerspeak-trust-'));
  const marker = join(repo, 'ran.txt');
  const rule = (id: string, word: string) => ({
    ...SERVICE_USER,
    id,
    match: [word],
    examples: { flag: [{ text: `Our ${word} meet on Fridays.` }], pass: ['We meet on Fridays.'] },
  });
  writeFileSync(
    join(repo, 'js-pack.cjs'),
    `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = ${JSON.stringify({ name: 'js', lang: 'en', rules: [rule('diagnostic/js-clients', 'clients')] })};\n`,
  );
  writeFileSync(join(repo, 'json-pack.json'), JSON.stringify({ name: 'json', lang: 'en', rules: [rule('diagnostic/json-patients', 'patients')] }));
  writeFileSync(join(repo, 'peerspeak.config.json'), JSON.stringify({ packs: ['./js-pack.cjs', './json-pack.json'] }));
  const uri = pathToFileURL(join(repo, 'a.txt')).href;
  const text = 'Our clients and our patients meet on Fridays.';
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('untrusted (the default): JSON packs load, JavaScript packs do not run, a warning says so', async () => {
    clearConfigCache();
    const c = await startClient();
    try {
      await open(c, uri, text);
      const p = await c.waitFor(uri, (d) => d.version === 1);
      expect(codes(p)).toEqual([UNTRUSTED_PACK_CODE, 'diagnostic/json-patients']);
      expect(p.diagnostics[0]!.severity).toBe(2);
      expect(p.diagnostics[0]!.message).toMatch(/packs\.0: "\.\/js-pack\.cjs" is JavaScript and was not loaded, because the workspace is not trusted/);
      expect(c.messages.some((m) => m.includes('js-pack.cjs'))).toBe(true);
      expect(existsSync(marker)).toBe(false);
    } finally {
      await c.connection.sendRequest('shutdown');
      c.close();
    }
  });

  it('trusted (initializationOptions.workspaceTrusted): JavaScript packs load too', async () => {
    clearConfigCache();
    const c = await startClient({ workspaceTrusted: true, peerspeak: {} });
    try {
      await open(c, uri, text);
      const p = await c.waitFor(uri, (d) => d.version === 1);
      expect(codes(p)).toEqual(['diagnostic/js-clients', 'diagnostic/json-patients']);
      expect(existsSync(marker)).toBe(true);
    } finally {
      await c.connection.sendRequest('shutdown');
      c.close();
      clearConfigCache();
    }
  });
});

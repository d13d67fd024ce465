/**
 * The language server stays responsive while a very large document is open.
 *
 * - Over `MAX_DOCUMENT_LENGTH` (a 10 MB document): not checked while editing. The document gets
 *   one information diagnostic saying so; requests on it and on other documents, and
 *   `shutdown`, are answered; an edit that brings it under the limit gets it checked.
 * - Under the limit but long (~200 KB, many sections, some seconds of analysis): analysed in slices, so a hover on a
 *   small document is answered while the long one is still being analysed, and the long one's
 *   diagnostics arrive in the end and equal a whole-document check.
 *
 * The assertions are about behaviour (what is answered, and in which order), not about time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument } from '../src/markdown/index.js';
import { MAX_DOCUMENT_LENGTH, TOO_LARGE_CODE } from '../src/lsp/server.js';
import { codeActions, hover, open as openAs, startClient as start, type Client } from './lsp-client.js';

/** Open a document, Markdown unless said otherwise. */
const open = (c: Client, uri: string, text: string, languageId = 'markdown') => openAs(c, uri, text, languageId);

const MODAL = 'You should call your doctor.';

const clients: Client[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

/** A client closed after each test; diagnostics may take long while the machine is busy. */
async function startClient(): Promise<Client> {
  const client = await start(undefined, { timeout: 25_000 });
  clients.push(client);
  return client;
}

/** Markdown of about `chars` characters: headings and varied paragraphs, so it has many sections. */
function longMarkdown(chars: number): string {
  const sentences = [
    MODAL,
    'I hear that this has been hard for you.',
    'You always do this to yourself.',
    'What would help you right now?',
    'Everyone should see a therapist.',
    'It sounds like you are depressed.',
    'When I felt like that, a walk helped me.',
  ];
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < chars; i++) {
    const p =
      i % 12 === 0
        ? `## Part ${i / 12 + 1}\n\n`
        : `Note ${i}: ${sentences[i % 7]} ${sentences[(i * 3 + 1) % 7]} ${sentences[(i * 5 + 2) % 7]}\n\n`;
    parts.push(p);
    n += p.length;
  }
  return parts.join('');
}

describe('the language server with a very large document open', () => {
  it('over the limit: one information diagnostic, no check, and every request is still answered', async () => {
    const c = await startClient();
    const huge = longMarkdown(10_000_000);
    expect(huge.length).toBeGreaterThan(MAX_DOCUMENT_LENGTH);
    await open(c, 'untitled:huge.md', huge);
    await open(c, 'untitled:small.txt', MODAL, 'plaintext'); // plain text: the chat profile by default

    // Requests on a small document are answered, with its findings.
    const h = await hover(c, 'untitled:small.txt', 0, 4);
    expect(JSON.stringify(h?.contents)).toContain('directive/modal');
    const actions = await codeActions(c, 'untitled:small.txt', 0);
    expect(actions.length).toBeGreaterThan(0);

    // The huge document gets exactly one diagnostic: it is too large to check while editing.
    const p = await c.waitFor('untitled:huge.md', (d) => d.version === 1);
    expect(p.diagnostics).toHaveLength(1);
    const [d] = p.diagnostics;
    expect(d!.code).toBe(TOO_LARGE_CODE);
    expect(d!.severity).toBe(DiagnosticSeverity.Information);
    expect(d!.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    expect(d!.message).toContain(MAX_DOCUMENT_LENGTH.toLocaleString('en'));
    expect(d!.message).toContain(huge.length.toLocaleString('en'));
    // Requests on it are answered too, with nothing (it was not checked).
    expect(await hover(c, 'untitled:huge.md', 2, 12)).toBeNull();
    expect(await codeActions(c, 'untitled:huge.md', 2)).toEqual([]);

    // An edit that brings it under the limit gets it checked.
    const doc = TextDocument.create('untitled:huge.md', 'markdown', 1, huge);
    const change = { range: { start: doc.positionAt(0), end: doc.positionAt(huge.length) }, text: `# Notes\n\nYou always do this to yourself.\n` }; // Markdown: training by default
    await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'untitled:huge.md', version: 2 }, contentChanges: [change] });
    const after = await c.waitFor('untitled:huge.md', (q) => q.version === 2);
    expect(after.diagnostics.map((x) => x.code)).toEqual(['generalising/always-never']);

    // And shutdown is answered.
    await expect(c.connection.sendRequest('shutdown')).resolves.toBeNull();
  }, 30_000);

  it('under the limit: analysed in slices, so another document is answered meanwhile; its diagnostics arrive in the end', async () => {
    const c = await startClient();
    const long = longMarkdown(200_000);
    expect(long.length).toBeLessThanOrEqual(MAX_DOCUMENT_LENGTH);
    await open(c, 'untitled:long.md', long);
    await open(c, 'untitled:small.txt', MODAL, 'plaintext'); // plain text: the chat profile by default
    // The small document's diagnostics come while the long one is still being analysed (the
    // long one was scheduled first), and so does the answer to a hover on the small one.
    await c.waitFor('untitled:small.txt', (d) => d.version === 1);
    const h = await hover(c, 'untitled:small.txt', 0, 4);
    expect(JSON.stringify(h?.contents)).toContain('directive/modal');
    const longDone = c.diagnostics.some((p) => p.uri === 'untitled:long.md');
    expect(longDone, 'the long document was analysed in one go, blocking the other requests').toBe(false);

    const p = await c.waitFor('untitled:long.md', (d) => d.version === 1);
    const doc = TextDocument.create('untitled:long.md', 'markdown', 1, long);
    const expected = checkDocument(long, { format: 'markdown' }).findings.map((f) => [f.ruleId, f.range[0], f.range[1]]);
    expect(expected.length).toBeGreaterThan(1_000);
    expect(p.diagnostics.map((d) => [d.code, doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)])).toEqual(expected);
  }, 30_000);

  it('shutdown is answered while a long document is being analysed, and the analysis stops', async () => {
    const c = await startClient();
    await open(c, 'untitled:long.md', longMarkdown(200_000));
    await open(c, 'untitled:small.txt', MODAL, 'plaintext'); // plain text: the chat profile by default
    await c.waitFor('untitled:small.txt', (d) => d.version === 1);
    await expect(c.connection.sendRequest('shutdown')).resolves.toBeNull();
    // Answered before the long document was done, and its analysis is dropped: nothing comes.
    expect(c.diagnostics.filter((p) => p.uri === 'untitled:long.md')).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(c.diagnostics.filter((p) => p.uri === 'untitled:long.md')).toEqual([]);
  }, 30_000);
});

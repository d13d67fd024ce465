/**
 * A language-server client for tests: the server runs in this process on in-memory streams
 * (`startServer(input, output)`), the client is a plain JSON-RPC connection. One home for the
 * harness the LSP tests share.
 */
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Hover,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { startServer } from '../src/lsp/server.js';

export interface Client {
  connection: MessageConnection;
  /** Every publishDiagnostics notification, in order. */
  diagnostics: PublishDiagnosticsParams[];
  /** Every window/showMessage text, in order. */
  messages: string[];
  /** The latest diagnostics of `uri` once `pred` holds for them (checked now and at each publication). */
  waitFor(uri: string, pred: (p: PublishDiagnosticsParams) => boolean, timeout?: number): Promise<PublishDiagnosticsParams>;
  close(): void;
}

/** Start a server and a client, and initialize (no client capabilities) with `initializationOptions`. */
export async function startClient(initializationOptions?: unknown, { timeout = 10_000 } = {}): Promise<Client> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = startServer(toServer, toClient);
  const connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const diagnostics: PublishDiagnosticsParams[] = [];
  const messages: string[] = [];
  const waiters = new Set<() => void>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.push(p);
    for (const w of [...waiters]) w();
  });
  connection.onNotification('window/showMessage', (p: { message: string }) => void messages.push(p.message));
  connection.onNotification('window/logMessage', () => {});
  connection.listen();
  await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    diagnostics,
    messages,
    waitFor(uri, pred, ms = timeout) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const last = diagnostics.filter((p) => p.uri === uri).at(-1);
          if (last && pred(last)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(last);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for diagnostics of ${uri}; last: ${JSON.stringify(diagnostics.filter((p) => p.uri === uri).at(-1))?.slice(0, 2000)}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    close() {
      connection.dispose();
      server.dispose();
    },
  };
}

/** Open a document (`textDocument/didOpen`). */
export function open(c: Client, uri: string, text: string, languageId = 'plaintext', version = 1): Promise<void> {
  return c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
}

/** The hover at a 0-based line and character. */
export function hover(c: Client, uri: string, line: number, character: number): Promise<Hover | null> {
  return c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
}

/** The code actions for the first five characters of a 0-based line, with no diagnostics in the context. */
export function codeActions(c: Client, uri: string, line: number): Promise<CodeAction[]> {
  return c.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line, character: 0 }, end: { line, character: 5 } },
    context: { diagnostics: [] },
  });
}

/** The codes of a publication's diagnostics, in order. */
export const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);

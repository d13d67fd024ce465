/**
 * The peerspeak language server: `peerspeak lsp --stdio`.
 *
 * Diagnostics while typing (debounced per document, stale runs dropped), quick fixes from the
 * ranked suggestions, and hovers with the why. Plain text and Markdown (languageId `markdown`
 * or a `.md`/`.markdown` file) with the same scopes and inline markers as the CLI.
 *
 * Settings, later ones winning: the defaults, the config file found upwards from the document
 * (`peerspeak.config.json`, `.peerspeakrc.json`, `package.json#peerspeak`, as for the CLI),
 * then the editor's `peerspeak` settings (`{ lang, profile, rules, allow }`) from
 * `initializationOptions` or `workspace/didChangeConfiguration`: `lang` and `profile` beat the
 * config file like command-line flags do, `rules` are merged over it and `allow` is added.
 *
 * Incremental: see `./analyze.ts`. One analyzer (one set of compiled checkers with their
 * sentence caches) per effective settings, shared by documents; per document, a cache of
 * section results. A long analysis gives the event loop back every {@link SLICE_MS} ms and
 * stops as soon as a newer version of the document arrives.
 *
 * A document longer than {@link MAX_DOCUMENT_LENGTH} characters is not checked while it is
 * that long: it gets one information diagnostic ({@link TOO_LARGE_CODE}) on its first line
 * saying so and how to check it with the CLI, and is checked again as soon as an edit brings it
 * under the limit. The editor stays responsive, and is not sent an unusable flood of
 * diagnostics (a 10 MB document would take about 40 s and give some 150,000 of them).
 *
 * This file holds the protocol state (documents, debounce, slices, stale runs); the rest is in
 * `settings.ts` (editor settings, effective settings per document), `diagnostics.ts` (what is
 * published), `actions.ts` (quick fixes, hover), `package-info.ts` (version, rule pages) and
 * `analyze.ts` (incremental analysis).
 * @module
 */
import { format as formatArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
// The core with every built-in language registered; first, so the config schema knows them all.
import '../all.js';
import { isMarkdownPath, type DocumentFinding } from '../markdown/index.js';
import { clearConfigCache, CONFIG_FILES } from '../config/index.js';
import { hoverAt, quickFixes, wantsQuickFixes } from './actions.js';
import { DocumentAnalyzer, type Format, type SectionCache } from './analyze.js';
import { findingDiagnostic, MAX_DOCUMENT_LENGTH, settingsDiagnostics, tooLargeDiagnostic, untrustedDiagnostics } from './diagnostics.js';
import { version } from './package-info.js';
import { documentSettings, parseClientSettings, section, type ClientSettings, type Settings } from './settings.js';
import { stripQueryAndFragment } from '../linear.js';

export { MAX_DOCUMENT_LENGTH, SETTINGS_CODE, TOO_LARGE_CODE, UNTRUSTED_PACK_CODE } from './diagnostics.js';
export { parseClientSettings, type ClientSettings } from './settings.js';

/**
 * Debounce after a change, per document.
 * @example
 * ```ts
 * import { DEBOUNCE_MS } from 'peerspeak/lsp';
 * await new Promise((r) => setTimeout(r, DEBOUNCE_MS + 50)); // diagnostics have been published
 * ```
 */
export const DEBOUNCE_MS = 100;
/**
 * Longest stretch of analysis before the event loop gets a turn.
 * @example
 * ```ts
 * import { SLICE_MS } from 'peerspeak/lsp';
 * console.log(`the server yields to the event loop every ${SLICE_MS} ms`);
 * ```
 */
export const SLICE_MS = 12;
interface Result {
  version: number;
  findings: DocumentFinding[];
}

interface DocState {
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every change and every run: a run whose number is no longer current stops. */
  generation: number;
  inflight: { version: number; promise: Promise<Result | null> } | undefined;
  result: Result | undefined;
  cache: SectionCache;
  cacheKey: string;
}

function filePathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

function formatOf(doc: TextDocument): Format {
  if (doc.languageId === 'markdown') return 'markdown';
  const path = stripQueryAndFragment(doc.uri);
  return isMarkdownPath(path) ? 'markdown' : 'text';
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The server's state and handlers. Created by {@link createServer}.
 * @example
 * ```ts
 * import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
 * import { createServer, type PeerspeakServer } from 'peerspeak/lsp';
 * const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
 * const server: PeerspeakServer = createServer(connection);
 * connection.listen();
 * ```
 */
export class PeerspeakServer {
  readonly documents = new TextDocuments(TextDocument);
  private readonly states = new Map<string, DocState>();
  private readonly analyzers = new Map<string, DocumentAnalyzer>();
  private readonly settingsByUri = new Map<string, Settings>();
  private readonly shownMessages = new Set<string>();
  /** Editor settings: from initializationOptions, then the latest pushed or pulled ones over them. */
  private client: ClientSettings = {};
  private initial: { settings: ClientSettings; problems: string[] } = { settings: {}, problems: [] };
  /** The client said the workspace is trusted (initialization option `workspaceTrusted`): JavaScript packs may load. */
  private trusted = false;
  private clientProblems: string[] = [];
  private configurationPull = false;
  private documentChanges = false;
  private dynamicConfig = false;
  private dynamicWatch = false;
  private shuttingDown = false;

  constructor(readonly connection: Connection) {
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onDidChangeConfiguration((params) => void this.configurationChanged(params.settings));
    connection.onDidChangeWatchedFiles(() => this.settingsChanged());
    connection.onCodeAction((params) => this.codeActions(params.textDocument.uri, params.range, params.context.only, params.context.diagnostics));
    connection.onHover((params) => this.hover(params.textDocument.uri, params.position));
    connection.onShutdown(() => this.shutdown());
    this.documents.onDidChangeContent((e) => this.changed(e.document));
    this.documents.onDidClose((e) => this.closed(e.document.uri));
    this.documents.listen(connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    this.configurationPull = !!caps.workspace?.configuration;
    this.documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    this.dynamicConfig = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    this.dynamicWatch = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.initial = parseClientSettings(section(params.initializationOptions));
    // Workspace trust, as editors define it: code from the repository (JavaScript packs named
    // in its config) runs only when the client says the workspace is trusted. Off by default.
    const init = params.initializationOptions as Record<string, unknown> | null | undefined;
    this.trusted = !!init && typeof init === 'object' && init['workspaceTrusted'] === true;
    this.setClientSettings(undefined);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
      },
      serverInfo: { name: 'peerspeak', version: version() },
    };
  }

  private async initialized(): Promise<void> {
    try {
      if (this.dynamicConfig) await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'peerspeak' });
      if (this.dynamicWatch) {
        await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: CONFIG_FILES.map((name) => ({ globPattern: `**/${name}` })),
        });
      }
      if (this.configurationPull) await this.pullConfiguration();
    } catch (e) {
      this.connection.console.error(`peerspeak: ${(e as Error).message}`);
    }
  }

  private async pullConfiguration(): Promise<void> {
    const raw: unknown = await this.connection.workspace.getConfiguration('peerspeak');
    this.setClientSettings(raw);
    this.settingsChanged();
  }

  private async configurationChanged(settings: unknown): Promise<void> {
    const raw = section(settings);
    if (raw === undefined && this.configurationPull) {
      try {
        await this.pullConfiguration();
      } catch (e) {
        this.connection.console.error(`peerspeak: workspace/configuration failed: ${(e as Error).message}`);
      }
      return;
    }
    this.setClientSettings(raw);
    this.settingsChanged();
  }

  private setClientSettings(raw: unknown): void {
    const { settings, problems } = parseClientSettings(raw);
    this.client = { ...this.initial.settings, ...settings };
    this.clientProblems = [...this.initial.problems, ...problems];
  }

  /** Settings or a config file changed: resolve again and re-check every open document. */
  private settingsChanged(): void {
    clearConfigCache();
    this.settingsByUri.clear();
    for (const doc of this.documents.all()) this.schedule(doc.uri, 0);
  }

  private showWarning(message: string): void {
    if (this.shownMessages.has(message)) return;
    this.shownMessages.add(message);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  }

  private showError(message: string): void {
    if (this.shownMessages.has(message)) return;
    this.shownMessages.add(message);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
  }

  /** Effective settings for a document: config file + editor settings, validated (see `documentSettings`). */
  private settingsFor(doc: TextDocument): Settings {
    const cached = this.settingsByUri.get(doc.uri);
    if (cached) return cached;
    const settings = documentSettings({
      file: filePathOf(doc.uri),
      format: formatOf(doc),
      client: this.client,
      clientProblems: this.clientProblems,
      trusted: this.trusted,
      analyzers: this.analyzers,
    });
    for (const p of settings.problems) this.showError(p);
    for (const p of settings.untrusted) this.showWarning(p);
    this.settingsByUri.set(doc.uri, settings);
    return settings;
  }

  private state(uri: string): DocState {
    let st = this.states.get(uri);
    if (!st) {
      st = { timer: undefined, generation: 0, inflight: undefined, result: undefined, cache: new Map(), cacheKey: '' };
      this.states.set(uri, st);
    }
    return st;
  }

  private changed(doc: TextDocument): void {
    // The first version (open) is checked at once; later versions after the debounce.
    const first = !this.states.has(doc.uri);
    this.schedule(doc.uri, first ? 0 : DEBOUNCE_MS);
  }

  private schedule(uri: string, delay: number): void {
    if (this.shuttingDown) return;
    const st = this.state(uri);
    if (st.timer) clearTimeout(st.timer);
    st.generation++;
    st.timer = setTimeout(() => {
      st.timer = undefined;
      void this.analyse(uri);
    }, delay);
  }

  private closed(uri: string): void {
    const st = this.states.get(uri);
    if (st) {
      if (st.timer) clearTimeout(st.timer);
      st.generation++;
      this.states.delete(uri);
    }
    this.settingsByUri.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private shutdown(): void {
    this.shuttingDown = true;
    for (const st of this.states.values()) {
      if (st.timer) clearTimeout(st.timer);
      st.generation++;
    }
  }

  /** Analyse the document's current version; null if a newer version or a close made it stale. */
  private analyse(uri: string): Promise<Result | null> {
    const doc = this.documents.get(uri);
    if (!doc || this.shuttingDown) return Promise.resolve(null);
    const st = this.state(uri);
    const gen = ++st.generation;
    const version = doc.version;
    const promise = this.runAnalysis(doc, st, gen);
    st.inflight = { version, promise };
    void promise.finally(() => {
      if (st.inflight?.promise === promise) st.inflight = undefined;
    });
    return promise;
  }

  private async runAnalysis(doc: TextDocument, st: DocState, gen: number): Promise<Result | null> {
    const version = doc.version;
    const text = doc.getText();
    const uri = doc.uri;
    const settings = this.settingsFor(doc);
    if (st.cacheKey !== settings.key) {
      st.cache = new Map();
      st.cacheKey = settings.key;
    }
    const stale = () => gen !== st.generation || this.states.get(uri) !== st || this.shuttingDown;
    if (text.length > MAX_DOCUMENT_LENGTH) {
      st.cache = new Map();
      if (stale()) return null;
      const result: Result = { version, findings: [] };
      st.result = result;
      const diagnostics = [...settingsDiagnostics(settings.problems), ...untrustedDiagnostics(settings.untrusted), tooLargeDiagnostic(text.length)];
      void this.connection.sendDiagnostics({ uri, version, diagnostics });
      return result;
    }
    let findings: DocumentFinding[];
    try {
      const steps = settings.analyzer.run(text, formatOf(doc), st.cache);
      let sliceStart = performance.now();
      for (;;) {
        const step = steps.next();
        if (step.done) {
          findings = step.value;
          break;
        }
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToEventLoop();
          if (stale()) {
            steps.return([]);
            return null;
          }
          sliceStart = performance.now();
        }
      }
    } catch (e) {
      const message = `peerspeak: internal error while checking ${uri}: ${(e as Error)?.message ?? String(e)}`;
      this.connection.console.error(`${message}\n${(e as Error)?.stack ?? ''}`);
      this.showError(message);
      return null;
    }
    if (stale() || this.documents.get(uri)?.version !== version) return null;
    const result: Result = { version, findings };
    st.result = result;
    const diagnostics = settingsDiagnostics(settings.problems).concat(
      untrustedDiagnostics(settings.untrusted),
      findings.map((f) => findingDiagnostic(doc, f)),
    );
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
    return result;
  }

  /** The result for the document's current version, analysing it now if needed. */
  private async freshResult(uri: string): Promise<{ doc: TextDocument; result: Result } | null> {
    for (let tries = 0; tries < 5; tries++) {
      const doc = this.documents.get(uri);
      if (!doc || this.shuttingDown) return null;
      const st = this.state(uri);
      if (st.result?.version === doc.version) return { doc, result: st.result };
      if (st.inflight?.version === doc.version) {
        await st.inflight.promise;
        continue;
      }
      if (st.timer) clearTimeout(st.timer);
      st.timer = undefined;
      await this.analyse(uri);
    }
    return null;
  }

  private async codeActions(uri: string, range: Range, only: string[] | undefined, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    if (!wantsQuickFixes(only)) return [];
    const fresh = await this.freshResult(uri);
    if (!fresh) return [];
    const { doc, result } = fresh;
    return quickFixes({ doc, version: result.version, documentChanges: this.documentChanges }, result.findings, range, diagnostics);
  }

  private async hover(uri: string, position: Position): Promise<Hover | null> {
    const fresh = await this.freshResult(uri);
    return fresh ? hoverAt(fresh.doc, fresh.result.findings, position) : null;
  }
}

/**
 * Register the server's handlers on a connection (the caller calls `connection.listen()`).
 * @example
 * ```ts
 * import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
 * import { createServer } from 'peerspeak/lsp';
 * // pass the streams: without them vscode-languageserver reads --socket/--pipe from argv
 * const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
 * createServer(connection);
 * connection.listen();
 * ```
 */
export function createServer(connection: Connection): PeerspeakServer {
  return new PeerspeakServer(connection);
}

/**
 * Start the server on streams (stdin/stdout by default) and listen. With stdio, the process
 * exits when stdin closes, and console output goes to stderr. The `exit` notification ends the
 * process (code 0 after `shutdown`, 1 without) whatever the streams: that is the protocol.
 * @example
 * ```ts
 * import { startServer } from 'peerspeak/lsp';
 * startServer(); // on stdin/stdout, like `peerspeak lsp --stdio`
 * ```
 */
export function startServer(input?: Readable, output?: Writable): Connection {
  let connection: Connection;
  if (!input && !output) {
    // Anything printed to stdout would corrupt the protocol stream.
    const toStderr = (...args: unknown[]) => void process.stderr.write(`${formatArgs(...args)}\n`);
    console.log = console.info = console.debug = console.warn = toStderr;
    connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  } else {
    // Streams given by the caller: no process exit when they end.
    connection = createConnection(ProposedFeatures.all, new StreamMessageReader(input ?? process.stdin), new StreamMessageWriter(output ?? process.stdout));
  }
  createServer(connection);
  connection.listen();
  return connection;
}

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
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format as formatArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MarkupKind,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
// The core with every built-in language registered; first, so the config schema knows them all.
import '../all.js';
import type { CheckerOptions, Severity } from '../all.js';
import { isMarkdownPath, type DocumentFinding } from '../markdown/index.js';
import { clearConfigCache, configFor, resolveOptions, CONFIG_FILES, type LoadedConfig, type SkippedPack } from '../config/index.js';
import { DocumentAnalyzer, type Format, type SectionCache } from './analyze.js';
import { defaultProfileFor } from '../default-profile.js';
import { stripQueryAndFragment } from '../linear.js';

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
/**
 * The code of a diagnostic about settings or a config file.
 * @example
 * ```ts
 * import { SETTINGS_CODE } from 'peerspeak/lsp';
 * const settingsProblems = diagnostics.filter((d) => d.code === SETTINGS_CODE);
 * ```
 */
export const SETTINGS_CODE = 'peerspeak/config';
/**
 * The longest document (in UTF-16 code units, as editors count) checked while editing; longer
 * ones get one {@link TOO_LARGE_CODE} information diagnostic instead.
 * @example
 * ```ts
 * import { MAX_DOCUMENT_LENGTH } from 'peerspeak/lsp';
 * if (text.length > MAX_DOCUMENT_LENGTH) console.log('not checked while editing: run `peerspeak <file>`');
 * ```
 */
export const MAX_DOCUMENT_LENGTH = 1_000_000;
/**
 * The code of the diagnostic on a document too long to check while editing.
 * @example
 * ```ts
 * import { TOO_LARGE_CODE } from 'peerspeak/lsp';
 * const tooLarge = diagnostics.some((d) => d.code === TOO_LARGE_CODE);
 * ```
 */
export const TOO_LARGE_CODE = 'peerspeak/too-large';

/**
 * The editor settings under the `peerspeak` section.
 * @example
 * ```ts
 * import type { ClientSettings } from 'peerspeak/lsp';
 * const settings: ClientSettings = { lang: 'auto', profile: 'chat', rules: { judging: 'error' } };
 * // sent by the editor as { peerspeak: settings } in workspace/didChangeConfiguration
 * ```
 */
export interface ClientSettings {
  lang?: string;
  profile?: string;
  rules?: Record<string, string>;
  allow?: string[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

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

interface Settings {
  analyzer: DocumentAnalyzer;
  key: string;
  problems: string[];
  /** JavaScript packs skipped because the workspace is not trusted. */
  untrusted: string[];
}

/**
 * The code of the warning on each document whose config names a JavaScript pack that was not
 * loaded because the workspace is not trusted (initialization option `workspaceTrusted`).
 * @example
 * ```ts
 * import { UNTRUSTED_PACK_CODE } from 'peerspeak/lsp';
 * const skipped = diagnostics.filter((d) => d.code === UNTRUSTED_PACK_CODE);
 * ```
 */
export const UNTRUSTED_PACK_CODE = 'peerspeak/untrusted-pack';

function untrustedPackMessage(configFile: string, p: SkippedPack): string {
  return `peerspeak: ${configFile}: packs.${p.index}: "${p.ref}" is JavaScript and was not loaded, because the workspace is not trusted (JSON packs always load; trust the workspace, or give the pack as JSON)`;
}

/**
 * Pick the known keys of an editor settings object; wrong types are reported, not fatal.
 * @example
 * ```ts
 * import { parseClientSettings } from 'peerspeak/lsp';
 * parseClientSettings({ profile: 'chat', allow: 'x' });
 * // { settings: { profile: 'chat' }, problems: ['peerspeak settings: allow: expected an array of phrases'] }
 * ```
 */
export function parseClientSettings(raw: unknown): { settings: ClientSettings; problems: string[] } {
  const settings: ClientSettings = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, problems: ['peerspeak settings: expected an object'] };
  const o = raw as Record<string, unknown>;
  // A typo would silently configure nothing; other keys (an editor's own, such as `trace`) are fine.
  for (const key of Object.keys(o)) {
    if (SETTING_KEYS.includes(key)) continue;
    const meant = SETTING_KEYS.find((k) => closeTo(key, k));
    if (meant) problems.push(`peerspeak settings: unknown setting "${key}" (did you mean "${meant}"?)`);
  }
  for (const key of ['lang', 'profile'] as const) {
    const v = o[key];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'string') settings[key] = v;
    else problems.push(`peerspeak settings: ${key}: expected a string`);
  }
  if (o['rules'] !== undefined && o['rules'] !== null) {
    const r = o['rules'];
    if (typeof r === 'object' && !Array.isArray(r) &&
      Object.values(r as object).every((v) => typeof v === 'string')) settings.rules = { ...(r as Record<string, string>) };
    else problems.push('peerspeak settings: rules: expected an object of rule id → off | hint | info | warning | error');
  }
  if (o['allow'] !== undefined && o['allow'] !== null) {
    const a = o['allow'];
    if (Array.isArray(a) && a.every((v) => typeof v === 'string')) settings.allow = a.filter((v) => v.length > 0);
    else problems.push('peerspeak settings: allow: expected an array of phrases');
  }
  return { settings, problems };
}

const SETTING_KEYS = ['lang', 'profile', 'rules', 'allow'];

/** One edit apart (a letter missing, extra, changed or two swapped), case aside. */
function closeTo(a: string, b: string): boolean {
  a = a.toLowerCase();
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const rest = (x: string, y: string) => x === y;
  return (
    rest(a.slice(i + 1), b.slice(i + 1)) || // changed
    rest(a.slice(i), b.slice(i + 1)) || // missing in a
    rest(a.slice(i + 1), b.slice(i)) || // extra in a
    (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a.slice(i + 2), b.slice(i + 2))) // swapped
  );
}

/** The `peerspeak` section of a settings object, or the object itself when it holds the keys directly. */
function section(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  if ('peerspeak' in o) return o['peerspeak'];
  return ['lang', 'profile', 'rules', 'allow'].some((k) => k in o) ? o : undefined;
}

function untrustedDiagnostics(messages: string[]): Diagnostic[] {
  return messages.map((message) => ({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: UNTRUSTED_PACK_CODE,
    source: 'peerspeak',
    message,
  }));
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

let rootCache: string | null | undefined;
/** The peerspeak package root (for the version and the rule docs), from this module's location. */
function packageRoot(): string | null {
  if (rootCache !== undefined) return rootCache;
  rootCache = null;
  try {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 5; i++) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'peerspeak') return (rootCache = dir);
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  } catch {
    // No package root: no version, no doc links.
  }
  return rootCache;
}

function version(): string {
  const root = packageRoot();
  try {
    return root ? (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const docLinks = new Map<string, string | null>();
/** `docs/rules/<id>.md` of the package, as a file URL, when it exists. */
function docLink(ruleId: string): string | null {
  let link = docLinks.get(ruleId);
  if (link === undefined) {
    const root = packageRoot();
    const file = root && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(ruleId) ? join(root, 'docs', 'rules', `${ruleId}.md`) : null;
    link = file && existsSync(file) ? pathToFileURL(file).href : null;
    docLinks.set(ruleId, link);
  }
  return link;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function overlaps(f: DocumentFinding, start: number, end: number): boolean {
  if (start === end) return f.range[0] <= start && start <= f.range[1];
  return f.range[0] < end && start < f.range[1];
}

/** The information diagnostic on a document longer than {@link MAX_DOCUMENT_LENGTH}. */
function tooLargeDiagnostic(length: number): Diagnostic {
  const n = (x: number) => x.toLocaleString('en');
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: TOO_LARGE_CODE,
    source: 'peerspeak',
    message:
      `peerspeak does not check this document while editing: it has ${n(length)} characters, more than the limit of ${n(MAX_DOCUMENT_LENGTH)}. ` +
      'It is checked again when it is shorter; to check it as it is, run `peerspeak <file>` on the command line.',
  };
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

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

  /** Effective settings for a document: config file + editor settings, validated. */
  private settingsFor(doc: TextDocument): Settings {
    const cached = this.settingsByUri.get(doc.uri);
    if (cached) return cached;
    const problems = [...this.clientProblems];
    const untrusted: string[] = [];
    const file = filePathOf(doc.uri);
    let loaded: LoadedConfig | null = null;
    if (file) {
      try {
        loaded = configFor(file, { trustCode: this.trusted });
        for (const p of loaded?.skippedPacks ?? []) untrusted.push(untrustedPackMessage(loaded!.filePath, p));
      } catch (e) {
        problems.push(`peerspeak: ${(e as Error).message} (checking with the editor settings and defaults)`);
      }
    }
    const client = this.client;
    const build = (useClient: boolean, useConfig: boolean): { options: CheckerOptions; key: string } => {
      const cfg = useConfig ? loaded : null;
      const defaultProfile = defaultProfileFor(formatOf(doc));
      const resolved = resolveOptions(cfg, file, useClient ? { lang: client.lang, profile: client.profile, defaultProfile } : { defaultProfile });
      const options: CheckerOptions = { ...resolved };
      if (useClient && client.rules) options.rules = { ...(resolved.rules ?? {}), ...client.rules };
      if (useClient && client.allow?.length) options.allow = [...(resolved.allow ?? []), ...client.allow];
      const key = JSON.stringify([cfg?.filePath ?? null, { ...options, packs: undefined }]);
      return { options, key };
    };
    let settings: Settings | null = null;
    for (const [useClient, useConfig] of [
      [true, true],
      [false, true],
      [false, false],
    ] as const) {
      const { options, key } = build(useClient, useConfig);
      try {
        let analyzer = this.analyzers.get(key);
        if (!analyzer) this.analyzers.set(key, (analyzer = new DocumentAnalyzer(options)));
        settings = { analyzer, key, problems, untrusted };
        break;
      } catch (e) {
        const what = useClient ? 'the editor settings' : 'the config file';
        problems.push(`peerspeak: invalid settings (${what}): ${(e as Error).message.replace(/^peerspeak: /, '')}`);
      }
    }
    // The defaults always build; the fallback is only for the type checker.
    settings ??= { analyzer: new DocumentAnalyzer({}), key: '[]', problems, untrusted };
    for (const p of problems) this.showError(p);
    for (const p of untrusted) this.showWarning(p);
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
      const diagnostics = [...this.settingsDiagnostics(settings.problems), ...untrustedDiagnostics(settings.untrusted), tooLargeDiagnostic(text.length)];
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
    const diagnostics = this.settingsDiagnostics(settings.problems).concat(
      untrustedDiagnostics(settings.untrusted),
      findings.map((f) => this.diagnostic(doc, f)),
    );
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
    return result;
  }

  private settingsDiagnostics(problems: string[]): Diagnostic[] {
    if (!problems.length) return [];
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Error,
        code: SETTINGS_CODE,
        source: 'peerspeak',
        message: problems.join('\n'),
      },
    ];
  }

  private diagnostic(doc: TextDocument, f: DocumentFinding): Diagnostic {
    const range: Range = { start: doc.positionAt(f.range[0]), end: doc.positionAt(f.range[1]) };
    const d: Diagnostic = {
      range,
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      source: 'peerspeak',
      message: f.message,
    };
    const href = docLink(f.ruleId);
    if (href) d.codeDescription = { href };
    if (f.note) d.relatedInformation = [{ location: { uri: doc.uri, range }, message: f.note }];
    return d;
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
    if (only && !only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
    const fresh = await this.freshResult(uri);
    if (!fresh) return [];
    const { doc, result } = fresh;
    const start = doc.offsetAt(range.start);
    const end = doc.offsetAt(range.end);
    const actions: CodeAction[] = [];
    for (const f of result.findings) {
      if (!f.suggestions.length || !overlaps(f, start, end)) continue;
      const diag =
        diagnostics.find((d) => d.code === f.ruleId && doc.offsetAt(d.range.start) === f.range[0] && doc.offsetAt(d.range.end) === f.range[1]) ??
          this.diagnostic(doc, f);
      f.suggestions.forEach((s, i) => {
        const editRange: Range = { start: doc.positionAt(s.range[0]), end: doc.positionAt(s.range[1]) };
        const textEdit = { range: editRange, newText: s.text };
        const edit: WorkspaceEdit = this.documentChanges
          ? { documentChanges: [{ textDocument: { uri, version: result.version }, edits: [textEdit] }] }
          : { changes: { [uri]: [textEdit] } };
        actions.push({
          title: s.text ? `${s.label}: “${clip(s.text, 80)}”` : s.label,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          isPreferred: i === 0,
          edit,
        });
      });
    }
    return actions;
  }

  private async hover(uri: string, position: Position): Promise<Hover | null> {
    const fresh = await this.freshResult(uri);
    if (!fresh) return null;
    const { doc, result } = fresh;
    const at = doc.offsetAt(position);
    const hits = result.findings.filter((f) => f.range[0] <= at && at < f.range[1]);
    if (!hits.length) return null;
    const parts = hits.map((f) => {
      const lines = [`**${f.message}** \`${f.ruleId}\``];
      if (f.note) lines.push('', f.note);
      if (f.suggestions.length) {
        lines.push('', ...f.suggestions.map((s, i) => `${i + 1}. *${s.label}*${s.text ? `: ${s.text}` : ''}`));
      }
      return lines.join('\n');
    });
    const first = hits[0]!;
    return {
      contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
      range: { start: doc.positionAt(first.range[0]), end: doc.positionAt(first.range[1]) },
    };
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

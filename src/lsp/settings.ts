/**
 * The editor's `peerspeak` settings (`{ lang, profile, rules, allow }`), from
 * `initializationOptions` or `workspace/didChangeConfiguration`: picked and checked, a wrong
 * type or a misspelt key reported rather than fatal.
 * @module
 */
import type { CheckerOptions } from '../all.js';
import { configFor, resolveOptions, type LoadedConfig } from '../config/index.js';
import { defaultProfileFor } from '../default-profile.js';
import { DocumentAnalyzer, type Format } from './analyze.js';
import { untrustedPackMessage } from './diagnostics.js';

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
export function section(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  if ('peerspeak' in o) return o['peerspeak'];
  return ['lang', 'profile', 'rules', 'allow'].some((k) => k in o) ? o : undefined;
}

/** What a document is checked with. */
export interface Settings {
  analyzer: DocumentAnalyzer;
  /** The effective options as a string: documents with the same key share the analyzer and its caches. */
  key: string;
  problems: string[];
  /** JavaScript packs skipped because the workspace is not trusted. */
  untrusted: string[];
}

/** What the effective settings of one document depend on. */
export interface SettingsInput {
  /** The document's file, or null for an unsaved one (no config file then). */
  file: string | null;
  format: Format;
  client: ClientSettings;
  clientProblems: string[];
  /** JavaScript packs may load (the workspace is trusted). */
  trusted: boolean;
  /** Analyzers by settings key, shared between documents; a new one is added here. */
  analyzers: Map<string, DocumentAnalyzer>;
}

/**
 * The effective settings of a document: the config file found upwards from it, then the editor
 * settings over it. When they do not build, the config file alone, then the defaults; each
 * failure becomes a problem reported on the document.
 */
export function documentSettings({ file, format, client, clientProblems, trusted, analyzers }: SettingsInput): Settings {
  const problems = [...clientProblems];
  const untrusted: string[] = [];
  let loaded: LoadedConfig | null = null;
  if (file) {
    try {
      loaded = configFor(file, { trustCode: trusted });
      for (const p of loaded?.skippedPacks ?? []) untrusted.push(untrustedPackMessage(loaded!.filePath, p));
    } catch (e) {
      problems.push(`peerspeak: ${(e as Error).message} (checking with the editor settings and defaults)`);
    }
  }
  const build = (useClient: boolean, useConfig: boolean): { options: CheckerOptions; key: string } => {
    const cfg = useConfig ? loaded : null;
    const defaultProfile = defaultProfileFor(format);
    const resolved = resolveOptions(cfg, file, useClient ? { lang: client.lang, profile: client.profile, defaultProfile } : { defaultProfile });
    const options: CheckerOptions = { ...resolved };
    if (useClient && client.rules) options.rules = { ...(resolved.rules ?? {}), ...client.rules };
    if (useClient && client.allow?.length) options.allow = [...(resolved.allow ?? []), ...client.allow];
    const key = JSON.stringify([cfg?.filePath ?? null, { ...options, packs: undefined }]);
    return { options, key };
  };
  for (const [useClient, useConfig] of [
    [true, true],
    [false, true],
    [false, false],
  ] as const) {
    const { options, key } = build(useClient, useConfig);
    try {
      let analyzer = analyzers.get(key);
      if (!analyzer) analyzers.set(key, (analyzer = new DocumentAnalyzer(options)));
      return { analyzer, key, problems, untrusted };
    } catch (e) {
      const what = useClient ? 'the editor settings' : 'the config file';
      problems.push(`peerspeak: invalid settings (${what}): ${(e as Error).message.replace(/^peerspeak: /, '')}`);
    }
  }
  // The defaults always build; the fallback is only for the type checker.
  return { analyzer: new DocumentAnalyzer({}), key: '[]', problems, untrusted };
}

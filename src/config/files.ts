/**
 * Config files on disk: finding the one that applies to a file (upwards from its directory),
 * reading and validating it, and loading the packs it names (JavaScript packs only when code
 * is trusted). Cached by path; `clearFileCaches` forgets them.
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, isAbsolute, join, parse as parsePath, relative, resolve, sep } from 'node:path';
import { CATEGORIES, enPack, PackError, validatePack, type RuleKey } from '../index.js';
import { joinPath, typeName as kind, unknownRuleKey } from '../schema.js';
import { ConfigError, expectString, validateConfig, type Config } from './schema.js';

/**
 * Config file names, in the order they are looked for within one directory.
 * @example
 * ```ts
 * import { CONFIG_FILES } from 'peerspeak/config';
 * CONFIG_FILES[0]; // 'peerspeak.config.json'
 * ```
 */
export const CONFIG_FILES = ['peerspeak.config.json', '.peerspeakrc.json', 'package.json'] as const;

/**
 * A loaded, validated config file.
 * @example
 * ```ts
 * import { configFor, type LoadedConfig } from 'peerspeak/config';
 * const loaded: LoadedConfig | null = configFor('/repo/docs/guide.md');
 * loaded?.filePath; // '/repo/peerspeak.config.json'
 * ```
 */
export interface LoadedConfig {
  /** Absolute path of the file the config came from. */
  filePath: string;
  /** Its directory: the base of relative `packs` and `overrides` globs. */
  dir: string;
  config: Config;
  /** The rule packs named by `packs`, loaded and validated. */
  packs: unknown[];
  /**
   * JavaScript packs not loaded because `trustCode` was false (a language server in an
   * untrusted workspace): their index in `packs`, the name given and the file. Empty otherwise.
   */
  skippedPacks: SkippedPack[];
}

/**
 * A JavaScript pack that was not loaded because its code is not trusted.
 * @example
 * ```ts
 * import { loadConfigFile, type SkippedPack } from 'peerspeak/config';
 * const skipped: SkippedPack[] = loadConfigFile('peerspeak.config.json', { trustCode: false }).skippedPacks;
 * ```
 */
export interface SkippedPack {
  index: number;
  ref: string;
  file: string;
}

/**
 * How config files are loaded.
 * @example
 * ```ts
 * import { configFor, type LoadOptions } from 'peerspeak/config';
 * const options: LoadOptions = { trustCode: workspaceIsTrusted };
 * configFor('/repo/docs/guide.md', options);
 * ```
 */
export interface LoadOptions {
  /**
   * Load packs that are JavaScript (`.js`, `.cjs`, `.mjs`, a package whose main is code), which
   * runs their code. Default `true` (the CLI: you run it on your own repository). A language
   * server passes the editor's workspace trust: `false` loads only JSON packs and lists the
   * others in `skippedPacks`.
   */
  trustCode?: boolean;
}

function display(file: string): string {
  const rel = relative(process.cwd(), file);
  return (rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file).split(sep).join('/');
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${display(file)}: cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, file);
  }
  const source = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(source);
  } catch (e) {
    throw new ConfigError(jsonErrorMessage(display(file), source, (e as Error).message), file);
  }
}

/**
 * `file: line L, column C: invalid JSON: reason` from V8's message, which gives only a character
 * offset ("… in JSON at position 42"), or `Unexpected end of JSON input` (the end of the text).
 * @example
 * ```ts
 * import { jsonErrorMessage } from 'peerspeak/config';
 * const source = '{\n  "profile": "chat",\n}';
 * try { JSON.parse(source); } catch (e) {
 *   jsonErrorMessage('peerspeak.config.json', source, (e as Error).message);
 *   // 'peerspeak.config.json: line 3, column 1: invalid JSON: Expected double-quoted property name'
 * }
 * ```
 */
export function jsonErrorMessage(file: string, source: string, message: string): string {
  // indexOf, not a regex: the message can hold a slice of the file (the ReDoS check).
  const marker = ' in JSON at position ';
  const i = message.indexOf(marker);
  let digits = i >= 0 ? i + marker.length : -1;
  let end = digits;
  while (end >= 0 && end < message.length && message.charCodeAt(end) >= 48 && message.charCodeAt(end) <= 57) end++;
  if (end === digits) digits = -1;
  const at = digits >= 0 ? Number(message.slice(digits, end)) : message.includes('end of JSON input') ? source.length : -1;
  // Newer V8 adds " (line L column C)" after the position: the message's own reason is before it.
  let reason = digits >= 0 ? message.slice(0, i) : message;
  if (reason.startsWith('SyntaxError: ')) reason = reason.slice('SyntaxError: '.length);
  if (at < 0) return `${file}: invalid JSON: ${reason}`;
  let line = 1;
  let column = 1;
  for (let i = 0; i < at && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return `${file}: line ${line}, column ${column}: invalid JSON: ${reason}`;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

const packageKeyCache = new Map<string, boolean>();
function packageJsonHasKey(file: string): boolean {
  let has = packageKeyCache.get(file);
  if (has === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      has = !!pkg && typeof pkg === 'object' && 'peerspeak' in pkg;
    } catch {
      // A package.json that is not JSON is not ours to report.
      has = false;
    }
    packageKeyCache.set(file, has);
  }
  return has;
}

const YAML_CONFIG_FILES = ['peerspeak.config.yml', 'peerspeak.config.yaml', '.peerspeakrc.yml', '.peerspeakrc.yaml', '.peerspeakrc'];
const yamlMessage = (p: string) => `${display(p)}: YAML (or extension-less) config files are not supported: write it as JSON in peerspeak.config.json or .peerspeakrc.json`;

/**
 * The config file that applies to files in `dir`, or null. Stops at the file-system root.
 * @example
 * ```ts
 * import { findConfigFile } from 'peerspeak/config';
 * findConfigFile('/repo/docs'); // '/repo/peerspeak.config.json', or null
 * ```
 */
export function findConfigFile(dir: string): string | null {
  expectString(dir, 'findConfigFile(dir)', 'dir', 'a directory');
  let here = resolve(dir);
  const { root } = parsePath(here);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const p = join(here, name);
      if (!isFile(p)) continue;
      if (name === 'package.json' && !packageJsonHasKey(p)) continue;
      return p;
    }
    // A YAML config would otherwise be ignored without a word.
    for (const name of YAML_CONFIG_FILES) {
      const p = join(here, name);
      if (isFile(p)) throw new ConfigError(yamlMessage(p), p);
    }
    if (here === root) return null;
    const up = dirname(here);
    if (up === here) return null;
    here = up;
  }
}

const SKIPPED = Symbol('skipped');

function loadPack(ref: string, index: number, configFile: string, dir: string, trustCode: boolean): unknown {
  const where = display(configFile);
  let file: string;
  if (ref.startsWith('.') || isAbsolute(ref)) {
    file = resolve(dir, ref);
    if (!isFile(file)) throw new ConfigError(`${where}: packs.${index}: cannot find pack file "${ref}" (looked for ${display(file)})`, configFile);
  } else if (isBuiltin(ref)) {
    throw new ConfigError(`${where}: packs.${index}: "${ref}" is a Node.js built-in module, not a rule pack`, configFile);
  } else {
    try {
      file = createRequire(join(dir, '__peerspeak__.js')).resolve(ref);
    } catch {
      throw new ConfigError(`${where}: packs.${index}: cannot find pack package "${ref}" from ${display(dir) || '.'}`, configFile);
    }
  }
  let pack: unknown;
  if (/\.json$/i.test(file)) pack = readJson(file, 'pack');
  else if (!trustCode) return SKIPPED;
  else {
    try {
      const mod = createRequire(file)(file) as { default?: unknown };
      pack = mod && typeof mod === 'object' && 'default' in mod ? mod.default : mod;
    } catch (e) {
      throw new ConfigError(`${where}: packs.${index}: ${display(file)}: cannot load pack: ${(e as Error).message.split('\n')[0]}`, file);
    }
  }
  try {
    validatePack(pack, display(file));
  } catch (e) {
    if (e instanceof PackError) {
      throw new ConfigError(`${display(file)}: ${e.problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ')}`, file);
    }
    throw e;
  }
  return pack;
}

/**
 * A typo in `rules` would silently configure nothing: refuse unknown concept ids by name, as
 * the library does. Known: the concept ids of the built-in English pack (the same ids in every
 * language) and of the config's packs, the categories, category/* and `peerspeak/…`.
 */
function checkRuleKeys(config: Config, packs: unknown[], filePath: string, root: string): void {
  const maps: Array<[string, Record<string, string>]> = [];
  if (config.rules) maps.push(['rules', config.rules]);
  config.overrides?.forEach((o, i) => o.rules && maps.push([`overrides.${i}.rules`, o.rules]));
  if (!maps.length) return;
  const known = new Set<string>(CATEGORIES);
  for (const pack of [enPack, ...packs]) for (const r of (pack as { rules: Array<{ id: string }> }).rules) known.add(r.id);
  for (const [path, rules] of maps) {
    for (const key of Object.keys(rules)) {
      const category = key.split('/')[0]!;
      if (known.has(key) || (key.endsWith('/*') && known.has(category)) || category === 'peerspeak') continue;
      throw new ConfigError(`${display(filePath)}: ${joinPath(root, `${path}.${key}`)}: ${unknownRuleKey(key, known)}`, filePath);
    }
  }
}

const loadedCache = new Map<string, LoadedConfig>();

/**
 * Load and validate one config file (cached by path). Throws ConfigError.
 * @example
 * ```ts
 * import { loadConfigFile } from 'peerspeak/config';
 * const { config, packs } = loadConfigFile('/repo/peerspeak.config.json');
 * ```
 */
export function loadConfigFile(file: string, options: LoadOptions = {}): LoadedConfig {
  expectString(file, 'loadConfigFile(file)', 'file', 'the path of a config file');
  const trustCode = trustOf(options, 'loadConfigFile(file, options)');
  const filePath = resolve(file);
  const cacheKey = `${trustCode ? 'trusted' : 'untrusted'}\0${filePath}`;
  const cached = loadedCache.get(cacheKey);
  if (cached) return cached;
  if (/\.ya?ml$/i.test(filePath)) throw new ConfigError(yamlMessage(filePath), filePath);
  const raw = readJson(filePath, 'config');
  const isPkg = /(^|[\\/])package\.json$/.test(filePath);
  let input = raw;
  if (isPkg) {
    if (!raw || typeof raw !== 'object' || !('peerspeak' in raw)) {
      throw new ConfigError(`${display(filePath)}: has no "peerspeak" key`, filePath);
    }
    input = (raw as Record<string, unknown>)['peerspeak'];
  }
  const config = validateConfig(input, display(filePath), isPkg ? 'peerspeak' : '');
  const dir = dirname(filePath);
  const packs: unknown[] = [];
  const skippedPacks: SkippedPack[] = [];
  (config.packs ?? []).forEach((ref, i) => {
    const pack = loadPack(ref, i, filePath, dir, trustCode);
    if (pack === SKIPPED) skippedPacks.push({ index: i, ref, file: resolvePackFile(ref, dir) });
    else packs.push(pack);
  });
  // Ids of a skipped pack cannot be known: its rules keys are left to the checker.
  if (!skippedPacks.length) checkRuleKeys(config, packs, filePath, isPkg ? 'peerspeak' : '');
  const loaded: LoadedConfig = { filePath, dir, config, packs, skippedPacks };
  loadedCache.set(cacheKey, loaded);
  return loaded;
}

function resolvePackFile(ref: string, dir: string): string {
  if (ref.startsWith('.') || isAbsolute(ref)) return resolve(dir, ref);
  try {
    return createRequire(join(dir, '__peerspeak__.js')).resolve(ref);
  } catch {
    return ref;
  }
}

function trustOf(options: unknown, fn: string): boolean {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`peerspeak/config: ${fn}: expected \`options\` to be an object { trustCode? }, got ${kind(options)}`);
  }
  const t = (options as LoadOptions).trustCode;
  if (t !== undefined && typeof t !== 'boolean') {
    throw new TypeError(`peerspeak/config: ${fn}: expected \`options.trustCode\` to be true or false, got ${kind(t)}`);
  }
  return t !== false;
}

const dirCache = new Map<string, string | null>();

/**
 * The loaded config that applies to `file` (discovered upwards from its directory), or null.
 * @example
 * ```ts
 * import { configFor, resolveOptions } from 'peerspeak/config';
 * import { checkDocument } from 'peerspeak/markdown';
 * const file = '/repo/docs/guide.md';
 * checkDocument(source, { ...resolveOptions(configFor(file), file), format: 'markdown' });
 * ```
 */
export function configFor(file: string, options: LoadOptions = {}): LoadedConfig | null {
  expectString(file, 'configFor(file)', 'file', 'the path of the checked file');
  trustOf(options, 'configFor(file, options)');
  const dir = dirname(resolve(file));
  let found = dirCache.get(dir);
  if (found === undefined) dirCache.set(dir, (found = findConfigFile(dir)));
  return found ? loadConfigFile(found, options) : null;
}


/** Forget every config file and pack read so far. */
export function clearFileCaches(): void {
  loadedCache.clear();
  dirCache.clear();
  packageKeyCache.clear();
}

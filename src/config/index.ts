/**
 * Config files for the CLI and other Node tools: `peerspeak/config` (Node only).
 *
 * A config is the first of `peerspeak.config.json`, `.peerspeakrc.json` or the `peerspeak` key
 * of `package.json`, looked up from the checked file's directory upwards to the file-system
 * root; the nearest directory that has one wins (in that order within one directory).
 *
 * ```json
 * {
 *   "$schema": "./node_modules/peerspeak/schema.json",
 *   "lang": "en",
 *   "profile": "training",
 *   "rules": { "generalising/always-never": "info", "peerspeak/unused-directive": "off" },
 *   "allow": ["you should see the view"],
 *   "roleLimits": { "resources": ["Crisis line: 000 000"] },
 *   "packs": ["./our-pack.json", "peerspeak-pack-example"],
 *   "overrides": [{ "files": ["sv/**"], "lang": "sv" }]
 * }
 * ```
 *
 * `overrides[].files` are globs relative to the config file's directory; a glob without a `/`
 * matches the file name in any directory (`*.txt`). Later overrides win; their `rules` are
 * merged over the top-level ones and their `allow` phrases are added.
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, isAbsolute, join, parse as parsePath, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import * as z from 'zod/mini';
import { CATEGORIES, enPack, languages, PackError, PROFILES, validatePack, type CheckerOptions, type LangOption, type Profile, type RuleKey, type RuleLevel, type Schema } from '../index.js';
import { described, joinPath, RoleLimitsSchema, RulesMapSchema, typeName as kind, unknownRuleKey, validate } from '../schema.js';

/**
 * Config file names, in the order they are looked for within one directory.
 * @example
 * ```ts
 * import { CONFIG_FILES } from 'peerspeak/config';
 * CONFIG_FILES[0]; // 'peerspeak.config.json'
 * ```
 */
export const CONFIG_FILES = ['peerspeak.config.json', '.peerspeakrc.json', 'package.json'] as const;

// The built-in languages are valid in a config even before their packs are loaded (the CLI
// loads them all; a library user imports 'peerspeak/rules/sv' where needed).
const LANGS = [...new Set(['en', 'sv', 'da', ...languages()]), 'auto'] as unknown as [string, ...string[]];
const LangSchema = described(z.enum(LANGS, `expected one of ${LANGS.join(', ')}`), 'Language of the checked text; `auto` detects it per paragraph.');
const ProfileSchema = described(
  z.enum(PROFILES, `expected one of ${PROFILES.join(', ')}`),
  '`chat`, `training` (directive rules off: instructions to trainees are normal) or `strict` (hints too).',
);
const Phrases = described(z.array(z.string().check(z.minLength(1, 'expected a non-empty phrase'))), 'Phrases never to flag (case-insensitive).');
const glob = () => z.string().check(z.minLength(1, 'expected a non-empty glob'));
const Globs = described(
  z.union([glob(), z.array(glob()).check(z.minLength(1, 'expected at least one glob'))], 'expected a glob or a list of globs'),
  'Globs relative to the config file; a glob without "/" matches the file name anywhere.',
);

/**
 * The shape of one entry of `overrides`: globs and the settings for the files they match.
 * @example
 * ```ts
 * import { OverrideSchema } from 'peerspeak/config';
 * OverrideSchema.parse({ files: ['sv/**'], lang: 'sv' });
 * ```
 */
const OverrideZod = z.strictObject({
  files: Globs,
  lang: z.optional(LangSchema),
  profile: z.optional(ProfileSchema),
  rules: described(z.optional(RulesMapSchema), 'Concept id, category or `category/*` → level.'),
  allow: z.optional(Phrases),
});

/**
 * The shape of `peerspeak.config.json`. The shipped `schema.json` is generated from it.
 * @example
 * ```ts
 * import { ConfigSchema } from 'peerspeak/config';
 * const result = ConfigSchema.safeParse({ profile: 'training', rules: { judging: 'error' } });
 * result.success; // true
 * ```
 */
const ConfigZod = z.strictObject({
  $schema: z.optional(z.string()),
  lang: z.optional(LangSchema),
  profile: z.optional(ProfileSchema),
  packs: described(
    z.optional(z.array(z.string().check(z.minLength(1, 'expected a path or a package name')))),
    'Extra rule packs: paths relative to this config file, or package names resolved from it.',
  ),
  rules: described(
    z.optional(RulesMapSchema),
    'Concept id (`directive/modal`), category (`directive`) or `category/*` → off | hint | info | warning | error. `peerspeak/unused-directive` controls the report about markers that suppress nothing.',
  ),
  allow: z.optional(Phrases),
  roleLimits: described(z.optional(RoleLimitsSchema), 'Text and resources for the role-limits note.'),
  overrides: described(z.optional(z.array(OverrideZod)), 'Settings for some files only, ESLint-style.'),
});

/**
 * One entry of `overrides` in a config file.
 * @example
 * ```ts
 * import type { ConfigOverride } from 'peerspeak/config';
 * const o: ConfigOverride = { files: ['sv/**'], lang: 'sv', profile: 'training' };
 * ```
 */
export interface ConfigOverride {
  files: string | string[];
  lang?: string | undefined;
  profile?: Profile | undefined;
  rules?: Record<string, RuleLevel> | undefined;
  allow?: string[] | undefined;
}

/**
 * A validated `peerspeak.config.json`.
 * @example
 * ```ts
 * import { validateConfig, type Config } from 'peerspeak/config';
 * const config: Config = validateConfig({ lang: 'auto', profile: 'training' }, 'peerspeak.config.json');
 * ```
 */
export interface Config {
  $schema?: string | undefined;
  lang?: string | undefined;
  profile?: Profile | undefined;
  packs?: string[] | undefined;
  rules?: Record<string, RuleLevel> | undefined;
  allow?: string[] | undefined;
  roleLimits?: { message?: string | undefined; resources?: string[] | undefined } | undefined;
  overrides?: ConfigOverride[] | undefined;
}

// Written out above so the shipped .d.ts does not import zod (bundled, not a dependency);
// these fail the build if the interfaces and the schemas differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _ConfigTypesInSync = [Assert<Same<z.output<typeof ConfigZod>, Config>>, Assert<Same<z.output<typeof OverrideZod>, ConfigOverride>>];

/**
 * The shape of one entry of `overrides`: globs and the settings for the files they match.
 * @example
 * ```ts
 * import { OverrideSchema } from 'peerspeak/config';
 * OverrideSchema.parse({ files: ['sv/**'], lang: 'sv' });
 * ```
 */
export const OverrideSchema: Schema<ConfigOverride> = OverrideZod;

/**
 * The shape of `peerspeak.config.json` (zod, bundled). The shipped `schema.json` is generated from it.
 * @example
 * ```ts
 * import { ConfigSchema } from 'peerspeak/config';
 * const result = ConfigSchema.safeParse({ profile: 'training', rules: { judging: 'error' } });
 * result.success; // true
 * ```
 */
export const ConfigSchema: Schema<Config> = ConfigZod;

/**
 * A config file could not be read or is invalid. The message names the file and the key path.
 * @example
 * ```ts
 * import { ConfigError, loadConfigFile } from 'peerspeak/config';
 * try { loadConfigFile('peerspeak.config.json'); } catch (e) {
 *   if (e instanceof ConfigError) console.error(e.message); // names the file and the key path
 * }
 * ```
 */
export class ConfigError extends Error {
  constructor(
    message: string,
    /** The file at fault (a config file or a pack). */
    readonly file: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

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

/**
 * Validate a config object. `where` names the file in messages; `root` prefixes key paths.
 * @example
 * ```ts
 * import { validateConfig } from 'peerspeak/config';
 * validateConfig({ rules: { 'directive/modal': 'loud' } }, 'peerspeak.config.json');
 * // throws ConfigError: peerspeak.config.json: rules.directive/modal: expected one of off, hint, info, warning, error
 * ```
 */
export function validateConfig(input: unknown, where: string, root = ''): Config {
  expectString(where, 'validateConfig(input, where, root)', 'where', 'the file name used in messages');
  expectString(root, 'validateConfig(input, where, root)', 'root', 'the key path prefix, e.g. "peerspeak"');
  const parsed = validate(ConfigZod, input);
  if (!parsed.success) {
    const lines = parsed.problems.map((p) => `${joinPath(root, p.path)}: ${p.message}`);
    throw new ConfigError(`${where}: ${lines.join('; ')}`, where);
  }
  return parsed.data;
}

/** Throw a TypeError naming the argument unless `value` is a string. */
function expectString(value: unknown, fn: string, arg: string, what: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`peerspeak/config: ${fn}: expected \`${arg}\` (${what}) to be a string, got ${kind(value)}`);
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

/**
 * What the command line says, which beats the config.
 * @example
 * ```ts
 * import { configFor, resolveOptions, type ResolveInput } from 'peerspeak/config';
 * const input: ResolveInput = { lang: 'sv', defaultProfile: 'training' };
 * resolveOptions(configFor(file), file, input);
 * ```
 */
export interface ResolveInput {
  lang?: string | undefined;
  profile?: string | undefined;
  /** The profile when neither the command line nor the config sets one. */
  defaultProfile?: string | undefined;
}

/**
 * Options for the library, resolved for one file.
 * @example
 * ```ts
 * import { configFor, resolveOptions, type ResolvedOptions } from 'peerspeak/config';
 * const options: ResolvedOptions = resolveOptions(configFor(file), file);
 * options.profile; // from the config, else 'chat'
 * ```
 */
export type ResolvedOptions = CheckerOptions & { lang: LangOption; profile: Profile };

const matcherCache = new WeakMap<object, (path: string) => boolean>();
function matcher(o: ConfigOverride): (path: string) => boolean {
  let m = matcherCache.get(o);
  if (!m) {
    // A glob without "/" matches the file name in any directory (picomatch's own `basename`
    // option also changes how globs with a "/" match, so the two kinds are split here).
    const globs = typeof o.files === 'string' ? [o.files] : o.files;
    const full = globs.filter((g) => g.includes('/')).map((g) => g.replace(/^\.\//, ''));
    const names = globs.filter((g) => !g.includes('/'));
    const matchFull = full.length ? picomatch(full, { dot: true }) : () => false;
    const matchName = names.length ? picomatch(names, { dot: true }) : () => false;
    matcherCache.set(o, (m = (path: string) => matchFull(path) || matchName(path.slice(path.lastIndexOf('/') + 1))));
  }
  return m;
}

const optionCache = new Map<string, ResolvedOptions>();

/**
 * Forget every config file read so far (an editor calls this when a config file changes).
 * @example
 * ```ts
 * import { clearConfigCache } from 'peerspeak/config';
 * watcher.on('change', (path) => { if (path.endsWith('peerspeak.config.json')) clearConfigCache(); });
 * ```
 */
export function clearConfigCache(): void {
  loadedCache.clear();
  dirCache.clear();
  optionCache.clear();
  packageKeyCache.clear();
}

/**
 * Resolve the options for `file` from a loaded config (or none) and the command line:
 * command line > last matching override > top-level config > `defaultProfile` / `en`.
 * The same settings give the same (cached) object, so checkers are compiled once.
 * @example
 * ```ts
 * import { configFor, resolveOptions } from 'peerspeak/config';
 * import { check } from 'peerspeak/all';
 * const file = '/repo/sv/intro.txt';
 * const options = resolveOptions(configFor(file), file, { defaultProfile: 'chat' });
 * check(text, options);
 * ```
 */
export function resolveOptions(loaded: LoadedConfig | null, file: string | null, input: ResolveInput = {}): ResolvedOptions {
  const fn = 'resolveOptions(loaded, file, input)';
  if (loaded !== null && (typeof loaded !== 'object' || !loaded.config || typeof loaded.dir !== 'string')) {
    throw new TypeError(`peerspeak/config: ${fn}: expected \`loaded\` to be null or what loadConfigFile() or configFor() returns, got ${kind(loaded)}`);
  }
  if (file !== null) expectString(file, fn, 'file', 'the path of the checked file, or null');
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new TypeError(`peerspeak/config: ${fn}: expected \`input\` to be an object { lang?, profile?, defaultProfile? }, got ${kind(input)}`);
  }
  for (const key of Object.keys(input)) {
    const v = (input as Record<string, unknown>)[key];
    if (key !== 'lang' && key !== 'profile' && key !== 'defaultProfile') {
      throw new TypeError(`peerspeak/config: ${fn}: unknown option \`input.${key}\`: expected only lang, profile, defaultProfile`);
    }
    if (v !== undefined) expectString(v, fn, `input.${key}`, key === 'lang' ? `one of ${LANGS.join(', ')}` : `one of ${PROFILES.join(', ')}`);
  }
  const cfg = loaded?.config;
  const matched: number[] = [];
  if (loaded && cfg?.overrides && file) {
    const rel = relative(loaded.dir, resolve(file)).split(sep).join('/');
    cfg.overrides.forEach((o, i) => {
      if (!rel.startsWith('../') && matcher(o)(rel)) matched.push(i);
    });
  }
  const key = JSON.stringify([
    loaded?.filePath ?? null,
    loaded?.skippedPacks?.length ?? 0,
    matched,
    input.lang ?? null,
    input.profile ?? null,
    input.defaultProfile ?? null,
  ]);
  const cached = optionCache.get(key);
  if (cached) return cached;
  let lang = cfg?.lang;
  let profile = cfg?.profile;
  let rules: Record<string, string> | undefined = cfg?.rules ? { ...cfg.rules } : undefined;
  let allow = cfg?.allow ? [...cfg.allow] : undefined;
  for (const i of matched) {
    const o = cfg!.overrides![i]!;
    if (o.lang) lang = o.lang;
    if (o.profile) profile = o.profile;
    if (o.rules) rules = { ...(rules ?? {}), ...o.rules };
    if (o.allow) allow = [...(allow ?? []), ...o.allow];
  }
  const out: ResolvedOptions = {
    // Validated strings (the config schema, or createChecker below for input).
    lang: (input.lang ?? lang ?? 'en') as LangOption,
    profile: (input.profile ?? profile ?? input.defaultProfile ?? 'chat') as Profile,
    ...(rules ? { rules: rules as Partial<Record<RuleKey, RuleLevel>> } : {}),
    ...(allow ? { allow } : {}),
    ...(cfg?.roleLimits ? { roleLimits: cfg.roleLimits as NonNullable<CheckerOptions['roleLimits']> } : {}),
    ...(loaded?.packs.length ? { packs: loaded.packs } : {}),
  };
  optionCache.set(key, out);
  return out;
}

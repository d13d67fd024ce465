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
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, parse as parsePath, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import { languages, PackError, PackSchema, PROFILES, validatePack, type CheckerOptions } from '../index.js';
import { formatIssues, RoleLimitsSchema, RulesMapSchema } from '../schema.js';

/** Config file names, in the order they are looked for within one directory. */
export const CONFIG_FILES = ['peerspeak.config.json', '.peerspeakrc.json', 'package.json'] as const;

// The built-in languages are valid in a config even before their packs are loaded (the CLI
// loads them all; a library user imports 'peerspeak/rules/sv' where needed).
const LANGS = [...new Set(['en', 'sv', 'da', ...languages()]), 'auto'] as unknown as [string, ...string[]];
const LangSchema = z.enum(LANGS, { message: `expected one of ${LANGS.join(', ')}` }).describe('Language of the checked text; `auto` detects it per paragraph.');
const ProfileSchema = z.enum(PROFILES, { message: `expected one of ${PROFILES.join(', ')}` }).describe('`chat`, `training` (directive rules off: instructions to trainees are normal) or `strict` (hints too).');
const Phrases = z.array(z.string().min(1, 'expected a non-empty phrase')).describe('Phrases never to flag (case-insensitive).');
const Globs = z
  .union([z.string().min(1, 'expected a non-empty glob'), z.array(z.string().min(1, 'expected a non-empty glob')).min(1, 'expected at least one glob')])
  .describe('Globs relative to the config file; a glob without "/" matches the file name anywhere.');

export const OverrideSchema = z
  .object({
    files: Globs,
    lang: LangSchema.optional(),
    profile: ProfileSchema.optional(),
    rules: RulesMapSchema.optional().describe('Concept id, category or `category/*` → level.'),
    allow: Phrases.optional(),
  })
  .strict();

/** The shape of `peerspeak.config.json`. The shipped `schema.json` is generated from it. */
export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    lang: LangSchema.optional(),
    profile: ProfileSchema.optional(),
    packs: z
      .array(z.string().min(1, 'expected a path or a package name'))
      .optional()
      .describe('Extra rule packs: paths relative to this config file, or package names resolved from it.'),
    rules: RulesMapSchema.optional().describe(
      'Concept id (`directive/modal`), category (`directive`) or `category/*` → off | hint | info | warning | error. `peerspeak/unused-directive` controls the report about markers that suppress nothing.',
    ),
    allow: Phrases.optional(),
    roleLimits: RoleLimitsSchema.optional().describe('Text and resources for the role-limits note.'),
    overrides: z.array(OverrideSchema).optional().describe('Settings for some files only, ESLint-style.'),
  })
  .strict();

export type Config = z.output<typeof ConfigSchema>;

/** A config file could not be read or is invalid. The message names the file and the key path. */
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

/** A loaded, validated config file. */
export interface LoadedConfig {
  /** Absolute path of the file the config came from. */
  filePath: string;
  /** Its directory: the base of relative `packs` and `overrides` globs. */
  dir: string;
  config: Config;
  /** The rule packs named by `packs`, loaded and validated. */
  packs: unknown[];
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
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`${display(file)}: invalid JSON: ${(e as Error).message}`, file);
  }
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

/** The config file that applies to files in `dir`, or null. Stops at the file-system root. */
export function findConfigFile(dir: string): string | null {
  let here = resolve(dir);
  const { root } = parsePath(here);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const p = join(here, name);
      if (!isFile(p)) continue;
      if (name === 'package.json' && !packageJsonHasKey(p)) continue;
      return p;
    }
    if (here === root) return null;
    const up = dirname(here);
    if (up === here) return null;
    here = up;
  }
}

/** Validate a config object. `where` names the file in messages; `root` prefixes key paths. */
export function validateConfig(input: unknown, where: string, root = ''): Config {
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) {
    const lines = formatIssues(parsed.error, root).split('\n');
    throw new ConfigError(`${where}: ${lines.join('; ')}`, where);
  }
  return parsed.data;
}

function loadPack(ref: string, index: number, configFile: string, dir: string): unknown {
  const where = display(configFile);
  let file: string;
  if (ref.startsWith('.') || isAbsolute(ref)) {
    file = resolve(dir, ref);
    if (!isFile(file)) throw new ConfigError(`${where}: packs.${index}: cannot find pack file "${ref}" (looked for ${display(file)})`, configFile);
  } else {
    try {
      file = createRequire(join(dir, '__peerspeak__.js')).resolve(ref);
    } catch {
      throw new ConfigError(`${where}: packs.${index}: cannot find pack package "${ref}" from ${display(dir) || '.'}`, configFile);
    }
  }
  let pack: unknown;
  if (/\.json$/i.test(file)) pack = readJson(file, 'pack');
  else {
    try {
      const mod = createRequire(file)(file) as { default?: unknown };
      pack = mod && typeof mod === 'object' && 'default' in mod ? mod.default : mod;
    } catch (e) {
      throw new ConfigError(`${display(file)}: cannot load pack: ${(e as Error).message.split('\n')[0]}`, file);
    }
  }
  const parsed = PackSchema.safeParse(pack);
  if (!parsed.success) {
    throw new ConfigError(`${display(file)}: ${formatIssues(parsed.error, '').split('\n').join('; ')}`, file);
  }
  try {
    validatePack(pack, 'pack');
  } catch (e) {
    if (e instanceof PackError) {
      const path = e.path.replace(/^pack\.?/, '');
      const detail = e.message.slice(e.message.indexOf(e.path) + e.path.length).replace(/^:\s*/, '');
      throw new ConfigError(`${display(file)}: ${path ? path + ': ' : ''}${detail}`, file);
    }
    throw e;
  }
  return pack;
}

const loadedCache = new Map<string, LoadedConfig>();

/** Load and validate one config file (cached by path). Throws ConfigError. */
export function loadConfigFile(file: string): LoadedConfig {
  const filePath = resolve(file);
  const cached = loadedCache.get(filePath);
  if (cached) return cached;
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
  const packs = (config.packs ?? []).map((ref, i) => loadPack(ref, i, filePath, dir));
  const loaded: LoadedConfig = { filePath, dir, config, packs };
  loadedCache.set(filePath, loaded);
  return loaded;
}

const dirCache = new Map<string, string | null>();

/** The loaded config that applies to `file` (discovered upwards from its directory), or null. */
export function configFor(file: string): LoadedConfig | null {
  const dir = dirname(resolve(file));
  let found = dirCache.get(dir);
  if (found === undefined) dirCache.set(dir, (found = findConfigFile(dir)));
  return found ? loadConfigFile(found) : null;
}

/** What the command line says, which beats the config. */
export interface ResolveInput {
  lang?: string | undefined;
  profile?: string | undefined;
  /** The profile when neither the command line nor the config sets one. */
  defaultProfile?: string | undefined;
}

/** Options for the library, resolved for one file. */
export type ResolvedOptions = CheckerOptions & { lang: string; profile: string };

const matcherCache = new WeakMap<object, (path: string) => boolean>();
function matcher(o: z.output<typeof OverrideSchema>): (path: string) => boolean {
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

/** Forget every config file read so far (an editor calls this when a config file changes). */
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
 */
export function resolveOptions(loaded: LoadedConfig | null, file: string | null, input: ResolveInput = {}): ResolvedOptions {
  const cfg = loaded?.config;
  const matched: number[] = [];
  if (loaded && cfg?.overrides && file) {
    const rel = relative(loaded.dir, resolve(file)).split(sep).join('/');
    cfg.overrides.forEach((o, i) => {
      if (!rel.startsWith('../') && matcher(o)(rel)) matched.push(i);
    });
  }
  const key = JSON.stringify([loaded?.filePath ?? null, matched, input.lang ?? null, input.profile ?? null, input.defaultProfile ?? null]);
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
    lang: input.lang ?? lang ?? 'en',
    profile: input.profile ?? profile ?? input.defaultProfile ?? 'chat',
    ...(rules ? { rules } : {}),
    ...(allow ? { allow } : {}),
    ...(cfg?.roleLimits ? { roleLimits: cfg.roleLimits as NonNullable<CheckerOptions['roleLimits']> } : {}),
    ...(loaded?.packs.length ? { packs: loaded.packs } : {}),
  };
  optionCache.set(key, out);
  return out;
}

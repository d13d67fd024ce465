/**
 * The options for one file: command line > last matching override > top-level config >
 * defaults, as one cached object per distinct result.
 * @module
 */
import picomatch from 'picomatch';
import { relative, resolve, sep } from 'node:path';
import { PROFILES, type CheckerOptions, type LangOption, type Profile, type RuleKey, type RuleLevel } from '../index.js';
import { typeName as kind } from '../schema.js';
import { clearFileCaches, type LoadedConfig } from './files.js';
import { expectString, LANGS, type ConfigOverride } from './schema.js';

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
  clearFileCaches();
  optionCache.clear();
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

/**
 * The config format: its zod schema (the source of `schema.json`), its types, and
 * `validateConfig` with `ConfigError`, whose messages name the file and the key path.
 * @module
 */
import * as z from 'zod/mini';
import { languages, PROFILES, type Profile, type RuleKey, type RuleLevel, type Schema } from '../index.js';
import { described, joinPath, RoleLimitsSchema, RulesMapSchema, typeName as kind, validate } from '../schema.js';

// The built-in languages are valid in a config even before their packs are loaded (the CLI
// loads them all; a library user imports 'peerspeak/rules/sv' where needed).
/** Languages a config may name: the built-in ones (valid before their packs load), any registered one, and `auto`. */
export const LANGS = [...new Set(['en', 'sv', 'da', ...languages()]), 'auto'] as unknown as [string, ...string[]];
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
export function expectString(value: unknown, fn: string, arg: string, what: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`peerspeak/config: ${fn}: expected \`${arg}\` (${what}) to be a string, got ${kind(value)}`);
}


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
export { CONFIG_FILES, configFor, findConfigFile, jsonErrorMessage, loadConfigFile, type LoadedConfig, type LoadOptions, type SkippedPack } from './files.js';
export { clearConfigCache, resolveOptions, type ResolvedOptions, type ResolveInput } from './resolve.js';
export { ConfigError, ConfigSchema, OverrideSchema, validateConfig, type Config, type ConfigOverride } from './schema.js';

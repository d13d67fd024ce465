/**
 * The engine: compile packs once, then check text sentence by sentence. This file is the
 * engine's public face; the pipeline lives in `src/engine/`:
 *
 * - `options.ts`: options, their validation and what they resolve to;
 * - `registry.ts`: the registered built-in packs and the language detector;
 * - `compile.ts`: packs validated and compiled (patterns, lexicons, guards, templates);
 * - `checker.ts`: `createChecker`, whose `check` runs segment → crisis scan → rules →
 *   role-limits → allow-list → dedupe → sort;
 * - `sentences.ts`, `state.ts`: the sentences of a text and what their rules share;
 * - `run.ts`: the crisis scan and the rules over the sentences; `skips.ts`: when a match is
 *   not the writer's own instruction; `clause.ts`: where a match's clause ends;
 * - `suggest.ts`: suggestions; `findings.ts`: findings relative to their sentence, placed once;
 * - `filters.ts`: allowed phrases, overlaps, order; `check.ts`: `check()` and `applySuggestion()`.
 * @module
 */
export type { CheckerOptions, CheckOptions, Checker } from './engine/options.js';
export { registerLanguage, registerDetector, languages } from './engine/registry.js';
export { PackError, validatePack, compilePack } from './engine/compile.js';
export { SentenceCache } from './engine/findings.js';
export { createChecker } from './engine/checker.js';
export { check, applySuggestion } from './engine/check.js';

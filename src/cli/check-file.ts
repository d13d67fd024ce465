/**
 * Check one file or text with its config: shared by the main thread and the workers.
 *
 * The library is imported lazily, so `--help`, `--version` and usage errors answer without
 * loading the rule packs.
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { DocumentFinding } from '../markdown/index.js';
import { defaultProfileFor } from '../default-profile.js';
import { applySuggestions } from '../apply.js';
import type { Finding } from '../types.js';
import { decode, encode, encodingOf } from './decode.js';

/** Command-line settings every file shares. */
export interface SharedSettings {
  lang?: string | undefined;
  profile?: string | undefined;
  /** Absolute path of `--config`: used instead of discovery. */
  config?: string | undefined;
  /** `--fix` (write the file) or `--fix-dry-run` (compute only). */
  fix?: 'write' | 'dry-run' | undefined;
  /** `--quiet`: only errors are reported, so only errors are fixed. */
  quiet?: boolean | undefined;
}

/** What `--fix` did to one input. */
export interface FixResult {
  /** The text before fixing. */
  source: string;
  /** The text after fixing. */
  output: string;
  /** The replacements applied, as [start, end, text] against `source`, in order. */
  edits: Array<[number, number, string]>;
}

/** The result for one input, or the reason it could not be checked. */
export interface FileResult {
  filePath: string;
  findings: DocumentFinding[];
  /** Set when the file could not be checked (exit code 2). */
  error?: string;
  /** Set when the file was skipped on purpose (a binary file): printed on stderr, exit code unaffected. */
  notice?: string;
  /** With --fix or --fix-dry-run, when a suggestion was applied: the findings are then those that remain. */
  fix?: FixResult;
}

type Libraries = [typeof import('../markdown/index.js'), typeof import('../config/index.js')];
let libraries: Promise<Libraries> | undefined;

/** The Markdown adapter and the config loader, loaded once. */
export function loadLibraries(): Promise<Libraries> {
  return (libraries ??= import('../all.js').then(() => Promise.all([import('../markdown/index.js'), import('../config/index.js')])));
}

/** Check `text`. `path` (absolute) finds the config and the format; null = standard input. */
export async function checkText(text: string, path: string | null, display: string, shared: SharedSettings): Promise<FileResult> {
  const [md, cfg] = await loadLibraries();
  try {
    const markdown = path !== null && md.isMarkdownPath(path);
    const loaded = shared.config ? cfg.loadConfigFile(shared.config) : cfg.configFor(path ?? `${process.cwd()}/-`);
    const options = cfg.resolveOptions(loaded, path, {
      lang: shared.lang,
      profile: shared.profile,
      defaultProfile: defaultProfileFor(markdown ? 'markdown' : 'text'),
    });
    // `options` is the same object for every file with the same settings: checkers are cached on it.
    const check = (t: string) => (markdown ? md.checkMarkdown(t, options) : md.checkDocument(t, options));
    const run = (t: string) => check(t).findings;
    const first = check(text);
    const { findings } = first;
    if (!shared.fix) {
      return first.truncated ? { filePath: display, findings, notice: truncatedNotice(display, text, first.truncated) } : { filePath: display, findings };
    }
    // Only what is reported is fixed (errors with --quiet); slotted suggestions never are.
    const fixable = shared.quiet ? findings.filter((f) => f.severity === 'error') : findings;
    const { text: output, applied } = applySuggestions(text, fixable as unknown as readonly Finding[]);
    if (!applied.length) return { filePath: display, findings };
    const edits = applied.map((f): [number, number, string] => [f.suggestions[0]!.range[0], f.suggestions[0]!.range[1], f.suggestions[0]!.text]);
    // What remains is reported against the fixed text, as ESLint does.
    return { filePath: display, findings: run(output), fix: { source: text, output, edits } };
  } catch (e) {
    if (e instanceof cfg.ConfigError) return { filePath: display, findings: [], error: e.message };
    return { filePath: display, findings: [], error: `${display}: ${(e as Error).message.replace(/^peerspeak:\s*/, '').split('\n').join('; ')}` };
  }
}

/** Read and check one file. */
export async function checkFile(path: string, display: string, shared: SharedSettings): Promise<FileResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'EISDIR' ? 'is a directory' : err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOENT' ? 'no such file'
      : err.code === 'ELOOP' ? 'a symbolic link loop' : (err.code ?? err.message);
    return { filePath: display, findings: [], error: `${display}: cannot read file: ${why}` };
  }
  const result = await checkBytes(bytes, path, display, shared);
  if (result.fix && shared.fix === 'write') {
    try {
      await writeFile(path, encode(result.fix.output, encodingOf(bytes)));
    } catch (e) {
      return { filePath: display, findings: [], error: `${display}: cannot write the fixed file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
  }
  return result;
}

/** The notice that a file was checked only up to where its findings reached `maxFindings`. */
function truncatedNotice(display: string, text: string, t: { at: number; maxFindings: number }): string {
  const line = text.slice(0, t.at).split('\n').length;
  return `${display}: stopped after ${t.maxFindings.toLocaleString('en')} findings; from line ${line} on the file was not checked`;
}

/** Decode (UTF-8, UTF-16 by BOM), skip binary files with a notice, refuse undecodable input. */
export function checkBytes(bytes: Uint8Array, path: string | null, display: string, shared: SharedSettings): Promise<FileResult> {
  const d = decode(bytes);
  if ('binary' in d) return Promise.resolve({ filePath: display, findings: [], notice: `${display}: skipped, a binary file` });
  if ('error' in d) return Promise.resolve({ filePath: display, findings: [], error: `${display}: ${d.error}` });
  return checkText(d.text, path, display, shared);
}

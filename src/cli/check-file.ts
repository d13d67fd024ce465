/**
 * Check one file or text with its config: shared by the main thread and the workers.
 *
 * The library is imported lazily, so `--help`, `--version` and usage errors answer without
 * loading the rule packs.
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { DocumentFinding } from '../markdown/index.js';
import { defaultProfileFor } from '../default-profile.js';

/** Command-line settings every file shares. */
export interface SharedSettings {
  lang?: string | undefined;
  profile?: string | undefined;
  /** Absolute path of `--config`: used instead of discovery. */
  config?: string | undefined;
}

/** The result for one input, or the reason it could not be checked. */
export interface FileResult {
  filePath: string;
  findings: DocumentFinding[];
  /** Set when the file could not be checked (exit code 2). */
  error?: string;
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
    const { findings } = markdown ? md.checkMarkdown(text, options) : md.checkDocument(text, options);
    return { filePath: display, findings };
  } catch (e) {
    if (e instanceof cfg.ConfigError) return { filePath: display, findings: [], error: e.message };
    return { filePath: display, findings: [], error: `${display}: ${(e as Error).message.replace(/^peerspeak:\s*/, '').split('\n').join('; ')}` };
  }
}

/** Read and check one file. */
export async function checkFile(path: string, display: string, shared: SharedSettings): Promise<FileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EISDIR' ? 'is a directory' : err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOENT' ? 'no such file' : (err.code ?? err.message);
    return { filePath: display, findings: [], error: `${display}: cannot read file: ${why}` };
  }
  return checkText(text, path, display, shared);
}

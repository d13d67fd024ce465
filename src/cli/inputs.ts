/**
 * Turn the command line's files, directories and globs into a sorted list of files.
 * @module
 */
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './args.js';
import { Ignorer } from './ignore.js';

/** A file to check. */
export interface InputFile {
  /** Absolute path. */
  path: string;
  /** The path shown in reports: relative to the working directory, with `/`. */
  display: string;
}

export interface Inputs {
  files: InputFile[];
  stdin: boolean;
  /** Files named on the command line that an ignore file excludes (skipped with a notice). */
  ignored: string[];
}

/** Extensions a directory argument expands to. */
export const DOCUMENT_GLOB = '**/*.{md,markdown,txt}';
const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** Path shown in reports for an absolute path. */
export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  return (rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs).split(sep).join('/');
}

function stat(p: string) {
  try {
    return statSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') return 'loop' as const;
    return null;
  }
}

function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p; // unreadable: reported when it is read
  }
}

/** Expand the positional arguments. Throws UsageError when an argument matches nothing. */
export async function expandInputs(args: string[], cwd = process.cwd(), options: { ignore?: boolean } = {}): Promise<Inputs> {
  const seen = new Set<string>();
  const files: InputFile[] = [];
  const ignored: string[] = [];
  const ignorer = options.ignore === false ? null : new Ignorer(cwd);
  const kept = (found: string[]) => (ignorer ? found.filter((f) => !ignorer.ignores(resolve(f))) : found);
  let stdin = false;
  // Each file once, by its real path: a symlink back into a checked directory (or two names for
  // one file) does not check it twice.
  const add = (abs: string) => {
    const real = realPath(abs);
    if (seen.has(real)) return;
    seen.add(real);
    files.push({ path: abs, display: displayPath(abs, cwd) });
  };
  for (const arg of args) {
    if (arg === '-') {
      stdin = true;
      continue;
    }
    const abs = resolve(cwd, arg);
    const st = stat(abs);
    if (st === 'loop') throw new UsageError(`${arg}: a symbolic link loop`);
    if (st?.isDirectory()) {
      const all = await glob(DOCUMENT_GLOB, { cwd: abs, ignore: IGNORE, absolute: true, onlyFiles: true });
      if (!all.length) throw new UsageError(`${arg}: no .md, .markdown or .txt files in this directory`);
      const found = kept(all);
      if (!found.length) throw new UsageError(`${arg}: every file in this directory is ignored (.peerspeakignore, .gitignore; --no-ignore checks them)`);
      for (const f of found) add(resolve(f));
    } else if (st) {
      if (ignorer?.ignores(abs)) ignored.push(displayPath(abs, cwd));
      else add(abs);
    } else if (isDynamicPattern(arg)) {
      const all = await glob(arg.split(sep).join('/'), { cwd, ignore: IGNORE, absolute: true, onlyFiles: true });
      if (!all.length) throw new UsageError(`${arg}: no files matched`);
      const found = kept(all);
      if (!found.length) throw new UsageError(`${arg}: every file it matched is ignored (.peerspeakignore, .gitignore; --no-ignore checks them)`);
      for (const f of found) add(resolve(f));
    } else {
      throw new UsageError(`${arg}: no such file or directory`);
    }
  }
  files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files, stdin, ignored };
}

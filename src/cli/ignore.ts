/**
 * Ignore files for the CLI: `.peerspeakignore` in the working directory (like `.eslintignore`)
 * and `.gitignore` files (the working directory's and any below it, each relative to its own
 * directory), in gitignore syntax: `#` comments, `!` re-includes, a trailing `/` matches
 * directories only, a `/` elsewhere anchors the pattern to the file's directory, otherwise it
 * matches at any depth. The last matching line wins, and a deeper file's lines come later.
 * @module
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';

interface Rule {
  negate: boolean;
  /** Matches the path (relative to the ignore file's directory) of an ignored file or of a directory it lies in. */
  test: (rel: string) => boolean;
}

interface IgnoreFile {
  dir: string;
  rules: Rule[];
}

/** `a`, `a/b` for `a/b/c.md`: the directories a path lies in. */
function parentsOf(rel: string): string[] {
  const out: string[] = [];
  for (let i = rel.indexOf('/'); i > 0; i = rel.indexOf('/', i + 1)) out.push(rel.slice(0, i));
  return out;
}

/** Trailing spaces and tabs go, unless the last one is escaped with a backslash (gitignore). */
function trimTrailingSpace(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t' || line[end - 1] === '\r')) end--;
  if (end < line.length && end > 0 && line[end - 1] === '\\') end++;
  return line.slice(0, end);
}

/** Compile the lines of one ignore file. */
export function parseIgnore(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = trimTrailingSpace(raw);
    if (!line || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    if (!line) continue;
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const base = anchored ? line : `**/${line}`;
    // A pattern matching a directory ignores what lies inside it; only a pattern without a
    // trailing slash matches the file itself.
    const matches = picomatch(base, { dot: true });
    rules.push({ negate, test: (rel) => (!dirOnly && matches(rel)) || parentsOf(rel).some((p) => matches(p)) });
  }
  return rules;
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The ignore files that apply under `cwd`: its `.peerspeakignore` and `.gitignore`, and `.gitignore` files below it as they are met. */
export class Ignorer {
  private readonly files: IgnoreFile[] = [];
  private readonly seenDirs = new Set<string>();

  constructor(private readonly cwd: string) {
    for (const name of ['.gitignore', '.peerspeakignore']) {
      const text = read(join(cwd, name));
      if (text !== null) this.files.push({ dir: cwd, rules: parseIgnore(text) });
    }
    this.seenDirs.add(cwd);
  }

  /** Load the `.gitignore` of each directory between the working directory and `file`. */
  private loadDirsFor(file: string): void {
    const rel = relative(this.cwd, dirname(file));
    if (!rel || rel.startsWith('..')) return;
    let dir = this.cwd;
    for (const part of rel.split(sep)) {
      dir = join(dir, part);
      if (this.seenDirs.has(dir)) continue;
      this.seenDirs.add(dir);
      const text = read(join(dir, '.gitignore'));
      if (text !== null) this.files.push({ dir, rules: parseIgnore(text) });
    }
  }

  /** Whether `file` (absolute) is ignored. Files outside the working directory never are. */
  ignores(file: string): boolean {
    this.loadDirsFor(file);
    let ignored = false;
    // Shallower files first: a deeper .gitignore overrides its parents.
    const ordered = [...this.files].sort((a, b) => a.dir.length - b.dir.length);
    for (const f of ordered) {
      const rel = relative(f.dir, file);
      if (!rel || rel.startsWith('..')) continue;
      const posix = rel.split(sep).join('/');
      for (const r of f.rules) if (r.test(posix)) ignored = !r.negate;
    }
    return ignored;
  }
}

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { Pack } from '../src/index.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The built-in packs as data, read from `rules/<lang>/pack.json`. */
export function builtinPacks(): Array<[string, Pack]> {
  return readdirSync(join(root, 'rules'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => [d.name, JSON.parse(readFileSync(join(root, 'rules', d.name, 'pack.json'), 'utf8')) as Pack]);
}

/** `[[…]]` marks the span a flag example must report; the text checked is without the markers. */
const SPAN = /\[\[(.+?)\]\]/u;

/** A flag example's text without its span markers, and the marked span (if any). */
export function exampleParts(marked: string): { text: string; span?: string } {
  const m = SPAN.exec(marked);
  if (!m) return { text: marked };
  return { text: marked.replace(SPAN, '$1'), span: m[1]! };
}

/** What the small custom rule shared by the pack tests says about itself (the README's example). */
export const SERVICE_USER = {
  id: 'diagnostic/service-user',
  category: 'diagnostic',
  severity: 'warning',
  principle: 'People define themselves.',
  message: '"{match}" names people by their service use.',
};

/** Write `files` (path → content; JSON-stringified unless a string or bytes) under `dir`, which is created. */
export function writeFiles(dir: string, files: Record<string, unknown>): string {
  for (const [name, content] of Object.entries(files)) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' || content instanceof Uint8Array ? content : JSON.stringify(content, null, 2));
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A temporary directory for one test file, removed after its tests, and `project(files)`: a fresh subdirectory of it holding `files`. */
export function tempProjects(prefix: string): { root: string; project(files: Record<string, unknown>): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return { root: dir, project: (files) => writeFiles(join(dir, `p${n++}`), files) };
}

/** What a child process printed and how it ended. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node <args>` in `cwd` with exactly `env`, feeding it `input` (or nothing) on stdin. */
export function runNode(args: string[], opts: { cwd: string; env: Record<string, string | undefined>; input?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

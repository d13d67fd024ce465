/** The project's lint (scripts/lint.mjs): its rules catch what they should, and src/ passes them. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript script, no types
import { lintText, MAX_LEN } from '../scripts/lint.mjs';
import { root } from './helpers.js';

type Problem = { line: number; rule: string };
const lint = lintText as (text: string, name?: string) => Problem[];

describe('lint', () => {
  it('flags a long line, a function of seven parameters and a terse local in src/engine', () => {
    const text = [
      `const s = ${'1 + '.repeat(60)}1;`,
      'function f(a: number, b: number, c: number, d: number, e: number, g: number, h: number) { return a; }',
      'const cr = 1;',
      `const message = '${'a long message, kept on one line '.repeat(6)}';`,
    ].join('\n');
    expect(lint(text, 'src/engine/x.ts').map((p) => `${p.line} ${p.rule}`)).toEqual(['1 max-len', '2 max-params', '3 terse-locals']);
    expect(lint(text, 'src/other.ts').map((p) => p.rule)).toEqual(['max-len', 'max-params']);
    expect(MAX_LEN).toBe(160);
  });

  it('src/ passes (npm run lint)', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
    const problems = files(join(root, 'src')).flatMap((f) => lint(readFileSync(f, 'utf8'), f).map((p) => `${f}:${p.line} ${p.rule}`));
    expect(problems).toEqual([]);
  });
});

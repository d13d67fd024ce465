#!/usr/bin/env node
/**
 * node scripts/lint.mjs [files or directories…]    (npm run lint; default: src)
 *
 * The project's lint, with the TypeScript compiler it already has (no linter dependency):
 * - max-len: no line over 160 characters (imports, a regular expression alone, a table row in a
 *   comment and a line holding a long message string excepted);
 * - max-params: no function with more than 6 parameters (pass an object instead; the
 *   pattern matcher's recursive hot path takes 6);
 * - terse-locals (src/engine/ only): no local named `cr`, `cm`, `o` or `rl` (name what it
 *   holds; `st`, the sentence state every function there takes, is the one short name).
 * Prints `file:line:column rule: message` per problem; exits 1 if there is any.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const MAX_LEN = 160;
export const MAX_PARAMS = 6;
const TERSE = new Set(['cr', 'cm', 'o', 'rl']);
/** Lines that may be long (as ESLint's max-len ignores them): imports and re-exports, a regular expression alone, a table row in a comment. */
/** A message or description (a string or template literal of 60 characters or more) stays on one line, searchable. */
const LONG_STRING = /'[^']{60,}'|`[^`]{60,}`/;
const LONG_OK = /^(?:import |export (?:type )?\{.*\} from |\s*\/.*\/[dgimsuyv]*;?$|\s*\* \|)/;

function files(path) {
  if (!statSync(path).isDirectory()) return /\.(ts|mts|mjs)$/.test(path) && !path.endsWith('.d.ts') ? [path] : [];
  return readdirSync(path).flatMap((f) => (f === 'node_modules' || f === 'fixtures' ? [] : files(join(path, f))));
}

/** Problems of one source text: `{ line, column, rule, message }` (1-based). */
export function lintText(text, name = 'file.ts') {
  const problems = [];
  text.split('\n').forEach((line, i) => {
    if (line.length > MAX_LEN && !LONG_OK.test(line) && !LONG_STRING.test(line)) problems.push({ line: i + 1, column: MAX_LEN + 1, rule: 'max-len', message: `line is ${line.length} characters (at most ${MAX_LEN})` });
  });
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const terse = /(^|[\\/])src[\\/]engine[\\/]/.test(name);
  const at = (node) => source.getLineAndCharacterOfPosition(node.getStart(source));
  const visit = (node) => {
    if (ts.isFunctionLike(node) && node.parameters && node.parameters.length > MAX_PARAMS) {
      const { line, character } = at(node);
      problems.push({ line: line + 1, column: character + 1, rule: 'max-params', message: `${node.parameters.length} parameters (at most ${MAX_PARAMS}): pass an object` });
    }
    if (terse && (ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name) && TERSE.has(node.name.text)) {
      const { line, character } = at(node.name);
      problems.push({ line: line + 1, column: character + 1, rule: 'terse-locals', message: `"${node.name.text}": name what it holds` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const targets = process.argv.slice(2).length ? process.argv.slice(2) : [join(root, 'src')];
  let count = 0;
  for (const file of targets.flatMap((t) => files(t))) {
    for (const p of lintText(readFileSync(file, 'utf8'), file)) {
      console.log(`${relative(process.cwd(), file)}:${p.line}:${p.column} ${p.rule}: ${p.message}`);
      count++;
    }
  }
  if (count) {
    console.error(`${count} lint problem${count === 1 ? '' : 's'}`);
    process.exit(1);
  }
}

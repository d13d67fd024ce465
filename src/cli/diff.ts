/**
 * `--fix-dry-run`: the applied suggestions as a unified diff without context lines (`diff -U0`),
 * which `git apply --unidiff-zero` and `patch` accept. The hunks come from the edits
 * themselves, so no diff algorithm runs: linear in the file's size.
 * @module
 */
import type { FixResult } from './check-file.js';

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 0-based index of the line holding offset `at`. */
function lineOf(starts: number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The lines of `text`, without their line breaks (a final break does not start a line). */
function linesOf(text: string): string[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const RED = '\u001b[31m';
const GREEN = '\u001b[32m';
const CYAN = '\u001b[36m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/** The diff of one file, `--- a/<path>` / `+++ b/<path>` then one hunk per run of touched lines. */
export function unifiedDiff(path: string, fix: FixResult, color = false): string {
  const { source, edits } = fix;
  const starts = lineStarts(source);
  const paint = (code: string, s: string) => (color ? `${code}${s}${RESET}` : s);
  const out = [paint(BOLD, `--- a/${path}`), paint(BOLD, `+++ b/${path}`)];
  let delta = 0; // new line number minus old line number, after the hunks so far
  let i = 0;
  while (i < edits.length) {
    // A hunk: the edits whose lines touch, as whole lines of the source.
    const first = lineOf(starts, edits[i]![0]);
    let last = lineOf(starts, Math.max(edits[i]![0], edits[i]![1] - 1));
    let j = i + 1;
    while (j < edits.length && lineOf(starts, edits[j]![0]) <= last) {
      last = Math.max(last, lineOf(starts, Math.max(edits[j]![0], edits[j]![1] - 1)));
      j++;
    }
    const from = starts[first]!;
    const to = last + 1 < starts.length ? starts[last + 1]! : source.length;
    let replaced = '';
    let at = from;
    for (const [a, b, text] of edits.slice(i, j)) {
      replaced += source.slice(at, a) + text;
      at = b;
    }
    replaced += source.slice(at, to);
    const oldLines = linesOf(source.slice(from, to));
    const newLines = linesOf(replaced);
    const oldStart = first + 1;
    const newStart = oldStart + delta;
    out.push(paint(CYAN, `@@ -${oldStart},${oldLines.length} +${newStart},${newLines.length} @@`));
    for (const l of oldLines) out.push(paint(RED, `-${l}`));
    for (const l of newLines) out.push(paint(GREEN, `+${l}`));
    delta += newLines.length - oldLines.length;
    i = j;
  }
  return out.join('\n') + '\n';
}

/** Types for scripts/corpus.mjs, so test/corpus.test.ts type-checks against it. */
export interface CorpusRow {
  expect: 'flag' | 'pass';
  category: string;
  register: 'chat' | 'training';
  text: string;
  line: number;
  half: 'tune' | 'check';
}
interface Tally { n: number; ok: number; passN: number; passOk: number }
type CheckFn = (text: string, options: { lang: never; profile: never }) => { findings: Array<{ severity: string; category: string; ruleId: string; text: string }> };
export function readCorpus(lang: string, file?: string): CorpusRow[];
export function half(text: string): 'tune' | 'check';
export function judge(check: CheckFn, lang: string, row: CorpusRow): { ok: boolean };
export function score(check: CheckFn, lang: string, rows: CorpusRow[]): {
  tune: Tally;
  check: Tally;
  byCategory: Record<string, { tune: [number, number]; check: [number, number] }>;
  wrong: Array<{ row: CorpusRow }>;
};

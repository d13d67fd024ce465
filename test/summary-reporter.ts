/**
 * Prints one plain summary line at the end of a run — `Tests: N passed, N failed, N skipped` —
 * so CI systems that look for that line find it (vitest's own summary uses another layout).
 *
 * A module that fails without a failed test (an error on import, in `beforeAll`/`afterAll`)
 * counts as one failed test, and so does each unhandled error: the line never says "0 failed"
 * for a run that failed.
 */
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

export function summarize(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): { passed: number; failed: number; skipped: number } {
  let passed = 0;
  let failed = unhandledErrors.length;
  let skipped = 0;
  for (const m of modules) {
    let failedHere = 0;
    for (const t of m.children.allTests()) {
      const state = t.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failedHere++;
      else skipped++;
    }
    const suiteFailed = [...m.children.allSuites()].some((s) => s.state() === 'failed' || s.errors().length > 0);
    if (failedHere === 0 && (m.state() === 'failed' || m.errors().length > 0 || suiteFailed)) failedHere = 1;
    failed += failedHere;
  }
  return { passed, failed, skipped };
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, _reason: TestRunEndReason): void {
    const { passed, failed, skipped } = summarize(modules, unhandledErrors);
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

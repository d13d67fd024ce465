/** applySuggestions: the fix-all helper (top suggestions, no overlaps, no unfilled slots). */
import { describe, expect, it } from 'vitest';
import { applySuggestion, applySuggestions, check, type Finding } from '../src/index.js';

function finding(range: [number, number], text?: string): Finding {
  return {
    ruleId: 'directive/modal', category: 'directive', severity: 'warning', principle: 'p', message: 'm',
    range, line: 1, column: range[0] + 1, text: '', suggestions: text === undefined ? [] : [{ text, range, label: 'l' }],
  };
}

describe('applySuggestions', () => {
  it('applies the top suggestion of each finding in one pass, like applySuggestion for one', () => {
    const text = 'You should call your doctor. Thanks.';
    const { findings } = check(text);
    const r = applySuggestions(text, findings);
    expect(r.text).toBe(applySuggestion(text, findings[0]!.suggestions[0]!));
    expect(r.applied).toEqual([findings[0]]);
  });

  it('applies non-overlapping edits from several findings against the original offsets', () => {
    const text = 'aaa bbb ccc';
    const r = applySuggestions(text, [finding([8, 11], 'CC'), finding([0, 3], 'A')]);
    expect(r.text).toBe('A bbb CC');
    expect(r.applied.map((f) => f.range[0])).toEqual([0, 8]);
  });

  it('skips an overlapping replacement (the earlier, longer one wins), slots and findings without suggestions', () => {
    const text = 'aaa bbb ccc';
    const long = finding([0, 7], 'X');
    const inner = finding([4, 7], 'Y');
    const slot = finding([8, 11], 'Would [something] help?');
    const none = finding([8, 11]);
    const r = applySuggestions(text, [inner, slot, long, none]);
    expect(r.text).toBe('X ccc');
    expect(r.applied).toEqual([long]);
    expect(r.skipped).toEqual([inner, slot, none]);
  });

  it('rejects what is not text and findings, naming the argument', () => {
    expect(() => applySuggestions(1 as unknown as string, [])).toThrow(/applySuggestions\(text, findings\): expected `text` to be a string/);
    expect(() => applySuggestions('x', null as unknown as Finding[])).toThrow(/expected `findings` to be an array/);
    expect(() => applySuggestions('x', [finding([0, 5], 'y')])).toThrow(/findings\[0\]\.suggestions\[0\]\.range \[0, 5\] is not a range of the text/);
  });
});

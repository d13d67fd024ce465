/**
 * The templates of one match apply the same transform to the same words again and again
 * (`{verb...|gerund}` in most advice frames); each is computed once per input (#17).
 */
import { describe, expect, it } from 'vitest';
import { onceEach } from '../src/engine/suggest.js';
import { render } from '../src/rewrite.js';
import { check } from '../src/index.js';

describe('transforms once per input and match', () => {
  it('calls a transform once per distinct input and gives its results unchanged', () => {
    const calls: string[] = [];
    const transforms = onceEach({ shout: (s: string) => (calls.push(s), s.toUpperCase()), empty: () => '' });
    const scope = { values: { verb: 'call her', other: 'rest' }, lexicons: Object.create(null), transforms };
    expect(render('{verb|shout} now', scope)).toBe('CALL HER now');
    expect(render('maybe {verb|shout}, or {other|shout}', scope)).toBe('maybe CALL HER, or REST');
    expect(render('{verb|empty}', scope)).toBeNull();
    expect(calls).toEqual(['call her', 'rest']);
  });

  it('a fresh set per match: the same words in another match are transformed again', () => {
    let n = 0;
    const base = { count: (s: string) => `${s}${++n}` };
    expect([onceEach(base).count!('x'), onceEach(base).count!('x')]).toEqual(['x1', 'x2']);
  });

  it('English advice frames still get their gerund', () => {
    const [f] = check('You should call your doctor.', { lang: 'en' }).findings;
    expect(f!.suggestions.map((s) => s.text).some((t) => /calling your doctor/.test(t))).toBe(true);
  });
});

describe('emoji in a replaced range', () => {
  it('stay after the rewrite (the ASCII fast path skips only ranges without any)', () => {
    const [f] = check('You should call your doctor 🙏', { lang: 'en' }).findings;
    expect(f!.suggestions.length).toBeGreaterThan(0);
    for (const s of f!.suggestions) expect(s.text).toContain('🙏');
    const [plain] = check('You should call your doctor.', { lang: 'en' }).findings;
    for (const s of plain!.suggestions) expect(s.text).not.toMatch(/\p{Extended_Pictographic}/u);
  });
});

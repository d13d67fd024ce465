/**
 * Issue 16, items 2 and 3: deep Markdown nesting and micromark's quadratic shapes. Valid input
 * never throws, time stays about linear, and what was read as plain text is reported
 * (`peerspeak/plain-text`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMarkdown, maskMarkdown, PLAIN_TEXT } from '../src/markdown/index.js';
import { deepMarkers, looseSplits, MAX_DEPTH, MAX_INLINE_DELIMITERS, tameInline } from '../src/markdown/limits.js';
import { blankEscapes, blankReferences, proseMask } from '../src/markdown/mask.js';

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

/** Generous: the machine is shared; before the fix these took tens of seconds or threw. */
const SLOW_MS = 15_000;

describe('deep nesting (item 2)', () => {
  const shapes: Array<[string, string]> = [
    ['5,000 ">"', '> '.repeat(5000) + 'You should rest.'],
    ['10,000 "-" on one line', '- '.repeat(10_000) + 'You should rest.'],
    ['10,000 "1." on one line', '1. '.repeat(10_000) + 'You should rest.'],
    ['"> - " × 5,000', '> - '.repeat(5000) + 'You should rest.'],
    ['lists indented 2,000 deep', Array.from({ length: 2000 }, (_, k) => ' '.repeat(2 * k) + '- You should rest.').join('\n')],
    ['lines of 200 ">" with blank lines', ('>'.repeat(200) + ' You should rest.\n\n').repeat(300)],
  ];
  for (const [name, text] of shapes) {
    it(`${name}: no RangeError, the finding is reported, and a notice says what was plain text`, () => {
      const [res, ms] = timed(() => checkMarkdown(text, { profile: 'chat' }));
      expect(ms).toBeLessThan(SLOW_MS);
      const notices = res.findings.filter((f) => f.ruleId === PLAIN_TEXT);
      expect(notices.length).toBeGreaterThan(0);
      expect(notices[0]!.severity).toBe('info');
      const modal = res.findings.filter((f) => f.ruleId === 'directive/modal');
      expect(modal.length).toBeGreaterThan(0);
      for (const f of modal) expect(f.text).toBe(text.slice(f.range[0], f.range[1]));
    });
  }

  it('the deeper markers are masked as markup, shallow nesting is unchanged', () => {
    const text = '> '.repeat(40) + 'Hi there.';
    const mask = maskMarkdown(text);
    expect(mask.length).toBe(text.length);
    expect(mask.trim()).toBe('Hi there.');
    expect(checkMarkdown('> > > You should rest.\n', { profile: 'chat' }).findings.map((f) => f.ruleId)).toEqual(['directive/modal']);
  });

  it('deepMarkers counts markers and indentation, one pass', () => {
    expect(deepMarkers('> '.repeat(MAX_DEPTH) + 'x')).toEqual([]);
    // The markers past the limit and the blanks between them: one range per line.
    expect(deepMarkers('> '.repeat(MAX_DEPTH + 2) + 'x')).toEqual([[2 * MAX_DEPTH, 2 * MAX_DEPTH + 3]]);
    expect(deepMarkers(('>'.repeat(MAX_DEPTH + 5) + ' a\n').repeat(2))).toEqual([
      [MAX_DEPTH, MAX_DEPTH + 5],
      [2 * MAX_DEPTH + 8, 2 * MAX_DEPTH + 13],
    ]);
    expect(deepMarkers(' '.repeat(80) + '- x')).toEqual([[80, 81]]);
    expect(deepMarkers('a > b > c\n- - x\n1) 2. y')).toEqual([]);
  });

  it('the notice can be turned off', () => {
    const res = checkMarkdown('> '.repeat(100) + 'You should rest.', { profile: 'chat', rules: { [PLAIN_TEXT]: 'off' } });
    expect(res.findings.map((f) => f.ruleId)).toEqual(['directive/modal']);
  });
});

describe("micromark's quadratic shapes (item 3)", () => {
  const shapes: Array<[string, (n: number) => string]> = [
    ['"[a](" repeated', (n) => '[a]('.repeat(n / 4)],
    ['"](" repeated', (n) => ']('.repeat(n / 2)],
    ['"[a][" repeated', (n) => '[a]['.repeat(n / 4)],
    ['"*a " then "a* "', (n) => '*a '.repeat(n / 6) + 'a* '.repeat(n / 6)],
    ['"_a" lines then "a_" lines', (n) => '_a\n'.repeat(n / 6) + 'a_\n'.repeat(n / 6)],
    ['"*" run around a letter', (n) => '*'.repeat(n / 2) + 'a' + '*'.repeat(n / 2)],
    ['"[a" then "]"', (n) => '[a'.repeat(n / 4) + ']'.repeat(n / 4)],
  ];
  for (const [name, make] of shapes) {
    it(`${name}: 40 kB and 400 kB finish quickly and about linearly, with a notice`, () => {
      checkMarkdown(make(4000), { profile: 'chat' });
      const [small, t1] = timed(() => checkMarkdown(make(40_000) + '\n\nYou should rest.\n', { profile: 'chat' }));
      const [big, t10] = timed(() => checkMarkdown(make(400_000) + '\n\nYou should rest.\n', { profile: 'chat' }));
      for (const res of [small, big]) {
        expect(res.findings.some((f) => f.ruleId === PLAIN_TEXT)).toBe(true);
        expect(res.findings.some((f) => f.ruleId === 'directive/modal')).toBe(true);
      }
      expect(t10).toBeLessThan(SLOW_MS);
      // Quadratic would be 100×; allow noise from a shared machine.
      expect(t10 / Math.max(t1, 20)).toBeLessThan(40);
    });
  }

  it('tameInline leaves ordinary paragraphs alone and keeps the length', () => {
    const normal = 'Some *emphasis*, a [link](https://x.y) and `code`.\n\n- **bold** item\n- _another_ [one](z)\n';
    expect(tameInline(normal)).toEqual({ source: normal, at: [] });
    const dense = 'Intro.\n\n' + '*a '.repeat(MAX_INLINE_DELIMITERS + 1) + '\n\n```\n' + '*'.repeat(1000) + '\n```\n';
    const t = tameInline(dense);
    expect(t.source.length).toBe(dense.length);
    expect(t.at).toEqual([8]);
    // Code fences are not paragraphs: their content is untouched.
    expect(t.source.endsWith('```\n' + '*'.repeat(1000) + '\n```\n')).toBe(true);
  });
});

describe('a long document is parsed in runs and analysed as one', () => {
  const filler = (k: number) => `Paragraph ${k} is about the weather and the sea.\n\n`;

  it('a peerspeak-disable region spans runs; a reference definition no longer keeps the document whole', () => {
    const parts = ['[ref]: https://example.com\n\n', '<!-- peerspeak-disable directive -->\n\n'];
    for (let k = 0; k < 3000; k++) parts.push(filler(k));
    parts.push('You should rest.\n\n', '<!-- peerspeak-enable directive -->\n\n', 'You should eat.\n');
    const text = parts.join('');
    expect(text.length).toBeGreaterThan(128 * 1024);
    const res = checkMarkdown(text, { profile: 'chat' });
    const modal = res.findings.filter((f) => f.ruleId === 'directive/modal');
    expect(modal.length).toBe(1);
    expect(modal[0]!.range[0]).toBe(text.lastIndexOf('You should eat.'));
    expect(res.findings.some((f) => f.ruleId === PLAIN_TEXT)).toBe(false);
  });

  it('one paragraph longer than the parse limit is checked as plain text, with a notice', () => {
    const text = 'Hello there. '.repeat(6000) + 'You should rest.';
    const res = checkMarkdown(text, { profile: 'chat' });
    expect(res.findings.map((f) => f.ruleId)).toEqual([PLAIN_TEXT, 'directive/modal']);
  });

  it('looseSplits splits at blank lines outside fences, whatever the indentation', () => {
    const text = 'a\n\nb\n\n  ```\n\nc\n\n  ```\n\nd\n';
    expect(looseSplits(text, 0, text.length).map((p) => text[p])).toEqual(['b', 'd']);
  });
});

describe('the prose mask is built in linear time, as the patterns it replaced', () => {
  // The patterns src/markdown/mask.ts replaced (the ReDoS fuzzer flagged the first one now and then).
  const REFERENCE = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;
  const ESCAPE = /\\(?=[!-/:-@[-`{-~])/g;
  const old = (mask: string) => mask.replace(REFERENCE, (m) => ' '.repeat(m.length)).replace(ESCAPE, ' ');
  const now = (mask: string) => blankEscapes(blankReferences(mask));

  it('examples', () => {
    for (const s of ['&amp;', '&#39;', '&#x1F600;', '&#X1f;', '&#12345678;', '&#x1234567;', '&a;', '&ab;', `&a${'b'.repeat(30)};`, `&a${'b'.repeat(31)};`,
      '&&amp;;', '&#;', '&#x;', '\\*', '\\\\*', '\\&amp;', '\\a', 'a\\', '&amp\\;', '&amp;&lt;x&gt;']) {
      expect(now(s), JSON.stringify(s)).toBe(old(s));
    }
  });

  it('random text over the characters that matter', () => {
    const alphabet = ['&', '#', 'x', 'X', ';', '\\', '*', 'a', 'Z', '1', '9', 'f', 'G', ' ', '\n', 'é'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (chars) => {
        const s = chars.join('');
        expect(now(s)).toBe(old(s));
      }),
      { numRuns: 3000, seed: 18 },
    );
  });

  it('a long run of "&a" and backslashes takes linear time', () => {
    const s = `&${'a'.repeat(200_000)}${'\\'.repeat(200_000)}`;
    const t0 = performance.now();
    expect(now(s)).toBe(old(s));
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('the mask keeps every prose unit, blanks the rest and keeps line breaks', () => {
    const md = '# Ti&amp;tle\n\n> quoted\n> line\n\nA `code` \\*and\\* text.\r\n';
    const mask = maskMarkdown(md);
    expect(mask).toHaveLength(md.length);
    expect(mask).toBe(`  Ti${' '.repeat(5)}tle\n\n  quoted\n  line\n\nA${' '.repeat(9)}*and * text.\r\n`);
    expect(proseMask('ab\ncd', [[3, 5]])).toBe('  \ncd');
  });
});

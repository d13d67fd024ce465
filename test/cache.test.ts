/**
 * Issue 16, item 10: SECURITY.md and the sentence cache agree. A checker keeps recent
 * sentences by default; `cache: false` keeps nothing of the text once a call returns, and
 * `checker.clear()` forgets what a caching checker kept. Checked on the heap itself: a heap
 * snapshot (which collects garbage first) is searched for a word made up at run time.
 */
import { getHeapSnapshot } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { check, createChecker } from '../src/all.js';
import { checkMarkdown } from '../src/markdown/index.js';

/**
 * A word that appears nowhere in the source, made of random letters at run time. It is kept
 * as bytes (outside the JavaScript heap): a string held by the test would itself be found.
 */
function secretWord(): Buffer {
  const w = Buffer.alloc(15);
  w[0] = 0x51; // Q
  for (let i = 1; i < w.length; i++) w[i] = 97 + Math.floor(Math.random() * 26);
  return w;
}

/** Whether any string on the heap contains `needle` (after a full garbage collection). */
async function onHeap(needle: Buffer): Promise<boolean> {
  // V8 keeps the subject of the last regular-expression match for the legacy RegExp.lastMatch
  // / RegExp.$_ statics: one string per realm, overwritten by the next match anywhere. It is
  // not a peerspeak cache, so it is reset before looking.
  /reset/.exec('reset');
  const chunks: Buffer[] = [];
  for await (const c of getHeapSnapshot()) chunks.push(c as Buffer);
  return Buffer.concat(chunks).includes(needle);
}

/** Check a message with the word in it, keeping no reference to the text or the result. */
function checkSecret(run: (text: string) => unknown, secret: Buffer): number {
  const word = secret.toString('latin1');
  const text = ['You should call ', word, ' tonight. You must tell ', word, ' everything.'].join('');
  const n = JSON.stringify(run(text)).length;
  return n;
}

describe('no text is kept when asked (item 10)', { timeout: 120_000 }, () => {
  it('a caching checker keeps sentences; clear() forgets them; cache: false never keeps them', async () => {
    const cached = createChecker({ lang: 'en' });
    const a = secretWord();
    expect(checkSecret((t) => cached.check(t), a)).toBeGreaterThan(100);
    // The test can see a kept sentence: the default checker holds it in its cache.
    expect(await onHeap(a)).toBe(true);
    cached.clear();
    expect(await onHeap(a)).toBe(false);

    const uncached = createChecker({ lang: 'en', cache: false });
    const b = secretWord();
    expect(checkSecret((t) => uncached.check(t), b)).toBeGreaterThan(100);
    expect(await onHeap(b)).toBe(false);

    const c = secretWord();
    checkSecret((t) => check(t, { lang: 'auto', profile: 'strict', cache: false }), c);
    checkSecret((t) => checkMarkdown(`# Notes\n\n${t}\n\n> ${t}\n`, { cache: false }), c);
    expect(await onHeap(c)).toBe(false);
  });

  it('cache: false gives the same findings as the default', () => {
    const text = 'You should call your doctor. Everyone should rest more. You need to calm down.';
    const strip = (r: ReturnType<typeof check>) => JSON.stringify(r);
    expect(strip(check(text, { cache: false }))).toBe(strip(check(text)));
    const checker = createChecker({ profile: 'strict' });
    const first = strip(checker.check(text));
    checker.clear();
    expect(strip(checker.check(text))).toBe(first);
  });

  it('cache must be a boolean', () => {
    expect(() => createChecker({ cache: 'no' as unknown as boolean })).toThrow(/options\.cache: expected true or false/);
  });
});

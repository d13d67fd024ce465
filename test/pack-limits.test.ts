/**
 * Issue 16, item 4: the total size of a user pack's lexicons is capped, not only each
 * lexicon. 2,000 lexicons of 20,000 entries ran out of memory; now such a pack is refused at
 * once with a PackError that names the file and the path inside the pack.
 */
import { describe, expect, it } from 'vitest';
import { check, PackError, validatePack } from '../src/all.js';
import { LIMITS } from '../src/schema.js';
import { SERVICE_USER } from './helpers.js';

function pack(lexicons: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    name: 'big',
    lang: 'en',
    lexicons,
    ...extra,
    rules: [
      {
        ...SERVICE_USER,
        match: ['our? term:@l0'],
        examples: { flag: [{ text: 'Our w1 deserve better.' }], pass: ['The people we support deserve better.'] },
      },
    ],
  };
}

/** One array shared by every lexicon: the test itself stays small. */
const FULL = Array.from({ length: LIMITS.lexiconEntries }, (_, i) => `w${i}`);

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

describe('total lexicon size (item 4)', () => {
  it('2,000 full lexicons are refused at once, naming the pack and the path', () => {
    const lexicons: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) lexicons[`l${i}`] = FULL;
    const t0 = performance.now();
    const e = thrown(() => validatePack(pack(lexicons), 'packs/huge.json'));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(e).toBeInstanceOf(PackError);
    const err = e as PackError;
    expect(err.where).toBe('packs/huge.json');
    expect(err.path).toBe('lexicons');
    expect(err.message).toContain('packs/huge.json.lexicons: expected at most 50000 lexicon and inflection entries in all, got 40000000');
    // The same through check(): the pack is options.packs.0.
    expect(() => check('Our w1 deserve better.', { packs: [pack(lexicons)] })).toThrow(/options\.packs\.0\.lexicons: expected at most 50000/);
  });

  it('inflection maps count too; too many guards are refused', () => {
    const map = Object.fromEntries(FULL.map((w) => [w, w + 's']));
    const e = thrown(() => validatePack(pack({ l0: FULL }, { inflections: { a: { map }, b: { map } } }), 'infl.json')) as PackError;
    expect(e).toBeInstanceOf(PackError);
    expect(e.message).toMatch(/infl\.json\.inflections: expected at most 50000 .* got 60000/);
    const guards = Object.fromEntries(Array.from({ length: LIMITS.guardsPerPack + 1 }, (_, i) => [`g${i}`, ['our dear']]));
    expect(() => validatePack(pack({ l0: ['w1'] }, { guards }), 'g.json')).toThrow(/g\.json\.guards: expected at most 200 guards, got 201/);
  });

  it('a pack within the limits is accepted', () => {
    const ok = pack({ l0: FULL, l1: FULL });
    expect(() => validatePack(ok, 'ok.json')).not.toThrow();
    expect(check('Our w19999 deserve better.', { packs: [ok] }).findings.some((f) => f.ruleId === 'diagnostic/service-user')).toBe(true);
  });
});

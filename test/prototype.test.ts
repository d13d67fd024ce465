/**
 * Issue 16, item 7: names that come from text or from a pack are never looked up on
 * `Object.prototype`. Words such as "constructor" or "toString" in a message, lexicon names
 * (`@toString`), guard names (`guard:constructor`), capture names and language codes must
 * behave like any other name: no `function Object() { [native code] }` in a suggestion, no
 * TypeError, and an unknown name is reported by `validatePack`.
 */
import { describe, expect, it } from 'vitest';
import { check, detectLanguage, PackError, scoreLanguages, validatePack } from '../src/all.js';
import type { LangOption } from '../src/index.js';
import { SERVICE_USER } from './helpers.js';

export const PROTOTYPE_WORDS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf', 'toLocaleString', '__defineGetter__'];

/** Sentences that put a word where a rule captures it and a suggestion transforms it. */
const CARRIERS: Record<string, string[]> = {
  en: ['Everyone should talk to {w}.', 'Everyone should just relax with their {w}.', 'You should {w} more.', 'You need to {w} now.'],
  sv: ['Varför {w} du inte?', 'Det du behöver är att {w}.', 'Vad du måste är att {w} mer.', 'Du borde {w}.'],
  da: ['Hvorfor {w} du ikke?', 'Det du skal er at {w}.', 'Du skal {w}.', 'Du bør {w} mere.'],
};

const NATIVE = /\[native code\]|function \w*\(|\[object /;

describe('prototype words in checked text', () => {
  for (const [lang, carriers] of Object.entries(CARRIERS)) {
    it(`${lang}: suggestions never contain an Object.prototype member`, () => {
      let suggestions = 0;
      for (const w of PROTOTYPE_WORDS) {
        for (const c of carriers) {
          const text = c.replace('{w}', w);
          const { findings } = check(text, { lang: lang as LangOption, profile: 'strict' });
          for (const f of findings) {
            for (const s of f.suggestions) {
              suggestions++;
              expect(s.text, `${lang} ${JSON.stringify(text)}`).not.toMatch(NATIVE);
            }
          }
        }
      }
      // The carriers do reach suggestion templates (else the test would prove nothing).
      expect(suggestions).toBeGreaterThan(10);
    });
  }

  it('Swedish inflection maps: "constructor" is inflected by the suffix rules like any unknown word', () => {
    const { findings } = check('Det du behöver är att constructor.', { lang: 'sv', profile: 'strict' });
    const texts = findings.flatMap((f) => f.suggestions.map((s) => s.text));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.some((t) => /att constructo\b/.test(t))).toBe(true);
  });

  it('language codes named like prototype members are scored, not looked up', () => {
    const langs = ['en', 'constructor', '__proto__', 'toString'];
    const scores = scoreLanguages('You should call your doctor.', langs);
    expect(Object.keys(scores)).toEqual(langs);
    expect(scores['constructor']).toBe(0);
    expect(Object.getOwnPropertyDescriptor(scores, '__proto__')?.value).toBe(0);
    expect(detectLanguage('toString valueOf constructor', ['constructor', 'toString'], 'toString')).toBe('toString');
  });
});

/** A user pack whose lexicon, guard and capture names are Object.prototype member names. */
function protoPack(overrides: { lexName?: string; guardName?: string; unless?: string[]; pattern?: string; template?: string } = {}) {
  const lexName = overrides.lexName ?? 'toString';
  const guardName = overrides.guardName ?? 'constructor';
  return {
    name: 'proto-pack',
    lang: 'en',
    lexicons: { [lexName]: ['clients', 'service users'], valueOf: { patients: 'people' } },
    guards: { [guardName]: ['our dear clients'] },
    rules: [
      {
        ...SERVICE_USER,
        match: [
          {
            pattern: overrides.pattern ?? `hasOwnProperty:our? constructor:@${lexName}`,
            suggest: [{ label: 'Say people', template: overrides.template ?? 'the people we support', replace: 'match' }],
          },
        ],
        unless: overrides.unless ?? [`guard:${guardName}`],
        examples: { flag: [{ text: 'Our clients deserve better.' }], pass: ['The people we support deserve better.'] },
      },
    ],
  };
}

describe('prototype names in user packs', () => {
  it('lexicon, guard and capture names like toString/constructor compile and work', () => {
    const pack = protoPack();
    expect(() => validatePack(pack, 'proto.json')).not.toThrow();
    const { findings } = check('Our clients deserve better.', { packs: [pack] });
    const f = findings.find((x) => x.ruleId === 'diagnostic/service-user');
    expect(f?.suggestions[0]?.text).toBe('The people we support');
    // The guard named "constructor" is applied, not Object.prototype.constructor.
    expect(check('Our dear clients deserve better.', { packs: [pack] }).findings.some((x) => x.ruleId === 'diagnostic/service-user')).toBe(false);
  });

  it('an unknown @toString or guard:constructor is a PackError, not a TypeError in check()', () => {
    const a = protoPack({ lexName: 'clients', pattern: 'our? term:@toString' });
    expect(() => validatePack(a, 'a.json')).toThrow(PackError);
    expect(() => validatePack(a, 'a.json')).toThrow(/unknown lexicon "@toString"/);
    const b = protoPack({ guardName: 'dear', unless: ['guard:constructor'] });
    expect(() => validatePack(b, 'b.json')).toThrow(PackError);
    expect(() => validatePack(b, 'b.json')).toThrow(/unknown guard "constructor"/);
    const c = protoPack({ template: 'the {valueOf|lex:hasOwnProperty}' });
    expect(() => validatePack(c, 'c.json')).toThrow(/unknown placeholder|unknown lexicon/);
    const d = protoPack({ template: 'the {constructor|toString}' });
    expect(() => validatePack(d, 'd.json')).toThrow(/unknown transform "toString"/);
  });

  it('an optional capture named toString that did not match renders no suggestion, not a function', () => {
    const pack = protoPack({ pattern: 'toString:our? constructor:@toString', template: '{toString} people' });
    const { findings } = check('Clients deserve better.', { packs: [pack] });
    const f = findings.find((x) => x.ruleId === 'diagnostic/service-user');
    expect(f).toBeDefined();
    for (const s of f!.suggestions) expect(s.text).not.toMatch(NATIVE);
    // With the capture present the template renders it.
    const g = check('Our clients deserve better.', { packs: [pack] }).findings.find((x) => x.ruleId === 'diagnostic/service-user');
    expect(g?.suggestions[0]?.text).toBe('Our people');
  });
});

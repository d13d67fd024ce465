/**
 * Language selection (issue 13, item 8): BCP 47 tags and locale names reduce to their base
 * language; `lang: 'auto'` says which paragraphs it could not check; one registry for the ESM
 * and the CJS build. The registry tests run the built `dist/` in a fresh Node process, so that
 * only the entry points under test are loaded.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baseLanguage } from '../src/lang-tag.js';
import { check, createChecker } from '../src/all.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p: string) => JSON.stringify(join(repo, 'dist', p));

/** Run an ES module script in a fresh Node process; its stdout parsed as JSON. */
function node(script: string): unknown {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const SWEDISH = 'Du borde verkligen ringa din läkare nu, tycker jag. Det är viktigt för dig.';

describe('BCP 47 tags', () => {
  it('reduce to the base language, lower-cased', () => {
    expect(['sv-SE', 'SV', 'da_DK', 'en-GB', 'en', 'sv-Latn-SE'].map(baseLanguage)).toEqual(['sv', 'sv', 'da', 'en', 'en', 'sv']);
    expect(baseLanguage('auto')).toBe('auto');
    expect(baseLanguage('english')).toBe('english');
  });

  it('are accepted by check() and createChecker(); the result names the base language', () => {
    expect(check('Du borde ringa din läkare.', { lang: 'sv-SE' })).toMatchObject({ lang: 'sv', findings: [{ ruleId: 'directive/modal' }] });
    expect(check('Du borde ringa din läkare.', { lang: 'SV' }).findings.map((f) => f.ruleId)).toEqual(['directive/modal']);
    expect(createChecker({ lang: 'da_DK' }).check('Du burde ringe til din læge.').lang).toBe('da');
    expect(check('You should call your doctor.', { lang: 'en-GB' }).findings.map((f) => f.ruleId)).toEqual(['directive/modal']);
  });

  it('an unknown language is refused by the name given', () => {
    expect(() => check('x', { lang: 'fi-FI' as never })).toThrow(/options\.lang: unknown lang "fi-FI": expected one of en, sv, da, auto/);
  });
});

describe("lang: 'auto' and languages that are not loaded", () => {
  it('with only English loaded, reports a Swedish paragraph as unchecked instead of passing it', () => {
    const out = node(`
      const { check } = await import(${dist('index.js')});
      const text = 'You should call your doctor.\\n\\n' + ${JSON.stringify(SWEDISH)};
      const r = check(text, { lang: 'auto' });
      console.log(JSON.stringify({ lang: r.lang, ids: r.findings.map((f) => f.ruleId), unchecked: r.unchecked, sv: text.indexOf('Du') }));
    `) as { lang: string; ids: string[]; unchecked: Array<{ lang: string; range: [number, number] }>; sv: number };
    expect(out.lang).toBe('en');
    expect(out.ids).toEqual(['directive/modal']);
    expect(out.unchecked).toEqual([{ lang: 'sv', range: [out.sv, out.sv + SWEDISH.length] }]);
  });

  it('with the language loaded, nothing is unchecked (and the field is absent)', () => {
    const r = check(`You should call your doctor.\n\n${SWEDISH}`, { lang: 'auto' });
    expect(r.unchecked).toBeUndefined();
    expect(r.findings.map((f) => f.ruleId)).toEqual(['directive/modal', 'directive/modal']);
  });
});

describe('one registry for ESM and CJS', () => {
  it("require('peerspeak/rules/sv') registers Swedish for import, and import for require", () => {
    const out = node(`
      import { createRequire } from 'node:module';
      const require = createRequire(${dist('index.cjs')});
      require(${dist('rules/sv.cjs')});
      const esm = await import(${dist('index.js')});
      const before = esm.check(${JSON.stringify(SWEDISH)}, { lang: 'auto' });
      await import(${dist('rules/da.js')});
      const cjs = require(${dist('index.cjs')});
      console.log(JSON.stringify({
        esm: esm.languages(),
        cjs: cjs.languages(),
        sv: esm.check('Du borde ringa din läkare.', { lang: 'sv' }).findings.map((f) => f.ruleId),
        da: cjs.check('Du burde ringe til din læge.', { lang: 'da' }).findings.map((f) => f.ruleId),
        autoLang: before.lang,
      }));
    `) as Record<string, unknown>;
    expect(out).toEqual({ esm: ['en', 'sv', 'da'], cjs: ['en', 'sv', 'da'], sv: ['directive/modal'], da: ['directive/modal'], autoLang: 'sv' });
  });

  it('a checker cached for auto sees a language registered later by the other build', () => {
    const out = node(`
      import { createRequire } from 'node:module';
      const require = createRequire(${dist('index.cjs')});
      const esm = await import(${dist('index.js')});
      const text = ${JSON.stringify(SWEDISH)};
      const first = esm.check(text, { lang: 'auto' });
      require(${dist('rules/sv.cjs')});
      const second = esm.check(text, { lang: 'auto' });
      console.log(JSON.stringify({ first: first.unchecked?.length ?? 0, second: second.unchecked?.length ?? 0, lang: second.lang }));
    `);
    expect(out).toEqual({ first: 1, second: 0, lang: 'sv' });
  });
});

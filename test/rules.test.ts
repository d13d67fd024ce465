/**
 * The generic rule test (LanguageTool's PatternRuleTest is the model): every rule of every
 * built-in pack carries examples that must flag and near-misses that must pass; a rule
 * without both kinds fails here. A flag example's expected suggestion is the text after
 * applying the rule's top suggestion, and that text must re-check clean for the category.
 */
import { describe, expect, it } from 'vitest';
import { applySuggestion, createChecker, languages } from '../src/all.js';
import { builtinPacks, exampleParts } from './helpers.js';

for (const [lang, pack] of builtinPacks()) {
  describe(`rules/${lang}`, () => {
    const strict = createChecker({ lang: lang as never, profile: 'strict' });
    for (const rule of pack.rules) {
      describe(rule.id, () => {
        it('has examples that flag and examples that pass', () => {
          expect(rule.examples.flag.length).toBeGreaterThan(0);
          expect(rule.examples.pass.length).toBeGreaterThan(0);
        });
        for (const example of rule.examples.flag) {
          // `[[You should call]] your doctor.`: exactly one finding of this rule, on that span.
          const { text, span } = exampleParts(example.text);
          const ex = { ...example, text };
          it(`flags: ${example.text}`, () => {
            const hits = strict.check(ex.text).findings.filter((f) => f.ruleId === rule.id);
            expect(hits.map((f) => f.text), `no ${rule.id} finding`).not.toEqual([]);
            if (span !== undefined) expect(hits.map((f) => f.text)).toEqual([span]);
            const f = hits[0]!;
            if (rule.category !== 'role-limits') expect(f.suggestions.length).toBeGreaterThan(0);
            if (rule.category === 'directive') expect(f.suggestions.length).toBeGreaterThanOrEqual(2);
            if (ex.suggestion !== undefined) {
              const fixed = applySuggestion(ex.text, f.suggestions[0]!);
              expect(fixed).toBe(ex.suggestion);
            }
            if (f.suggestions[0]) {
              const fixed = applySuggestion(ex.text, f.suggestions[0]);
              const again = strict.check(fixed).findings.filter((g) => g.category === rule.category);
              expect(again.map((g) => `${g.ruleId}: ${g.text}`), `re-check of "${fixed}"`).toEqual([]);
            }
          });
        }
        for (const text of rule.examples.pass) {
          it(`passes: ${text}`, () => {
            const hits = strict.check(text).findings.filter((f) => f.ruleId === rule.id);
            expect(hits.map((f) => f.text)).toEqual([]);
          });
        }
      });
    }
  });
}

describe('packs', () => {
  it('every built-in language has a pack', () => {
    expect(languages()).toContain('en');
  });
});

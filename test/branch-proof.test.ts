/**
 * Every branch of a rule is proved by its own examples (issue 12): a `match` entry that fires on
 * none of its rule's flag examples is untested, and an `unless` entry (on the rule or on a match)
 * that no pass example needs is an exception nobody can show is right. Each entry is taken out in
 * turn, the pack is registered again and the rule's examples are run:
 * - with only match entry i left, at least one flag example must still be flagged by the rule;
 * - without unless entry j, at least one pass example must now be flagged by the rule.
 * Languages are listed here as their packs reach that standard.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createChecker, registerLanguage } from '../src/all.js';
import { en } from '../src/lang/en.js';
import type { LangOption, LanguageSupport, Pack, Rule } from '../src/index.js';
import { builtinPacks, exampleParts } from './helpers.js';

const PROVED = ['en', 'sv', 'da'];
const SUPPORT: Record<string, LanguageSupport> = { en };

type Variant = (rule: Rule) => Rule;

function hitsWith(lang: string, pack: Pack, ruleIndex: number, variant: Variant, texts: string[]): string[] {
  const rule = pack.rules[ruleIndex]!;
  const changed: Pack = { ...pack, rules: pack.rules.map((r, i) => (i === ruleIndex ? variant(r) : r)) };
  registerLanguage(changed, SUPPORT[lang] ?? { code: lang });
  const checker = createChecker({ lang: lang as LangOption, profile: 'strict' });
  return texts.filter((t) => checker.check(t).findings.some((f) => f.ruleId === rule.id));
}

for (const [lang, pack] of builtinPacks()) {
  if (!PROVED.includes(lang)) continue;
  describe(`branch proof: rules/${lang}`, () => {
    afterAll(() => registerLanguage(pack, SUPPORT[lang] ?? { code: lang }));
    pack.rules.forEach((rule, ri) => {
      const flags = rule.examples.flag.map((e) => exampleParts(e.text).text);
      const passes = rule.examples.pass;
      // A match entry may be written as a bare pattern string.
      const entries = rule.match.map((x) => (typeof x === 'string' ? { pattern: x } : x));
      entries.forEach((m, mi) => {
        it(`${rule.id}: match ${mi} (${m.pattern}) fires on a flag example`, () => {
          const hits = hitsWith(lang, pack, ri, (r) => ({ ...r, match: [r.match[mi]!] }), flags);
          expect(hits, `no flag example of ${rule.id} is found by match ${mi} alone`).not.toEqual([]);
        });
        ('unless' in m ? m.unless ?? [] : []).forEach((u: string, ui: number) => {
          it(`${rule.id}: match ${mi} unless ${ui} (${u}) is needed by a pass example`, () => {
            const drop: Variant = (r) => ({ ...r, match: r.match.map((x, k) => (k === mi && typeof x !== 'string' ? { ...x, unless: (x.unless ?? []).filter((_: string, j: number) => j !== ui) } : x)) });
            expect(hitsWith(lang, pack, ri, drop, passes), `no pass example of ${rule.id} needs this unless`).not.toEqual([]);
          });
        });
      });
      (rule.unless ?? []).forEach((u, ui) => {
        it(`${rule.id}: unless ${ui} (${u}) is needed by a pass example`, () => {
          const drop: Variant = (r) => ({ ...r, unless: (r.unless ?? []).filter((_, j) => j !== ui) });
          expect(hitsWith(lang, pack, ri, drop, passes), `no pass example of ${rule.id} needs this unless`).not.toEqual([]);
        });
      });
    });
  });
}

/**
 * The built-in packs are authored as sources (one file per rule, shared.json per language) and
 * built into rules/<lang>/pack.json: the checked-in pack.json must be what its sources build to,
 * the split must be the exact inverse of the build, and the opt-in suggest dedup must not
 * change a single finding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, type Finding } from '../src/all.js';
import { IMPLICIT_GUARDS, IMPLICIT_LEXICONS } from '../src/schema.js';
// @ts-expect-error plain JavaScript build script, no types
import { buildFrom, buildPack, conceptProblems, IMPLICIT, LANGS, root, splitPack } from '../scripts/pack-sources.mjs';

type PackJson = { lang: string; lexicons: Record<string, unknown>; guards: Record<string, string[]>; rules: Array<Record<string, unknown> & { id: string; match: unknown[]; examples?: Record<string, Array<string | { text: string }>> }> };
const packText = (lang: string) => readFileSync(join(root, 'rules', lang, 'pack.json'), 'utf8');
const split = splitPack as (pack: unknown, options?: { dedupe?: boolean }) => Record<string, string>;
const build = buildFrom as (files: Record<string, string>) => string;

describe('pack sources', () => {
  it.each(LANGS as string[])('rules/%s/pack.json is what its sources build to (npm run packs)', (lang) => {
    expect((buildPack as (dir: string) => string)(join(root, 'rules', lang)) === packText(lang)).toBe(true);
  });

  it.each(LANGS as string[])('%s: splitting then building gives pack.json back byte for byte', (lang) => {
    const text = packText(lang);
    const files = split(JSON.parse(text));
    expect(Object.keys(files)).toContain('shared.json');
    expect(build(files) === text).toBe(true);
  });

  it('a lexicon only one rule names lives in that rule file; guard and engine lexicons stay shared', () => {
    const pack = {
      name: 't',
      lang: 'en',
      lexicons: { mine: ['a'], both: ['b'], guarded: ['c'], newClause: ['d'], unused: ['e'] },
      guards: { choice: ['@guarded'] },
      rules: [
        { id: 'directive/one', match: [{ pattern: '@mine @both @newClause', suggest: [{ label: 'x', template: '{match|lex:mine}' }] }] },
        { id: 'directive/two', match: ['@both @guarded'] },
      ],
    };
    const files = split(pack);
    expect(Object.keys(JSON.parse(files['shared.json']!).lexicons)).toEqual(['both', 'guarded', 'newClause', 'unused']);
    expect(JSON.parse(files['directive/one.json']!).lexicons).toEqual({ mine: ['a'] });
    expect(JSON.parse(files['directive/two.json']!).lexicons).toBeUndefined();
    expect(JSON.parse(build(files))).toEqual(pack);
  });

  it('a new rule file needs no other edit: it is built after the known rules, its lexicons after the known ones', () => {
    const pack = JSON.parse(packText('en')) as PackJson;
    const files = split(pack);
    files['judging/new-one.json'] = JSON.stringify({ id: 'judging/new-one', category: 'judging', match: ['@zz'], lexicons: { zz: ['zz'] } });
    const built = JSON.parse(build(files)) as PackJson;
    expect(built.rules.at(-1)!.id).toBe('judging/new-one');
    expect(Object.keys(built.lexicons).at(-1)).toBe('zz');
    expect(built.rules.slice(0, -1)).toEqual(pack.rules);
  });

  it('a rule file whose id does not match its path is refused, naming the file', () => {
    const files = split(JSON.parse(packText('sv')));
    files['judging/elsewhere.json'] = files['judging/dismissing.json']!;
    expect(() => build(files)).toThrow(/judging\/elsewhere\.json: the rule's id "judging\/dismissing" does not match its file/);
  });
});

describe('split-packs --dedupe-suggest', () => {
  it.each(LANGS as string[])('%s: shared suggest lists live at the rule, and deduplicating gives the same findings on every example', (lang) => {
    const pack = JSON.parse(packText(lang)) as PackJson;
    const deduped = JSON.parse(build(split(pack, { dedupe: true }))) as PackJson;
    const blocks = (p: PackJson) => JSON.stringify(p.rules).split('"suggest":[{').length;
    // The published packs are authored deduplicated (#18): splitting again moves nothing.
    expect(blocks(deduped)).toBe(blocks(pack));
    expect(deduped.rules.some((r) => r['suggest'])).toBe(true);
    const texts = pack.rules.flatMap((r) => Object.values(r.examples ?? {}).flat().map((e) => (typeof e === 'string' ? e : e.text)));
    expect(texts.length).toBeGreaterThan(100);
    const strip = (fs: Finding[]) => fs.map((f) => [f.ruleId, f.range, f.message, f.suggestions]);
    for (const profile of ['chat', 'strict'] as const) {
      for (const text of texts) {
        const before = check(text, { lang: lang as 'en', profile }).findings;
        const after = check(text, { lang: lang as 'en', profile, packs: [deduped] }).findings;
        expect(strip(after), text).toEqual(strip(before));
      }
    }
  });
});

describe('concept ids across languages', () => {
  it('every concept id exists in en, sv and da or is listed in rules/language-specific.json', () => {
    const packs = Object.fromEntries((LANGS as string[]).map((l) => [l, JSON.parse(packText(l))]));
    const specific = JSON.parse(readFileSync(join(root, 'rules', 'language-specific.json'), 'utf8'));
    expect(conceptProblems(packs, specific)).toEqual([]);
  });

  it('an id missing in one language is reported until the languages that have it list it', () => {
    const rules = (ids: string[]) => ({ rules: ids.map((id) => ({ id })) });
    const packs = { en: rules(['a/x', 'a/y']), sv: rules(['a/x', 'a/y']), da: rules(['a/x']) };
    expect(conceptProblems(packs, {})).toEqual([
      'a/y: in en, sv but not da; add it there, or list it under en, sv in rules/language-specific.json',
    ]);
    expect(conceptProblems(packs, { en: ['a/y'], sv: ['a/y'] })).toEqual([]);
    expect(conceptProblems(packs, { en: ['a/y'], sv: ['a/y'], da: ['a/z'] })).toEqual(['rules/language-specific.json: da lists "a/z", which is not a rule of rules/da']);
  });
});

describe('names the engine reads', () => {
  const code = readdirSync(join(root, 'src', 'engine')).map((f) => readFileSync(join(root, 'src', 'engine', f), 'utf8')).join('\n');
  const found = (re: RegExp) => [...new Set([...code.matchAll(re)].map((m) => m.slice(1).find(Boolean)!))].sort();

  it('every lexicon and guard the engine reads by name is declared (with a description) in the pack schema', () => {
    const lexicons = found(/lexicons(?:\[['"](\w+)['"]\]|\?\.(\w+))/g);
    const guards = found(/guards\[['"](\w+)['"]\]|guardHolds\(['"](\w+)['"]/g);
    expect(lexicons.length).toBeGreaterThan(3);
    expect(lexicons).toEqual(Object.keys(IMPLICIT_LEXICONS).sort());
    expect(guards).toEqual(Object.keys(IMPLICIT_GUARDS).sort());
    const schema = JSON.parse(readFileSync(join(root, 'pack-schema.json'), 'utf8'));
    for (const name of lexicons) expect(schema.properties.lexicons.properties[name].description).toBe(IMPLICIT_LEXICONS[name as keyof typeof IMPLICIT_LEXICONS]);
    for (const name of guards) expect(schema.properties.guards.properties[name].description).toBe(IMPLICIT_GUARDS[name as keyof typeof IMPLICIT_GUARDS]);
  });

  it('the pack split never moves an engine lexicon into a rule file', () => {
    expect([...(IMPLICIT as Set<string>)].sort()).toEqual(Object.keys(IMPLICIT_LEXICONS).sort());
  });
});

/**
 * `KnownRuleId` (issue 13, item 4): the concept ids of the built-in packs as a union type,
 * generated into src/rule-ids.ts by scripts/gen-rule-ids.mjs. The file must match the packs;
 * the typing below is checked by `tsc` (npm run typecheck, run by .ci/run).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckerOptions, KnownRuleId } from '../src/index.js';
import { enPack } from '../src/index.js';
// @ts-expect-error a JavaScript script without declarations
import { generate, OUT, ruleIds } from '../scripts/gen-rule-ids.mjs';

describe('KnownRuleId', () => {
  it('src/rule-ids.ts is in sync with rules/*/pack.json (else: node scripts/gen-rule-ids.mjs)', () => {
    expect(readFileSync(OUT as string, 'utf8')).toBe((generate as () => string)());
  });

  it('lists every concept id of the built-in packs', () => {
    const ids = (ruleIds as () => string[])();
    for (const rule of enPack.rules) expect(ids).toContain(rule.id);
    const known: KnownRuleId = 'directive/modal';
    expect(ids).toContain(known);
  });

  it('types the rules option: known ids, categories, category/*, custom ids in a category; typos do not compile', () => {
    const ok: CheckerOptions = { rules: { 'diagnostic/service-user': 'off', 'directive/modal': 'error', judging: 'info', 'judging/*': 'off', 'peerspeak/unused-directive': 'off' } };
    // @ts-expect-error a misspelt category
    const category: CheckerOptions = { rules: { 'diretive/modal': 'off' } };
    // @ts-expect-error not a level
    const level: CheckerOptions = { rules: { 'directive/modal': 'warn' } };
    expect([ok, category, level].every((o) => typeof o.rules === 'object')).toBe(true);
  });
});

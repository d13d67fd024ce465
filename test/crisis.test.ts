/**
 * Crisis safety (issue 12): asking about suicide, conditioning on it and emergency referrals are
 * never faults, and no suggestion of any rule removes or softens a safety referral. The property
 * runs over every flag and pass example of every built-in pack, each combined with referrals in
 * the same sentence and in the next one.
 */
import { describe, expect, it } from 'vitest';
import { applySuggestion, createChecker } from '../src/all.js';
import type { LangOption } from '../src/index.js';
import { builtinPacks, exampleParts } from './helpers.js';

/** Referrals per language, and the words each must keep after any suggestion is applied. */
const REFERRALS: Record<string, Array<[string, string[]]>> = {
  en: [
    ['If you are in danger right now, please call 112.', ['112']],
    ['please ring the crisis line tonight', ['crisis line']],
    ['go to A&E now if you feel unsafe', ['a&e']],
    ['If you feel suicidal, call 988 or go to the ER.', ['988', 'er']],
  ],
  sv: [
    ['Om du är i fara just nu, ring 112.', ['112']],
    ['ring gärna Självmordslinjen 90101 i kväll', ['90101']],
  ],
  da: [
    ['Hvis du er i fare lige nu, så ring 112.', ['112']],
    ['ring til Livslinien i aften', ['livslinien']],
  ],
};

/** Asking about suicide directly, and conditioning on it, is good practice: never a fault. */
const ASKING: Record<string, string[]> = {
  en: [
    'Are you thinking about killing yourself?',
    'Are you having thoughts of suicide?',
    'Have you thought about ending your life?',
    'If you are feeling suicidal right now, please go to A&E.',
    'If you feel like hurting yourself tonight, call 112.',
    'Do you have a plan to take your life?',
  ],
  sv: ['Tänker du på att ta ditt liv?', 'Har du tankar på självmord?', 'Om du har självmordstankar just nu, ring 112.'],
  da: ['Tænker du på at tage dit liv?', 'Har du tanker om selvmord?', 'Hvis du har selvmordstanker lige nu, så ring 112.'],
};

const faults = <F extends { severity: string }>(findings: F[]) => findings.filter((f) => f.severity === 'error' || f.severity === 'warning');

for (const [lang, pack] of builtinPacks()) {
  describe(`crisis safety: ${lang}`, () => {
    const checker = createChecker({ lang: lang as LangOption, profile: 'strict' });
    const referrals = REFERRALS[lang] ?? [];
    const examples = pack.rules.flatMap((r) => [...r.examples.flag.map((e) => exampleParts(e.text).text), ...r.examples.pass]);

    it('asking about suicide or conditioning on it is never a fault', () => {
      for (const text of ASKING[lang] ?? []) {
        expect(faults(checker.check(text).findings).map((f) => `${text} ← ${JSON.stringify(f)}`)).toEqual([]);
      }
    });

    it('a referral alone is never a fault', () => {
      for (const [ref] of referrals) {
        const text = ref[0]!.toUpperCase() + ref.slice(1).replace(/[^.!?]$/u, '$&.');
        expect(faults(checker.check(text).findings).map((f) => `${text} ← ${f.ruleId}`)).toEqual([]);
      }
    });

    it('no suggestion removes a referral, whatever the sentence around it', () => {
      const broken: string[] = [];
      for (const ex of examples) {
        const bare = ex.replace(/[.!?]+$/u, '');
        for (const [ref, keep] of referrals) {
          const refSentence = ref[0]!.toUpperCase() + ref.slice(1).replace(/[^.!?]$/u, '$&.');
          for (const text of [`${ex} ${refSentence}`, `${refSentence} ${ex}`, `${bare}, and ${ref.replace(/[.!?]$/u, '')}.`]) {
            for (const f of checker.check(text).findings) {
              for (const s of f.suggestions) {
                const after = applySuggestion(text, s).toLowerCase();
                for (const k of keep) if (!after.includes(k)) broken.push(`${f.ruleId}: "${text}" → "${after}" lost "${k}"`);
              }
            }
          }
        }
      }
      expect(broken).toEqual([]);
    });
  });
}

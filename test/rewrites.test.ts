/**
 * The rewrite corpus (test/fixtures/rewrites/en.txt, written for this repository): every
 * input is checked like a writer would use the tool — apply the top suggestion, check again —
 * and the rewrites must re-check clean, keep the writer's content words, read grammatically
 * (checks in scripts/rewrites.mjs, shared with `npm run rewrites`), speak in the first person
 * and hand the choice back. Thresholds are the figures reached, not aspirations.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { applySuggestion, createChecker } from '../src/all.js';
// @ts-expect-error: plain ESM script without type declarations
import { checkRewrite, grammarProblems, readCorpus, summarise } from '../scripts/rewrites.mjs';

interface Rec {
  input: string;
  flagged: boolean;
  offered: boolean;
  clean: boolean;
  output: string;
  again?: string[];
  problems: string[];
  top2: string[];
  firstPerson: boolean;
  autonomy: boolean;
  emergencyKept: boolean;
  varied: boolean;
}

const checker = createChecker({ lang: 'en' });
const corpus: string[] = readCorpus(fileURLToPath(new URL('./fixtures/rewrites/en.txt', import.meta.url)));
const recs: Rec[] = corpus.map((t) => checkRewrite(t, checker, applySuggestion));
const offered = recs.filter((r) => r.offered);
const top = (text: string): string => {
  const f = checker.check(text).findings.find((g) => g.suggestions.length);
  return f ? applySuggestion(text, f.suggestions[0]!) : '';
};

describe('rewrite corpus (en)', () => {
  it('has at least 150 inputs', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
  });

  // An emergency referral ("call 911 now", "go to the ER") is the right message: directive rules
  // stand down there (language guide), so those inputs are not counted as advice to flag.
  const EMERGENCY = /\b(?:911|999|112|988|crisis line|ER|A&E)\b/u;
  const advice = recs.filter((r) => !EMERGENCY.test(r.input));

  it('flags the inputs and offers a rewrite for them', () => {
    const s = summarise(advice);
    // Detection misses are the detection issue's; the floor keeps what is reached.
    expect(s.flagged, advice.filter((r) => !r.flagged).map((r) => r.input).join('\n')).toBeGreaterThanOrEqual(95);
    expect(s.offered).toBeGreaterThanOrEqual(94);
  });

  it('top suggestions, applied one after another, re-check clean', () => {
    const dirty = offered.filter((r) => !r.clean).map((r) => `${r.input} → ${r.output} (${r.again?.join('; ')})`);
    expect(dirty).toEqual([]);
  });

  it('keeps at least 95 % of the content words of the replaced clauses', () => {
    expect(summarise(recs).kept).toBeGreaterThanOrEqual(95);
  });

  it('passes the automated grammar check', () => {
    const bad = offered.filter((r) => r.problems.length).map((r) => `${r.input} → ${r.output}: ${r.problems.join('; ')}`);
    expect(bad).toEqual([]);
  });

  it('speaks in the first person and hands the choice back in every applied suggestion', () => {
    expect(offered.filter((r) => !r.firstPerson).map((r) => r.output)).toEqual([]);
    expect(offered.filter((r) => !r.autonomy).map((r) => r.output)).toEqual([]);
  });

  it('varies the frame between the first and second suggestion', () => {
    expect(offered.filter((r) => !r.varied).map((r) => r.top2.join(' | '))).toEqual([]);
  });

  it('never removes or softens an emergency referral', () => {
    expect(recs.filter((r) => !r.emergencyKept).map((r) => r.output)).toEqual([]);
    for (const text of ['You need to go to the ER now.', 'Call 911 if he comes back.', 'You should ring the crisis line tonight.']) {
      for (const f of checker.check(text).findings) expect(f.suggestions.map((s) => s.text), text).toEqual([]);
    }
  });
});

describe('the advice clause', () => {
  it('keeps a reason, joined after the rewritten action', () => {
    expect(top('You should talk to her, since she knows you well.')).toBe('I wonder if it might help to talk to her, since she knows you well — what do you think?');
    expect(top('You need to get help soon or it will get worse.')).toBe('I wonder if it might help to get help soon or it will get worse — what do you think?');
  });

  it("keeps a clause of the writer's own as a sentence after the rewrite", () => {
    expect(top('You should see a doctor, it could be your thyroid.')).toBe('I wonder if it might help to see a doctor — what do you think? It could be your thyroid.');
    expect(top('Keep at it mate, exams are brutal i know.')).toBe("I reckon it might help to keep at it mate — but it's your call. Exams are brutal i know.");
  });

  it('keeps greetings, feelings, other sentences and emoji as written', () => {
    expect(top('Hi Sam, you should talk to someone about this.')).toBe('Hi Sam, I wonder if it might help to talk to someone about this — what do you think?');
    expect(top('That sounds awful. You have to tell someone.')).toBe('That sounds awful. I wonder if it might help to tell someone — what do you think?');
    expect(top('You should go for a walk 🙂')).toBe('I wonder if it might help to go for a walk — what do you think? 🙂');
    expect(top("I know it's hard, but try to get some sleep.")).toMatch(/^I know it's hard, but I wonder if it might help to try to get some sleep/);
  });

  it('chooses the frame from the sentence: list, mindset, negation, gerund phrase, register', () => {
    expect(top('You should eat better, sleep more and exercise.')).toBe('I wonder if it might help to eat better, sleep more and exercise, or even just one of those — what do you think?');
    expect(top('Try to be kinder to yourself.')).toBe('I wonder what being kinder to yourself might look like for you. What do you think?');
    expect(top('dont worry so much')).toBe('I wonder if it might help not to worry so much — what do you think?');
    expect(top("I'd suggest talking to your manager.")).toBe('I wonder if talking to your manager might help — what do you think?');
    expect(top('U should talk to someone tbh.')).toBe("I reckon it might help to talk to someone tbh — but it's your call.");
  });

  it('drops an intensifier instead of turning it into a verb', () => {
    expect(top('You should def call your gp.')).toBe("I reckon it might help to call your gp — but it's your call.");
  });
});

describe('grammar check', () => {
  it('catches the broken forms the blind review named', () => {
    for (const bad of [
      'I think that would going for a walk be an option for you?',
      'Would being resting be an option for you?',
      'Would trying starting be an option for you?',
      'Would keeping looking be an option for you?',
      'I wonder if donting worry could help.',
      'I wonder if it might help to of told her sooner.',
      'For me, learning this before my first shift [your own experience].',
    ]) {
      expect(grammarProblems(bad), bad).not.toEqual([]);
    }
    expect(grammarProblems('I wonder if it might help to talk to her, since she knows you well — what do you think?')).toEqual([]);
  });
});

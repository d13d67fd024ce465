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
import { checkRewrite, frameShares, grammarProblems, readCorpus, summarise } from '../scripts/rewrites.mjs';

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
  frame: string;
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

  it('chooses the frame from the sentence: no opening carries more than half of the top suggestions', () => {
    const shares: Record<string, number> = frameShares(offered);
    const [first, second] = Object.entries(shares);
    expect(first![1], JSON.stringify(shares)).toBeLessThanOrEqual(50);
    // And the variety is real: at least four openings with a share of 5 % or more.
    expect(Object.values(shares).filter((v) => v >= 5).length, JSON.stringify(shares)).toBeGreaterThanOrEqual(4);
    expect(second).toBeDefined();
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
    expect(top('Hi Sam, you should talk to someone about this.')).toBe("Hi Sam, I'm wondering whether you'd want to talk to someone about this — it's up to you.");
    expect(top('That sounds awful. You have to tell someone.')).toBe('That sounds awful. I wonder if it might help to tell someone — what do you think?');
    expect(top('You should go for a walk 🙂')).toBe('I wonder if it might help to go for a walk — what do you think? 🙂');
    // An emoji between words ends the action: it and the words after it stay, after the rewrite.
    expect(top('Call your mum 💕 she misses you')).toBe('I wonder if it might help to call your mum — what do you think? 💕 She misses you');
    expect(top("I know it's hard, but try to get some sleep.")).toMatch(/^I know it's hard, but I'm wondering whether you'd want to try to get some sleep/);
  });

  it('chooses the frame from the sentence: list, mindset, negation, gerund phrase, register', () => {
    expect(top('You should eat better, sleep more and exercise.')).toBe('I wonder if it might help to eat better, sleep more and exercise, or even just one of those — what do you think?');
    expect(top('Try to be kinder to yourself.')).toBe('I wonder what being kinder to yourself might look like for you. What do you think?');
    expect(top('dont worry so much')).toBe("I reckon it might help not to worry so much — but it's your call.");
    expect(top("I'd suggest talking to your manager.")).toBe('I wonder if talking to your manager might help — what do you think?');
    expect(top('U should talk to someone tbh.')).toBe("I reckon it might help to talk to someone tbh — but it's your call.");
  });

  it('chooses the frame by length: short and medium actions differ, a long one puts the choice first', () => {
    expect(top('Ring the surgery.')).toBe('I wonder if it might help to ring the surgery — what do you think?');
    expect(top('You should talk to your mum about it tonight.')).toBe("I'm wondering whether you'd want to talk to your mum about it tonight — it's up to you.");
    // The writer's long tail runs on to the end of the sentence instead of being squeezed
    // between the frame and its question.
    expect(top('You could just leave the flat for a bit, as long as you tell someone where you are nobody will mind.')).toBe(
      "It's up to you, but I wonder if it might help to leave the flat for a bit, as long as you tell someone where you are nobody will mind.",
    );
    expect(top('Talk to her about it, better than stewing on your own all week.')).toBe("It's up to you, but I wonder if it might help to talk to her about it, better than stewing on your own all week.");
    // After words of the writer's own, "It's up to you, but" would not follow: the frame asks at the end.
    expect(top("I know it's hard, but try your best to smile at the new people, at least when you first meet them, and be honest.")).toBe(
      "I know it's hard, but I wonder if it might help to try your best to smile at the new people, at least when you first meet them, and be honest — what do you think?",
    );
  });

  it('keeps a discourse opener outside the frame, as written', () => {
    expect(top('I just mean keep ringing the clinic until someone picks up.')).toMatch(/^I just mean I'm wondering whether you'd want to keep ringing the clinic until someone picks up/);
    expect(top('ok so try phoning the helpline in the morning.')).toMatch(/^ok so I'm wondering whether you'd want to try phoning the helpline in the morning/);
    expect(top('Honestly you should rest.')).toMatch(/^Honestly, I wonder if it might help to rest/);
  });

  it('takes a fronted subject into the clause, or offers nothing', () => {
    expect(top('Chest pains like that are something to mention to your GP.')).toBe('I wonder if it might help to mention chest pains like that to your GP — what do you think?');
    expect(top('Your sleep problems are something to talk to your therapist about.')).toBe("I'm wondering whether you'd want to talk to your therapist about your sleep problems — it's up to you.");
    // No dangling "Your worries, I wonder if…": a verb that may not take the subject as its
    // object gets no rewrite of the advice clause.
    for (const f of checker.check('Your worries are something to work on with someone.').findings) {
      for (const s of f.suggestions) expect(s.text).not.toMatch(/^Your worries,/);
    }
  });

  it("does not replace a sentence with the rule's own words when the writer said more", () => {
    expect(top('Believe me the hardest part is the first week and after that it gets easier.')).toBe(
      "For what it's worth, I think the hardest part is the first week and after that it gets easier.",
    );
    expect(top("You shouldn't feel ashamed of asking for help with the kids.")).not.toMatch(/^It sounds like this has been really hard/);
    expect(top("You'll be fine.")).toBe("I'm here with you. What would help right now?");
  });

  it('a list needs several actions; one elaboration after a comma is not a list', () => {
    expect(top('think of it like a game of chess, dont count how many times you lost.')).not.toMatch(/one of those/);
    expect(top('Look around, take stock of your week and see what could change.')).toMatch(/or even just one of those/);
  });

  it('never rewords an advice clause that speaks of a crisis', () => {
    for (const text of ['Tell her mum you think she might self-harm.', 'Ring the school and say he talked about suicide.']) {
      for (const f of checker.check(text).findings) if (f.category === 'directive') expect(f.suggestions, text).toEqual([]);
    }
  });

  it('drops an intensifier instead of turning it into a verb', () => {
    expect(top('You should def call your gp.')).toBe("I reckon it might help to call your gp — but it's your call.");
  });
});

describe('failure kinds of the strict read (issue 14, third session)', () => {
  const firstTwo = (text: string): string[] =>
    (checker.check(text).findings.find((g) => g.suggestions.length)?.suggestions ?? []).slice(0, 2).map((s) => applySuggestion(text, s));

  it('a mindset with a manner is asked about, and its second suggestion is no "help to" either', () => {
    expect(top('You should think more positively.')).toBe('I wonder what thinking more positively might look like for you. What do you think?');
    expect(top('Try to see things differently for a bit.')).toMatch(/^I wonder what seeing things differently for a bit might look like for you/);
    for (const text of ['You should think more positively.', 'Try to be kinder to yourself.', 'You need to love yourself more.']) {
      for (const s of firstTwo(text)) expect(s, text).not.toMatch(/help to|an option/);
    }
    // A concrete action with a manner word stays an action.
    expect(top('You must see a doctor urgently, this could be serious.')).toMatch(/^I wonder if it might help to see a doctor urgently/);
    expect(top('Think about your options carefully before you sign anything.')).not.toMatch(/look like for you/);
  });

  it('"stop being…" asks what might help them stop', () => {
    expect(top('Stop being so hard on yourself.')).toBe("I'm curious: what might help you stop being so hard on yourself?");
  });

  it('crude words keep a casual frame in both suggestions', () => {
    for (const text of ['Tell him to piss off.', 'You should just dump the bastard.', 'Get your arse to the doctor tomorrow.']) {
      const two = firstTwo(text);
      expect(two, text).toHaveLength(2);
      for (const s of two) expect(s, text).toMatch(/reckon|your call/);
      for (const s of two) expect(s, text).not.toMatch(/^I wonder if|^I'm wondering whether/);
    }
  });

  it("a linked condition or a clause after the reason stays the writer's sentence", () => {
    expect(top('try to keep your mind occupied, and if you love life, life will love you back.')).toMatch(
      /occupied — (?:what do you think\?|it's up to you\.) And if you love life, life will love you back\.$/,
    );
    expect(top("Keep a note of what you eat, even if it's only rough, the dietitian will want to see it.")).toBe(
      "It's up to you, but I wonder if it might help to keep a note of what you eat, even if it's only rough. The dietitian will want to see it.",
    );
    // A reason with a condition of its own keeps its main clause: no dangling "because when you are tired".
    expect(top('You should talk to her because when you are tired, everything is harder.')).toBe(
      'I wonder if it might help to talk to her because when you are tired, everything is harder — what do you think?',
    );
    // A noun phrase after a comma is an aside only when its own verb follows.
    expect(top('honestly just put the phone down and go to bed, the messages will still be there in the morning and you\'ll feel better.')).toMatch(
      /go to bed — .* The messages will still be there in the morning and you'll feel better\.$/,
    );
  });

  it('stigma is answered with a question about the person, never an invented state', () => {
    expect(top('Your boss is a psycho.')).toBe("What's it been like dealing with your boss?");
    expect(top('He sounds totally unhinged.')).toBe("What's it been like dealing with him?");
    expect(top('Your dad sounds like a real maniac when he drinks.')).toBe("What's it been like dealing with your dad when he drinks?");
    for (const text of ['Your boss is a psycho.', 'My ex is a psycho.', 'He sounds totally unhinged.']) {
      for (const f of checker.check(text).findings) {
        for (const s of f.suggestions) expect(s.text, text).not.toMatch(/going through a lot|dealing with my\b|^Seems/);
      }
    }
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

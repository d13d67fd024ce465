import { describe, expect, it } from 'vitest';
import { applySuggestion, check, createChecker, PackError, type Finding } from '../src/index.js';
import { SERVICE_USER } from './helpers.js';

const flagged = (fs: Finding[]) => fs.filter((f) => f.severity === 'error' || f.severity === 'warning');

describe('check()', () => {
  it('returns findings with the documented shape, ranges into the original text', () => {
    const text = 'Thanks for writing.\nYou should call your doctor.';
    const { findings, lang } = check(text);
    expect(lang).toBe('en');
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f).toMatchObject({ ruleId: 'directive/modal', category: 'directive', severity: 'warning', line: 2, column: 1 });
    expect(typeof f.principle).toBe('string');
    expect(typeof f.message).toBe('string');
    expect(f.text).toBe(text.slice(f.range[0], f.range[1]));
    expect(f.text).toBe('You should call');
    expect(f.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(applySuggestion(text, f.suggestions[0]!)).toBe('Thanks for writing.\nI wonder if it might help to call your doctor — what do you think?');
    expect(applySuggestion(text, f.suggestions[1]!)).toBe("Thanks for writing.\nI'm wondering whether you'd want to call your doctor — it's up to you.");
  });

  it('gives findings in document order', () => {
    const { findings } = check('Everyone should see a therapist. You always push people away. Calm down.');
    const starts = findings.map((f) => f.range[0]);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(findings.map((f) => f.category)).toEqual(['generalising', 'generalising', 'judging']);
  });

  it('counts UTF-16 offsets across emoji and CRLF', () => {
    const text = 'Hej 👋🏽\r\n\r\nYou need to rest.';
    const f = check(text).findings[0]!;
    expect(f.text).toBe('You need to rest');
    expect(text.slice(f.range[0], f.range[1])).toBe(f.text);
    expect([f.line, f.column]).toEqual([3, 1]);
  });

  it('stays silent on the near-misses of the language guide', () => {
    for (const text of [
      'Take care.',
      'I was diagnosed with bipolar disorder.',
      'You don’t have to explain anything.',
      'You said you have to work late.',
      'Do you feel you need to talk to her?',
      'If you like, you could call your doctor.',
      'Hang in there, and let me know how it goes.',
      'It’s up to you what you do next.',
      'Feel free to message me.',
      'Thank you for telling me.',
    ]) {
      expect(flagged(check(text).findings).map((f) => f.ruleId), text).toEqual([]);
    }
  });

  it('keeps the rest of the sentence when rewriting a clause', () => {
    const text = 'If the pain comes back, go to your GP.';
    const f = check(text).findings[0]!;
    expect(applySuggestion(text, f.suggestions[0]!)).toBe('If the pain comes back, I wonder if it might help to go to your GP — what do you think?');
  });

  it('leaves an emergency referral alone: the ER is the right message there', () => {
    expect(check('If the pain comes back, go to the ER.').findings).toEqual([]);
    expect(check('If it gets worse tonight, go to A&E.').findings).toEqual([]);
  });

  it('leaves a visible slot instead of inventing experience', () => {
    const f = check('People should talk about their feelings.').findings[0]!;
    expect(f.suggestions[0]!.text).toMatch(/\[[^\]]+\]/);
    expect(f.suggestions[0]!.text).toContain('my feelings');
  });

  it('replaces stigmatising terms in place', () => {
    const text = 'Her uncle committed suicide in 2019.';
    const f = check(text).findings[0]!;
    expect(f.ruleId).toBe('diagnostic/stigma');
    expect(applySuggestion(text, f.suggestions[0]!)).toBe('Her uncle died by suicide in 2019.');
  });
});

describe('profiles and options', () => {
  it('training turns plain directives off but keeps generalising and stigma', () => {
    const text = 'Call your doctor. Everyone should see a therapist. Addicts lie.';
    const ids = check(text, { profile: 'training' }).findings.map((f) => f.ruleId);
    expect(ids).not.toContain('directive/imperative');
    expect(ids).toEqual(expect.arrayContaining(['generalising/everyone-should', 'diagnostic/stigma']));
  });

  it('rules map turns a concept, a category or a category/* off or changes severity', () => {
    const text = 'You should call your doctor. Calm down.';
    expect(check(text, { rules: { 'directive/modal': 'off' } }).findings.map((f) => f.ruleId)).toEqual(['judging/dismissing']);
    expect(check(text, { rules: { judging: 'off' } }).findings.map((f) => f.ruleId)).toEqual(['directive/modal']);
    expect(check(text, { rules: { 'judging/*': 'error' } }).findings.find((f) => f.category === 'judging')!.severity).toBe('error');
  });

  it('allows specific phrases without turning the rule off', () => {
    const text = 'You should see the view from the hill. You should call your doctor.';
    const ids = check(text, { allow: ['you should see the view'] }).findings.map((f) => f.text);
    expect(ids).toEqual(['You should call']);
  });

  it('adds the role-limits note from the context message, with configured resources', () => {
    const reply = 'I hear you. Would it help to talk tonight?';
    expect(check(reply).findings).toEqual([]);
    const { findings } = check(reply, {
      context: 'I keep thinking I want to die.',
      roleLimits: { resources: ['Local crisis line: 000 000'] },
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'role-limits/crisis', severity: 'info', category: 'role-limits' });
    expect(findings[0]!.message).toContain('Local crisis line: 000 000');
  });

  it('does not push the writer to soften an emergency referral', () => {
    const { findings } = check('If you are in danger, please call 112 now.', { context: 'I want to kill myself tonight.' });
    expect(flagged(findings)).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toEqual(['role-limits/crisis']);
  });

  it('a repeated sentence (served from the sentence cache) gets its own ranges and lines', () => {
    const checker = createChecker();
    const one = 'You should rest.';
    const text = `${one}\nOk.\n  ${one}`;
    const fs = checker.check(text).findings;
    expect(fs).toHaveLength(2);
    expect(fs.map((f) => [f.line, f.column, text.slice(f.range[0], f.range[1])])).toEqual([
      [1, 1, 'You should rest'],
      [3, 3, 'You should rest'],
    ]);
    expect(applySuggestion(text, fs[1]!.suggestions[0]!)).toBe(`${one}\nOk.\n  I wonder if it might help to rest — what do you think?`);
    // Mutating a result does not leak into the next one.
    fs[1]!.suggestions[0]!.text = 'changed';
    expect(checker.check(text).findings[1]!.suggestions[0]!.text).toBe('I wonder if it might help to rest — what do you think?');
  });

  it('a checker compiles once and gives the same result as check()', () => {
    const checker = createChecker({ lang: 'en', profile: 'chat' });
    const text = 'Why don’t you just talk to her?';
    expect(checker.check(text)).toEqual(check(text, { lang: 'en', profile: 'chat' }));
  });
});

describe('packs', () => {
  const myPack = {
    name: 'org-terms',
    lang: 'en',
    lexicons: { clients: ['clients', 'service users'] },
    rules: [
      {
        ...SERVICE_USER,
        match: [{ pattern: 'our? term:@clients', suggest: [{ label: 'Say people', template: 'the people we support', replace: 'match' }] }],
        examples: { flag: [{ text: 'Our clients deserve better.' }], pass: ['The people we support deserve better.'] },
      },
    ],
  };

  it('a user pack adds rules with their own lexicons and suggestions', () => {
    const checker = createChecker({ packs: [myPack] });
    const text = 'Our clients deserve better.';
    const f = checker.check(text).findings[0]!;
    expect(f.ruleId).toBe('diagnostic/service-user');
    expect(applySuggestion(text, f.suggestions[0]!)).toBe('The people we support deserve better.');
  });

  it('an invalid pack names the path inside it and what was expected', () => {
    const bad = { ...myPack, rules: [{ ...myPack.rules[0]!, severity: 'loud' }] };
    expect(() => createChecker({ packs: [bad] })).toThrow(PackError);
    expect(() => createChecker({ packs: [bad] })).toThrow(/packs\.0\.rules\.0\.severity: expected one of error, warning, info, hint/);
    const badPattern = { ...myPack, rules: [{ ...myPack.rules[0]!, match: ['@nope thing'] }] };
    expect(() => createChecker({ packs: [badPattern] })).toThrow(/packs\.0\.rules\.0\.match\.0: unknown lexicon "@nope"/);
  });
});

describe('languages on demand', () => {
  it('Swedish and Danish load with their own entry points', async () => {
    await import('../src/packs/sv.js');
    await import('../src/packs/da.js');
    const sv = check('Du borde ringa din läkare.', { lang: 'sv' }).findings[0]!;
    expect(applySuggestion('Du borde ringa din läkare.', sv.suggestions[0]!)).toBe('Jag undrar om det kunde vara ett alternativ att ringa din läkare. Vad tänker du?');
    const da = check('Du bør ringe til din læge.', { lang: 'da' }).findings[0]!;
    expect(applySuggestion('Du bør ringe til din læge.', da.suggestions[0]!)).toBe('Jeg tænker på, om det kunne være en mulighed at ringe til din læge. Hvad tænker du?');
    expect(sv.ruleId).toBe(da.ruleId);
  });
});

describe('bad calls', () => {
  it('a non-string text names the argument', () => {
    expect(() => check(42 as unknown as string)).toThrow(/check\(text\): expected `text` to be a string, got number/);
    expect(() => createChecker().check(null as unknown as string)).toThrow(/got null/);
  });

  it('an unknown lang or profile names the value and lists the valid ones', () => {
    expect(() => check('hi', { lang: 'fr' as never })).toThrow(/unknown lang "fr": expected one of en, (sv, da, )?auto/);
    expect(() => check('hi', { profile: 'loud' as never })).toThrow(/unknown profile "loud": expected one of chat, training, strict/);
  });

  it('an invalid rules map names the key', () => {
    expect(() => check('hi', { rules: { 'directive/modal': 'shout' } as never })).toThrow(/options\.rules\.directive\/modal: expected one of off, hint, info, warning, error/);
  });

  it('unknown options are rejected by name', () => {
    expect(() => check('hi', { langs: 'en' } as never)).toThrow(/langs/);
  });

  it('applySuggestion checks its arguments', () => {
    expect(() => applySuggestion('abc', { text: 'x', range: [2, 9], label: 'l' })).toThrow(/outside the text/);
    // A reversed range is named as such, not as outside the text.
    expect(() => applySuggestion('abc', { text: 'x', range: [2, 1], label: 'l' })).toThrow(/`suggestion.range` \[2, 1\] is reversed: expected \[start, end\] with start <= end/);
    expect(applySuggestion('abc', { text: 'X', range: [1, 2], label: 'l' })).toBe('aXc');
  });

  it('valid but odd input never throws', () => {
    for (const text of ['', ' ', '\u0000', '?', '!!!', '\ud800', 'a\u0301', '👩‍👩‍👧', 'x'.repeat(5000), '"', 'you', 'You should']) {
      expect(() => check(text)).not.toThrow();
    }
  });
});

describe('docs match behaviour (issue 13, item 7)', () => {
  it('hint: a pack rule at hint is hidden in chat and shown in strict; a hint set in rules is shown in every profile', () => {
    const pack = {
      name: 'hints',
      lang: 'en',
      lexicons: { clients: ['clients'] },
      rules: [{ ...SERVICE_USER, severity: 'hint', match: ['our? term:@clients'], examples: { flag: [{ text: 'Our clients meet on Fridays.' }], pass: ['We meet on Fridays.'] } }],
    };
    const text = 'Our clients meet on Fridays.';
    expect(check(text, { packs: [pack], profile: 'chat' }).findings.map((f) => f.ruleId)).toEqual([]);
    expect(check(text, { packs: [pack], profile: 'strict' }).findings.map((f) => [f.ruleId, f.severity])).toEqual([['diagnostic/service-user', 'hint']]);
    expect(check('You should call your doctor.', { profile: 'chat', rules: { 'directive/modal': 'hint' } }).findings.map((f) => f.severity)).toEqual(['hint']);
  });

  it('checkDocument takes no path: it is refused by name', async () => {
    const { checkDocument } = await import('../src/markdown/index.js');
    expect(() => checkDocument('You should call.', { path: 'a.md' } as never)).toThrow(/Unrecognized key "path"/);
  });

  it('registerLanguage, detectLanguage, scoreLanguages and languages are exported and documented', async () => {
    const api = await import('../src/index.js');
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of ['registerLanguage', 'detectLanguage', 'scoreLanguages', 'languages']) {
      expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
      expect(readme).toMatch(new RegExp(`^### .*\`${name}\\(`, 'm'));
    }
    expect(readme).toMatch(/^### `checkDocument\(/m);
  });
});

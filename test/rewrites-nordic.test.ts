/**
 * The Swedish and Danish rewrite corpora (test/fixtures/rewrites/sv.txt, da.txt, written for this
 * repository; issues 14 and 15). Each input is used as a writer would: apply the top suggestion
 * of each flagged finding in turn and check again. The rewrites must re-check clean, keep the
 * writer's content words, speak in the first person, hand the choice back, and pass word-order
 * checks that can be automated for Swedish and Danish: no finite modal left in front of a frame,
 * verb second after a fronted clause ("När du kommer hem, undrar jag om…", not "…, jag undrar"),
 * an infinitive after the frame's att/at, one frame per sentence. Thresholds are the figures
 * reached, not aspirations.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applySuggestion, createChecker } from '../src/all.js';
import type { Finding } from '../src/index.js';

interface Lang {
  /** Words the rewrite may drop: the directive's own modal, pronoun and steering words. */
  drop: string;
  firstPerson: RegExp;
  autonomy: RegExp;
  /** A finite modal left in front of a frame ("du borde jag undrar…"). */
  dangling: RegExp;
  /** A fronted subordinate clause followed by subject-first order (breaks V2). */
  noV2: RegExp;
  /** The frame's infinitive marker and the word after it. */
  infinitive: RegExp;
  /** Present or past tense forms where an infinitive belongs. */
  finite: RegExp;
  frames: RegExp;
}

const LANGS: Record<'sv' | 'da', Lang> = {
  sv: {
    drop: 'du ni borde bör måste ska skall behöver får kanske bara verkligen nog ju typ asså ärligt talat varför inte om jag var skulle det bästa bäst vore är att enda göra mitt råd försök testa prova sluta nu och mig min mitt mina inget ingenting inga ingen tycker tror',
    firstPerson: /\b(jag|mig|min|mitt)\b/iu,
    autonomy: /\?|om du vill|vad tänker du|vad tror du|du vet bäst|upp till dig/iu,
    dangling: /\b(borde|bör|måste|ska|skall|behöver)\s+(du\s+)?(jag undrar|undrar jag|jag tänker|ett alternativ)/iu,
    noV2: /(^|[.!?]\s+)(eftersom|när|om|efter|innan|medan|fast|nu när|ifall|tills)\s[^.!?–]*,\s+jag\s+(undrar|tänker)/iu,
    infinitive: /(?:hjälpa|alternativ|funka|dig|vara) att (?:inte )?(\p{L}+)/giu,
    finite: /(ar|er|ir)$/u,
    frames: /jag undrar|undrar jag|jag tänker att|ett alternativ jag/giu,
  },
  da: {
    drop: 'du i burde bør skal må har brug for at er nødt til måske bare virkelig nok jo altså sgu ærligt talt hvorfor ikke hvis jeg var dig ville det bedste bedst være så eneste gøre mit råd prøv stop med hold op nu og mig min mit mine vil',
    firstPerson: /\b(jeg|mig|min|mit)\b/iu,
    autonomy: /\?|hvis du har lyst|hvad tænker du|hvad tror du|hvad siger du|kender selv bedst|op til dig/iu,
    dangling: /\b(burde|bør|skal|må)\s+(du\s+)?(jeg tænker|tænker jeg|jeg er nysgerrig|en mulighed)/iu,
    noV2: /(^|[.!?]\s+)(fordi|når|hvis|efter|før|inden|mens|selvom)\s[^.!?–]*,\s+jeg\s+(tænker|er)/iu,
    infinitive: /(?:hjælpe|mulighed|idé|dig) (?:ikke )?at (\p{L}+)/giu,
    finite: /r$/u,
    frames: /jeg tænker|tænker jeg|jeg er nysgerrig|en mulighed, jeg/giu,
  },
};

const faults = (fs: Finding[]) => fs.filter((f) => f.severity === 'warning' || f.severity === 'error');
const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+|\p{Extended_Pictographic}/gu) ?? [];

function readCorpus(lang: string): string[] {
  return readFileSync(new URL(`./fixtures/rewrites/${lang}.txt`, import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

interface Rec {
  input: string;
  flagged: boolean;
  offered: boolean;
  output: string;
  top: string;
  second: string;
  clean: boolean;
  lost: string[];
  problems: string[];
}

function run(lang: 'sv' | 'da', input: string): Rec {
  const L = LANGS[lang];
  const checker = createChecker({ lang, profile: 'chat' });
  const first = faults(checker.check(input).findings);
  const withSugg = first.find((f) => f.suggestions.length);
  let text = input;
  // Top suggestions, applied one after another (a message with two directives gets two).
  const category = withSugg?.category;
  for (let i = 0; i < 6; i++) {
    const f = faults(checker.check(text).findings).find((g) => g.suggestions.length && g.category === category);
    if (!f) break;
    text = applySuggestion(text, f.suggestions[0]!);
  }
  const top = withSugg ? applySuggestion(input, withSugg.suggestions[0]!) : '';
  const second = withSugg?.suggestions[1] ? applySuggestion(input, withSugg.suggestions[1]) : '';
  const drop = new Set(L.drop.split(' '));
  const out = words(text);
  // An imperative becomes an infinitive (ring → ringa, slet → slette): a prefix counts as kept.
  // A finite verb becomes an infinitive after att/at (pratar → prata, säger → säga): a shared
  // stem of all but the last two letters counts as kept.
  const stem = (a: string, b: string) => {
    let k = 0;
    while (k < a.length && a[k] === b[k]) k++;
    return k;
  };
  const lost = words(input).filter((w) => !drop.has(w) && !out.some((o) => o === w || (w.length >= 2 && o.startsWith(w)) || (w.length > 3 && stem(w, o) >= Math.max(3, w.length - 2))));
  const problems: string[] = [];
  if (L.dangling.test(text)) problems.push('finite modal before the frame');
  if (L.noV2.test(text)) problems.push('subject-first after a fronted clause (V2)');
  for (const m of text.matchAll(L.infinitive)) if (L.finite.test(m[1]!.toLowerCase())) problems.push(`"${m[0]}": not an infinitive`);
  for (const s of text.split(/[.!?]+/)) if ((s.match(L.frames) ?? []).length > 1) problems.push(`two frames in "${s.trim()}"`);
  return {
    input,
    flagged: first.length > 0,
    offered: !!withSugg,
    output: text,
    top,
    second,
    clean: !faults(checker.check(text).findings).some((f) => f.category === category),
    lost,
    problems,
  };
}

const show = (rs: Rec[], f: (r: Rec) => string) => rs.map(f).join('\n');

for (const lang of ['sv', 'da'] as const) {
  describe(`rewrite corpus (${lang})`, () => {
    const L = LANGS[lang];
    const corpus = readCorpus(lang);
    const recs = corpus.map((t) => run(lang, t));
    const offered = recs.filter((r) => r.offered);

    it('has at least 60 inputs', () => {
      expect(corpus.length).toBeGreaterThanOrEqual(60);
    });

    it('flags the inputs and offers a rewrite', () => {
      const missed = recs.filter((r) => !r.flagged);
      // Detection misses are listed; the floor is what is reached.
      expect(missed.length, show(missed, (r) => r.input)).toBeLessThanOrEqual(0);
      expect(recs.filter((r) => r.flagged && !r.offered).map((r) => r.input)).toEqual([]);
    });

    it('top suggestions, applied one after another, re-check clean', () => {
      expect(offered.filter((r) => !r.clean).map((r) => `${r.input} → ${r.output}`)).toEqual([]);
    });

    it("keeps the writer's content words (outside the directive's own words)", () => {
      const lost = offered.filter((r) => r.lost.length);
      expect(lost.length, show(lost, (r) => `${r.input} → ${r.output}: ${r.lost.join(', ')}`)).toBeLessThanOrEqual(lang === 'sv' ? 2 : 2);
    });

    it('speaks in the first person and hands the choice back in the top suggestion', () => {
      expect(offered.filter((r) => !L.firstPerson.test(r.top)).map((r) => r.top)).toEqual([]);
      expect(offered.filter((r) => !L.autonomy.test(r.top)).map((r) => r.top)).toEqual([]);
    });

    it('passes the word-order checks (no dangling modal, V2, infinitive after att/at, one frame)', () => {
      const bad = offered.filter((r) => r.problems.length);
      expect(bad.length, show(bad, (r) => `${r.input} → ${r.output}: ${r.problems.join('; ')}`)).toBeLessThanOrEqual(lang === 'sv' ? 2 : 2);
    });

    it('varies the frame between the first and the second suggestion', () => {
      const same = offered.filter((r) => r.second && r.top.split(' ').slice(0, 4).join(' ') === r.second.split(' ').slice(0, 4).join(' ') && r.top.slice(-15) === r.second.slice(-15));
      expect(same.map((r) => `${r.top} | ${r.second}`)).toEqual([]);
    });

    it('keeps emoji and greetings as written', () => {
      for (const r of offered.filter((x) => /\p{Extended_Pictographic}/u.test(x.input))) {
        for (const e of r.input.match(/\p{Extended_Pictographic}/gu) ?? []) expect(r.output).toContain(e);
      }
      for (const r of offered.filter((x) => /^(Hej|Kram)\b/u.test(x.input))) expect(r.output.split(/[ ,!]/)[0]).toBe(r.input.split(/[ ,!]/)[0]);
    });
  });
}

describe('word-order checks catch what they are for', () => {
  it('flags subject-first order after a fronted clause, a finite verb after att/at and a doubled frame', () => {
    const sv = LANGS.sv;
    expect(sv.noV2.test('Eftersom du inte sover, jag undrar om det skulle kunna hjälpa att vila.')).toBe(true);
    expect(sv.noV2.test('Eftersom du inte sover, undrar jag om det skulle kunna hjälpa att vila.')).toBe(false);
    expect([...'Jag undrar om det skulle kunna hjälpa att pratar med henne.'.matchAll(sv.infinitive)].some((m) => sv.finite.test(m[1]!))).toBe(true);
    expect(('Jag undrar om jag undrar om det'.match(sv.frames) ?? []).length).toBe(2);
    const da = LANGS.da;
    expect(da.noV2.test('Fordi du ikke sover, jeg tænker på, om det kunne hjælpe at hvile.')).toBe(true);
    expect([...'Jeg tænker på, om det kunne hjælpe at snakker med hende.'.matchAll(da.infinitive)].some((m) => da.finite.test(m[1]!))).toBe(true);
  });
});

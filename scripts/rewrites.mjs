#!/usr/bin/env node
/**
 * `npm run rewrites`: prints input → top two suggestions for the rewrite corpus
 * (test/fixtures/rewrites/<lang>.txt) and for the tune half of the dev advice pairs
 * (../shared/data/advice-pairs-dev.tsv, read in place), then summary figures. The check half
 * of the advice pairs is only counted, never printed.
 *
 * The checks themselves are exported: test/rewrites.test.ts runs them over the corpus.
 *   node scripts/rewrites.mjs [--lang en] [--quiet] [--all]
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import nlp from 'compromise';

/** Words that carry no content of the writer's own: what a rewrite may drop or reframe. */
const FUNCTION_WORDS = new Set(
  `a an the you your yours yourself u ur i me my we us our it its it's this that these those he she him her they them their
  should shouldn't must mustn't need needs needed have has had got gotta gonna to too do don't dont does did doing done
  be is are was were been being am will would could can can't might may ought better shall 'd 'll 've 're
  just really totally def defo deffo definitely definately honestly seriously literally actually maybe perhaps please
  and or but so if then also very much more of in on at for with about as by from up out off into
  try trying tried think really's i'd i'm you'd you're you've you'll let's s t etc
  advice best thing things key only way all important essential time sure why not`.split(/\s+/),
);

const EMERGENCY = /\b(?:911|999|112|988|er|a&e|emergency|ambulance|crisis|samaritans|lifeline)\b/gi;
const FIRST_PERSON = /\b(?:I|I'm|I'd|I've|me|my)\b/;
const AUTONOMY = /what do you think|what do you reckon|how do you see it|up to you|your call|fit for you|take or leave|you know best|how is it for you|for you\b.*\?|do you think|would you like|if any appeal|what might|what would|only you can say|for what it's worth/i;

/**
 * The frame of a suggestion: its text after the words it keeps from the start of the range it
 * replaces ("I just mean " of "I just mean keep trying…"), so two suggestions that keep the
 * same opener are still compared by their frames.
 */
export function frameOf(original, suggestion) {
  const orig = original.slice(suggestion.range[0]);
  const text = suggestion.text;
  let i = 0;
  while (i < text.length && i < orig.length && text[i] === orig[i]) i++;
  // Back to a word boundary: a frame that starts with the writer's first letters is not kept text.
  while (i > 0 && !/\s/.test(text[i - 1])) i--;
  return text.slice(i).replace(/^[\s,]+/, '');
}

/** The opening of a frame: its first three words, for the frame distribution. */
export const opening = (frame) => frame.split(/\s+/).slice(0, 3).join(' ').replace(/[,:—]+$/, '');

/** Content words of a stretch of text, lower case. */
export function contentWords(text) {
  return (text.toLowerCase().replace(/[’]/g, "'").match(/[\p{L}\p{N}][\p{L}\p{N}'&-]*/gu) ?? []).filter((w) => !FUNCTION_WORDS.has(w) && !FUNCTION_WORDS.has(w.replace(/'.*$/, '')));
}

/** Grammar problems of a rewrite (the suggestion's own text), as short descriptions. */
export function grammarProblems(suggestion) {
  const out = [];
  const s = suggestion.replace(/\[([^\]/]*)[^\]]*\]/g, '$1');
  if (/\b(?:would|could|should|might|will|can|must|may)\s+(?:\w+\s+)?(?:would|could|should|might|will|can|must|may)\b/i.test(s)) out.push('doubled auxiliary');
  if (/\b(?:would|could|should|might|will|can|must|may)\s+\w+ing\b/i.test(s) && nlp(s).has('(would|could|should|might|will|can|must|may) #Gerund')) out.push('auxiliary before a gerund');
  if (/\b(?:is|are|was|were|has|have|does|did|do)\s+be an option\b/i.test(s)) out.push('"be an option" after a finite verb');
  const ingNoun = /^(?:some|no|any|every)?thing$|^(?:morning|evening|king|spring|ring|string|bring|sing|wing|swing|ceiling|feeling|during)$/i;
  const gg = /\b(?:being|trying|keeping|stopping|starting)\s+(\w+ing)\b/i.exec(s);
  if ((gg && !ingNoun.test(gg[1])) || nlp(s).has('(being|trying|keeping|stopping|starting) #Gerund')) out.push('gerund after a gerund');
  if (/\b\w+n'?ting\b/i.test(s) && /\b(?:don|dont|can|won|didn|isn)'?ting\b/i.test(s)) out.push('negation turned into a gerund');
  if (/\bto\s+(?:of|dont|don't|never)\b/i.test(s)) out.push('infinitive of a non-verb');
  if (/\bto\s+\w+ing\b/i.test(s) && nlp(s).has('help to #Gerund')) out.push('"to" before a gerund');
  for (const piece of s.split(/[.?!…—:;]+/)) {
    const words = piece.match(/\p{L}+/gu) ?? [];
    if (words.length < 3) continue;
    if (!nlp(piece).match('#Verb').not('#Gerund').found) out.push(`no finite verb in "${piece.trim()}"`);
  }
  return out;
}

/**
 * Check one input: find its findings, apply the top suggestion of each (last first, skipping
 * overlaps), re-check, and measure what the rewrites keep.
 */
export function checkRewrite(input, checker, applySuggestion) {
  const findings = checker.check(input).findings.filter((f) => f.category !== 'role-limits');
  const rec = { input, flagged: findings.length > 0, offered: false, output: input, clean: true, kept: 0, total: 0, problems: [], top2: [], firstPerson: true, autonomy: true, emergencyKept: true, varied: true, frame: '' };
  const withSugg = findings.filter((f) => f.suggestions.length);
  rec.offered = withSugg.length > 0;
  if (withSugg[0]) rec.top2 = withSugg[0].suggestions.slice(0, 2).map((s) => applySuggestion(input, s));
  // Like a writer in an editor: apply the top suggestion of the first finding that has one,
  // check again, and go on while something is left to fix (at most five rounds).
  let out = input;
  const fixedCats = new Set();
  let current = withSugg;
  for (let round = 0; round < 5 && current.length; round++) {
    const f = current[0];
    const s = f.suggestions[0];
    const replaced = out.slice(s.range[0], s.range[1]);
    // A rule that is not advice replaces its own flagged words by design ('a total psycho'); the
    // writer's other words in the range must stay.
    const own = f.category === 'directive' ? new Set() : new Set(contentWords(f.text));
    const before = contentWords(replaced).filter((w) => !own.has(w));
    const after = new Set(contentWords(s.text));
    rec.total += before.length;
    rec.kept += before.filter((w) => after.has(w)).length;
    rec.problems.push(...grammarProblems(s.text));
    // Advice frames speak in the first person and hand the choice back; a question about a
    // person ('What's it been like dealing with your boss?') is not advice and needs neither.
    if (f.category === 'directive' && !FIRST_PERSON.test(s.text)) rec.firstPerson = false;
    if (f.category === 'directive' && !AUTONOMY.test(s.text)) rec.autonomy = false;
    for (const e of replaced.match(EMERGENCY) ?? []) if (!s.text.toLowerCase().includes(e.toLowerCase())) rec.emergencyKept = false;
    const [one, two] = f.suggestions;
    if (round === 0) rec.frame = opening(frameOf(out, one));
    if (two && opening(frameOf(out, one)) === opening(frameOf(out, two))) rec.varied = false;
    out = applySuggestion(out, s);
    fixedCats.add(f.category);
    current = checker.check(out).findings.filter((g) => g.category !== 'role-limits' && g.suggestions.length);
  }
  rec.output = out;
  rec.rounds = fixedCats.size;
  if (rec.offered) {
    const again = checker.check(out).findings.filter((g) => fixedCats.has(g.category));
    rec.clean = again.length === 0;
    rec.again = again.map((g) => `${g.ruleId}: ${g.text}`);
  }
  return rec;
}

/** Summary figures over checked records. */
export function summarise(recs) {
  const n = recs.length;
  const offered = recs.filter((r) => r.offered);
  const pct = (a, b) => (b ? Math.round((1000 * a) / b) / 10 : 0);
  const kept = offered.reduce((s, r) => s + r.kept, 0);
  const total = offered.reduce((s, r) => s + r.total, 0);
  return {
    inputs: n,
    flagged: pct(recs.filter((r) => r.flagged).length, n),
    offered: pct(offered.length, n),
    clean: pct(offered.filter((r) => r.clean).length, offered.length),
    kept: pct(kept, total),
    grammatical: pct(offered.filter((r) => r.problems.length === 0).length, offered.length),
    firstPerson: pct(offered.filter((r) => r.firstPerson).length, offered.length),
    autonomy: pct(offered.filter((r) => r.autonomy).length, offered.length),
    frames: frameShares(offered),
  };
}

/** Share (%) of each frame opening among the top suggestions, largest first. */
export function frameShares(recs) {
  const counts = new Map();
  for (const r of recs) if (r.frame) counts.set(r.frame, (counts.get(r.frame) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((1000 * v) / total) / 10]));
}

/** Corpus lines: one input a line, `#` comments and blank lines skipped. */
export function readCorpus(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** The tune half of the dev advice pairs: first byte of sha256(text) even. */
export const isTune = (text) => createHash('sha256').update(text).digest()[0] % 2 === 0;

async function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  const lang = args.includes('--lang') ? args[args.indexOf('--lang') + 1] : 'en';
  const quiet = args.includes('--quiet');
  const { createChecker, applySuggestion } = await import(pathToFileURL(join(root, 'dist/all.js')).href);
  const checker = createChecker({ lang });
  const show = (r) => {
    console.log(`\n${r.input}`);
    if (!r.flagged) return console.log('   (not flagged)');
    if (!r.offered) return console.log('   (no rewrite offered)');
    r.top2.forEach((t, i) => console.log(`   ${i + 1}. ${t}`));
    if (!r.clean) console.log(`   ! re-check: ${r.again.join('; ')}`);
    if (r.problems.length) console.log(`   ! grammar: ${r.problems.join('; ')}`);
  };
  const corpusFile = join(root, 'test/fixtures/rewrites', `${lang}.txt`);
  if (existsSync(corpusFile)) {
    const recs = readCorpus(corpusFile).map((t) => checkRewrite(t, checker, applySuggestion));
    if (!quiet) {
      console.log(`# rewrite corpus (${corpusFile.slice(root.length + 1)})`);
      recs.forEach(show);
    }
    console.log(`\ncorpus ${lang}:`, JSON.stringify(summarise(recs)));
  }
  const pairs = join(root, '..', 'shared/data/advice-pairs-dev.tsv');
  if (lang === 'en' && existsSync(pairs)) {
    const texts = readFileSync(pairs, 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0]?.trim()).filter(Boolean);
    const tune = texts.filter(isTune).map((t) => checkRewrite(t, checker, applySuggestion));
    const check = texts.filter((t) => !isTune(t)).map((t) => checkRewrite(t, checker, applySuggestion));
    if (!quiet) {
      console.log('\n# dev advice pairs, tune half');
      tune.forEach(show);
    }
    console.log('\nadvice pairs tune :', JSON.stringify(summarise(tune)));
    console.log('advice pairs check:', JSON.stringify(summarise(check)));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

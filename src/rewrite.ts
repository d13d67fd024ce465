/**
 * Suggestion templates: `{name}` inserts a capture, `{name...}` the capture through the end of
 * the sentence, `{rest}` what follows the match, `{before}` what precedes it, `{match}` the
 * match; `|transform` applies a transform (`lower`, `cap`, `lex:NAME`, and the language's own,
 * e.g. English `gerund`). `[…]` is a visible slot for the writer. A template whose capture or
 * lexicon lookup comes out empty yields no suggestion rather than a broken sentence.
 * @module
 */
import type { CompiledLexicon } from './pattern.js';
import { normalize } from './segment.js';
import { dropSpaceBeforePunctuation } from './linear.js';

export interface TemplateScope {
  values: Record<string, string>;
  lexicons: Record<string, CompiledLexicon>;
  transforms: Record<string, (s: string) => string>;
}

const PLACEHOLDER = /\{([a-z][a-z0-9]*(?:\.\.\.)?)((?:\|[a-z]+(?::[A-Za-z][\w-]*)?)*)\}/gi;

/** Render a template; returns null when a needed value is missing. */
export function render(template: string, scope: TemplateScope): string | null {
  let failed = false;
  const out = template.replace(PLACEHOLDER, (_m, name: string, pipes: string): string => {
    // Own properties only: a capture or lexicon named like an Object.prototype member
    // ("toString") that is absent must not find the inherited function.
    const initial = Object.hasOwn(scope.values, name) ? scope.values[name] : undefined;
    if (initial === undefined) {
      failed = true;
      return '';
    }
    let value: string = initial;
    for (const pipe of pipes.split('|').filter(Boolean)) {
      const [fn, arg] = pipe.split(':') as [string, string | undefined];
      if (fn === 'lower') value = lowerFirst(value);
      else if (fn === 'cap') value = capitalise(value);
      else if (fn === 'lex') {
        const lex = arg && Object.hasOwn(scope.lexicons, arg) ? scope.lexicons[arg] : undefined;
        const mapped: string | undefined = lex?.map?.get(normalize(value).replace(/\s+/g, ' '));
        if (mapped === undefined) {
          failed = true;
          return '';
        }
        value = mapped;
      } else {
        const t = Object.hasOwn(scope.transforms, fn) ? scope.transforms[fn] : undefined;
        if (!t) {
          failed = true;
          return '';
        }
        value = t(value);
      }
    }
    return value;
  });
  if (failed) return null;
  return tidy(out);
}

/** Check a template's placeholders against known names; returns a problem or null. */
export function templateProblem(template: string, names: Set<string>, transforms: Set<string>, lexicons: Set<string>): string | null {
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1]!.replace(/\.\.\.$/, '');
    if (!names.has(name)) return `unknown placeholder "{${m[1]}}"`;
    for (const pipe of m[2]!.split('|').filter(Boolean)) {
      const [fn, arg] = pipe.split(':');
      if (fn === 'lex') {
        if (!arg || !lexicons.has(arg)) return `unknown lexicon "${arg}" in "${m[0]}"`;
      } else if (fn !== 'lower' && fn !== 'cap' && !transforms.has(fn!)) return `unknown transform "${fn}" in "${m[0]}"`;
    }
  }
  const open = (template.match(/\{/g) ?? []).length;
  const matched = [...template.matchAll(PLACEHOLDER)].length;
  if (open !== matched) return 'malformed placeholder (expected {name} or {name|transform})';
  return null;
}

export function capitalise(s: string): string {
  const i = s.search(/\p{L}/u);
  if (i < 0) return s;
  // The letter may be astral (𝐜, 𐐨: two UTF-16 units): upper-case all of it, not half.
  const letter = String.fromCodePoint(s.codePointAt(i)!);
  return s.slice(0, i) + letter.toUpperCase() + s.slice(i + letter.length);
}

export function lowerFirst(s: string): string {
  // Keep "I", acronyms (ER, ADHD) and names in capitals as they are.
  const m = /^(\s*)(\p{Lu})(\p{Ll})/u.exec(s);
  if (!m) return s;
  // The capital may be astral (𝐂, 𝒜, 𐐀: two UTF-16 units): skip all of it, not one unit.
  return m[1] + m[2]!.toLowerCase() + s.slice(m[1]!.length + m[2]!.length);
}

/** Collapse doubled spaces and fix spacing around punctuation left by empty placeholders. */
export function tidy(s: string): string {
  return dropSpaceBeforePunctuation(s.replace(/[ \t]{2,}/g, ' '))
    .replace(/([,;:])(?=[,.;:?!])/g, '')
    .replace(/\?\./g, '?')
    .replace(/\.\./g, '.')
    .trim();
}

// ---------------------------------------------------------------- the advice clause

/** Token shape the clause analysis needs (a subset of the segmenter's Token). */
export interface ClauseToken {
  text: string;
  norm: string;
  start: number;
  end: number;
  word: boolean;
}

/**
 * Names the engine derives for every match with a `verb` capture, usable in templates.
 * `{tail}` is the writer's reason or warning, joined back (", since she knows you well");
 * `{act...}` the advice verb phrase without it; `{mind...}` the phrase without a leading
 * "try to"; the rest are conditions that render empty when true and make the template yield
 * nothing when false, so the first template whose conditions hold is the top suggestion.
 */
export const ADVICE_NAMES = ['tail', 'act...', 'mind...', 'pos...', 'list', 'single', 'ger', 'mindset', 'neg', 'casual', 'plain', 'gsafe', 'short',
  'long'] as const;

const words = (s: string | undefined): Set<string> => new Set((s ?? '').toLowerCase().split(/\s+/).filter(Boolean));
const PICTO = /\p{Extended_Pictographic}/u;

/** The pack strings that drive the analysis, read once per pack. */
export interface ClauseLexicon {
  reasonLinks: Set<string>;
  subjectLinks: Set<string>;
  subjects: Set<string>;
  subordinators: Set<string>;
  mindsetVerbs: Set<string>;
  leadDrop: Set<string>;
  tryLead: Set<string>;
  negations: Set<string>;
  casualWords: Set<string>;
  listEnds: Set<string>;
  emergency: Set<string>;
  notVerbs: Set<string>;
  keepLinks: Set<string>;
}

const lexiconCache = new WeakMap<Record<string, string>, ClauseLexicon | null>();

/** The clause lexicon of a pack, or null when the pack defines none (the analysis is off). */
export function clauseLexicon(strings: Record<string, string>): ClauseLexicon | null {
  let lex = lexiconCache.get(strings);
  if (lex !== undefined) return lex;
  lex = strings['reasonLinks']
    ? {
        reasonLinks: words(strings['reasonLinks']),
        subjectLinks: words(strings['subjectLinks']),
        subjects: words(strings['subjects']),
        subordinators: words(strings['subordinators']),
        mindsetVerbs: words(strings['mindsetVerbs']),
        leadDrop: words(strings['leadDrop']),
        tryLead: words(strings['tryLead']),
        negations: words(strings['negations']),
        casualWords: words(strings['casualWords']),
        listEnds: words(strings['listEnds']),
        emergency: words(strings['emergencyWords']),
        notVerbs: words(strings['notVerbs']),
        keepLinks: words(strings['keepLinks']),
      }
    : null;
  lexiconCache.set(strings, lex);
  return lex;
}

export interface AdviceInput {
  toks: ClauseToken[];
  text: string;
  /** Token range of the verb phrase capture, extended to the clause end. */
  from: number;
  to: number;
  /** What follows the clause cut, as written (not capitalised), or ''. */
  remainder: string;
  tags: () => Array<Set<string>>;
  lex: ClauseLexicon;
}

export interface AdviceClause {
  values: Record<string, string>;
  /** True when the remainder was joined into `{tail}` and must not be repeated. */
  remainderJoined: boolean;
  /**
   * Where an independent clause split off the action starts ("exams are brutal i know"), as a
   * text offset, or -1: from there to the sentence end the writer's text is kept as written.
   */
  asideFrom: number;
  /** The clause refers to emergency help: it is never reworded into a softer suggestion. */
  emergency: boolean;
}

const isVerbTag = (t: Set<string> | undefined) => !!t && (t.has('Verb') || t.has('Infinitive') || t.has('Imperative') || t.has('Imp')) &&
  !t.has('Gerund') && !t.has('PastTense');

/**
 * Split the advice clause into the action (the writer's verb phrase, unchanged) and the
 * writer's reason or warning, and classify the action: one action or a list, a concrete
 * action or a mindset, negated, casual register.
 */
export function adviceClause(inp: AdviceInput): AdviceClause {
  const { toks, text, lex } = inp;
  let a = inp.from;
  const b = inp.to;
  // Leading intensifiers ("def", "totally") do not survive into a frame.
  while (a < b - 1 && toks[a]!.word && lex.leadDrop.has(toks[a]!.norm)) a++;
  let split = b;
  // Tags are asked for only where words cannot decide: tagging loads compromise, which a
  // message whose advice is plain words never needs.
  let tagged: Array<Set<string>> | undefined;
  const tagAt = (i: number): Set<string> | undefined => (tagged ??= inp.tags())[i];
  let asideAt = -1;
  for (let k = a + 1; k < b; k++) {
    const t = toks[k]!;
    if (t.text === ',' && toks[k + 1]?.word && !isVerbTag(tagAt(k + 1)) && !lex.subordinators.has(toks[k + 1]!.norm) && !lex.listEnds.has(toks[k + 1]!.norm)) {
      // "Keep at it mate, exams are brutal i know": a finite verb after the comma starts a
      // clause of the writer's own, kept as a sentence after the rewrite.
      let e = k + 1;
      while (e < b && toks[e]!.text !== ',') e++;
      let finite = false;
      for (let j = k + 2; j < e; j++) {
        const tj = tagAt(j);
        if (tj?.has('Copula') || ((tj?.has('PresentTense') || tj?.has('PastTense') || tj?.has('Modal')) && !tj?.has('Imperative'))) finite = true;
      }
      if (finite) {
        split = k;
        asideAt = k + 1;
        break;
      }
    }
    if (!t.word) continue;
    const afterComma = toks[k - 1]!.text === ',';
    if (lex.reasonLinks.has(t.norm) || (lex.subjectLinks.has(t.norm) && lex.subjects.has(toks[k + 1]?.norm ?? '')) ||
      (afterComma && lex.subordinators.has(t.norm))) {
      split = afterComma ? k - 1 : k;
      break;
    }
  }
  let actEnd = split;
  while (actEnd > a && !toks[actEnd - 1]!.word && !PICTO.test(toks[actEnd - 1]!.text)) actEnd--;
  const act = actEnd > a ? text.slice(toks[a]!.start, toks[actEnd - 1]!.end) : '';
  const comma = split < b && toks[split]!.text === ',';
  const tailStart = comma ? split + 1 : split;
  let tail = '';
  const asideFrom = asideAt >= 0 ? toks[asideAt]!.start : -1;
  if (tailStart < b && asideAt < 0) {
    let e = b;
    while (e > tailStart && !toks[e - 1]!.word) e--;
    const piece = e > tailStart ? text.slice(toks[tailStart]!.start, toks[e - 1]!.end) : '';
    if (piece) tail = (comma ? ', ' : ' ') + piece;
  }
  // A remainder that starts with a subordinator ("even if…", "since…") is part of this
  // sentence: it joins the tail instead of standing alone as a fragment.
  let remainderJoined = false;
  let rem = inp.remainder.trim();
  while (rem && '.!?…'.includes(rem[rem.length - 1]!)) rem = rem.slice(0, -1);
  const remFirst = rem.split(/\s+/)[0]?.toLowerCase().replace(/[^\p{L}']/gu, '') ?? '';
  if (rem && asideAt < 0 && lex.subordinators.has(remFirst)) {
    tail += ', ' + rem;
    remainderJoined = true;
  }
  const actToks: number[] = [];
  for (let k = a; k < actEnd; k++) if (toks[k]!.word) actToks.push(k);
  const first = toks[actToks[0] ?? a];
  const doNot = !!first && first.norm === 'do' && toks[actToks[1] ?? -1]?.norm === 'not';
  const neg = !!first && (lex.negations.has(first.norm) || doNot);
  // A list: a comma followed by another verb ("eat better, sleep more and exercise") or "etc".
  let list = false;
  for (let k = a + 1; k < actEnd; k++) {
    if (toks[k]!.text === ',' && toks[k + 1]?.word && (lex.listEnds.has(toks[k + 1]!.norm) || isVerbTag(tagAt(k + 1)))) list = true;
    if (toks[k]!.word && lex.listEnds.has(toks[k]!.norm)) list = true;
  }
  // The action without "try to"/"learn to" in front, for mindset frames.
  let mi = 0;
  while (mi + 1 < actToks.length && lex.tryLead.has(toks[actToks[mi]!]!.norm) && toks[actToks[mi + 1]!]!.norm === 'to') mi += 2;
  const mindStart = actToks[mi];
  const mindset = !neg && !list && mindStart !== undefined && actToks.length - mi <= 8 && lex.mindsetVerbs.has(toks[mindStart]!.norm) &&
    toks[mindStart + 1]?.norm !== 'me';
  const mind = mindStart !== undefined ? text.slice(toks[mindStart]!.start, toks[actEnd - 1]!.end) : '';
  // A list ends without its "etc": the frame says the writer offers some of these.
  let listText = act;
  const lastWord = actToks[actToks.length - 1];
  if (list && lastWord !== undefined && lastWord > a && lex.listEnds.has(toks[lastWord]!.norm)) {
    let e = lastWord;
    while (e > a && !toks[e - 1]!.word) e--;
    listText = text.slice(toks[a]!.start, toks[e - 1]!.end);
  }
  const sentenceWords = toks.filter((t) => t.word);
  const casual =
    sentenceWords.some((t) => lex.casualWords.has(t.norm)) ||
    /!{2,}/.test(text.slice(toks[0]?.start ?? 0, toks[toks.length - 1]?.end ?? 0)) ||
    (/^\p{Ll}/u.test(toks.find((t) => t.word)?.text ?? '') && !/[.?!]$/.test(toks[toks.length - 1]?.text ?? ''));
  const second = toks[actToks[1] ?? -1];
  const gsafe = !neg && !list && !/ing$/i.test(first?.norm ?? '') && !tail && !!first && /^\p{L}+$/u.test(first.norm) && !lex.notVerbs.has(first.norm) &&
    !(second && /ing$/i.test(second.norm)) && !lex.leadDrop.has(first.norm);
  const n = actToks.length;
  const emergency = toks.slice(inp.from, inp.to).some((t) => lex.emergency.has(t.norm)) || /\b(?:a&e|a & e)\b/i.test(act);
  const values: Record<string, string> = { tail, 'act...': list ? listText : act };
  const flag = (name: string, on: boolean) => {
    if (on) values[name] = '';
  };
  const posAt = actToks[doNot ? 2 : 1];
  if (neg && posAt !== undefined) values['pos...'] = text.slice(toks[posAt]!.start, toks[actEnd - 1]!.end);
  if (mindset) values['mind...'] = mind;
  flag('list', list);
  // "I'd suggest talking to…": the writer's phrase is already a gerund phrase.
  const ger = !neg && !list && !!first && /ing$/i.test(first.norm) && !!tagAt(actToks[0]!)?.has('Gerund');
  flag('ger', ger);
  flag('single', !list && !mindset && !neg && !ger);
  flag('mindset', mindset);
  flag('neg', neg && posAt !== undefined);
  flag('casual', casual);
  flag('plain', !casual);
  flag('gsafe', gsafe);
  flag('short', n <= 4);
  flag('long', n > 4);
  if (!act || (first && lex.notVerbs.has(first.norm))) {
    delete values['act...'];
    delete values['mind...'];
    delete values['pos...'];
  }
  return { values, remainderJoined, asideFrom, emergency };
}

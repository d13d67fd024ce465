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
        const input = value;
        value = t(value);
        // A transform that finds nothing certain ("" from words it had) yields no suggestion.
        if (!value && input) {
          failed = true;
          return '';
        }
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

export { ADVICE_NAMES, MATCH_NAMES, adviceClause, clauseLexicon, keptOpener, matchValues } from './rewrite/advice.js';
export type { AdviceClause, AdviceInput, ClauseLexicon, ClauseToken } from './rewrite/advice.js';

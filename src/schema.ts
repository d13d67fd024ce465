/**
 * zod schemas for rule packs and options. The JSON Schema shipped as `pack-schema.json` is
 * generated from `PackSchema` (see `scripts/gen-schema.mjs`).
 *
 * Written with `zod/mini` (the functional, tree-shakable API): the browser bundle of the core
 * pays only for the validators it uses. Messages come from {@link issueMessage}, not from a zod
 * locale, so every problem says what was expected (listing the valid values of an enum); they
 * are written in `schema-messages.ts`.
 * @module
 */
import * as z from 'zod/mini';
import type { Problem } from './schema-messages.js';

// zod 4 compiles fast validators with `new Function` by default; peerspeak promises no eval
// (and must run under a strict Content-Security-Policy), so validation stays interpreted.
z.config({ jitless: true });

/**
 * The seven categories of the language guide, in its order.
 * @example
 * ```ts
 * import { CATEGORIES } from 'peerspeak';
 * CATEGORIES.includes('directive'); // true
 * const rules = Object.fromEntries(CATEGORIES.map((c) => [c, 'warning']));
 * ```
 */
export const CATEGORIES = [
  'directive',
  'diagnostic',
  'generalising',
  'helping',
  'fear',
  'judging',
  'role-limits',
] as const;
/**
 * The severities of findings, loudest first.
 * @example
 * ```ts
 * import { SEVERITIES } from 'peerspeak';
 * SEVERITIES; // ['error', 'warning', 'info', 'hint']
 * ```
 */
export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

export { SEVERITY_RANK } from './names.js';
/**
 * The levels a rule can be set to in `rules`: `off` or a severity.
 * @example
 * ```ts
 * import { LEVELS } from 'peerspeak';
 * const isLevel = (v: string) => (LEVELS as readonly string[]).includes(v);
 * isLevel('off'); // true
 * ```
 */
export const LEVELS = ['off', 'hint', 'info', 'warning', 'error'] as const;
/**
 * The built-in profiles (see the README, "Profiles").
 * @example
 * ```ts
 * import { PROFILES } from 'peerspeak';
 * PROFILES; // ['chat', 'training', 'strict']
 * ```
 */
export const PROFILES = ['chat', 'training', 'strict'] as const;
/** Where a rule can stand down: see the README, "Context". */
export const SKIPS = ['question', 'reported', 'quote', 'choice', 'emergency'] as const;

/** Limits that keep third-party packs from making the engine slow. */
export const LIMITS = {
  patternLength: 400,
  patternsPerRule: 200,
  lexiconEntries: 20000,
  /** Entries of all lexicons and inflection maps of one pack together (the built-in packs have about 2,000). */
  lexiconEntriesPerPack: 50000,
  /** Guards of one pack (each up to `patternsPerRule` patterns). */
  guardsPerPack: 200,
  examplesPerRule: 200,
  rulesPerPack: 500,
} as const;

/** How many entries a lexicon (array or object) or an inflection map has, without copying it. */
function entryCount(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  if (v !== null && typeof v === 'object') {
    let n = 0;
    for (const k in v) if (Object.hasOwn(v, k)) n++;
    return n;
  }
  return 0;
}

/**
 * Size limits across a whole pack, checked before the pack is validated entry by entry: each
 * lexicon is capped at `LIMITS.lexiconEntries`, but 2,000 such lexicons took gigabytes to
 * validate and compile. Counts only; never throws.
 * @internal
 */
export function packSizeProblems(input: unknown): Problem[] {
  if (input === null || typeof input !== 'object') return [];
  const out: Problem[] = [];
  const { lexicons, inflections, guards } = input as { lexicons?: unknown; inflections?: unknown; guards?: unknown };
  let total = 0;
  let count = 0;
  if (lexicons !== null && typeof lexicons === 'object' && !Array.isArray(lexicons)) {
    for (const k in lexicons) {
      if (!Object.hasOwn(lexicons, k)) continue;
      count++;
      total += entryCount((lexicons as Record<string, unknown>)[k]);
    }
  }
  let forms = 0;
  if (inflections !== null && typeof inflections === 'object' && !Array.isArray(inflections)) {
    for (const k in inflections) {
      if (!Object.hasOwn(inflections, k)) continue;
      const inf = (inflections as Record<string, unknown>)[k];
      if (inf !== null && typeof inf === 'object') forms += entryCount((inf as { map?: unknown }).map);
    }
  }
  if (total + forms > LIMITS.lexiconEntriesPerPack) {
    out.push({
      path: total > forms ? 'lexicons' : 'inflections',
      message: `expected at most ${LIMITS.lexiconEntriesPerPack} lexicon and inflection entries in all, got ${total + forms} (${total} in ${count} lexicons, ${forms} inflection forms)`,
    });
  }
  const guardCount = guards !== null && typeof guards === 'object' && !Array.isArray(guards) ? entryCount(guards) : 0;
  if (guardCount > LIMITS.guardsPerPack) {
    out.push({ path: 'guards', message: `expected at most ${LIMITS.guardsPerPack} guards, got ${guardCount}` });
  }
  return out;
}

/** Attach a description (for the generated JSON Schema) to a schema made for this one use. @internal */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  z.globalRegistry.add(schema as z.ZodMiniType, { description });
  return schema;
}

const oneOf = (values: readonly string[]) => `expected one of ${values.join(', ')}`;
const nonEmpty = () => z.string().check(z.minLength(1, 'expected a non-empty string'));
const patternString = () =>
  z
    .string()
    .check(
      z.minLength(1, 'expected a non-empty pattern'),
      z.maxLength(LIMITS.patternLength, `expected a pattern of at most ${LIMITS.patternLength} characters`),
    );
const patternList = () => z.array(patternString()).check(z.maxLength(LIMITS.patternsPerRule, `expected at most ${LIMITS.patternsPerRule} patterns`));

export const SuggestTemplateSchema = z.strictObject({
  label: described(nonEmpty(), 'Short label for the quick fix, in the pack language.'),
  template: described(
    nonEmpty(),
    'Replacement text. {name} inserts a capture, {rest} the rest of the sentence, {before} what precedes the match; transforms follow a bar: {verb|gerund}, {rest|lower}. [slot] is left for the writer.',
  ),
  replace: described(
    z.optional(z.enum(['sentence', 'match', 'clause'], oneOf(['sentence', 'match', 'clause']))),
    'What the suggestion replaces: the whole sentence (default), only the match, or from the clause start to the end of the sentence.',
  ),
});

const MatchEntry = z.union(
  [
    patternString(),
    z.strictObject({
      pattern: patternString(),
      unless: z.optional(patternList()),
      suggest: z.optional(z.array(SuggestTemplateSchema)),
    }),
  ],
  'expected a pattern (a string) or an object { pattern, unless?, suggest? }',
);

const FlagExample = z.strictObject({
  text: nonEmpty(),
  suggestion: described(z.optional(z.string()), 'The expected top suggestion applied to the text (the whole new text).'),
});

const levelSchema = () => z.enum(LEVELS, oneOf(LEVELS));

/**
 * The zod schema of one rule of a pack. {@link validatePack} gives readable messages.
 * @example
 * ```ts
 * import { RuleSchema } from 'peerspeak';
 * const result = RuleSchema.safeParse(rule);
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export const RuleSchema = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z][a-z-]*\/[a-z0-9][a-z0-9-]*$/, 'expected a concept id like "directive/modal"')),
    category: z.enum(CATEGORIES, oneOf(CATEGORIES)),
    severity: z.enum(SEVERITIES, oneOf(SEVERITIES)),
    profiles: z.optional(z.partialRecord(z.enum(PROFILES, oneOf(PROFILES)), levelSchema())),
    principle: nonEmpty(),
    message: nonEmpty(),
    note: z.optional(z.string()),
    match: z
      .array(MatchEntry)
      .check(z.minLength(1, 'expected at least one pattern'), z.maxLength(LIMITS.patternsPerRule, `expected at most ${LIMITS.patternsPerRule} patterns`)),
    unless: z.optional(patternList()),
    skip: z.optional(z.array(z.enum(SKIPS, oneOf(SKIPS)))),
    suggest: z.optional(z.array(SuggestTemplateSchema)),
    examples: z.strictObject({
      flag: z
        .array(FlagExample)
        .check(
          z.minLength(1, 'expected at least one example that must flag'),
          z.maxLength(LIMITS.examplesPerRule, `expected at most ${LIMITS.examplesPerRule} examples`),
        ),
      pass: z
        .array(nonEmpty())
        .check(
          z.minLength(1, 'expected at least one example that must pass'),
          z.maxLength(LIMITS.examplesPerRule, `expected at most ${LIMITS.examplesPerRule} examples`),
        ),
    }),
  })
  .check(
    z.superRefine((rule, ctx) => {
      const prefix = rule.id.split('/')[0];
      if (prefix !== rule.category) {
        ctx.addIssue({
          code: 'custom',
          path: ['id'],
          message: `concept id "${rule.id}" must start with its category "${rule.category}/"`,
        });
      }
    }),
  );

const lexiconLimit = `expected at most ${LIMITS.lexiconEntries} entries`;
const Lexicon = z.union(
  [
    z.array(nonEmpty()).check(z.maxLength(LIMITS.lexiconEntries, lexiconLimit)),
    z.record(nonEmpty(), z.string()).check(z.refine((o) => Object.keys(o).length <= LIMITS.lexiconEntries, lexiconLimit)),
  ],
  'expected an array of words or phrases, or an object mapping each word to a replacement',
);

const Inflection = z.strictObject({
  map: described(z.optional(z.record(nonEmpty(), nonEmpty())), 'Irregular forms: word → inflected form.'),
  suffixes: described(
    z.optional(z.array(z.tuple([z.string(), z.string()]))),
    'Ordered [ending, replacement] pairs; the first ending that matches is replaced. "" matches every word.',
  ),
  listLinks: described(
    z.optional(z.array(nonEmpty())),
    'Words (besides a comma) after which a word found in `map` is inflected too: the verbs of a coordinated list ("ät, sov och vila").',
  ),
  everyWord: described(
    z.optional(z.boolean()),
    'Apply `map` to every word of the phrase, not only the first (no suffixes): "säga upp mig" → "säga upp dig".',
  ),
});

const NAME = /^[A-Za-z][\w-]*$/;

/** Lexicons the engine reads by name, besides those patterns name with `@`. A pack may define any of them. */
export const IMPLICIT_LEXICONS = {
  clauseLinks: 'Words that link clauses ("and", "so", "but"): `<` in a pattern (a clause start) also matches after one that itself starts a clause.',
  newClause: 'Words that start a clause ("it", "you", "that"): after a comma, or after a `cutLinks` word, they end the clause a rewrite replaces ("Try meditation, it really works").',
  cutLinks: 'Links ("and", "but") before a `newClause` word where the clause a rewrite replaces ends; a later match may start at the link ("…, and you need to…").',
  noCommaAfter: 'Words after which a clause rewrite gets no comma before it ("If you feel this way, would…" but "…and would…").',
  clauseOpeners: 'Clause links after which a clause starts wherever they stand ("it\'s hard but call her", "if it gets worse then go"); a subset of `clauseLinks`.',
  subordinators: 'Words that open a subordinate clause ("if", "when"): a report that opens with one ("your fear is that if you leave, you will…") runs on past that clause\'s comma.',
  questionProposal: 'First words of a later clause of a question that make it a proposal ("Is it the job, like maybe you ought to quit?"): the question no longer shields it.',
} as const;

/** Guards the engine reads by name (besides `guard:name` in an `unless` list). A pack may define any of them. */
export const IMPLICIT_GUARDS = {
  question: 'A sentence ending in "?" is a question (skip `question`) only when this guard matches; without the guard, every one is.',
  unmarkedQuestion: 'A sentence without a closing "?" is still a question (skip `question`) when this guard matches ("Is there anyone you could talk to").',
  rhetorical: 'Questions that state their point ("Aren\'t you being a bit dramatic?"): not shielded by skip `question`.',
  reported: 'Reporting phrases ("you said (that)"): what follows, up to the end of the clause, is reported speech (skip `reported`).',
  choice: 'Choice cues ("if you like", "it\'s up to you"): they cover the instruction in the same clause run (skip `choice`).',
  emergency: 'Emergency referrals ("call 112"): skip `emergency`; a suggestion must keep their words.',
  referral: 'Referrals to people ("your doctor", "someone you trust"): in a crisis, like `emergency`.',
} as const;

/** A description for a map of named entries that lists the names the engine reads (for the JSON Schema). */
function implicitNames<T extends z.ZodMiniType>(schema: T, what: string, names: Record<string, string>): T {
  const properties = Object.fromEntries(Object.entries(names).map(([name, description]) => [name, { description }]));
  z.globalRegistry.add(schema, { description: `${what} The engine reads these names itself: ${Object.keys(names).join(', ')}.`, properties });
  return schema;
}

/**
 * The zod schema of a rule pack; the shipped `pack-schema.json` is generated from it. {@link validatePack} gives readable messages.
 * @example
 * ```ts
 * import { PackSchema } from 'peerspeak';
 * const result = PackSchema.safeParse(JSON.parse(source));
 * if (result.success) console.log(result.data.rules.length);
 * ```
 */
export const PackSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    name: nonEmpty(),
    lang: z.string().check(z.regex(/^[a-z]{2,3}$/, 'expected a language code like "en"')),
    version: z.optional(z.string()),
    lexicons: z.optional(
      implicitNames(
        z.record(z.string().check(z.regex(NAME, 'expected a lexicon name: a letter, then letters, digits, - or _')), Lexicon),
        'Named word lists; a pattern names one with `@name`, a template with `lex:name`.',
        IMPLICIT_LEXICONS,
      ),
    ),
    guards: z.optional(
      implicitNames(
        z.record(z.string().check(z.regex(NAME, 'expected a guard name: a letter, then letters, digits, - or _')), patternList()),
        'Named pattern lists; `guard:name` in an `unless` list stands for all of them.',
        IMPLICIT_GUARDS,
      ),
    ),
    inflections: z.optional(z.record(z.string(), Inflection)),
    strings: z.optional(
      z.catchall(
        z.object({
          roleLimits: z.optional(z.string()),
          roleLimitsLabel: z.optional(z.string()),
        }),
        z.string(),
      ),
    ),
    rules: z.array(RuleSchema).check(z.maxLength(LIMITS.rulesPerPack, `expected at most ${LIMITS.rulesPerPack} rules`)),
  })
  .check(
    z.superRefine((pack, ctx) => {
      const seen = new Map<string, number>();
      pack.rules.forEach((r, i) => {
        const prev = seen.get(r.id);
        if (prev !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}" (also at rules.${prev})` });
        }
        seen.set(r.id, i);
      });
    }),
  );

export const RulesMapSchema = z.record(
  z
    .string()
    .check(z.regex(/^[a-z][a-z-]*(\/[a-z0-9][a-z0-9-]*|\/\*)?$/, 'expected a concept id like "directive/modal", a category or category/*')),
  levelSchema(),
);

export const RoleLimitsSchema = z.strictObject({
  message: z.optional(z.string()),
  resources: z.optional(z.array(z.string()).check(z.maxLength(10, 'expected at most 10 resources'))),
});

// The public types are written out in pack-types.ts (the shipped .d.ts must not import zod,
// which is bundled); these checks fail the build if they and the schemas ever differ.
import type { Pack, PackInput, Rule, Skip, SuggestTemplate } from './pack-types.js';
export type { Pack, PackInput, Rule, Skip, SuggestTemplate };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _SchemaTypesInSync = [
  Assert<Same<z.output<typeof PackSchema>, Pack>>,
  Assert<Same<z.input<typeof PackSchema>, PackInput>>,
  Assert<Same<z.output<typeof RuleSchema>, Rule>>,
  Assert<Same<z.output<typeof SuggestTemplateSchema>, SuggestTemplate>>,
  Assert<Same<(typeof SKIPS)[number], Skip>>,
];

export { kindOf, typeName } from './names.js';
export { issueMessage, joinPath, problemsOf, unknownRuleKey, validate, type Problem } from './schema-messages.js';

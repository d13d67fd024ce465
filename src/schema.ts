/**
 * zod schemas for rule packs and options. The JSON Schema shipped as `pack-schema.json` is
 * generated from `PackSchema` (see `scripts/gen-schema.mjs`).
 * @module
 */
import { z } from 'zod';

// zod 4 compiles fast validators with `new Function` by default; peerspeak promises no eval
// (and must run under a strict Content-Security-Policy), so validation stays interpreted.
z.config({ jitless: true });

export const CATEGORIES = [
  'directive',
  'diagnostic',
  'generalising',
  'helping',
  'fear',
  'judging',
  'role-limits',
] as const;
export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export const LEVELS = ['off', 'hint', 'info', 'warning', 'error'] as const;
export const PROFILES = ['chat', 'training', 'strict'] as const;
/** Where a rule can stand down: see the README, "Context". */
export const SKIPS = ['question', 'reported', 'quote', 'choice', 'emergency'] as const;

const nonEmpty = z.string().min(1, 'expected a non-empty string');

/** Limits that keep third-party packs from making the engine slow. */
export const LIMITS = {
  patternLength: 400,
  patternsPerRule: 200,
  lexiconEntries: 20000,
  examplesPerRule: 200,
  rulesPerPack: 500,
} as const;

const PatternString = z
  .string()
  .min(1, 'expected a non-empty pattern')
  .max(LIMITS.patternLength, `expected a pattern of at most ${LIMITS.patternLength} characters`);

export const SuggestTemplateSchema = z
  .object({
    label: nonEmpty.describe('Short label for the quick fix, in the pack language.'),
    template: nonEmpty.describe(
      'Replacement text. {name} inserts a capture, {rest} the rest of the sentence, {before} what precedes the match; transforms follow a bar: {verb|gerund}, {rest|lower}. [slot] is left for the writer.',
    ),
    replace: z
      .enum(['sentence', 'match', 'clause'])
      .optional()
      .describe('What the suggestion replaces: the whole sentence (default), only the match, or from the clause start to the end of the sentence.'),
  })
  .strict();

const MatchEntry = z.union([
  PatternString,
  z
    .object({
      pattern: PatternString,
      unless: z.array(PatternString).max(LIMITS.patternsPerRule).optional(),
      suggest: z.array(SuggestTemplateSchema).optional(),
    })
    .strict(),
]);

const FlagExample = z
  .object({
    text: nonEmpty,
    suggestion: z.string().optional().describe('The expected top suggestion applied to the text (the whole new text).'),
  })
  .strict();

const LevelSchema = z.enum(LEVELS, { message: `expected one of ${LEVELS.join(', ')}` });

export const RuleSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z-]*\/[a-z0-9][a-z0-9-]*$/, 'expected a concept id like "directive/modal"'),
    category: z.enum(CATEGORIES, { message: `expected one of ${CATEGORIES.join(', ')}` }),
    severity: z.enum(SEVERITIES, { message: `expected one of ${SEVERITIES.join(', ')}` }),
    profiles: z.partialRecord(z.enum(PROFILES), LevelSchema).optional(),
    principle: nonEmpty,
    message: nonEmpty,
    note: z.string().optional(),
    match: z.array(MatchEntry).min(1, 'expected at least one pattern').max(LIMITS.patternsPerRule),
    unless: z.array(PatternString).max(LIMITS.patternsPerRule).optional(),
    skip: z.array(z.enum(SKIPS, { message: `expected one of ${SKIPS.join(', ')}` })).optional(),
    suggest: z.array(SuggestTemplateSchema).optional(),
    examples: z
      .object({
        flag: z.array(FlagExample).min(1, 'expected at least one example that must flag').max(LIMITS.examplesPerRule),
        pass: z.array(nonEmpty).min(1, 'expected at least one example that must pass').max(LIMITS.examplesPerRule),
      })
      .strict(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const prefix = rule.id.split('/')[0];
    if (prefix !== rule.category) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `concept id "${rule.id}" must start with its category "${rule.category}/"`,
      });
    }
  });

const Lexicon = z.union([
  z.array(nonEmpty).max(LIMITS.lexiconEntries, `expected at most ${LIMITS.lexiconEntries} entries`),
  z.record(nonEmpty, z.string()).refine((o) => Object.keys(o).length <= LIMITS.lexiconEntries, {
    message: `expected at most ${LIMITS.lexiconEntries} entries`,
  }),
]);

const Inflection = z
  .object({
    map: z.record(nonEmpty, nonEmpty).optional().describe('Irregular forms: word → inflected form.'),
    suffixes: z
      .array(z.tuple([z.string(), z.string()]))
      .optional()
      .describe('Ordered [ending, replacement] pairs; the first ending that matches is replaced. "" matches every word.'),
  })
  .strict();

export const PackSchema = z
  .object({
    $schema: z.string().optional(),
    name: nonEmpty,
    lang: z.string().regex(/^[a-z]{2,3}$/, 'expected a language code like "en"'),
    version: z.string().optional(),
    lexicons: z.record(z.string().regex(/^[A-Za-z][\w-]*$/, 'expected a lexicon name of letters, digits, - or _'), Lexicon).optional(),
    guards: z.record(z.string().regex(/^[A-Za-z][\w-]*$/), z.array(PatternString).max(LIMITS.patternsPerRule)).optional(),
    inflections: z.record(z.string(), Inflection).optional(),
    strings: z
      .object({
        roleLimits: z.string().optional(),
        roleLimitsLabel: z.string().optional(),
      })
      .catchall(z.string())
      .optional(),
    rules: z.array(RuleSchema).max(LIMITS.rulesPerPack),
  })
  .strict()
  .superRefine((pack, ctx) => {
    const seen = new Map<string, number>();
    pack.rules.forEach((r, i) => {
      const prev = seen.get(r.id);
      if (prev !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}" (also at rules.${prev})` });
      }
      seen.set(r.id, i);
    });
  });

export const RulesMapSchema = z.record(
  z.string().regex(/^[a-z][a-z-]*(\/[a-z0-9][a-z0-9-]*|\/\*)?$/, 'expected a concept id like "directive/modal", a category or category/*'),
  LevelSchema,
);

export const RoleLimitsSchema = z
  .object({ message: z.string().optional(), resources: z.array(z.string()).max(10).optional() })
  .strict();

/** Input shape of a rule pack. */
export type PackInput = z.input<typeof PackSchema>;
/** A validated rule pack. */
export type Pack = z.output<typeof PackSchema>;
/** A validated rule. */
export type Rule = z.output<typeof RuleSchema>;
export type SuggestTemplate = z.output<typeof SuggestTemplateSchema>;
export type Skip = (typeof SKIPS)[number];

/** Turn zod issues into one readable line per problem: `path: message`. */
export function formatIssues(error: z.ZodError, root: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
      return `${root ? root + '.' : ''}${path}: ${issue.message}`;
    })
    .join('\n');
}

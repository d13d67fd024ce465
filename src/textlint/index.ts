/**
 * textlint rule: `peerspeak/textlint`. peerspeak's findings as textlint messages, with the top
 * suggestion as the `--fix` and every ranked suggestion as a textlint suggestion.
 *
 * ```json
 * { "rules": { "peerspeak/textlint": { "lang": "auto", "profile": "chat" } } }
 * ```
 *
 * How a document is checked:
 * - Every `Paragraph`, `Header` and `TableCell` is checked on its own. Only the text of its
 *   `Str` nodes is prose: inline code, HTML, link and image URLs and markup characters are
 *   replaced by spaces of the same length, so offsets stay those of the file. Code blocks are
 *   never checked.
 * - In the `training` and `strict` profiles a blockquote is an example region, as in
 *   `peerspeak/markdown`: findings there are downgraded to `hint` (reported only by `strict`).
 * - The default profile follows the CLI: `training` for `.md`/`.markdown`/`.mdx` files, `chat`
 *   for everything else.
 * - Severities map to textlint's levels: `error` → error, `warning` → warning, `info` and
 *   `hint` → info (which never fails a textlint run). The role-limits note is at most info: it
 *   is a note for the supporter, not a fault of the text. textlint's own `severity` option is
 *   a ceiling (`"warning"` makes errors warnings); the peerspeak severity is also shown in the
 *   message when it is not `warning`, and `minSeverity` drops the softer ones.
 * - `--fix` applies a finding's top suggestion only where that is safe: not when it has a
 *   `[slot]` for the writer to fill, and only when its range lies inside one run of plain text
 *   (a `Str` node) of a paragraph or a table body cell, outside links. Headings, table header
 *   cells, link text and anything that crosses markup (emphasis, inline code) are reported
 *   with their suggestions but never rewritten by `--fix`.
 * @module
 */
import { createChecker, type Checker, type CheckerOptions, type Severity } from '../all.js';
import { defaultProfileFor } from '../default-profile.js';
import { SEVERITY_RANK } from '../names.js';
import { hasSlot } from '../apply.js';

/**
 * Options of the textlint rule, written in `.textlintrc` under the rule's key.
 * @example
 * ```ts
 * // .textlintrc.json
 * { "rules": { "peerspeak/textlint": { "lang": "auto", "profile": "chat", "minSeverity": "warning", "severity": "warning" } } }
 * ```
 */
export interface TextlintOptions {
  /** `en` (default), `sv`, `da` or `auto` (detected per paragraph). */
  lang?: CheckerOptions['lang'];
  /** `chat`, `training` or `strict`. Default: `training` for Markdown files, `chat` otherwise (like the CLI). */
  profile?: CheckerOptions['profile'];
  /** Concept id (or category, or `category/*`) → `off | hint | info | warning | error`. */
  rules?: CheckerOptions['rules'];
  /** Phrases never to flag (case-insensitive). */
  allow?: string[];
  /** Extra rule packs, as plain objects in the pack format. */
  packs?: unknown[];
  /** Text and resources for the role-limits note. */
  roleLimits?: CheckerOptions['roleLimits'];
  /** Report only findings at or above this peerspeak severity. Default `hint` (all the profile reports). */
  minSeverity?: Severity;
  /** textlint's own option (the level of every message of this rule); read by textlint, not by peerspeak. */
  severity?: 'none' | 'info' | 'warning' | 'error';
}

/**
 * The minimal textlint node shape the rule reads (`@textlint/ast-node-types` `TxtNode`).
 * @example
 * ```ts
 * import type { TextlintNode } from 'peerspeak/textlint';
 * const str: TextlintNode = { type: 'Str', raw: 'You should call.', range: [0, 16] };
 * ```
 */
export interface TextlintNode {
  type: string;
  raw: string;
  range: readonly [number, number];
  children?: TextlintNode[];
  [key: string]: unknown;
}

/**
 * A fix command created by textlint's `fixer`.
 * @example
 * ```ts
 * // what the rule reports as `fix` for the top suggestion:
 * const fix: TextlintFixCommand = context.fixer.replaceTextRange([0, 15], 'I wonder if it might help to call your doctor — what do you think?');
 * ```
 */
export interface TextlintFixCommand {
  text: string;
  range: readonly [number, number];
  isAbsolute: boolean;
}

/**
 * The parts of textlint's rule context (`@textlint/types` `TextlintRuleContext`) the rule uses.
 * @example
 * ```ts
 * import rule, { type TextlintContext } from 'peerspeak/textlint';
 * const handlers = rule.linter(context as TextlintContext, { profile: 'chat' });
 * handlers.Paragraph?.(paragraphNode);
 * ```
 */
export interface TextlintContext {
  Syntax: Record<string, string>;
  RuleError: new (message: string, details?: Record<string, unknown>) => unknown;
  report(node: TextlintNode, error: unknown): void;
  fixer: { replaceTextRange(range: readonly [number, number], text: string): TextlintFixCommand };
  locator?: { range(range: readonly [number, number]): unknown };
  getSource(node?: TextlintNode): string;
  getFilePath(): string | undefined;
  /** The rule's level from `.textlintrc` (textlint's numbers: 1 warning, 2 error, 3 info). */
  severity?: number;
}

/**
 * A rule reporter: returns the node handlers textlint calls while it walks the document.
 * @example
 * ```ts
 * import rule, { type TextlintReporter } from 'peerspeak/textlint';
 * const linter: TextlintReporter = rule.linter; // textlint calls it once per file
 * ```
 */
export type TextlintReporter = (context: Readonly<TextlintContext>, options?: TextlintOptions) => Record<string, (node: TextlintNode) => void>;

/**
 * A fixable textlint rule module (`@textlint/types` `TextlintFixableRuleModule`).
 * @example
 * ```ts
 * import type { TextlintRuleModule } from '@textlint/types';
 * import rule from 'peerspeak/textlint';
 * const module: TextlintRuleModule = rule; // { linter, fixer }
 * ```
 */
export interface TextlintRule {
  linter: TextlintReporter;
  fixer: TextlintReporter;
}

const OPTION_KEYS = new Set(['lang', 'profile', 'rules', 'allow', 'packs', 'roleLimits', 'minSeverity', 'severity']);
const MARKDOWN_FILE = /\.(md|markdown|mdx)$/i;
const checkers = new Map<string, Checker>();

/** One compiled checker per distinct option set (textlint calls the reporter once per file). */
function checkerFor(options: CheckerOptions): Checker {
  const key = JSON.stringify(options);
  let checker = checkers.get(key);
  if (!checker) {
    if (checkers.size > 16) checkers.clear();
    checker = createChecker(options);
    checkers.set(key, checker);
  }
  return checker;
}

/** textlint's numeric levels (`@textlint/kernel` `TextlintRuleSeverityLevelKeys`). */
const LEVEL = { warning: 1, error: 2, info: 3 } as const;
/** Loudness of textlint's levels, to apply the configured level as a ceiling. */
const LOUDNESS: Record<number, number> = { [LEVEL.info]: 0, [LEVEL.warning]: 1, [LEVEL.error]: 2 };

/**
 * The textlint level of a finding (textlint's numbers: 1 warning, 2 error, 3 info): its own
 * severity, the role-limits note at most info, never louder than the rule's configured level.
 * @example
 * ```ts
 * import { textlintLevel } from 'peerspeak/textlint';
 * textlintLevel('error', 'directive'); // 2
 * textlintLevel('hint', 'judging'); // 3 (info)
 * textlintLevel('error', 'directive', 1); // 1: the rule is configured as "warning"
 * ```
 */
export function textlintLevel(severity: Severity, category: string, configured?: number): number {
  let level: number = severity === 'error' ? LEVEL.error : severity === 'warning' ? LEVEL.warning : LEVEL.info;
  if (category === 'role-limits') level = LEVEL.info;
  if (configured !== undefined && configured in LOUDNESS && LOUDNESS[configured]! < LOUDNESS[level]!) level = configured;
  return level;
}

/** Nodes whose text is not the writer's prose to rewrite (link text names a target). */
const NOT_FIXABLE_INSIDE = new Set(['Link', 'LinkReference', 'Image', 'ImageReference']);

/**
 * The node's source with everything but its `Str` descendants replaced by spaces (line breaks
 * kept), and the ranges of the `Str` nodes `--fix` may rewrite (`fixable` false: none).
 */
function proseOf(node: TextlintNode, source: string, strType: string, fixable: boolean): { text: string; runs: Array<readonly [number, number]> } {
  const base = node.range[0];
  const out = source.replace(/[^\r\n]/g, ' ').split('');
  const runs: Array<readonly [number, number]> = [];
  const visit = (n: TextlintNode, inLink: boolean): void => {
    if (n.type === strType) {
      for (let i = n.range[0]; i < n.range[1]; i++) out[i - base] = source[i - base] ?? ' ';
      if (fixable && !inLink) runs.push(n.range);
      return;
    }
    for (const child of n.children ?? []) visit(child, inLink || NOT_FIXABLE_INSIDE.has(n.type));
  };
  visit(node, false);
  return { text: out.join(''), runs };
}

const reporter: TextlintReporter = (context, rawOptions = {}) => {
  const { Syntax, RuleError, report, fixer, locator, getSource } = context;
  const options = (rawOptions ?? {}) as TextlintOptions;
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) throw new TypeError(`peerspeak/textlint: unknown option \`${key}\` (expected one of ${[...OPTION_KEYS].join(', ')})`);
  }
  const filePath = context.getFilePath() ?? '';
  const profile = options.profile ?? defaultProfileFor(MARKDOWN_FILE.test(filePath) ? 'markdown' : 'text');
  const checkerOptions: CheckerOptions = { profile };
  if (options.lang !== undefined) checkerOptions.lang = options.lang;
  if (options.rules !== undefined) checkerOptions.rules = options.rules;
  if (options.allow !== undefined) checkerOptions.allow = options.allow;
  if (options.packs !== undefined) checkerOptions.packs = options.packs;
  if (options.roleLimits !== undefined) checkerOptions.roleLimits = options.roleLimits;
  const minSeverity = options.minSeverity ?? 'hint';
  if (!(minSeverity in SEVERITY_RANK)) throw new TypeError(`peerspeak/textlint: option \`minSeverity\`: expected one of ${Object.keys(SEVERITY_RANK).reverse().join(', ')}, got ${JSON.stringify(minSeverity)}`);
  const checker = checkerFor(checkerOptions);
  const examplesQuoted = profile === 'training' || profile === 'strict';
  let quoteDepth = 0;

  // Cells of a table's first row are its header: reported, never rewritten.
  const headerCells = new WeakSet<object>();
  const checkNode = (node: TextlintNode): void => {
    const fixable = node.type === (Syntax.Paragraph ?? 'Paragraph') || (node.type === (Syntax.TableCell ?? 'TableCell') && !headerCells.has(node));
    const { text, runs } = proseOf(node, getSource(node), Syntax.Str ?? 'Str', fixable);
    if (!text.trim()) return;
    const base = node.range[0];
    const safe = (range: readonly [number, number]) => runs.some(([a, b]) => a <= range[0] + base && range[1] + base <= b);
    for (const finding of checker.check(text).findings) {
      let severity = finding.severity;
      if (examplesQuoted && quoteDepth > 0) {
        if (profile !== 'strict') continue;
        severity = 'hint';
      }
      if (SEVERITY_RANK[severity] > SEVERITY_RANK[minSeverity]) continue;
      const level = severity === 'warning' ? '' : ` (${severity})`;
      const [top, ...rest] = finding.suggestions;
      // A plain object (not a RuleError) is how a textlint rule reports its own level per message.
      const details: Record<string, unknown> = locator ? { padding: locator.range(finding.range) } : { index: finding.range[0] };
      if (top && !hasSlot(top.text) && safe(top.range)) details.fix = fixer.replaceTextRange(top.range, top.text);
      if (top) {
        details.suggestions = [top, ...rest].map((s, i) => ({
          id: `${finding.ruleId}#${i + 1}`,
          message: `${s.label}: ${s.text}`,
          fix: fixer.replaceTextRange(s.range, s.text),
        }));
      }
      const message = `${finding.message} [${finding.ruleId}]${level}`;
      report(node, { ...details, message, severity: textlintLevel(severity, finding.category, context.severity) } as unknown as InstanceType<typeof RuleError>);
    }
  };

  return {
    [Syntax.Table ?? 'Table']: (table: TextlintNode) => {
      const first = table.children?.[0];
      for (const cell of first?.children ?? []) headerCells.add(cell);
    },
    [Syntax.BlockQuote ?? 'BlockQuote']: () => void quoteDepth++,
    [`${Syntax.BlockQuote ?? 'BlockQuote'}:exit`]: () => void quoteDepth--,
    [Syntax.Paragraph ?? 'Paragraph']: checkNode,
    [Syntax.Header ?? 'Header']: checkNode,
    [Syntax.TableCell ?? 'TableCell']: checkNode,
  };
};

/**
 * The textlint rule. textlint loads it by the package's subpath:
 *
 * @example
 * ```json
 * // .textlintrc.json
 * {
 *   "rules": {
 *     "peerspeak/textlint": { "profile": "chat", "lang": "auto", "allow": ["you should see the view"] }
 *   }
 * }
 * ```
 *
 * @example
 * ```ts
 * // With @textlint/kernel directly:
 * import { TextlintKernel } from '@textlint/kernel';
 * import markdown from '@textlint/textlint-plugin-markdown';
 * import peerspeak from 'peerspeak/textlint';
 *
 * const result = await new TextlintKernel().lintText('You should call your doctor.', {
 *   ext: '.md',
 *   plugins: [{ pluginId: 'markdown', plugin: markdown }],
 *   rules: [{ ruleId: 'peerspeak', rule: peerspeak, options: { profile: 'chat' } }],
 * });
 * result.messages[0].message; // '"You should call" tells the person what to do. [directive/modal]'
 * ```
 */
const rule: TextlintRule = { linter: reporter, fixer: reporter };

export default rule;

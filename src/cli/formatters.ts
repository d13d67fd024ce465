/**
 * Output formats of the CLI: stylish, json, sarif, github.
 * @module
 */
import { pathToFileURL } from 'node:url';
import type { DocumentFinding } from '../markdown/index.js';
import type { FileResult } from './check-file.js';
import type { Format } from './args.js';
import { joinLines } from '../linear.js';
import { unifiedDiff } from './diff.js';

export interface FormatContext {
  version: string;
  cwd: string;
  color: boolean;
  /** Rule ids as terminal hyperlinks (OSC 8) to their pages; else a list of pages under the summary. */
  hyperlinks?: boolean;
  /** The page of a concept id, or null. */
  docs?: (ruleId: string) => string | null;
  /** Warnings `--quiet` left out: the summary says so instead of "No problems". */
  hiddenWarnings?: number;
  /** `--fix-dry-run`: stylish prints each file's fixes as a diff before the report. */
  dryRun?: boolean;
}

type Sev = DocumentFinding['severity'];

// ---------------------------------------------------------------- stylish

const ANSI = { red: 31, yellow: 33, blue: 34, gray: 90, green: 32, bold: 1, underline: 4, dim: 2 } as const;
function paint(on: boolean, style: keyof typeof ANSI, s: string): string {
  return on ? `\u001b[${ANSI[style]}m${s}\u001b[0m` : s;
}

const SEV_STYLE: Record<Sev, keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'gray' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function link(url: string, label: string): string {
  return `\u001b]8;;${url}\u0007${label}\u001b]8;;\u0007`;
}

/** ESLint-like: findings grouped by file, then a summary line. */
export function stylish(results: FileResult[], ctx: FormatContext): string {
  const c = ctx.color;
  const out: string[] = [];
  if (ctx.dryRun) for (const r of results) if (r.fix) out.push(unifiedDiff(r.filePath, r.fix, c));
  const pages = new Map<string, string>();
  const ruleLabel = (id: string) => {
    const url = ctx.docs?.(id);
    if (!url) return paint(c, 'dim', id);
    if (ctx.hyperlinks) return paint(c, 'dim', link(url, id));
    pages.set(id, url);
    return paint(c, 'dim', id);
  };
  const counts: Record<Sev, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) {
    if (!r.findings.length) continue;
    out.push(paint(c, 'underline', r.filePath));
    const pos = r.findings.map((f) => `${f.line}:${f.column}`);
    const pw = Math.max(...pos.map((p) => p.length));
    const sw = Math.max(...r.findings.map((f) => f.severity.length));
    r.findings.forEach((f, i) => {
      counts[f.severity]++;
      const sev = paint(c, SEV_STYLE[f.severity], f.severity.padEnd(sw));
      out.push(`  ${paint(c, 'dim', pos[i]!.padEnd(pw))}  ${sev}  ${oneLine(f.message)}  ${ruleLabel(f.ruleId)}`);
      const s = f.suggestions[0];
      if (s && s.text) out.push(`  ${' '.repeat(pw)}  ${' '.repeat(sw)}  ${paint(c, 'green', '→')} ${oneLine(s.text)}`);
    });
    out.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const files = plural(results.length, 'file');
  const hidden = ctx.hiddenWarnings ?? 0;
  const hiddenNote = hidden ? `${plural(hidden, 'warning')} not shown (--quiet)` : '';
  if (!total && hidden) {
    out.push(paint(c, 'yellow', `${hiddenNote[0]!.toUpperCase()}${hiddenNote.slice(1)} in ${files}.`));
  } else if (!total) {
    out.push(paint(c, 'green', `✔ No problems in ${files}.`));
  } else {
    const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
    if (counts.info) parts.push(`${counts.info} info`);
    if (counts.hint) parts.push(plural(counts.hint, 'hint'));
    const style = counts.error ? 'red' : counts.warning ? 'yellow' : 'blue';
    out.push(paint(c, style, paint(c, 'bold', `✖ ${plural(total, 'problem')} (${parts.join(', ')}) in ${files}`)) + (hidden ? `; ${hiddenNote}` : ''));
  }
  if (pages.size) {
    out.push('', 'Rule pages:');
    for (const [id, url] of [...pages].sort(([a], [b]) => (a < b ? -1 : 1))) out.push(`  ${id}  ${url}`);
  }
  return out.join('\n') + '\n';
}

function oneLine(s: string): string {
  return joinLines(s);
}

// ---------------------------------------------------------------- json

/**
 * An array of `{ filePath, findings }`, one entry per file, findings in the library's shape;
 * with --fix or --fix-dry-run, `output` is the fixed text of a file that changed (as ESLint).
 */
export function json(results: FileResult[]): string {
  return JSON.stringify(results.map((r) => ({ filePath: r.filePath, findings: r.findings, ...(r.fix ? { output: r.fix.output } : {}) })), null, 2) + '\n';
}

// ---------------------------------------------------------------- sarif

const SARIF_LEVEL: Record<Sev, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

interface RuleText {
  message: string;
  note?: string | undefined;
  principle: string;
}

/** Help text per concept id from the English pack; rules only in user packs use their first finding. */
async function ruleTexts(): Promise<Map<string, RuleText>> {
  const { enPack } = await import('../index.js');
  const map = new Map<string, RuleText>();
  const rules = (enPack as { rules?: Array<{ id: string; message: string; note?: string; principle: string }> }).rules ?? [];
  for (const r of rules) map.set(r.id, { message: r.message.replace(/"?\{match\}"?/g, '…'), note: r.note, principle: r.principle });
  return map;
}

function endPosition(f: DocumentFinding): { endLine: number; endColumn: number } {
  // The finding's text is the original slice: count its line breaks.
  const lines = f.text.split(/\r\n|\r|\n/);
  if (lines.length === 1) return { endLine: f.line, endColumn: f.column + f.text.length };
  return { endLine: f.line + lines.length - 1, endColumn: lines[lines.length - 1]!.length + 1 };
}

/** SARIF 2.1.0: one run, one rule per concept id present, suggestions as fixes. */
export async function sarif(results: FileResult[], ctx: FormatContext): Promise<string> {
  const texts = await ruleTexts();
  const ruleIndex = new Map<string, number>();
  const rules: unknown[] = [];
  const sarifResults: unknown[] = [];
  const root = pathToFileURL(ctx.cwd.endsWith('/') ? ctx.cwd : ctx.cwd + '/').href;
  for (const r of results) {
    const absolute = r.filePath.startsWith('/') || /^[A-Za-z]:[\\/]/.test(r.filePath);
    const artifactLocation = r.filePath === '<stdin>'
      ? { uri: 'stdin' }
      : absolute
        ? { uri: pathToFileURL(r.filePath).href }
        : { uri: encodeURI(r.filePath), uriBaseId: '%SRCROOT%' };
    for (const f of r.findings) {
      let idx = ruleIndex.get(f.ruleId);
      if (idx === undefined) {
        idx = rules.length;
        ruleIndex.set(f.ruleId, idx);
        const t = texts.get(f.ruleId) ?? { message: f.message, note: f.note, principle: f.principle };
        const help = [t.note, `Principle: ${t.principle}`].filter(Boolean).join('\n\n');
        rules.push({
          id: f.ruleId,
          name: f.ruleId.replace(/(^|[/-])(\w)/g, (_m, _s, ch: string) => ch.toUpperCase()),
          shortDescription: { text: t.message },
          fullDescription: { text: t.note ?? t.message },
          help: { text: help, markdown: help },
          ...(ctx.docs?.(f.ruleId) ? { helpUri: ctx.docs(f.ruleId) } : {}),
          defaultConfiguration: { level: SARIF_LEVEL[f.severity] },
          properties: { category: f.category, principle: t.principle, tags: ['peer-support', f.category] },
        });
      }
      const { endLine, endColumn } = endPosition(f);
      const result: Record<string, unknown> = {
        ruleId: f.ruleId,
        ruleIndex: idx,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: {
                startLine: f.line,
                startColumn: f.column,
                endLine,
                endColumn,
                charOffset: f.range[0],
                charLength: f.range[1] - f.range[0],
                snippet: { text: f.text },
              },
            },
          },
        ],
        properties: { severity: f.severity, category: f.category },
      };
      if (f.suggestions.length) {
        result['fixes'] = f.suggestions.map((s) => ({
          description: { text: s.label },
          artifactChanges: [
            {
              artifactLocation,
              // Fix ranges are offsets into the file (SARIF allows a region by charOffset/charLength alone).
              replacements: [{ deletedRegion: { charOffset: s.range[0], charLength: s.range[1] - s.range[0] }, insertedContent: { text: s.text } }],
            },
          ],
        }));
      }
      sarifResults.push(result);
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'peerspeak',
            version: ctx.version,
            semanticVersion: ctx.version,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: root } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

// ---------------------------------------------------------------- github

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND: Record<Sev, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** GitHub Actions workflow commands: annotations on the pull request. */
export function github(results: FileResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const { endLine, endColumn } = endPosition(f);
      const props = [
        `file=${escapeProperty(r.filePath)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${endLine}`,
        `endColumn=${endColumn}`,
        `title=${escapeProperty(`peerspeak(${f.ruleId})`)}`,
      ].join(',');
      const s = f.suggestions[0];
      const msg = s && s.text ? `${f.message}\nSuggestion: ${s.text}` : f.message;
      out.push(`::${GITHUB_COMMAND[f.severity]} ${props}::${escapeData(msg)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

/** Format results. */
export async function format(kind: Format, results: FileResult[], ctx: FormatContext): Promise<string> {
  switch (kind) {
    case 'json':
      return json(results);
    case 'sarif':
      return sarif(results, ctx);
    case 'github':
      return github(results);
    default:
      return stylish(results, ctx);
  }
}

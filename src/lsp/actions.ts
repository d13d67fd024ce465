/**
 * The language server's answers about the findings under the cursor: quick fixes from the
 * ranked suggestions (the top one preferred) and the hover with the why.
 * @module
 */
import { CodeActionKind, MarkupKind, type CodeAction, type Diagnostic, type Hover, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentFinding } from '../markdown/index.js';
import { findingDiagnostic } from './diagnostics.js';

function overlaps(f: DocumentFinding, start: number, end: number): boolean {
  if (start === end) return f.range[0] <= start && start <= f.range[1];
  return f.range[0] < end && start < f.range[1];
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Whether a client asking for code actions of the kinds `only` wants quick fixes. */
export function wantsQuickFixes(only: string[] | undefined): boolean {
  return !only || only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty || CodeActionKind.QuickFix.startsWith(`${k}.`));
}

/** Where a quick fix applies: the document, the version its findings belong to, and how the client takes edits. */
export interface FixTarget {
  doc: TextDocument;
  version: number;
  /** The client supports versioned `documentChanges`. */
  documentChanges: boolean;
}

/** Quick fixes for the findings that overlap `range`: one per suggestion, the top one preferred. */
export function quickFixes(target: FixTarget, findings: readonly DocumentFinding[], range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const { doc, version, documentChanges } = target;
  const uri = doc.uri;
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  const actions: CodeAction[] = [];
  for (const f of findings) {
    if (!f.suggestions.length || !overlaps(f, start, end)) continue;
    const diag =
      diagnostics.find((d) => d.code === f.ruleId && doc.offsetAt(d.range.start) === f.range[0] && doc.offsetAt(d.range.end) === f.range[1]) ??
        findingDiagnostic(doc, f);
    f.suggestions.forEach((s, i) => {
      const editRange: Range = { start: doc.positionAt(s.range[0]), end: doc.positionAt(s.range[1]) };
      const textEdit = { range: editRange, newText: s.text };
      const edit: WorkspaceEdit = documentChanges
        ? { documentChanges: [{ textDocument: { uri, version }, edits: [textEdit] }] }
        : { changes: { [uri]: [textEdit] } };
      actions.push({
        title: s.text ? `${s.label}: “${clip(s.text, 80)}”` : s.label,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: i === 0,
        edit,
      });
    });
  }
  return actions;
}

/** The hover at `position`: each finding there with its message, note and suggestions. */
export function hoverAt(doc: TextDocument, findings: readonly DocumentFinding[], position: Position): Hover | null {
  const at = doc.offsetAt(position);
  const hits = findings.filter((f) => f.range[0] <= at && at < f.range[1]);
  if (!hits.length) return null;
  const parts = hits.map((f) => {
    const lines = [`**${f.message}** \`${f.ruleId}\``];
    if (f.note) lines.push('', f.note);
    if (f.suggestions.length) {
      lines.push('', ...f.suggestions.map((s, i) => `${i + 1}. *${s.label}*${s.text ? `: ${s.text}` : ''}`));
    }
    return lines.join('\n');
  });
  const first = hits[0]!;
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
    range: { start: doc.positionAt(first.range[0]), end: doc.positionAt(first.range[1]) },
  };
}

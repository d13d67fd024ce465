/**
 * What the language server publishes: a finding as a diagnostic, and its own diagnostics on a
 * document (settings problems, JavaScript packs skipped in an untrusted workspace, a document
 * too long to check while editing), all on the first line.
 * @module
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Severity } from '../all.js';
import type { SkippedPack } from '../config/index.js';
import type { DocumentFinding } from '../markdown/index.js';
import { docLink } from './package-info.js';

/**
 * The code of a diagnostic about settings or a config file.
 * @example
 * ```ts
 * import { SETTINGS_CODE } from 'peerspeak/lsp';
 * const settingsProblems = diagnostics.filter((d) => d.code === SETTINGS_CODE);
 * ```
 */
export const SETTINGS_CODE = 'peerspeak/config';
/**
 * The longest document (in UTF-16 code units, as editors count) checked while editing; longer
 * ones get one {@link TOO_LARGE_CODE} information diagnostic instead.
 * @example
 * ```ts
 * import { MAX_DOCUMENT_LENGTH } from 'peerspeak/lsp';
 * if (text.length > MAX_DOCUMENT_LENGTH) console.log('not checked while editing: run `peerspeak <file>`');
 * ```
 */
export const MAX_DOCUMENT_LENGTH = 1_000_000;
/**
 * The code of the diagnostic on a document too long to check while editing.
 * @example
 * ```ts
 * import { TOO_LARGE_CODE } from 'peerspeak/lsp';
 * const tooLarge = diagnostics.some((d) => d.code === TOO_LARGE_CODE);
 * ```
 */
export const TOO_LARGE_CODE = 'peerspeak/too-large';

/**
 * The code of the warning on each document whose config names a JavaScript pack that was not
 * loaded because the workspace is not trusted (initialization option `workspaceTrusted`).
 * @example
 * ```ts
 * import { UNTRUSTED_PACK_CODE } from 'peerspeak/lsp';
 * const skipped = diagnostics.filter((d) => d.code === UNTRUSTED_PACK_CODE);
 * ```
 */
export const UNTRUSTED_PACK_CODE = 'peerspeak/untrusted-pack';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The message of a JavaScript pack skipped because the workspace is not trusted. */
export function untrustedPackMessage(configFile: string, p: SkippedPack): string {
  return `peerspeak: ${configFile}: packs.${p.index}: "${p.ref}" is JavaScript and was not loaded, because the workspace is not trusted (JSON packs always load; trust the workspace, or give the pack as JSON)`;
}

export function untrustedDiagnostics(messages: string[]): Diagnostic[] {
  return messages.map((message) => ({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: UNTRUSTED_PACK_CODE,
    source: 'peerspeak',
    message,
  }));
}

export /** The information diagnostic on a document longer than {@link MAX_DOCUMENT_LENGTH}. */
function tooLargeDiagnostic(length: number): Diagnostic {
  const n = (x: number) => x.toLocaleString('en');
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: TOO_LARGE_CODE,
    source: 'peerspeak',
    message:
      `peerspeak does not check this document while editing: it has ${n(length)} characters, more than the limit of ${n(MAX_DOCUMENT_LENGTH)}. ` +
      'It is checked again when it is shorter; to check it as it is, run `peerspeak <file>` on the command line.',
  };
}

/** One error diagnostic listing the settings and config problems, if any. */
export function settingsDiagnostics(problems: string[]): Diagnostic[] {
  if (!problems.length) return [];
  return [
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Error,
      code: SETTINGS_CODE,
      source: 'peerspeak',
      message: problems.join('\n'),
    },
  ];
}

/** A finding as a diagnostic: its rule page as the code description, its note as related information. */
export function findingDiagnostic(doc: TextDocument, f: DocumentFinding): Diagnostic {
  const range: Range = { start: doc.positionAt(f.range[0]), end: doc.positionAt(f.range[1]) };
  const d: Diagnostic = {
    range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: 'peerspeak',
    message: f.message,
  };
  const href = docLink(f.ruleId);
  if (href) d.codeDescription = { href };
  if (f.note) d.relatedInformation = [{ location: { uri: doc.uri, range }, message: f.note }];
  return d;
}

/**
 * Suppression markers in HTML comments (`peerspeak-disable-next-line`, `peerspeak-disable` …
 * `peerspeak-enable`): reading them from the document and hiding the findings they cover.
 * Each marker records whether it hid anything, for the unused-marker report (`reports.ts`).
 * @module
 * @internal
 */
import { lineColumn } from '../index.js';
import { htmlComments } from '../linear.js';
import type { DocumentFinding } from './types.js';

export interface Marker {
  kind: 'disable-next-line' | 'disable' | 'enable';
  /** null = every rule. */
  ids: string[] | null;
  start: number;
  end: number;
  /** 1-based line on which the comment ends. */
  endLine: number;
  used: boolean;
  source: string;
}

const MARKER = /^\s*peerspeak-(disable-next-line|disable|enable)(?=\s|$)([\s\S]*)$/;

/** The markers among the HTML comments of `text[start, end)`, appended to `out`. */
export function collectMarkers(text: string, start: number, end: number, out: Marker[]): void {
  const html = text.slice(start, end);
  for (const m of htmlComments(html)) {
    const body = MARKER.exec(m.body);
    if (!body) continue;
    const kind = body[1] as Marker['kind'];
    const idsPart = body[2]!.split(/\s--(?:\s|$)/)[0]!;
    const ids = idsPart.split(/[\s,]+/).filter(Boolean);
    const s = start + m.index;
    const e = s + m.text.length;
    out.push({ kind, ids: ids.length ? ids : null, start: s, end: e, endLine: 0, used: false, source: m.text });
  }
}

function idMatches(ids: string[] | null, f: DocumentFinding): boolean {
  if (ids === null) return true;
  return ids.some((id) => id === f.ruleId || id === f.category || id === `${f.category}/*`);
}

interface Region {
  marker: Marker;
  ids: string[] | null;
  except: string[];
  start: number;
  end: number;
}

function regionsOf(markers: Marker[], textLength: number): Region[] {
  const open: Region[] = [];
  const closed: Region[] = [];
  for (const m of markers) {
    if (m.kind === 'disable') {
      open.push({ marker: m, ids: m.ids, except: [], start: m.end, end: textLength });
    } else if (m.kind === 'enable') {
      let closedAny = false;
      for (let i = open.length - 1; i >= 0; i--) {
        const r = open[i]!;
        let next: Region | null = null;
        if (m.ids === null) {
          // closes everything
        } else if (r.ids === null) {
          next = { marker: r.marker, ids: null, except: [...r.except, ...m.ids], start: m.start, end: textLength };
        } else {
          const remaining = r.ids.filter((id) => !m.ids!.includes(id));
          if (remaining.length === r.ids.length) continue;
          if (remaining.length) next = { marker: r.marker, ids: remaining, except: r.except, start: m.start, end: textLength };
        }
        closedAny = true;
        open.splice(i, 1);
        closed.push({ ...r, end: m.start });
        if (next) open.push(next);
      }
      // An enable marker that re-enables nothing is itself unused; one that does counts as used.
      m.used = closedAny;
    }
  }
  return [...closed, ...open];
}


/** `findings` without those a marker hides; each marker that hid one is marked used. */
export function suppress(findings: DocumentFinding[], markers: Marker[], lineStarts: number[], textLength: number): DocumentFinding[] {
  if (!markers.length) return findings;
  for (const m of markers) m.endLine = lineColumn(lineStarts, Math.max(m.start, m.end - 1)).line;
  const regions = regionsOf(markers, textLength);
  return findings.filter((f) => {
    let hidden = false;
    for (const m of markers) {
      if (m.kind === 'disable-next-line' && f.line === m.endLine + 1 && idMatches(m.ids, f)) {
        m.used = true;
        hidden = true;
      }
    }
    for (const r of regions) {
      if (f.range[0] >= r.start && f.range[0] < r.end && idMatches(r.ids, f) && !idMatches(r.except, f)) {
        r.marker.used = true;
        hidden = true;
      }
    }
    return !hidden;
  });
}

/**
 * One frame per message: a writer who applies two rewrites in one message should not send
 * "I wonder if it might help to… I wonder if it might help to…". Pure: it reorders the
 * suggestions of findings whose top frame the message already uses, never drops any.
 * @module
 */
import type { Suggestion } from '../types.js';

/** The opening of a suggestion's frame: its first words after what it keeps of the replaced text. */
export function frameKey(sentence: string, s: Suggestion): string {
  const orig = sentence.slice(s.range[0]);
  let i = 0;
  while (i < s.text.length && i < orig.length && s.text[i] === orig[i]) i++;
  while (i > 0 && !/\s/.test(s.text[i - 1]!)) i--;
  const words = s.text.slice(i).toLowerCase().match(/[\p{L}']+/gu) ?? [];
  return words.length >= 4 ? words.slice(0, 4).join(' ') : '';
}

/** What frameKey compares against: the words of a text, lower case, one space apart. */
const plain = (text: string): string => ' ' + (text.toLowerCase().match(/[\p{L}']+/gu) ?? []).join(' ') + ' ';

/**
 * Per sentence (in order) its text and findings; returns the findings with, where the top
 * suggestion's frame already stands in another sentence or tops an earlier finding, the first
 * differently framed alternative moved to the front. Findings not reordered are returned as
 * they came (they may be shared with a cache).
 */
export function varyFrames<F extends { suggestions: Suggestion[] }>(parts: Array<{ text: string; findings: F[] }>): F[][] {
  const texts = parts.map((p) => plain(p.text));
  const used = new Set<string>();
  return parts.map((p, i) =>
    p.findings.map((f) => {
      if (!f.suggestions.length) return f;
      const keys = f.suggestions.map((s) => frameKey(p.text, s));
      const taken = (k: string) => k !== '' && (used.has(k) || texts.some((t, j) => j !== i && t.includes(' ' + k + ' ')));
      let pick = 0;
      if (taken(keys[0]!)) {
        const alt = keys.findIndex((k, j) => j > 0 && k !== '' && !taken(k));
        if (alt > 0) pick = alt;
      }
      if (keys[pick]) used.add(keys[pick]!);
      if (pick === 0) return f;
      const suggestions = [f.suggestions[pick]!, ...f.suggestions.filter((_s, j) => j !== pick)];
      return { ...f, suggestions };
    }),
  );
}

/**
 * Markdown → what to check: the parse (micromark/mdast, CommonMark + GFM + front matter), the
 * prose blocks with their kind (normal, quoted example, good example), the markers, and the
 * notices of parts read as plain text. Nesting and inline delimiters are bounded first
 * (`limits.ts`); the prose mask is built by `mask.ts`.
 * @module
 * @internal
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { blank, deepMarkers, lineRuns, MAX_DEPTH, MAX_INLINE_DELIMITERS, neutralise, tameInline } from './limits.js';
import { collectMarkers, type Marker } from './markers.js';
import { proseMask } from './mask.js';

interface Pos {
  start: { offset?: number | undefined; line: number };
  end: { offset?: number | undefined; line: number };
}
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
  position?: Pos | undefined;
}

/** A stretch of prose to check on its own. */
export interface Block {
  start: number;
  end: number;
  kind: 'normal' | 'example' | 'good';
}

const PROSE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
const GOOD_EXAMPLE = /^\s*peerspeak-example\s*:\s*good\s*$/;

function parse(markdown: string): MdNode {
  return fromMarkdown(markdown, {
    extensions: [gfm(), frontmatter(['yaml', 'toml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])],
  }) as unknown as MdNode;
}

function offsets(node: MdNode): [number, number] | null {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? null : [s, e];
}

export interface Analysis {
  mask: string;
  blocks: Block[];
  markers: Marker[];
  /** Parts read as plain text (the `peerspeak/plain-text` notice): where, and why. */
  notices: Notice[];
}

export interface Notice {
  at: number;
  message: string;
}

/** `text` checked as plain text: every run of non-blank lines is a block. */
export function plainAnalysis(text: string, message: string): Analysis {
  return {
    mask: text,
    blocks: lineRuns(text, 0, text.length).map(([start, end]) => ({ start, end, kind: 'normal' as const })),
    markers: [],
    notices: [{ at: 0, message }],
  };
}

/**
 * {@link analyseTree}, with nesting bounded: container markers deeper than MAX_DEPTH are
 * hidden from the parser (and masked as markup), and a stack overflow anywhere in parsing
 * falls back to plain text. Valid input never throws.
 */
export function analyse(markdown: string): Analysis {
  const deep = deepMarkers(markdown);
  const inline = tameInline(neutralise(markdown, deep));
  try {
    const a = analyseTree(markdown, inline.source);
    if (deep.length) {
      a.mask = blank(a.mask, deep);
      a.notices.push({ at: deep[0]![0], message: `Markdown nested more than ${MAX_DEPTH} levels deep: the deeper quote and list markers were read as plain text.` });
    }
    for (const at of inline.at) {
      a.notices.push({ at, message: `A paragraph with more than ${MAX_INLINE_DELIMITERS} emphasis or link brackets: they were read as plain text (parsing them takes time that grows with their square).` });
    }
    a.notices.sort((x, y) => x.at - y.at);
    return a;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return plainAnalysis(markdown, 'This part could not be parsed as Markdown (its structure is nested too deeply) and was checked as plain text.');
  }
}

/**
 * Parse `source` (`markdown` with deep markers neutralised: same length, same offsets) and
 * return the prose mask of `markdown` (every non-prose UTF-16 unit replaced by a space, line
 * breaks kept; same length as the input), the prose blocks and the markers.
 */
function analyseTree(markdown: string, source: string): Analysis {
  const tree = parse(source);
  const prose: Array<[number, number]> = [];
  const blocks: Block[] = [];
  const markers: Marker[] = [];
  const good: Array<[number, number]> = [];

  const visit = (node: MdNode, inQuote: boolean, inProse: boolean): void => {
    if (node.type === 'html') {
      const o = offsets(node);
      if (o) collectMarkers(markdown, o[0], o[1], markers);
      return;
    }
    if (inProse && node.type === 'text') {
      const o = offsets(node);
      if (o) prose.push(o);
      return;
    }
    if (node.type === 'link' && inProse) {
      // Autolinks (`<https://…>`, `www.…`) show their URL as the text: not prose.
      const o = offsets(node);
      if (o && markdown[o[0]] !== '[') return;
    }
    let here = inProse;
    if (!inProse && PROSE_BLOCKS.has(node.type)) {
      const o = offsets(node);
      if (o) {
        const isGood = good.some(([a, b]) => o[0] >= a && o[1] <= b);
        blocks.push({ start: o[0], end: o[1], kind: isGood ? 'good' : inQuote ? 'example' : 'normal' });
      }
      here = true;
    }
    const kids = node.children ?? [];
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i]!;
      // `<!-- peerspeak-example: good -->` marks the next block as a good example.
      if (!here && child.type === 'html' && isGoodMarker(child.value ?? '')) {
        const next = kids[i + 1];
        const o = next ? offsets(next) : null;
        if (o) good.push(o);
      }
      visit(child, inQuote || node.type === 'blockquote', here);
    }
  };
  visit(tree, false, false);

  blocks.sort((x, y) => x.start - y.start);
  return { mask: proseMask(markdown, prose), blocks, markers, notices: [] };
}

function isGoodMarker(html: string): boolean {
  const m = /^\s*<!--([\s\S]*?)-->\s*$/.exec(html);
  return !!m && GOOD_EXAMPLE.test(m[1]!);
}

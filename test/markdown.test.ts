import { describe, expect, it } from 'vitest';
import * as api from '../src/markdown/index.js';
import { isMarkdownPath, maskMarkdown, UNUSED_DIRECTIVE, type CheckDocumentOptions, type DocumentFinding, type DocumentOptions } from '../src/markdown/index.js';

// Most tests here are about what counts as prose, in the chat profile. Markdown's own default
// profile is training (one rule everywhere): see "default profile" at the end.
const checkMarkdown = (md: string, o: DocumentOptions = {}) => api.checkMarkdown(md, { profile: 'chat', ...o });
const checkDocument = (text: string, o: CheckDocumentOptions = {}) => api.checkDocument(text, { profile: 'chat', ...o });

const MODAL = 'You should call your doctor.';
const EVERYONE = 'Everyone should see a therapist at least once.';
const STIGMA = 'Her brother committed suicide.';

function ids(findings: DocumentFinding[]): string[] {
  return findings.map((f) => f.ruleId);
}

/** Every finding's text is the original slice and its line/column point at range[0]. */
function expectConsistent(md: string, findings: DocumentFinding[]) {
  const lines = md.split(/\r\n|\r|\n/);
  for (const f of findings) {
    expect(f.text).toBe(md.slice(f.range[0], f.range[1]));
    const line = lines[f.line - 1]!;
    const lineStart = md.indexOf(line, f.range[0] - (f.column - 1));
    expect(lineStart + f.column - 1).toBe(f.range[0]);
  }
}

describe('masking: what is not prose', () => {
  it('keeps the length and the line breaks', () => {
    const md = '---\ntitle: x\n---\n\n# Head `code`\r\n\r\nText <b>bold</b> [a](http://x.y) 😀.\n';
    const mask = maskMarkdown(md);
    expect(mask.length).toBe(md.length);
    for (let i = 0; i < md.length; i++) {
      if (md[i] === '\n' || md[i] === '\r') expect(mask[i]).toBe(md[i]);
    }
    expect(mask).not.toContain('title');
    expect(mask).not.toContain('code');
    expect(mask).not.toContain('<b>');
    expect(mask).not.toContain('http');
    expect(mask).toContain('Head');
    expect(mask).toContain('bold');
  });

  it('does not flag code blocks, inline code, HTML, front matter, URLs or definitions', () => {
    const md = [
      '---',
      `summary: ${MODAL}`,
      '---',
      '',
      `Some \`${MODAL}\` code and <span title="${MODAL}">html</span>.`,
      '',
      '```',
      MODAL,
      '```',
      '',
      `    ${MODAL}`,
      '',
      '<div>',
      MODAL,
      '</div>',
      '',
      'A [link](https://example.org/you-should-call-your-doctor) and <https://example.org/you-should-call>.',
      'Also www.example.org/everyone-should-see-a-therapist and an ![You should call your doctor](x.png).',
      '',
      `[ref]: https://example.org "${MODAL}"`,
      '',
      '<!-- You should call your doctor. -->',
    ].join('\n');
    expect(checkMarkdown(md).findings).toEqual([]);
  });

  it('does not flag TOML front matter', () => {
    expect(checkMarkdown(`+++\ntitle = "${MODAL}"\n+++\n\nTake care.\n`).findings).toEqual([]);
  });

  it('checks headings, list items, table cells, link text and emphasis', () => {
    const md = [`# ${MODAL}`, '', `- ${EVERYONE}`, '', '| a | b |', '|---|---|', `| x | ${STIGMA} |`, '', `You **should** call your doctor.`, '', `[${MODAL}](https://x.y)`].join('\n');
    const { findings } = checkMarkdown(md);
    expect(ids(findings)).toEqual(['directive/modal', 'generalising/everyone-should', 'diagnostic/stigma', 'role-limits/crisis', 'directive/modal', 'directive/modal']);
    expectConsistent(md, findings);
  });

  it('ends sentences at block boundaries but joins soft-wrapped lines', () => {
    // A heading without a full stop does not run into the next line.
    expect(ids(checkMarkdown('# Everyone should\nsee a therapist at least once.').findings)).not.toContain('generalising/everyone-should');
    // A paragraph wrapped over two lines is one sentence.
    const wrapped = 'Everyone should\nsee a therapist at least once.';
    const { findings } = checkMarkdown(wrapped);
    expect(ids(findings)).toEqual(['generalising/everyone-should']);
    expect(findings[0]!.text).toBe('Everyone should\nsee');
  });
});

describe('positions', () => {
  it('maps line and column into the file exactly (UTF-16, CRLF, containers)', () => {
    const md = `😀😀 ${MODAL}\r\nTake care.\r\n\r\n> It was late.\r\n> ${EVERYONE}\r\n\r\n1. one\r\n2. two ${MODAL}\r\n`;
    const { findings } = checkMarkdown(md);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['directive/modal', 1, 6],
      ['generalising/everyone-should', 5, 3],
      ['directive/modal', 8, 8],
    ]);
    expectConsistent(md, findings);
  });

  it('gives suggestions ranges in the file and drops ones that would delete a URL', () => {
    const md = `Intro.\n\n${MODAL}\n\nYou should [call your doctor](https://x.y/z).\n`;
    const { findings } = checkMarkdown(md);
    expect(findings).toHaveLength(2);
    const [plain, linked] = findings;
    expect(plain!.suggestions.length).toBeGreaterThan(0);
    const s = plain!.suggestions[0]!;
    expect(md.slice(s.range[0], s.range[1])).toBe(MODAL);
    expect(linked!.suggestions).toEqual([]);
  });

  it('keeps suggestions that only span markup characters', () => {
    const { findings } = checkMarkdown('You **should** call your doctor.');
    expect(findings[0]!.text).toBe('You **should** call');
    expect(findings[0]!.suggestions.length).toBeGreaterThan(0);
  });
});

describe('examples are not faults', () => {
  const doc = ['Intro for trainees.', '', `> ${MODAL}`, `> ${EVERYONE}`, '', 'We talk about them in pairs.'].join('\n');

  it('drops findings in blockquotes in the training profile', () => {
    expect(checkMarkdown(doc, { profile: 'training' }).findings).toEqual([]);
  });

  it('shows them as hints in strict, never as warnings', () => {
    const { findings } = checkMarkdown(doc, { profile: 'strict' });
    expect(findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['directive/modal', 'hint', 3],
      ['generalising/everyone-should', 'hint', 4],
    ]);
  });

  it('treats blockquotes as ordinary text in chat', () => {
    expect(checkMarkdown(doc, { profile: 'chat' }).findings.map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  it('does not let a user error level leak out of an example region', () => {
    const md = '> At least you still have your job.';
    expect(checkMarkdown(md, { profile: 'training', rules: { 'judging/at-least': 'error' } }).findings).toEqual([]);
    expect(checkMarkdown(md, { profile: 'chat', rules: { 'judging/at-least': 'error' } }).findings[0]!.severity).toBe('error');
  });

  it('still flags the author’s own prose in training (but not instructions)', () => {
    const md = `Read the examples below.\n\n${EVERYONE}\n`;
    const { findings } = checkMarkdown(md, { profile: 'training' });
    expect(ids(findings)).toEqual(['generalising/everyone-should']);
  });

  it('checks a good example strictly, even in training and inside a blockquote', () => {
    const md = ['<!-- peerspeak-example: good -->', `> ${MODAL}`, '', `> ${MODAL}`, '', '<!-- peerspeak-example: good -->', MODAL].join('\n');
    const training = checkMarkdown(md, { profile: 'training' }).findings;
    expect(training.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['directive/modal', 'warning', 2],
      ['directive/modal', 'warning', 7],
    ]);
    const strict = checkMarkdown(md, { profile: 'strict' }).findings;
    expect(strict.map((f) => [f.severity, f.line])).toEqual([
      ['warning', 2],
      ['hint', 4],
      ['warning', 7],
    ]);
  });

  it('marks only the block right after the good-example comment', () => {
    const md = ['<!-- peerspeak-example: good -->', 'Take care.', '', MODAL].join('\n');
    expect(checkMarkdown(md, { profile: 'training' }).findings).toEqual([]);
  });
});

describe('markers', () => {
  it('disable-next-line with ids, categories or none', () => {
    const md = [
      '<!-- peerspeak-disable-next-line directive/modal -- quoted on purpose -->',
      MODAL,
      '<!-- peerspeak-disable-next-line directive -->',
      MODAL,
      '<!-- peerspeak-disable-next-line -->',
      EVERYONE,
      '',
      MODAL,
    ].join('\n');
    const { findings } = checkMarkdown(md);
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['directive/modal', 8]]);
  });

  it('disable-next-line does not hide other rules', () => {
    const md = ['<!-- peerspeak-disable-next-line directive/modal -->', `${MODAL} ${EVERYONE}`].join('\n');
    expect(ids(checkMarkdown(md).findings)).toEqual(['generalising/everyone-should']);
  });

  it('disable … enable blocks, also partial enables', () => {
    const md = [
      '<!-- peerspeak-disable -->',
      '',
      MODAL,
      '',
      EVERYONE,
      '',
      '<!-- peerspeak-enable directive -->',
      '',
      MODAL,
      '',
      EVERYONE,
      '',
      '<!-- peerspeak-enable -->',
      '',
      EVERYONE,
    ].join('\n');
    const { findings } = checkMarkdown(md);
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['directive/modal', 9],
      ['generalising/everyone-should', 15],
    ]);
  });

  it('a disable without an enable lasts to the end of the file', () => {
    const md = ['Take care.', '', '<!-- peerspeak-disable generalising/everyone-should, directive/modal -->', '', MODAL, '', EVERYONE].join('\n');
    expect(checkMarkdown(md).findings).toEqual([]);
  });

  it('reports a marker that suppresses nothing', () => {
    const md = ['Intro.', '', '<!-- peerspeak-disable-next-line directive/modal -- no longer needed -->', 'Take care.', '', '<!-- peerspeak-enable -->'].join('\n');
    const { findings } = checkMarkdown(md);
    expect(findings.map((f) => [f.ruleId, f.severity, f.line, f.column])).toEqual([
      [UNUSED_DIRECTIVE, 'warning', 3, 1],
      [UNUSED_DIRECTIVE, 'warning', 6, 1],
    ]);
    expect(findings[0]!.category).toBe('peerspeak');
    expect(findings[0]!.text).toBe('<!-- peerspeak-disable-next-line directive/modal -- no longer needed -->');
    expect(findings[0]!.message).toContain("'directive/modal'");
    expect(findings[0]!.suggestions[0]!.text).toBe('');
  });

  it('a marker over a finding the profile turned off is unused', () => {
    const md = ['<!-- peerspeak-disable-next-line directive/modal -->', MODAL].join('\n');
    expect(ids(checkMarkdown(md, { profile: 'chat' }).findings)).toEqual([]);
    expect(ids(checkMarkdown(md, { profile: 'training' }).findings)).toEqual([UNUSED_DIRECTIVE]);
  });

  it('the unused-marker report can be turned off or raised', () => {
    const md = '<!-- peerspeak-disable-next-line -->\nTake care.';
    expect(checkMarkdown(md, { rules: { [UNUSED_DIRECTIVE]: 'off' } }).findings).toEqual([]);
    expect(checkMarkdown(md, { rules: { [UNUSED_DIRECTIVE]: 'error' } }).findings[0]!.severity).toBe('error');
  });

  it('works as inline HTML too', () => {
    const md = `Intro. <!-- peerspeak-disable-next-line -->\n${MODAL}`;
    expect(checkMarkdown(md).findings).toEqual([]);
  });
});

describe('checkDocument', () => {
  it('checks plain text as it is', () => {
    const text = `# not a heading\n\n> ${MODAL}\n`;
    const { findings } = checkDocument(text, { format: 'text', profile: 'training' });
    // In text, ">" is just a character: no example region, but training turns directive rules off.
    expect(findings).toEqual([]);
    const chat = checkDocument(text).findings;
    expect(chat.map((f) => [f.ruleId, f.line, f.column])).toEqual([['directive/modal', 3, 3]]);
  });

  it('checks markdown with format: markdown', () => {
    const { findings } = checkDocument(`\`${MODAL}\``, { format: 'markdown' });
    expect(findings).toEqual([]);
  });

  it('rejects unknown formats and non-strings', () => {
    expect(() => checkDocument('x', { format: 'html' as 'text' })).toThrow(/unknown format "html"/);
    expect(() => checkMarkdown(42 as unknown as string)).toThrow(TypeError);
  });

  it('accepts lang auto (English until the detector lands)', () => {
    const r = checkMarkdown(MODAL, { lang: 'auto' });
    expect(r.lang).toBe('en');
    expect(ids(r.findings)).toEqual(['directive/modal']);
  });

  it('passes options to the core: allow, rules, packs, bad options throw', () => {
    expect(checkMarkdown(MODAL, { allow: ['you should call'] }).findings).toEqual([]);
    expect(checkMarkdown(MODAL, { rules: { directive: 'off' } }).findings).toEqual([]);
    expect(() => checkMarkdown(MODAL, { profile: 'loud' as never })).toThrow(/unknown profile "loud"/);
  });

  it('knows Markdown file names', () => {
    expect(isMarkdownPath('a/b.md')).toBe(true);
    expect(isMarkdownPath('b.MARKDOWN')).toBe(true);
    expect(isMarkdownPath('b.txt')).toBe(false);
  });
});

describe('a very long document is parsed in runs of sections', () => {
  it('gives the same findings as checking its parts', () => {
    const unit = [
      '## A heading you should read',
      '',
      'You should call your doctor. I hear you.',
      '',
      '```js',
      'const note = "You should not flag code";',
      '```',
      '',
      '- Take a break from social media.',
      '- I wonder if a walk could help.',
      '',
      '> People should talk about their feelings.',
      '',
    ].join('\n');
    const copies = Math.ceil((600 * 1024) / unit.length);
    const big = unit.repeat(copies);
    const one = checkMarkdown(unit, { profile: 'chat' }).findings;
    expect(one.length).toBeGreaterThan(2);
    const expected = Array.from({ length: copies }, (_, k) =>
      one.map((f) => `${f.ruleId}@${f.range[0] + k * unit.length}:${f.line + k * (unit.split('\n').length - 1)}`),
    ).flat();
    const got = checkMarkdown(big, { profile: 'chat' }).findings.map((f) => `${f.ruleId}@${f.range[0]}:${f.line}`);
    expect(got).toEqual(expected);
  });
});

describe('default profile', () => {
  const heading = '# Reply\n\nAsk what they need. You should call your doctor.\n';
  it('is training for Markdown and chat for plain text, the same rule as the CLI, server and textlint', () => {
    expect(api.defaultProfileFor('markdown')).toBe('training');
    expect(api.defaultProfileFor('text')).toBe('chat');
    expect(api.checkMarkdown(heading).findings).toEqual(api.checkMarkdown(heading, { profile: 'training' }).findings);
    expect(api.checkDocument(heading, { format: 'markdown' }).findings).toEqual(api.checkMarkdown(heading, { profile: 'training' }).findings);
    expect(ids(api.checkDocument(MODAL).findings)).toEqual(['directive/modal']);
    expect(ids(api.checkMarkdown(MODAL).findings)).not.toContain('directive/modal');
  });
});

/**
 * The textlint adapter (`peerspeak/textlint`) run by textlint's own kernel with its Markdown
 * plugin: messages, positions, fixes and options as a textlint user sees them.
 */
import { TextlintKernel } from '@textlint/kernel';
import markdown from '@textlint/textlint-plugin-markdown';
import type { TextlintRuleModule } from '@textlint/types';
import { describe, expect, it } from 'vitest';
import rule, { textlintLevel, type TextlintOptions } from '../src/textlint/index.js';

const kernel = new TextlintKernel();

function optionsFor(options: TextlintOptions | true = true, ext = '.md', filePath?: string) {
  return {
    ext,
    ...(filePath ? { filePath } : {}),
    plugins: [{ pluginId: 'markdown', plugin: markdown }],
    rules: [{ ruleId: 'peerspeak', rule: rule as unknown as TextlintRuleModule, options }],
  };
}

const doc = [
  '# Replying to Sam',
  '',
  'Thanks for telling me. You should call your doctor.',
  '',
  '```',
  'You should call your doctor.',
  '```',
  '',
  'I wrote `you should call` in code and linked [the guide](https://example.com/you-should-call).',
  '',
  '- Everyone feels that way sometimes.',
  '',
].join('\n');

describe('peerspeak/textlint', () => {
  it('is a fixable textlint rule module', () => {
    expect(typeof rule.linter).toBe('function');
    expect(typeof rule.fixer).toBe('function');
  });

  it('reports findings with the concept id, line and column, and skips code', async () => {
    const result = await kernel.lintText(doc, optionsFor({ profile: 'chat' }));
    const got = result.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, column: m.column, message: m.message }));
    expect(got).toEqual([
      { ruleId: 'peerspeak', line: 3, column: 24, message: expect.stringMatching(/^"You should call" .*\[directive\/modal\]$/) },
      { ruleId: 'peerspeak', line: 11, column: 3, message: expect.stringContaining('[generalising/minimising]') },
    ]);
    const first = result.messages[0]!;
    expect(first.range).toEqual([doc.indexOf('You should call your doctor.'), doc.indexOf('You should call your doctor.') + 'You should call'.length]);
    expect(first.fix?.text).toBe('I wonder if it might help to call your doctor — what do you think?');
    // every ranked suggestion is offered as a textlint suggestion, the top one first
    expect(first.suggestions?.length).toBeGreaterThan(1);
    expect(first.suggestions?.[0]?.fix.text).toBe(first.fix?.text);
  });

  it('a clean text gives no messages', async () => {
    const result = await kernel.lintText('I hope the walk helps. Would it help to talk about it?\n', optionsFor({ profile: 'chat' }));
    expect(result.messages).toEqual([]);
  });

  it('fixText applies the top suggestion and leaves code alone', async () => {
    const result = await kernel.fixText(doc, optionsFor({ profile: 'chat' }));
    expect(result.output).toContain('Thanks for telling me. I wonder if it might help to call your doctor — what do you think?');
    expect(result.output).toContain('```\nYou should call your doctor.\n```');
    expect(result.applyingMessages.map((m) => m.message)).toContainEqual(expect.stringContaining('[directive/modal]'));
  });

  it('defaults to the training profile for Markdown files and chat for others, like the CLI', async () => {
    const text = 'You should call your doctor. You are clearly in denial.\n';
    const md = await kernel.lintText(text, optionsFor(true, '.md', '/docs/course.md'));
    expect(md.messages.map((m) => m.message)).toEqual([expect.stringContaining('[diagnostic/label]')]);
    const txt = await kernel.lintText(text, optionsFor(true, '.md', '/tmp/draft.txt'));
    expect(txt.messages.map((m) => m.message)).toEqual([expect.stringContaining('[directive/modal]'), expect.stringContaining('[diagnostic/label]')]);
  });

  it('quoted examples are silent in training and hints in strict', async () => {
    const text = 'Here is a reply we would rather not send:\n\n> You are clearly in denial.\n';
    expect((await kernel.lintText(text, optionsFor({ profile: 'training' }))).messages).toEqual([]);
    const strict = await kernel.lintText(text, optionsFor({ profile: 'strict' }));
    expect(strict.messages.map((m) => [m.line, m.message])).toEqual([[3, expect.stringMatching(/\[diagnostic\/label\] \(hint\)$/)]]);
    expect((await kernel.lintText(text, optionsFor({ profile: 'strict', minSeverity: 'info' }))).messages).toEqual([]);
  });

  it('passes lang, rules and allow to peerspeak', async () => {
    const sv = await kernel.lintText('Du borde ringa din läkare.\n', optionsFor({ lang: 'sv', profile: 'chat' }));
    expect(sv.messages.map((m) => m.message)).toEqual([expect.stringContaining('[directive/modal]')]);
    expect(sv.messages[0]!.fix?.text).toMatch(/^Jag undrar om det kunde vara ett alternativ/);
    const da = await kernel.lintText('Du burde ringe til din læge.\n', optionsFor({ lang: 'auto', profile: 'chat' }));
    expect(da.messages.map((m) => m.message)).toEqual([expect.stringContaining('[directive/modal]')]);
    const off = await kernel.lintText('You should call your doctor.\n', optionsFor({ profile: 'chat', rules: { 'directive/modal': 'off' } }));
    expect(off.messages).toEqual([]);
    const allowed = await kernel.lintText('You should call your doctor.\n', optionsFor({ profile: 'chat', allow: ['you should call'] }));
    expect(allowed.messages).toEqual([]);
  });

  it('shows the peerspeak severity when it is not a warning', async () => {
    const result = await kernel.lintText('I keep thinking about ending it all, I want to die.\n', optionsFor({ profile: 'chat' }));
    expect(result.messages.map((m) => m.message)).toContainEqual(expect.stringMatching(/\[role-limits\/crisis\] \(info\)$/));
  });

  it('rejects unknown and invalid options with a message naming them', async () => {
    await expect(kernel.lintText('Hello.\n', optionsFor({ profil: 'chat' } as TextlintOptions))).rejects.toThrow(/unknown option `profil`/);
    await expect(kernel.lintText('Hello.\n', optionsFor({ profile: 'loud' as never }))).rejects.toThrow(/loud/);
  });

  it('maps severities to textlint levels: error 2, warning 1, info and hint 3; the crisis note never an error', async () => {
    const options = { profile: 'chat', rules: { 'directive/modal': 'error', 'role-limits': 'error' } } as const;
    const [error, crisis] = await Promise.all([kernel.lintText('You should call your doctor.\n', optionsFor(options)), kernel.lintText('I want to die.\n', optionsFor(options))]);
    expect(error.messages.map((m) => m.severity)).toEqual([2]);
    // Set to error in the options, the crisis note still only informs.
    expect(crisis.messages.map((m) => [m.message.match(/\[([^\]]+)\]/)![1], m.severity])).toEqual([['role-limits/crisis', 3]]);
    const warn = await kernel.lintText('You should call your doctor.\n', optionsFor({ profile: 'chat' }));
    expect(warn.messages.map((m) => m.severity)).toEqual([1]);
    const strict = await kernel.lintText('Here:\n\n> You are clearly in denial.\n', optionsFor({ profile: 'strict' }));
    expect(strict.messages.map((m) => m.severity)).toEqual([3]);
    // textlint's own severity option is a ceiling.
    const capped = await kernel.lintText('You should call your doctor.\n', { ...optionsFor({ profile: 'chat', rules: { 'directive/modal': 'error' } }), rules: [{ ruleId: 'peerspeak', rule: rule as unknown as TextlintRuleModule, options: { profile: 'chat', rules: { 'directive/modal': 'error' }, severity: 'warning' } }] });
    expect(capped.messages.map((m) => m.severity)).toEqual([1]);
    expect(textlintLevel('error', 'directive', 3)).toBe(3);
    expect(textlintLevel('hint', 'judging')).toBe(3);
    expect(textlintLevel('error', 'role-limits', 2)).toBe(3);
  });

  it('--fix never writes a [slot], and leaves headings, table headers and link text alone', async () => {
    const text = [
      '# Everyone should go to therapy',
      '',
      'Everyone should go to therapy.',
      '',
      '| You should call your doctor | b |',
      '|---|---|',
      '| You should call your doctor. | c |',
      '',
      'Read [you should call your doctor](https://example.com) first.',
      '',
      'You should call *your* doctor.',
      '',
    ].join('\n');
    const lint = await kernel.lintText(text, optionsFor({ profile: 'chat' }));
    const fixable = lint.messages.filter((m) => m.fix).map((m) => m.line);
    // Only the table body cell: the slot, the heading, the header cell, the link text and the
    // sentence crossing emphasis are reported without a fix.
    expect(fixable).toEqual([7]);
    expect(lint.messages.map((m) => m.line)).toEqual(expect.arrayContaining([1, 3, 5, 7, 9, 11]));
    // Their suggestions are still offered, for a person to choose.
    expect(lint.messages.find((m) => m.line === 3)!.suggestions?.[0]?.fix.text).toContain('[');
    const fixed = await kernel.fixText(text, optionsFor({ profile: 'chat' }));
    const lines = fixed.output.split('\n');
    expect(lines[0]).toBe('# Everyone should go to therapy');
    expect(lines[2]).toBe('Everyone should go to therapy.');
    expect(lines[4]).toBe('| You should call your doctor | b |');
    expect(lines[6]).toMatch(/^\| I wonder if it might help to call your doctor/);
    expect(lines[8]).toBe('Read [you should call your doctor](https://example.com) first.');
    expect(lines[10]).toBe('You should call *your* doctor.');
    expect(fixed.output).not.toMatch(/\[[a-z][^\]]*\](?!\()/);
  });
});

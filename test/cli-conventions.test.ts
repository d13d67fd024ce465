/**
 * The CLI conventions users bring from ESLint, textlint and Vale (issue 13, item 9): --fix,
 * --fix-dry-run, --stdin-filename, ignore files, colours, -o, --print-config, rule links,
 * config errors with positions and did-you-mean, and --quiet with --max-warnings.
 * Runs the built `dist/cli.js` (built by `npm test` before vitest).
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runNode, tempProjects, type Run } from './helpers.js';
import { stylish } from '../src/cli/formatters.js';
import { useColor } from '../src/cli/color.js';
import { parseIgnore } from '../src/cli/ignore.js';
import { githubBase } from '../src/cli/docs.js';
import { unifiedDiff } from '../src/cli/diff.js';
import type { FileResult } from '../src/cli/check-file.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repo, 'dist', 'cli.js');

const MODAL = 'You should call your doctor.';
const ALWAYS = 'Everyone should go to therapy.'; // its top suggestion has a [slot] to fill
const FIXED_MODAL = 'I wonder if it might help to call your doctor — what do you think?';

const { root, project } = tempProjects('peerspeak-cli-conv-');

function run(args: string[], opts: { cwd: string; input?: string; env?: Record<string, string | undefined> }): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, PEERSPEAK_THREADS: '', ...opts.env };
  // Colour decisions are under test: start from none of the variables unless a test sets them.
  if (!opts.env || !('NO_COLOR' in opts.env)) delete env['NO_COLOR'];
  if (!opts.env || !('FORCE_COLOR' in opts.env)) delete env['FORCE_COLOR'];
  return runNode([cli, ...args], { cwd: opts.cwd, env, ...(opts.input !== undefined ? { input: opts.input } : {}) });
}

const ESC = '\u001b[';

describe('--fix and --fix-dry-run', () => {
  it('--fix writes the top suggestion, never a [slot], and reports what remains', async () => {
    const dir = project({ 'a.txt': `${MODAL}\n${ALWAYS}\n` });
    const r = await run(['--fix', '--format', 'json', 'a.txt'], { cwd: dir });
    const fixed = readFileSync(join(dir, 'a.txt'), 'utf8');
    expect(fixed).toBe(`${FIXED_MODAL}\n${ALWAYS}\n`);
    const [result] = JSON.parse(r.stdout) as Array<{ findings: Array<{ ruleId: string; line: number }>; output: string }>;
    // The slotted finding remains, at its place in the fixed file; it fails the run.
    expect(result!.findings.map((f) => [f.ruleId, f.line])).toEqual([['generalising/everyone-should', 2]]);
    expect(result!.output).toBe(fixed);
    expect(r.code).toBe(1);
  });

  it('--fix keeps a UTF-16 file UTF-16 with its byte order mark', async () => {
    const dir = project({ 'u.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${MODAL}\n`, 'utf16le')]) });
    const r = await run(['--fix', 'u.txt'], { cwd: dir });
    expect(r.code).toBe(0);
    const bytes = readFileSync(join(dir, 'u.txt'));
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.subarray(2).toString('utf16le')).toBe(`${FIXED_MODAL}\n`);
  });

  it('--fix-dry-run prints a unified diff, writes nothing; json carries the output', async () => {
    const dir = project({ 'a.txt': `Intro.\n${MODAL}\n`, 'b.md': `Plain.\n` });
    const [r, j] = await Promise.all([run(['--fix-dry-run', 'a.txt', 'b.md'], { cwd: dir }), run(['--fix-dry-run', '-f', 'json', 'a.txt', 'b.md'], { cwd: dir })]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(`Intro.\n${MODAL}\n`);
    expect(r.stdout.startsWith(['--- a/a.txt', '+++ b/a.txt', '@@ -2,1 +2,1 @@', `-${MODAL}`, `+${FIXED_MODAL}`, ''].join('\n'))).toBe(true);
    expect(r.stdout).not.toContain('b.md');
    expect(r.code).toBe(0);
    const results = JSON.parse(j.stdout) as Array<{ filePath: string; output?: string }>;
    expect(results.find((x) => x.filePath === 'a.txt')!.output).toBe(`Intro.\n${FIXED_MODAL}\n`);
    expect(results.find((x) => x.filePath === 'b.md')).not.toHaveProperty('output');
  });

  it('--fix on standard input shows the diff instead of writing', async () => {
    const r = await run(['--fix', '-'], { cwd: root, input: `${MODAL}\n` });
    expect(r.stdout).toContain(`+${FIXED_MODAL}`);
    expect(r.code).toBe(0);
  });

  it('--quiet --fix fixes only errors', async () => {
    const dir = project({ 'peerspeak.config.json': { rules: { 'judging/dismissing': 'error' } }, 'a.txt': `${MODAL} Just relax.\n` });
    await run(['--quiet', '--fix', 'a.txt'], { cwd: dir });
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(`${MODAL} It sounds like this has been really hard.\n`);
  });

  it('the diff has one hunk per run of lines and counts lines that the fix adds', () => {
    const source = 'a\nb\nc\nd\n';
    const diff = unifiedDiff('x.txt', { source, output: '', edits: [[0, 1, 'A\nA2'], [6, 7, 'D']] });
    expect(diff).toBe(['--- a/x.txt', '+++ b/x.txt', '@@ -1,1 +1,2 @@', '-a', '+A', '+A2', '@@ -4,1 +5,1 @@', '-d', '+D', ''].join('\n'));
  });
});

describe('--stdin-filename, ignore files, -o, --print-config', () => {
  it('--stdin-filename: Markdown (training) for .md, its config, its display name', async () => {
    const dir = project({ 'docs/peerspeak.config.json': { rules: { 'judging/dismissing': 'error' } } });
    const input = `# Reply\n\nCall your doctor. Just relax.\n`;
    const [md, txt, noDash] = await Promise.all([
      run(['-f', 'json', '--stdin-filename', 'docs/x.md', '-'], { cwd: dir, input }),
      run(['-f', 'json', '--stdin-filename', 'docs/x.txt', '-'], { cwd: dir, input }),
      run(['--stdin-filename', 'x.md', 'a.txt'], { cwd: dir }),
    ]);
    const mdResult = (JSON.parse(md.stdout) as Array<{ filePath: string; findings: Array<{ ruleId: string; severity: string }> }>)[0]!;
    const txtResult = (JSON.parse(txt.stdout) as Array<{ filePath: string; findings: Array<{ ruleId: string; severity: string }> }>)[0]!;
    expect(mdResult.filePath).toBe('docs/x.md');
    // training: the instruction and the heading are fine; the config makes dismissing an error.
    expect(mdResult.findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['judging/dismissing:error']);
    // chat for .txt: the instruction is flagged too.
    expect(txtResult.findings.map((f) => f.ruleId)).toContain('directive/imperative');
    expect(noDash.code).toBe(2);
    expect(noDash.stderr).toMatch(/--stdin-filename: names standard input, so give -/);
  });

  it('honours .peerspeakignore and .gitignore (nested, negated, directory-only), --no-ignore', async () => {
    const dir = project({
      '.gitignore': 'build/\n*.tmp.md\n',
      '.peerspeakignore': '# drafts are private\ndrafts/**\n!drafts/keep.md\n',
      'docs/.gitignore': '/local.md\n',
      'a.txt': MODAL,
      'build/out.md': MODAL,
      'notes.tmp.md': MODAL,
      'drafts/x.md': MODAL,
      'drafts/keep.md': 'Take care.',
      'docs/local.md': MODAL,
      'docs/sub/local.md': 'Take care.',
    });
    const [r, all, named, allIgnored] = await Promise.all([
      run(['-f', 'json', '.'], { cwd: dir }),
      run(['-f', 'json', '--no-ignore', '.'], { cwd: dir }),
      run(['build/out.md', 'a.txt'], { cwd: dir }),
      run(['build'], { cwd: dir }),
    ]);
    const files = (JSON.parse(r.stdout) as Array<{ filePath: string }>).map((x) => x.filePath);
    expect(files).toEqual(['a.txt', 'docs/sub/local.md', 'drafts/keep.md']);
    expect((JSON.parse(all.stdout) as unknown[]).length).toBe(7);
    // Named on the command line: skipped with a notice, as ESLint does.
    expect(named.stderr).toContain('peerspeak: build/out.md: skipped, ignored by .peerspeakignore or .gitignore');
    expect(named.stdout).not.toContain('build/out.md');
    expect(allIgnored.code).toBe(2);
    expect(allIgnored.stderr).toMatch(/build: every file in this directory is ignored/);
  });

  it('gitignore syntax: comments, escapes, anchoring, trailing slash', () => {
    const rules = parseIgnore('# c\n\\#literal.md\n/top.md\nany.md\ndir/\n');
    const ignored = (p: string) => rules.reduce((acc, r) => (r.test(p) ? !r.negate : acc), false);
    expect(ignored('#literal.md')).toBe(true);
    expect(ignored('top.md')).toBe(true);
    expect(ignored('x/top.md')).toBe(false);
    expect(ignored('x/y/any.md')).toBe(true);
    expect(ignored('dir/a.md')).toBe(true);
    expect(ignored('x/dir/a.md')).toBe(true);
    expect(ignored('dir')).toBe(false); // directory-only: a file named dir is not ignored
  });

  it('-o writes the report to a file (creating its directory), nothing on stdout', async () => {
    const dir = project({ 'a.txt': MODAL });
    const [r, bad] = await Promise.all([run(['-o', 'reports/out.sarif', '-f', 'sarif', 'a.txt'], { cwd: dir }), run(['-o', 'a.txt/x', 'a.txt'], { cwd: dir })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const log = JSON.parse(readFileSync(join(dir, 'reports', 'out.sarif'), 'utf8')) as { version: string };
    expect(log.version).toBe('2.1.0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^peerspeak: --output-file: a\.txt\/x: cannot write/);
  });

  it('--print-config prints the resolved options of a file, overrides and command line included', async () => {
    const dir = project({
      'peerspeak.config.json': { lang: 'en', rules: { judging: 'error' }, packs: [], overrides: [{ files: ['sv/**'], lang: 'sv', profile: 'strict' }] },
    });
    const broken = project({ 'peerspeak.config.json': '{ "profle": "chat" }' });
    const [sv, md, cli, r] = await Promise.all([
      run(['--print-config', 'sv/a.txt'], { cwd: dir }),
      run(['--print-config', 'guide.md'], { cwd: dir }),
      run(['--print-config', 'guide.md', '--profile', 'chat', '--lang', 'da'], { cwd: dir }),
      run(['--print-config', 'a.md'], { cwd: broken }),
    ]);
    expect(JSON.parse(sv.stdout)).toMatchObject({ file: 'sv/a.txt', configFile: 'peerspeak.config.json', format: 'text', lang: 'sv', profile: 'strict', rules: { judging: 'error' } });
    expect(JSON.parse(md.stdout)).toMatchObject({ format: 'markdown', lang: 'en', profile: 'training' });
    expect(JSON.parse(cli.stdout)).toMatchObject({ lang: 'da', profile: 'chat' });
    expect(sv.code).toBe(0);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unrecognized key "profle" \(did you mean "profile"\?\)/);
  });
});

describe('colours, rule links, config errors, --quiet', () => {
  it('--color / --no-color beat FORCE_COLOR and NO_COLOR; piped output has none by default', async () => {
    const dir = project({ 'a.txt': MODAL });
    const [plain, forced, flag, off, noColor, both] = await Promise.all([
      run(['a.txt'], { cwd: dir }),
      run(['a.txt'], { cwd: dir, env: { FORCE_COLOR: '1' } }),
      run(['--color', 'a.txt'], { cwd: dir, env: { NO_COLOR: '1' } }),
      run(['--no-color', 'a.txt'], { cwd: dir, env: { FORCE_COLOR: '1' } }),
      run(['a.txt'], { cwd: dir, env: { NO_COLOR: '1' } }),
      run(['--color', '--no-color', 'a.txt'], { cwd: dir }),
    ]);
    expect(plain.stdout).not.toContain(ESC);
    expect(forced.stdout).toContain(`${ESC}33mwarning`);
    expect(flag.stdout).toContain(`${ESC}33mwarning`);
    expect(off.stdout).not.toContain(ESC);
    expect(noColor.stdout).not.toContain(ESC);
    expect(both.code).toBe(2);
  });

  it('useColor: the order of the switches', () => {
    const tty = { isTTY: true, hasColors: () => true };
    expect(useColor(undefined, {}, tty)).toBe(true);
    expect(useColor(undefined, {}, { isTTY: false })).toBe(false);
    expect(useColor(undefined, {}, null)).toBe(false); // a report file
    expect(useColor(undefined, { NO_COLOR: '1' }, tty)).toBe(false);
    expect(useColor(undefined, { NO_COLOR: '' }, tty)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: '0' }, tty)).toBe(false);
    expect(useColor(undefined, { FORCE_COLOR: 'true', NO_COLOR: '1' }, null)).toBe(true);
    expect(useColor(false, { FORCE_COLOR: '3' }, tty)).toBe(false);
  });

  it('rule pages: SARIF helpUri, stylish lists them (or links the id on a terminal)', async () => {
    const dir = project({ 'a.txt': MODAL });
    const [sarif, text] = await Promise.all([run(['-f', 'sarif', 'a.txt'], { cwd: dir }), run(['a.txt'], { cwd: dir })]);
    const rule = (JSON.parse(sarif.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } } }> }).runs[0]!.tool.driver.rules[0]!;
    expect(rule.id).toBe('directive/modal');
    expect(rule.helpUri).toMatch(/docs\/rules\/directive\/modal\.md$/);
    // The page exists in the package.
    if (rule.helpUri!.startsWith('file:')) expect(existsSync(fileURLToPath(rule.helpUri!))).toBe(true);
    expect(text.stdout).toMatch(/\nRule pages:\n {2}directive\/modal {2}\S+docs\/rules\/directive\/modal\.md\n$/);
    const result: FileResult = { filePath: 'a.txt', findings: [{ ruleId: 'directive/modal', category: 'directive', severity: 'warning', principle: 'p', message: 'm', range: [0, 1], line: 1, column: 1, text: 'Y', suggestions: [] }] };
    const linked = stylish([result], { version: '0', cwd: '/', color: true, hyperlinks: true, docs: () => 'https://example.org/modal.md' });
    expect(linked).toContain('\u001b]8;;https://example.org/modal.md\u0007directive/modal\u001b]8;;\u0007');
    expect(linked).not.toContain('Rule pages');
  });

  it('the web link follows package.json repository or homepage on GitHub', () => {
    expect(githubBase({ repository: { url: 'git+https://github.com/acme/peerspeak.git' } })).toBe('https://github.com/acme/peerspeak');
    expect(githubBase({ repository: 'github:acme/peerspeak' })).toBe('https://github.com/acme/peerspeak');
    expect(githubBase({ homepage: 'https://github.com/acme/peerspeak#readme' })).toBe('https://github.com/acme/peerspeak');
    expect(githubBase({ homepage: 'https://example.org' })).toBeNull();
  });

  it('a broken config names the line and column; an option typo gets a did-you-mean', async () => {
    const dir = project({ 'peerspeak.config.json': '{\n  "profile": "chat",\n}\n', 'a.txt': MODAL });
    const typo = project({ 'peerspeak.config.json': { profle: 'chat' }, 'a.txt': MODAL });
    const [r, t] = await Promise.all([run(['a.txt'], { cwd: dir }), run(['a.txt'], { cwd: typo })]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^peerspeak: peerspeak\.config\.json: line 3, column 1: invalid JSON: \S.*$/);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/^peerspeak: peerspeak\.config\.json: \(root\): Unrecognized key "profle" \(did you mean "profile"\?\)/);
  });

  it('--quiet --max-warnings 0 does not say "No problems" before failing', async () => {
    const dir = project({ 'a.txt': `${MODAL}\n${ALWAYS}\n` });
    const r = await run(['--quiet', '--max-warnings', '0', 'a.txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('No problems');
    expect(r.stdout.trim()).toBe('2 warnings not shown (--quiet) in 1 file.');
    expect(r.stderr.trim()).toBe('peerspeak: 2 warnings, more than --max-warnings 0');
  });
});

describe('one finding shape (issue 13, item 7)', () => {
  it("the CLI's own reports have the category 'peerspeak', as the README says", async () => {
    const dir = project({ 'a.md': '<!-- peerspeak-disable-next-line -->\nTake care.\n' });
    const r = await run(['-f', 'json', 'a.md'], { cwd: dir });
    const [result] = JSON.parse(r.stdout) as Array<{ findings: Array<{ ruleId: string; category: string }> }>;
    expect(result!.findings.map((f) => [f.ruleId, f.category])).toEqual([['peerspeak/unused-directive', 'peerspeak']]);
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    expect(readme).toMatch(/own\s+reports about the document rather than its wording have the category `'peerspeak'`/);
  });
});

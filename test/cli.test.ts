/**
 * The built CLI (`dist/cli.js`, built by `npm test` before vitest runs) as a user runs it.
 */
import { readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { runNode, tempProjects, writeFiles, type Run } from './helpers.js';
import { threadCount } from '../src/cli/threads.js';
import { decode } from '../src/cli/decode.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repo, 'dist', 'cli.js');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };

const MODAL = 'You should call your doctor.';
const EVERYONE = 'Everyone should see a therapist at least once.';
const STIGMA = 'Her brother committed suicide.';

const { root, project } = tempProjects('peerspeak-cli-');
const write = writeFiles;

function run(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', PEERSPEAK_THREADS: '', ...opts.env };
  return runNode([cli, ...args], { cwd: opts.cwd ?? root, env, ...(opts.input !== undefined ? { input: opts.input } : {}) });
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  range: [number, number];
  text: string;
  category: string;
  suggestions: Array<{ text: string; range: [number, number]; label: string }>;
}
type JsonResult = Array<{ filePath: string; findings: JsonFinding[] }>;

function parseJson(r: Run): JsonResult {
  return JSON.parse(r.stdout) as JsonResult;
}

/** Exactly one line on stderr, naming what went wrong. */
function expectOneLineError(r: Run, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^peerspeak: /);
  expect(lines[0]).toMatch(pattern);
}

const basic = project({
  'clean.txt': 'Take care.\n',
  'modal.txt': `Intro.\n${MODAL}\n`,
  'two.txt': `${MODAL}\n${EVERYONE}\n`,
});

describe.concurrent('exit codes and options', () => {
  it('--help and --version exit 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: peerspeak');
    expect(help.stdout).toMatch(/--max-warnings <n>\s+Exit 1 only when there are more than n warnings/);
    expect(help.stdout).toMatch(/1 {2}findings: any error, or any warning/);
    expect(help.stdout).toContain('training for\n');
    const version = await run(['-v']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it('0 when nothing is flagged', async () => {
    const r = await run(['clean.txt'], { cwd: basic });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('✔ No problems in 1 file.');
  });

  it('1 for any warning; stylish shows position, severity, message, rule and suggestion', async () => {
    const r = await run(['modal.txt', 'clean.txt'], { cwd: basic });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('modal.txt');
    expect(lines[1]).toMatch(/^ {2}2:1 {2}warning {2}"You should call" .+ {2}directive\/modal$/);
    expect(lines[2]).toMatch(/^\s+→ I wonder if it might help to call your doctor — what do you think\?$/);
    expect(r.stdout).toContain('✖ 1 problem (0 errors, 1 warning) in 2 files');
    expect(r.stdout).not.toContain('clean.txt');
  });

  it('--max-warnings: 1 only above the limit', async () => {
    const [at, above] = await Promise.all([run(['--max-warnings', '2', 'two.txt'], { cwd: basic }), run(['--max-warnings', '1', 'two.txt'], { cwd: basic })]);
    expect(at.code).toBe(0);
    expect(at.stdout).toContain('2 warnings');
    expect(above.code).toBe(1);
    expect(above.stderr).toContain('2 warnings, more than --max-warnings 1');
  });

  it('errors fail whatever --max-warnings says; --quiet shows errors only', async () => {
    const dir = project({ 'peerspeak.config.json': { rules: { 'generalising/everyone-should': 'error' } }, 'a.txt': `${MODAL}\n${EVERYONE}\n` });
    const r = await run(['--quiet', '--max-warnings', '99', 'a.txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/2:1 {2}error {2}.*generalising\/everyone-should/);
    expect(r.stdout).not.toContain('directive/modal');
    expect(r.stdout).toContain('1 problem (1 error, 0 warnings)');
  });

  it('--quiet: warnings alone exit 0', async () => {
    const r = await run(['-q', 'two.txt'], { cwd: basic });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('warning  ');
  });

  it('2 for bad options, each with a one-line reason naming the option', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--bogus', 'a.txt'], /Unknown option '--bogus'/],
      [['--format', 'xml', 'a.txt'], /--format: expected one of stylish, json, sarif, github, got "xml"/],
      [['--max-warnings', 'many', 'a.txt'], /--max-warnings: expected a whole number/],
      [['--lang', 'fr', 'a.txt'], /--lang: expected one of auto, en, sv, da/],
      [['--profile'], /--profile/],
      [[], /no input/],
    ];
    const runs = await Promise.all(cases.map(([args]) => run(args, { cwd: basic })));
    runs.forEach((r, i) => expectOneLineError(r, cases[i]![1]));
  });

  it('2 for files that cannot be read or globs that match nothing', async () => {
    const dir = project({ 'ok.txt': 'Take care.' });
    symlinkSync(join(dir, 'missing-target.md'), join(dir, 'dangling.md'));
    const [missing, glob, dangling] = await Promise.all([
      run(['ok.txt', 'nope.md'], { cwd: dir }),
      run(['docs/**/*.md'], { cwd: dir }),
      run(['dangling.md'], { cwd: dir }),
    ]);
    expectOneLineError(missing, /nope\.md: no such file or directory/);
    expectOneLineError(glob, /docs\/\*\*\/\*\.md: no files matched/);
    expectOneLineError(dangling, /dangling\.md/);
  });

  it('2 for a bad config, naming the file and the key path', async () => {
    const bad = project({ 'peerspeak.config.json': { rules: { 'directive/modal': 'loud' } }, 'docs/a.md': MODAL });
    const pkgBad = project({ 'package.json': { name: 'x', peerspeak: { profile: 'gentle' } }, 'a.txt': MODAL });
    const packBad = project({
      'peerspeak.config.json': { packs: ['./packs/bad.json'] },
      'packs/bad.json': readFileSync(join(repo, 'test', 'fixtures', 'packs', 'bad-pack.json'), 'utf8'),
      'a.txt': MODAL,
    });
    const [r1, r2, r3, r4] = await Promise.all([
      run(['docs/a.md'], { cwd: bad }),
      run(['a.txt'], { cwd: pkgBad }),
      run(['a.txt'], { cwd: packBad }),
      run(['--config', 'missing.json', 'a.txt'], { cwd: pkgBad }),
    ]);
    expectOneLineError(r1, /^peerspeak: peerspeak\.config\.json: rules\.directive\/modal: expected one of off, hint, info, warning, error$/);
    expectOneLineError(r2, /^peerspeak: package\.json: peerspeak\.profile: expected one of chat, training, strict$/);
    expectOneLineError(r3, /^peerspeak: packs\/bad\.json: rules\.0\.severity: expected one of error, warning, info, hint$/);
    expectOneLineError(r4, /--config: missing\.json: cannot read config/);
  });
});

describe.concurrent('inputs, profiles and config', () => {
  it('reads standard input with "-" (chat profile) and accepts --lang auto', async () => {
    const r = await run(['--format', 'json', '--lang', 'auto', '-'], { cwd: basic, input: `${MODAL}\n` });
    expect(r.code).toBe(1);
    const [result] = parseJson(r);
    expect(result!.filePath).toBe('<stdin>');
    expect(result!.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['directive/modal', 1, 1]]);
  });

  it('defaults to training for Markdown and chat for .txt', async () => {
    const dir = project({ 'a.md': `${MODAL}\n`, 'a.txt': `${MODAL}\n` });
    const r = await run(['--format', 'json', 'a.md', 'a.txt'], { cwd: dir });
    expect(parseJson(r).map((x) => [x.filePath, x.findings.map((f) => f.ruleId)])).toEqual([
      ['a.md', []],
      ['a.txt', ['directive/modal']],
    ]);
    const strict = await run(['--format', 'json', '--profile', 'chat', 'a.md'], { cwd: dir });
    expect(parseJson(strict)[0]!.findings.map((f) => f.ruleId)).toEqual(['directive/modal']);
  });

  it('finds the nearest config, a package.json key, and applies overrides per glob', async () => {
    const dir = project({
      'package.json': { name: 'docs', peerspeak: { profile: 'chat', rules: { 'diagnostic/stigma': 'error' } } },
      'top.md': `${MODAL}\n\n${STIGMA}\n`,
      'team/peerspeak.config.json': {
        profile: 'chat',
        rules: { 'role-limits': 'off' },
        overrides: [
          { files: ['*.txt'], profile: 'training' },
          { files: ['archive/**'], rules: { directive: 'off', generalising: 'off' } },
        ],
      },
      'team/a.md': `${MODAL}\n\n${STIGMA}\n`,
      'team/b.txt': `${MODAL}\n${EVERYONE}\n`,
      'team/archive/c.md': `${MODAL}\n\n${EVERYONE}\n\n${STIGMA}\n`,
    });
    const r = await run(['--format', 'json', '.'], { cwd: dir });
    const byFile = Object.fromEntries(parseJson(r).map((x) => [x.filePath, x.findings.map((f) => `${f.ruleId}:${f.severity}`)]));
    expect(byFile).toEqual({
      // package.json key: chat profile, stigma raised to error
      'top.md': ['directive/modal:warning', 'diagnostic/stigma:error', 'role-limits/crisis:info'],
      // nearest config wins over the package.json above it: stigma stays a warning, no role-limits note
      'team/a.md': ['directive/modal:warning', 'diagnostic/stigma:warning'],
      // *.txt override: training turns the directive rule off
      'team/b.txt': ['generalising/everyone-should:warning'],
      // archive/** override: rules off by category
      'team/archive/c.md': ['diagnostic/stigma:warning'],
    });
    expect(r.code).toBe(1);
  });

  it('--config replaces discovery for every file', async () => {
    const dir = project({
      'peerspeak.config.json': { rules: { directive: 'off' } },
      'other.json': { rules: { 'directive/modal': 'error' } },
      'a.txt': MODAL,
    });
    const [found, given] = await Promise.all([run(['--format', 'json', 'a.txt'], { cwd: dir }), run(['--format', 'json', '-c', 'other.json', 'a.txt'], { cwd: dir })]);
    expect(found.code).toBe(0);
    expect(parseJson(found)[0]!.findings).toEqual([]);
    expect(given.code).toBe(1);
    expect(parseJson(given)[0]!.findings.map((f) => f.severity)).toEqual(['error']);
  });

  it('Markdown: examples, good examples, markers and non-prose through the CLI', async () => {
    const md = [
      '---',
      `note: ${MODAL}`,
      '---',
      '',
      '# Exercise',
      '',
      `> ${MODAL}`,
      `> ${EVERYONE}`,
      '',
      '<!-- peerspeak-example: good -->',
      `> ${MODAL}`,
      '',
      `Run \`${MODAL}\` and see [the notes](https://example.org/${'you-should-call-your-doctor'}).`,
      '',
      '<!-- peerspeak-disable-next-line generalising -- quoting a trainee -->',
      EVERYONE,
      '',
      '<!-- peerspeak-disable-next-line diagnostic -->',
      'Take care.',
      '',
      '```',
      EVERYONE,
      '```',
      '',
      `😀 ${EVERYONE}`,
    ].join('\n');
    const dir = project({ 'module.md': md });
    const r = await run(['--format', 'json', 'module.md'], { cwd: dir });
    expect(r.code).toBe(1);
    const findings = parseJson(r)[0]!.findings;
    expect(findings.map((f) => [f.ruleId, f.severity, f.line, f.column])).toEqual([
      ['directive/modal', 'warning', 11, 3],
      ['peerspeak/unused-directive', 'warning', 18, 1],
      ['generalising/everyone-should', 'warning', 25, 4],
    ]);
    for (const f of findings) expect(f.text).toBe(md.slice(f.range[0], f.range[1]));
    const strict = await run(['--format', 'json', '--profile', 'strict', 'module.md'], { cwd: dir });
    const hints = parseJson(strict)[0]!.findings.filter((f) => f.severity === 'hint');
    expect(hints.map((f) => f.line)).toEqual([7, 8]);
  });

  it('maps findings to the exact line and column of the file', async () => {
    const file = join(repo, 'test', 'fixtures', 'docs', 'positions.md');
    const text = readFileSync(file, 'utf8');
    const r = await run(['--format', 'json', '--profile', 'chat', file]);
    const [result] = parseJson(r);
    expect(result!.filePath).toBe(file.split('\\').join('/'));
    const got = result!.findings.map((f) => [f.ruleId, f.line, f.column, f.text]);
    expect(got).toEqual([
      ['generalising/everyone-should', 15, 6, 'Everyone should see'],
      ['diagnostic/stigma', 20, 21, 'committed suicide'],
      ['role-limits/crisis', 20, 31, 'suicide'],
    ]);
    const lines = text.split('\n');
    for (const f of result!.findings) {
      expect(lines[f.line - 1]!.slice(f.column - 1).startsWith(f.text.split('\n')[0]!)).toBe(true);
      expect(text.slice(f.range[0], f.range[1])).toBe(f.text);
    }
  });

  it('checks many files in parallel with output in a stable, sorted order', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 8; i++) {
      files[`d${i % 3}/f${7 - i}.md`] = `# File ${i}\n\n${EVERYONE}\n\n> ${MODAL}\n`;
      files[`d${i % 3}/g${i}.txt`] = i % 2 ? `${MODAL}\n` : 'Take care.\n';
    }
    const dir = project(files);
    const [parallel, serial] = await Promise.all([
      run(['--format', 'json', '.'], { cwd: dir, env: { PEERSPEAK_THREADS: '3' } }),
      run(['--format', 'json', '.'], { cwd: dir, env: { PEERSPEAK_THREADS: '1' } }),
    ]);
    expect(parallel.code).toBe(1);
    expect(parallel.stderr).toBe('');
    expect(parallel.stdout).toBe(serial.stdout);
    const paths = parseJson(parallel).map((x) => x.filePath);
    expect(paths).toHaveLength(16);
    expect(paths).toEqual([...paths].sort());
  });

  it('runs on the training handbook example: honest findings, quoted bad examples silent', async () => {
    const dir = join(repo, 'examples', 'training-handbook');
    const r = await run(['--format', 'json', 'examples/training-handbook'], { cwd: repo });
    expect(r.code).toBe(1);
    const results = parseJson(r);
    expect(results.map((x) => x.filePath)).toEqual([
      'examples/training-handbook/README.md',
      'examples/training-handbook/module-3-responding.md',
      'examples/training-handbook/sv/modul-3-svara.md',
    ]);
    // The README about the example passes; the Swedish module is checked in Swedish.
    expect(results[0]!.findings).toEqual([]);
    const en = results[1]!;
    const source = readFileSync(join(dir, 'module-3-responding.md'), 'utf8').split('\n');
    const ids = en.findings.map((f) => f.ruleId);
    expect(ids).toContain('generalising/everyone-should');
    expect(ids).toContain('diagnostic/stigma');
    expect(ids).not.toContain('peerspeak/unused-directive');
    for (const f of en.findings) {
      expect(source[f.line - 1]!.startsWith('>'), `line ${f.line} is a quoted example`).toBe(false);
      expect(f.severity).not.toBe('hint');
    }
  });
});

describe.concurrent('formats', () => {
  const dir = project({
    'docs/a.md': `# Notes\n\n<!-- peerspeak-example: good -->\n${MODAL}\n\n${STIGMA}\n`,
    'notes, draft.txt': `Line one,\nwith a comma: ${EVERYONE}\n`,
  });

  it('sarif: valid SARIF 2.1.0 with rules, regions and fixes', async () => {
    const r = await run(['--format', 'sarif', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: Array<{
        tool: { driver: { name: string; version: string; rules: Array<{ id: string; help: { text: string }; shortDescription: { text: string } }> } };
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }>;
          fixes?: Array<{ artifactChanges: Array<{ replacements: Array<{ deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }> }> }>;
        }>;
      }>;
    };
    // The official schema, as shipped by @microsoft/jest-sarif (dev dependency).
    const require = createRequire(import.meta.url);
    const schemaPath = join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    // The schema's patterns are ECMAScript regexes without the `u` flag.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    expect(log.version).toBe('2.1.0');
    const run0 = log.runs[0]!;
    expect(run0.tool.driver.name).toBe('peerspeak');
    expect(run0.tool.driver.version).toBe(pkg.version);
    const ruleIds = run0.tool.driver.rules.map((x) => x.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(ruleIds).toEqual(expect.arrayContaining(['directive/modal', 'diagnostic/stigma', 'generalising/everyone-should']));
    for (const rule of run0.tool.driver.rules) {
      expect(rule.help.text).toMatch(/Principle: /);
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    }
    const modal = run0.results.find((x) => x.ruleId === 'directive/modal')!;
    expect(run0.tool.driver.rules[modal.ruleIndex]!.id).toBe('directive/modal');
    expect(modal.level).toBe('warning');
    const loc = modal.locations[0]!.physicalLocation;
    expect(loc.artifactLocation.uri).toBe('docs/a.md');
    expect(loc.region).toMatchObject({ startLine: 4, startColumn: 1, endLine: 4, endColumn: 16, charLength: 15 });
    const source = readFileSync(join(dir, 'docs/a.md'), 'utf8');
    expect(source.slice(loc.region['charOffset']!, loc.region['charOffset']! + loc.region['charLength']!)).toBe('You should call');
    const fix = modal.fixes![0]!.artifactChanges[0]!.replacements[0]!;
    expect(source.slice(fix.deletedRegion.charOffset, fix.deletedRegion.charOffset + fix.deletedRegion.charLength)).toBe(MODAL);
    expect(fix.insertedContent.text).toBe('I wonder if it might help to call your doctor — what do you think?');
    expect(run0.results.find((x) => x.ruleId === 'role-limits/crisis')!.level).toBe('note');
  });

  it('github: workflow commands with escaped properties', async () => {
    const r = await run(['--format', 'github', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    const notes = lines.find((l) => l.includes('file=notes%2C draft.txt'))!;
    expect(notes).toMatch(
      /^::warning file=notes%2C draft\.txt,line=2,col=15,endLine=2,endColumn=34,title=peerspeak\(generalising\/everyone-should\)::"Everyone should see" makes a rule for everybody\.%0ASuggestion: \S/,
    );
    expect(lines.some((l) => /^::warning file=docs\/a\.md,line=4,col=1,endLine=4,endColumn=16,title=peerspeak\(directive\/modal\)::/.test(l))).toBe(true);
    expect(lines.some((l) => /^::notice file=docs\/a\.md,line=6,.*title=peerspeak\(role-limits\/crisis\)::/.test(l))).toBe(true);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=peerspeak\([^)]+\)::\S/);
  });

  it('json: one entry per file, findings in the library shape', async () => {
    const r = await run(['--format', 'json', '.'], { cwd: dir });
    const results = parseJson(r);
    expect(results.map((x) => x.filePath)).toEqual(['docs/a.md', 'notes, draft.txt']);
    const f = results[0]!.findings[0]!;
    expect(Object.keys(f).sort()).toEqual(['category', 'column', 'line', 'message', 'note', 'principle', 'range', 'ruleId', 'severity', 'suggestions', 'text'].sort());
    expect(f).toMatchObject({ ruleId: 'directive/modal', category: 'directive', severity: 'warning', line: 4, column: 1, text: 'You should call' });
  });
});

describe.concurrent('encodings', () => {
  const utf16le = (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
  const utf16be = (t: string) => Buffer.from(utf16le(t).swap16());

  it('decodes UTF-16 (LE and BE) by its byte order mark', async () => {
    const dir = project({ 'le.txt': utf16le(`Hej.\n${MODAL}\n`), 'be.txt': utf16be(`Hej.\n${MODAL}\n`) });
    const r = await run(['--format', 'json', 'le.txt', 'be.txt'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(parseJson(r).map((x) => x.findings.map((f) => [f.ruleId, f.line, f.column, f.text]))).toEqual([
      [['directive/modal', 2, 1, 'You should call']],
      [['directive/modal', 2, 1, 'You should call']],
    ]);
  });

  it('drops a UTF-8 byte order mark before computing offsets (file and standard input)', async () => {
    const dir = project({ 'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${MODAL}\n`)]) });
    const r = await run(['--format', 'json', 'bom.txt'], { cwd: dir });
    expect(parseJson(r)[0]!.findings.map((f) => [f.line, f.column, f.range, f.text])).toEqual([[1, 1, [0, 15], 'You should call']]);
    const s = await run(['--format', 'json', '-'], { cwd: dir, input: `\ufeff${MODAL}\n` });
    expect(parseJson(s)[0]!.findings.map((f) => [f.column, f.range])).toEqual([[1, [0, 15]]]);
  });

  it('skips binary files with a notice and checks the rest', async () => {
    const dir = project({ 'a.txt': `${MODAL}\n`, 'b.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) });
    const r = await run(['--format', 'json', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(parseJson(r).map((x) => [x.filePath, x.findings.length])).toEqual([['a.txt', 1], ['b.txt', 0]]);
    expect(r.stderr).toBe('peerspeak: b.txt: skipped, a binary file\n');
  });

  it('refuses text that is not valid UTF-8 (Latin-1), naming the file, exit 2', async () => {
    const dir = project({ 'latin1.txt': Buffer.from('Du borde ringa din läkare.\n', 'latin1') });
    const r = await run(['latin1.txt'], { cwd: dir });
    expectOneLineError(r, /^peerspeak: latin1\.txt: not valid UTF-8 text \(at byte 20\)/);
  });
});

describe('worker threads', () => {
  const small = () => 1000;
  const large = () => 10 * 1024 * 1024;
  it('never more than the cores or the files, even when PEERSPEAK_THREADS asks for more', () => {
    expect(threadCount(2000, small, 2, '8')).toBe(2);
    expect(threadCount(2000, large, 2)).toBe(2);
    expect(threadCount(2, large, 16, '8')).toBe(2);
    expect(threadCount(2000, large, 64)).toBe(8);
    expect(threadCount(2000, large, 1)).toBe(1);
  });
  it('by default only when the work pays for the workers (3+ files, 128 KB+)', () => {
    expect(threadCount(2000, small, 2)).toBe(1);
    expect(threadCount(2, large, 8)).toBe(1);
    expect(threadCount(3, large, 8)).toBe(3);
    expect(threadCount(10, large, 8, '1')).toBe(1);
    expect(threadCount(10, large, 8, 'x')).toBe(8);
  });
});

describe.concurrent('symbolic links', () => {
  it('checks each file once by its real path, even with a link back into the directory', async () => {
    const dir = project({ 'docs/a.md': `${MODAL}\n` });
    symlinkSync(join(dir, 'docs'), join(dir, 'docs', 'again'));
    symlinkSync(join(dir, 'docs', 'a.md'), join(dir, 'b.txt'));
    const r = await run(['--format', 'json', '--profile', 'chat', 'docs', 'b.txt'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(parseJson(r).map((x) => x.filePath)).toEqual(['docs/a.md']);
  });

  it('names a symbolic link loop instead of "no such file"', async () => {
    const dir = project({ 'a.txt': 'x' });
    symlinkSync(join(dir, 'loop2.md'), join(dir, 'loop1.md'));
    symlinkSync(join(dir, 'loop1.md'), join(dir, 'loop2.md'));
    expectOneLineError(await run(['loop1.md'], { cwd: dir }), /^peerspeak: loop1\.md: a symbolic link loop$/);
  });
});

describe('decode', () => {
  it('points at the first bad byte, takes UTF-8 with or without a BOM, and UTF-16 by BOM', () => {
    expect(decode(Buffer.from('Du borde ringa din läkare.\n', 'latin1'))).toMatchObject({ error: expect.stringContaining('at byte 20') as string });
    expect(decode(Buffer.from([0x61, 0x62, 0xff]))).toMatchObject({ error: expect.stringContaining('at byte 2') as string });
    expect(decode(Buffer.from([0x61, 0xc3, 0xa9, 0xc3, 0x41]))).toMatchObject({ error: expect.stringContaining('at byte 3') as string });
    expect(decode(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ text: 'A' });
    expect(decode(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toEqual({ text: 'A' });
    expect(decode(Buffer.from([0xfe, 0xff, 0x00, 0x41]))).toEqual({ text: 'A' });
    expect(decode(Buffer.from([0xfe, 0xff, 0x00]))).toMatchObject({ error: expect.stringContaining('UTF-16') as string });
    expect(decode(Buffer.from([0x41, 0x00, 0x42]))).toEqual({ binary: true });
  });
});

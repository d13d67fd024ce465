/**
 * The published package, as a user gets it: `npm pack` (what `npm publish` uploads), installed
 * into a fresh project, then used through every door: ESM `import`, CommonJS `require`, the
 * `peerspeak` binary, the on-demand language packs and the textlint rule (through the real
 * textlint CLI and the `.textlintrc` the README shows). Catches what the in-repo tests cannot:
 * a file missing from `files`, a wrong export map entry, a self-import that does not resolve.
 *
 * The shipped types are type-checked too, as a TypeScript user sees them: a consumer project
 * with `skipLibCheck: false` under `node16`, `nodenext` and `bundler` resolution, ESM and CJS.
 *
 * Needs the build (`npm test` builds first) and the npm registry or npm's cache: the tarball's
 * dependencies and textlint are installed with `--prefer-offline`, so after `npm ci` they come
 * from the cache.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const exec = promisify(execFile);
const TIMEOUT = 180_000;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

let work = '';
let app = '';

interface Run { code: number; stdout: string; stderr: string }

/** Runs a command in the test project; resolves with its exit code instead of throwing. */
async function run(cmd: string, args: string[], input?: string): Promise<Run> {
  const child = exec(cmd, args, { cwd: app, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function node(file: string): Promise<unknown> {
  const r = await run(process.execPath, [file]);
  expect(r.stderr, `${file} wrote to stderr`).toBe('');
  expect(r.code, `${file} exit code`).toBe(0);
  return JSON.parse(r.stdout);
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run the build first (npm test does)');
  work = mkdtempSync(join(tmpdir(), 'peerspeak-pack-'));
  app = join(work, 'app');
  mkdirSync(app);
  const packed = await exec(npm, ['pack', '--json', '--pack-destination', work], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  const tarball = join(work, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]!.filename);
  // The same textlint version as the repo's dev dependency, so it comes from npm's cache.
  const textlint = (JSON.parse(readFileSync(join(root, 'node_modules', 'textlint', 'package.json'), 'utf8')) as { version: string }).version;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'peerspeak-smoke', version: '1.0.0', private: true }, null, 2));
  await exec(npm, ['install', tarball, `textlint@${textlint}`, '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock'], { cwd: app, maxBuffer: 16 * 1024 * 1024 });
}, TIMEOUT);

// Removing the installed project can take longer than the default hook timeout on a busy machine.
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('npm pack → install → use', () => {
  it('ESM: import { check } from "peerspeak", plus Swedish and Danish on demand', async () => {
    writeFileSync(
      join(app, 'esm.mjs'),
      `import { check, applySuggestion } from 'peerspeak';
import sv from 'peerspeak/rules/sv';
import 'peerspeak/rules/da';
const flagged = check('You should call your doctor.');
const f = flagged.findings[0];
console.log(JSON.stringify({
  ids: flagged.findings.map((x) => x.ruleId),
  fixed: applySuggestion('You should call your doctor.', f.suggestions[0]),
  clean: check('I hope the walk helps.').findings.length,
  sv: check('Du borde ringa din läkare.', { lang: 'sv' }).findings.map((x) => x.ruleId),
  svClean: check('Jag hoppas att promenaden hjälper.', { lang: 'sv' }).findings.length,
  da: check('Du burde ringe til din læge.', { lang: 'da' }).findings.map((x) => x.ruleId),
  daClean: check('Jeg håber, at gåturen hjælper.', { lang: 'da' }).findings.length,
  svPack: sv.lang,
}));
`,
    );
    expect(await node('esm.mjs')).toEqual({
      ids: ['directive/modal'],
      fixed: 'I wonder if it might help to call your doctor — what do you think?',
      clean: 0,
      sv: ['directive/modal'],
      svClean: 0,
      da: ['directive/modal'],
      daClean: 0,
      svPack: 'sv',
    });
  }, TIMEOUT);

  it('CommonJS: require("peerspeak") and the packs (default export under .default)', async () => {
    writeFileSync(
      join(app, 'cjs.cjs'),
      `const { check } = require('peerspeak');
const sv = require('peerspeak/rules/sv');
require('peerspeak/rules/da');
const textlint = require('peerspeak/textlint');
const { checkMarkdown } = require('peerspeak/markdown');
console.log(JSON.stringify({
  ids: check('You should call your doctor.').findings.map((x) => x.ruleId),
  clean: check('I hope the walk helps.').findings.length,
  sv: check('Du borde ringa din läkare.', { lang: 'sv' }).findings.map((x) => x.ruleId),
  da: check('Du burde ringe til din læge.', { lang: 'auto' }).findings.map((x) => x.ruleId),
  svPack: sv.default.lang,
  textlint: [typeof textlint.default.linter, typeof textlint.default.fixer],
  markdown: checkMarkdown('\`You should call\` is code.\\n\\nYou should call your doctor.\\n', { profile: 'chat' }).findings.map((x) => [x.ruleId, x.line]),
}));
`,
    );
    expect(await node('cjs.cjs')).toEqual({
      ids: ['directive/modal'],
      clean: 0,
      sv: ['directive/modal'],
      da: ['directive/modal'],
      svPack: 'sv',
      textlint: ['function', 'function'],
      markdown: [['directive/modal', 3]],
    });
  }, TIMEOUT);

  it('peerspeak/core: a Swedish-only app (ESM and CommonJS) checks Swedish without loading English', async () => {
    const body = (imp: string) => `${imp}
console.log(JSON.stringify({
  langs: core.languages(),
  sv: core.check('Du borde ringa din läkare.', { lang: 'sv' }).findings.map((x) => x.ruleId),
  auto: core.check('Du borde ringa din läkare.', { lang: 'auto' }).findings.map((x) => x.ruleId),
  englishLoaded: Object.keys(require.cache ?? {}).some((f) => /peerspeak[\\/]dist[\\/]index\\.c?js$/.test(f)),
}));
`;
    writeFileSync(join(app, 'core.mjs'), body(`import * as core from 'peerspeak/core';\nimport 'peerspeak/rules/sv';\nconst require = { cache: {} };`));
    writeFileSync(join(app, 'core.cjs'), body(`const core = require('peerspeak/core');\nrequire('peerspeak/rules/sv');`));
    const expected = { langs: ['sv'], sv: ['directive/modal'], auto: ['directive/modal'], englishLoaded: false };
    expect(await node('core.mjs')).toEqual(expected);
    expect(await node('core.cjs')).toEqual(expected);
  }, TIMEOUT);

  it('the CLI: npx peerspeak on a file exits 1 with the finding, 0 on a clean file', async () => {
    writeFileSync(join(app, 'draft.txt'), 'Thanks for telling me.\nYou should call your doctor.\n');
    writeFileSync(join(app, 'clean.txt'), 'I hope the walk helps.\n');
    const flagged = await run(npx, ['--no', '--', 'peerspeak', 'draft.txt']);
    expect(flagged.code, flagged.stderr).toBe(1);
    expect(flagged.stdout).toContain('directive/modal');
    expect(flagged.stdout).toMatch(/2:1/);
    const json = await run(npx, ['--no', '--', 'peerspeak', '--format', 'json', 'draft.txt']);
    const [file] = JSON.parse(json.stdout) as Array<{ findings: Array<{ ruleId: string; line: number }> }>;
    expect(file!.findings.map((f) => [f.ruleId, f.line])).toEqual([['directive/modal', 2]]);
    const clean = await run(npx, ['--no', '--', 'peerspeak', 'clean.txt']);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    const version = await run(npx, ['--no', '--', 'peerspeak', '--version']);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  }, TIMEOUT);

  it('textlint: "peerspeak/textlint" in .textlintrc.json reports and fixes', async () => {
    writeFileSync(join(app, '.textlintrc.json'), JSON.stringify({ rules: { 'peerspeak/textlint': { profile: 'chat' } } }));
    writeFileSync(join(app, 'reply.md'), '# Notes\n\nYou should call your doctor.\n\n```\nYou should call your doctor.\n```\n');
    const lint = await run(npx, ['--no', '--', 'textlint', '--format', 'json', 'reply.md']);
    // A peerspeak warning is a textlint warning (severity 1), which does not fail the run (#13.10).
    expect(lint.code, lint.stderr).toBe(0);
    const [result] = JSON.parse(lint.stdout) as Array<{ messages: Array<{ ruleId: string; message: string; line: number; column: number; severity: number }> }>;
    expect(result!.messages.map((m) => [m.ruleId, m.line, m.column, m.severity])).toEqual([['peerspeak/textlint', 3, 1, 1]]);
    expect(result!.messages[0]!.message).toContain('[directive/modal]');
    const fix = await run(npx, ['--no', '--', 'textlint', '--fix', 'reply.md']);
    expect(fix.code, fix.stdout + fix.stderr).toBe(0);
    expect(readFileSync(join(app, 'reply.md'), 'utf8')).toBe('# Notes\n\nI wonder if it might help to call your doctor — what do you think?\n\n```\nYou should call your doctor.\n```\n');
  }, TIMEOUT);

  it('TypeScript: a consumer type-checks against the shipped .d.ts with skipLibCheck false (node16, nodenext, bundler)', async () => {
    const types = join(app, 'types');
    mkdirSync(types, { recursive: true });
    writeFileSync(
      join(types, 'esm.mts'),
      `import { check, createChecker, applySuggestion, PackSchema, enPack, type CheckOptions, type Finding, type Lang, type Pack, type Profile, type RuleLevel } from 'peerspeak';
import sv from 'peerspeak/rules/sv';
import 'peerspeak/rules/da';
import * as all from 'peerspeak/all';
import * as core from 'peerspeak/core';
import { checkMarkdown, checkDocument } from 'peerspeak/markdown';
import { ConfigSchema, validateConfig, type Config } from 'peerspeak/config';
import { createServer, startServer } from 'peerspeak/lsp';
import textlintRule from 'peerspeak/textlint';

const options: CheckOptions = { lang: 'sv', profile: 'chat', rules: { 'directive/modal': 'warning', judging: 'off', 'fear/*': 'hint', 'peerspeak/unused-directive': 'off' } };
const findings: Finding[] = check('You should call your doctor.', options).findings;
const top = findings[0]?.suggestions[0];
const fixed: string | undefined = top && applySuggestion('You should call your doctor.', top);
const lang: Lang = 'da';
const profile: Profile = 'training';
const level: RuleLevel = 'off';
const pack: Pack = sv;
const ids: string[] = enPack.rules.map((r) => r.id);
const parsed = PackSchema.safeParse({});
const messages: string[] = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
const config: Config = validateConfig({ profile: 'training' }, 'peerspeak.config.json');
const configOk: boolean = ConfigSchema.safeParse(config).success;
const md = checkMarkdown('# Hi', { profile: 'chat' }).findings.length + checkDocument('x').findings.length;
export const used = [createChecker({ lang, profile }), fixed, level, pack.lang, ids, messages, configOk, md, all.check, core.check, core.registerLanguage, createServer, startServer, textlintRule];

// Options are typed: each of these must be a compile error.
// @ts-expect-error 'fi' is not a language (register it and augment LanguageRegistry first)
check('x', { lang: 'fi' });
// @ts-expect-error 'warn' is not a level
check('x', { rules: { 'directive/modal': 'warn' } });
// @ts-expect-error 'loud' is not a profile
check('x', { profile: 'loud' });
// @ts-expect-error 'advice' is not a category
check('x', { rules: { advice: 'off' } });
`,
    );
    writeFileSync(
      join(types, 'cjs.cts'),
      `import { check, type Finding } from 'peerspeak';
import { checkMarkdown } from 'peerspeak/markdown';
import { validateConfig } from 'peerspeak/config';
import textlintRule from 'peerspeak/textlint';
import sv from 'peerspeak/rules/sv';
import * as all from 'peerspeak/all';
const findings: Finding[] = check('x', { lang: 'en' }).findings;
export const used = [findings, checkMarkdown, validateConfig, textlintRule, sv.rules.length, all.languages()];
`,
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const modes = [
      { module: 'node16', moduleResolution: 'node16', files: ['esm.mts', 'cjs.cts'] },
      { module: 'nodenext', moduleResolution: 'nodenext', files: ['esm.mts', 'cjs.cts'] },
      { module: 'esnext', moduleResolution: 'bundler', files: ['esm.mts'] },
    ];
    for (const m of modes) {
      const tsconfig = join(types, `tsconfig.${m.moduleResolution}.json`);
      writeFileSync(
        tsconfig,
        JSON.stringify({
          compilerOptions: {
            module: m.module,
            moduleResolution: m.moduleResolution,
            target: 'es2022',
            lib: ['es2022'],
            strict: true,
            skipLibCheck: false,
            noEmit: true,
            // @types/node for peerspeak/lsp's stream types, from the repository (no download).
            typeRoots: [join(root, 'node_modules', '@types')],
            types: ['node'],
          },
          files: m.files,
        }),
      );
      const r = await run(process.execPath, [tsc, '-p', tsconfig]);
      expect(`${m.moduleResolution}: exit ${r.code}\n${r.stdout}${r.stderr}`).toBe(`${m.moduleResolution}: exit 0\n`);
    }
  }, TIMEOUT);
});

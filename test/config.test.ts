import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempProjects } from './helpers.js';
import { z } from 'zod';
import {
  ConfigError,
  ConfigSchema,
  configFor,
  findConfigFile,
  loadConfigFile,
  resolveOptions,
  validateConfig,
} from '../src/config/index.js';
import { checkMarkdown } from '../src/markdown/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(repo, 'test', 'fixtures');
const { root, project } = tempProjects('peerspeak-config-');

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('finding the config', () => {
  it('walks up from the file; the nearest directory wins', () => {
    const dir = project({
      'peerspeak.config.json': { profile: 'chat' },
      'docs/deep/a.md': '',
      'docs/inner/.peerspeakrc.json': { profile: 'strict' },
      'docs/inner/b.md': '',
    });
    expect(findConfigFile(join(dir, 'docs/deep'))).toBe(join(dir, 'peerspeak.config.json'));
    expect(findConfigFile(join(dir, 'docs/inner'))).toBe(join(dir, 'docs/inner/.peerspeakrc.json'));
    expect(configFor(join(dir, 'docs/inner/b.md'))!.config.profile).toBe('strict');
  });

  it('prefers peerspeak.config.json, then .peerspeakrc.json, then package.json in one directory', () => {
    const dir = project({
      'peerspeak.config.json': { profile: 'chat' },
      '.peerspeakrc.json': { profile: 'strict' },
      'package.json': { name: 'x', peerspeak: { profile: 'training' } },
    });
    expect(findConfigFile(dir)).toBe(join(dir, 'peerspeak.config.json'));
    rmSync(join(dir, 'peerspeak.config.json'));
    expect(findConfigFile(dir)).toBe(join(dir, '.peerspeakrc.json'));
    rmSync(join(dir, '.peerspeakrc.json'));
    expect(findConfigFile(dir)).toBe(join(dir, 'package.json'));
    expect(loadConfigFile(join(dir, 'package.json')).config.profile).toBe('training');
  });

  it('skips a package.json without a peerspeak key and stops at the root', () => {
    const dir = project({ 'package.json': { name: 'no-config' }, 'sub/a.txt': '' });
    expect(findConfigFile(join(dir, 'sub'))).toBeNull();
    expect(findConfigFile('/')).toBeNull();
  });
});

describe('validation', () => {
  it('names the file and the key path', () => {
    const e = configError(() => validateConfig({ rules: { 'directive/modal': 'loud' } }, 'peerspeak.config.json'));
    expect(e.message).toBe('peerspeak.config.json: rules.directive/modal: expected one of off, hint, info, warning, error');
    expect(configError(() => validateConfig({ profile: 'x' }, 'c.json')).message).toBe('c.json: profile: expected one of chat, training, strict');
    expect(configError(() => validateConfig({ lang: 'xx' }, 'c.json')).message).toMatch(/^c\.json: lang: expected one of en, sv, da.*auto$/);
    expect(configError(() => validateConfig({ overrides: [{ files: [], profile: 'chat' }] }, 'c.json')).message).toContain('overrides.0.files');
    expect(configError(() => validateConfig({ colour: 'red' }, 'c.json')).message).toMatch(/c\.json: \(root\): Unrecognized key.*colour/);
    expect(configError(() => validateConfig({ roleLimits: { resources: 'x' } }, 'c.json')).message).toContain('roleLimits.resources');
  });

  it('prefixes the package.json key', () => {
    const dir = project({ 'package.json': { name: 'x', peerspeak: { rules: { directive: 'loud' } } } });
    const e = configError(() => loadConfigFile(join(dir, 'package.json')));
    expect(e.message).toMatch(/package\.json: peerspeak\.rules\.directive: expected one of off, hint, info, warning, error$/);
  });

  it('reports broken JSON with the file name, line and column', () => {
    const dir = project({ 'peerspeak.config.json': '{ "profile": ' });
    expect(configError(() => loadConfigFile(join(dir, 'peerspeak.config.json'))).message).toMatch(/(^|\/)peerspeak\.config\.json: line 1, column 14: invalid JSON: Unexpected end of JSON input$/);
    // A trailing comma on line 3: the position points at the closing brace after it.
    const trailing = project({ 'peerspeak.config.json': '{\n  "profile": "chat",\n  "lang": "en",\n}\n' });
    expect(configError(() => loadConfigFile(join(trailing, 'peerspeak.config.json'))).message).toMatch(/(^|\/)peerspeak\.config\.json: line 4, column 1: invalid JSON: .+/);
  });

  it('suggests the option key meant by a typo', () => {
    const dir = project({ 'peerspeak.config.json': { profle: 'chat' } });
    const e = configError(() => loadConfigFile(join(dir, 'peerspeak.config.json')));
    expect(e.message).toMatch(/Unrecognized key "profle" \(did you mean "profile"\?\): expected only/);
    const far = project({ 'peerspeak.config.json': { colour: 'red' } });
    expect(configError(() => loadConfigFile(join(far, 'peerspeak.config.json'))).message).not.toContain('did you mean');
  });

  it('accepts the unused-directive rule id, categories and category/*', () => {
    expect(() => validateConfig({ rules: { 'peerspeak/unused-directive': 'off', directive: 'off', 'judging/*': 'error' } }, 'c.json')).not.toThrow();
  });

  it('accepts the example config', () => {
    const file = join(repo, 'examples', 'training-handbook', 'peerspeak.config.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { $schema: string };
    expect(raw.$schema).toBe('../../schema.json');
    expect(() => validateConfig(raw, 'example')).not.toThrow();
  });
});

describe('packs', () => {
  it('loads packs by path relative to the config file and by package name', () => {
    const pack = readFileSync(join(fixtures, 'packs', 'extra-pack.json'), 'utf8');
    const dir = project({
      'config/peerspeak.config.json': { packs: ['../packs/extra.json', 'peerspeak-pack-test'] },
      'packs/extra.json': pack,
      'config/node_modules/peerspeak-pack-test/package.json': { name: 'peerspeak-pack-test', main: 'pack.json' },
      'config/node_modules/peerspeak-pack-test/pack.json': pack.replace('judging/fiddlesticks', 'judging/balderdash').replace('"fiddlesticks"', '"balderdash"'),
    });
    const loaded = loadConfigFile(join(dir, 'config/peerspeak.config.json'));
    expect(loaded.packs).toHaveLength(2);
    const options = resolveOptions(loaded, join(dir, 'config/a.md'));
    const { findings } = checkMarkdown('Oh fiddlesticks. Oh balderdash.', options);
    expect(findings.map((f) => f.ruleId)).toEqual(['judging/fiddlesticks', 'judging/balderdash']);
  });

  it('names a missing pack', () => {
    const dir = project({ 'peerspeak.config.json': { packs: ['./nope.json', 'no-such-peerspeak-pack'] } });
    expect(configError(() => loadConfigFile(join(dir, 'peerspeak.config.json'))).message).toMatch(/peerspeak\.config\.json: packs\.0: cannot find pack file "\.\/nope\.json"/);
    const dir2 = project({ 'peerspeak.config.json': { packs: ['no-such-peerspeak-pack'] } });
    expect(configError(() => loadConfigFile(join(dir2, 'peerspeak.config.json'))).message).toMatch(/packs\.0: cannot find pack package "no-such-peerspeak-pack"/);
  });

  it('names the pack file and the path inside it', () => {
    const dir = project({
      'peerspeak.config.json': { packs: ['./bad.json'] },
      'bad.json': readFileSync(join(fixtures, 'packs', 'bad-pack.json'), 'utf8'),
    });
    const e = configError(() => loadConfigFile(join(dir, 'peerspeak.config.json')));
    expect(e.message).toMatch(/bad\.json: rules\.0\.severity: expected one of error, warning, info, hint$/);
    expect(e.file).toBe(join(dir, 'bad.json'));
  });

  it('names the path of a pattern that does not compile', () => {
    const bad = JSON.parse(readFileSync(join(fixtures, 'packs', 'extra-pack.json'), 'utf8')) as { rules: Array<{ match: string[] }> };
    bad.rules[0]!.match = ['fiddlesticks @noSuchLexicon'];
    const dir = project({ 'peerspeak.config.json': { packs: ['./p.json'] }, 'p.json': bad });
    const e = configError(() => loadConfigFile(join(dir, 'peerspeak.config.json')));
    expect(e.message).toMatch(/p\.json: rules\.0\.match\.0: /);
  });
});

describe('resolving options', () => {
  const dir = project({
    'peerspeak.config.json': {
      lang: 'en',
      rules: { 'directive/modal': 'error', 'judging/at-least': 'info' },
      allow: ['take care'],
      roleLimits: { resources: ['Line: 000'] },
      overrides: [
        { files: ['*.txt'], profile: 'chat' },
        { files: ['sv/**'], lang: 'sv' },
        { files: 'notes/**/*.md', rules: { 'directive/modal': 'off' }, allow: ['of course'] },
      ],
    },
  });
  const loaded = loadConfigFile(join(dir, 'peerspeak.config.json'));

  it('command line > override > config > default', () => {
    expect(resolveOptions(loaded, join(dir, 'a.md'), { defaultProfile: 'training' }).profile).toBe('training');
    expect(resolveOptions(loaded, join(dir, 'deep/a.txt'), { defaultProfile: 'training' }).profile).toBe('chat');
    expect(resolveOptions(loaded, join(dir, 'deep/a.txt'), { profile: 'strict', defaultProfile: 'training' }).profile).toBe('strict');
    expect(resolveOptions(loaded, join(dir, 'sv/a.md')).lang).toBe('sv');
    expect(resolveOptions(loaded, join(dir, 'sv/a.md'), { lang: 'da' }).lang).toBe('da');
    expect(resolveOptions(null, null, {}).profile).toBe('chat');
    expect(resolveOptions(null, null, {}).lang).toBe('en');
  });

  it('merges override rules and allow phrases over the top level', () => {
    const o = resolveOptions(loaded, join(dir, 'notes/2024/a.md'));
    expect(o.rules).toEqual({ 'directive/modal': 'off', 'judging/at-least': 'info' });
    expect(o.allow).toEqual(['take care', 'of course']);
    expect(o.roleLimits).toEqual({ resources: ['Line: 000'] });
    const top = resolveOptions(loaded, join(dir, 'a.md'));
    expect(top.rules).toEqual({ 'directive/modal': 'error', 'judging/at-least': 'info' });
  });

  it('returns the same object for the same settings (checkers are cached on it)', () => {
    expect(resolveOptions(loaded, join(dir, 'x/a.md'))).toBe(resolveOptions(loaded, join(dir, 'y/b.md')));
    expect(resolveOptions(loaded, join(dir, 'a.md'))).not.toBe(resolveOptions(loaded, join(dir, 'a.txt')));
  });
});

describe('schema.json', () => {
  it('is generated from ConfigSchema and up to date (npm run build && npm run schema)', () => {
    const expected = {
      ...z.toJSONSchema(ConfigSchema as unknown as z.ZodType, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
      title: 'peerspeak config',
      description: 'peerspeak.config.json, .peerspeakrc.json or the "peerspeak" key of package.json.',
    };
    const actual = JSON.parse(readFileSync(join(repo, 'schema.json'), 'utf8')) as unknown;
    expect(actual).toEqual(expected);
  });
});

describe('config files that cannot work are named', () => {
  it('rejects a YAML config by name instead of ignoring it (found or given)', () => {
    const dir = project({ '.peerspeakrc.yml': 'profile: training\n', 'a.md': 'x' });
    const e = configError(() => findConfigFile(dir));
    expect(e.message).toMatch(/\.peerspeakrc\.yml: YAML \(or extension-less\) config files are not supported/);
    expect(configError(() => loadConfigFile(join(dir, '.peerspeakrc.yml'))).message).toMatch(/not supported: write it as JSON/);
    // A JSON config in the same directory wins: no error.
    const both = project({ 'peerspeak.config.json': {}, 'peerspeak.config.yaml': 'x: 1\n' });
    expect(findConfigFile(both)).toBe(join(both, 'peerspeak.config.json'));
  });

  it('refuses a Node built-in named as a pack, naming the config file and the entry', () => {
    const dir = project({ 'peerspeak.config.json': { packs: ['node:fs'] } });
    const e = configError(() => loadConfigFile(join(dir, 'peerspeak.config.json')));
    expect(e.message).toMatch(/peerspeak\.config\.json: packs\.0: "node:fs" is a Node\.js built-in module, not a rule pack/);
  });
});

describe('trustCode', () => {
  const pack = (id: string) => ({ name: id, lang: 'en', rules: [{ id, category: 'judging', severity: 'warning', principle: 'p', message: 'm', match: ['nonsense'], examples: { flag: [{ text: 'That is nonsense.' }], pass: ['That is new.'] } }] });
  it('false loads JSON packs only and lists the JavaScript ones; the default loads both', () => {
    const dir = project({
      'peerspeak.config.json': { packs: ['./a.cjs', './b.json'], rules: { 'judging/js': 'error' } },
      'a.cjs': `module.exports = ${JSON.stringify(pack('judging/js'))};`,
      'b.json': pack('judging/json'),
    });
    const file = join(dir, 'peerspeak.config.json');
    const untrusted = loadConfigFile(file, { trustCode: false });
    expect(untrusted.packs.map((p) => (p as { name: string }).name)).toEqual(['judging/json']);
    expect(untrusted.skippedPacks).toEqual([{ index: 0, ref: './a.cjs', file: join(dir, 'a.cjs') }]);
    const trusted = loadConfigFile(file);
    expect(trusted.packs.map((p) => (p as { name: string }).name)).toEqual(['judging/js', 'judging/json']);
    expect(trusted.skippedPacks).toEqual([]);
    expect(configFor(join(dir, 'x.md'), { trustCode: false })).toBe(untrusted);
    expect(() => loadConfigFile(file, { trustCode: 'yes' } as never)).toThrow(/options\.trustCode` to be true or false/);
  });
});

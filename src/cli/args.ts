/**
 * Command-line options of `peerspeak`.
 * @module
 */
import { parseArgs } from 'node:util';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
export const CLI_LANGS = ['auto', 'en', 'sv', 'da'] as const;
export const CLI_PROFILES = ['chat', 'training', 'strict'] as const;

export interface CliOptions {
  inputs: string[];
  lang?: string;
  profile?: string;
  format: Format;
  config?: string;
  maxWarnings?: number;
  quiet: boolean;
  help: boolean;
  version: boolean;
  /** Apply each finding's top suggestion and write the files (standard input: as fixDryRun). */
  fix: boolean;
  /** Compute the fixes, print them as a diff (json: an `output` field), write nothing. */
  fixDryRun: boolean;
  /** The name standard input stands for: its format (Markdown for .md) and its config. */
  stdinFilename?: string;
  /** `--color` true, `--no-color` false, neither undefined (then FORCE_COLOR, NO_COLOR, the terminal). */
  color?: boolean;
  /** Write the report to this file instead of standard output. */
  outputFile?: string;
  /** Print the options that apply to this file and exit. */
  printConfig?: string;
  /** Do not read .peerspeakignore and .gitignore. */
  noIgnore: boolean;
}

/** A problem with the command line: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const HELP = `Usage: peerspeak [options] <files | directories | globs | ->
       peerspeak lsp --stdio    Start the language server (for editors)

Flags directive, diagnostic and generalising language in peer-support writing.
A directory is searched for *.md, *.markdown and *.txt files; "-" reads standard input.

Options:
  --lang <auto|en|sv|da>            Language of the text (default: the config's, else en)
  --profile <chat|training|strict>  Rule profile (default: the config's, else training for
                                    .md/.markdown files, chat for standard input and .txt)
  -f, --format <stylish|json|sarif|github>
                                    Output format (default: stylish)
  -c, --config <file>               Use this config file instead of looking for
                                    peerspeak.config.json, .peerspeakrc.json or a "peerspeak"
                                    key in package.json next to each file and upwards
  --max-warnings <n>                Exit 1 only when there are more than n warnings
  -q, --quiet                       Report errors only (warnings then fail the run only
                                    with --max-warnings)
  --fix                             Apply each finding's top suggestion and write the file;
                                    suggestions with a [slot] to fill are never applied;
                                    what remains is reported
  --fix-dry-run                     Print the fixes as a diff (json: an "output" field per
                                    file) and write nothing; --fix on standard input does this
  --stdin-filename <name>           Check standard input as this file: Markdown for .md,
                                    the config and ignore files that apply to it
  -o, --output-file <file>          Write the report to this file instead of standard output
  --color, --no-color               Force colours (and rule links) on or off in stylish
  --no-ignore                       Check files .peerspeakignore or .gitignore exclude
  --print-config <file>             Print the options that apply to <file> as JSON and exit
  -h, --help                        Show this help
  -v, --version                     Show the version

Exit codes:
  0  nothing at or above the threshold
  1  findings: any error, or any warning (more than --max-warnings, when given)
  2  could not run: bad option, bad config, unreadable file, no files matched

Environment:
  PEERSPEAK_THREADS=<n>  threads for checking, at most one per core (default: one per core,
                         up to 8, when there are 3 or more files adding up to 128 KB or
                         more; else 1)
  NO_COLOR / FORCE_COLOR colours of the stylish format (--color and --no-color win)

Ignored: node_modules, .git, and what .peerspeakignore (in the working directory) and
.gitignore files (the working directory's and those below it) exclude, gitignore syntax.
An ignored file named on the command line is skipped with a notice.

Markdown: code, HTML, front matter and link URLs are not checked; in the training and
strict profiles blockquotes are example regions (their findings are hints, shown by strict
only). Markers: <!-- peerspeak-disable-next-line [ids] -- reason -->,
<!-- peerspeak-disable [ids] --> ... <!-- peerspeak-enable [ids] -->,
<!-- peerspeak-example: good --> before a block that must pass every rule. A marker that
suppresses nothing is reported as peerspeak/unused-directive (config: "rules":
{ "peerspeak/unused-directive": "off" } turns that off).
`;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option}: expected one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

/** Parse argv (without node and the script). Throws UsageError. */
export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        lang: { type: 'string' },
        profile: { type: 'string' },
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        'output-file': { type: 'string', short: 'o' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'no-ignore': { type: 'boolean' },
        'print-config': { type: 'string' },
      },
    });
  } catch (e) {
    // Node's messages are long; the first sentence names the option.
    const msg = (e as Error).message.split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new UsageError(msg);
  }
  const v = parsed.values;
  const out: CliOptions = {
    inputs: parsed.positionals,
    format: oneOf(v.format, FORMATS, '--format') ?? 'stylish',
    quiet: !!v.quiet,
    help: !!v.help,
    version: !!v.version,
    fix: !!v.fix,
    fixDryRun: !!v['fix-dry-run'],
    noIgnore: !!v['no-ignore'],
  };
  if (v.color && v['no-color']) throw new UsageError('--color and --no-color: give one of them');
  if (v.color) out.color = true;
  if (v['no-color']) out.color = false;
  if (v.fix && v['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run: give one of them');
  for (const [name, value] of [['stdin-filename', v['stdin-filename']], ['output-file', v['output-file']], ['print-config', v['print-config']]] as const) {
    if (value !== undefined && !value) throw new UsageError(`--${name}: expected a file name`);
  }
  if (v['stdin-filename'] !== undefined) out.stdinFilename = v['stdin-filename'];
  if (v['output-file'] !== undefined) out.outputFile = v['output-file'];
  if (v['print-config'] !== undefined) out.printConfig = v['print-config'];
  const lang = oneOf(v.lang, CLI_LANGS, '--lang');
  if (lang) out.lang = lang;
  const profile = oneOf(v.profile, CLI_PROFILES, '--profile');
  if (profile) out.profile = profile;
  if (v.config !== undefined) {
    if (!v.config) throw new UsageError('--config: expected a file name');
    out.config = v.config;
  }
  const mw = v['max-warnings'];
  if (mw !== undefined) {
    if (!/^\d+$/.test(mw)) throw new UsageError(`--max-warnings: expected a whole number of 0 or more, got "${mw}"`);
    out.maxWarnings = Number(mw);
  }
  return out;
}

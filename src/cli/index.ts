/**
 * The `peerspeak` command. Run `peerspeak --help`.
 *
 * The same file is the worker script: started as a worker thread it checks the files it is
 * sent instead of reading the command line.
 * @module
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { HELP, parseCli, UsageError, type CliOptions } from './args.js';
import { threadCount } from './threads.js';
import { checkBytes, checkFile, loadLibraries, type FileResult, type SharedSettings } from './check-file.js';
import { format } from './formatters.js';
import { displayPath, expandInputs, type InputFile } from './inputs.js';
import { ruleDocs } from './docs.js';
import { Ignorer } from './ignore.js';
import { useColor } from './color.js';
import { checkInWorkers, type ResultMessage, type TaskMessage, type WorkerData } from './pool.js';

/**
 * Worker threads are used for at least this many files adding up to at least this many bytes:
 * a worker needs most of a second to load the rule packs, about what checking 80 KB takes.
 * PEERSPEAK_THREADS=<n> sets the number of threads (main thread included) whatever the input.
 */

function version(): string {
  try {
    return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

function threadsFor(files: InputFile[]): number {
  const totalBytes = () => {
    let bytes = 0;
    for (const f of files) {
      try {
        bytes += statSync(f.path).size;
      } catch {
        // Unreadable files are reported when they are checked.
      }
    }
    return bytes;
  };
  return threadCount(files.length, totalBytes, availableParallelism(), process.env['PEERSPEAK_THREADS']);
}

function fail(message: string): number {
  process.stderr.write(`peerspeak: ${message}\n`);
  return 2;
}

function compare(a: FileResult, b: FileResult): number {
  return a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0;
}

/** Run the CLI with `argv` (without node and the script). Resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'lsp') {
    // The language server for editors: JSON-RPC over standard input and output.
    if (argv.slice(1).some((a) => a !== '--stdio')) return fail('usage: peerspeak lsp --stdio');
    const { startServer } = await import('../lsp/server.js');
    startServer(); // the process ends on `exit` or when standard input closes
    return new Promise<number>(() => {});
  }
  let opts: CliOptions;
  try {
    opts = parseCli(argv);
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message} (see peerspeak --help)`);
    throw e;
  }
  if (opts.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (opts.version) {
    process.stdout.write(version() + '\n');
    return 0;
  }

  const shared: SharedSettings = { lang: opts.lang, profile: opts.profile, quiet: opts.quiet };
  if (opts.fix) shared.fix = 'write';
  if (opts.fixDryRun) shared.fix = 'dry-run';
  if (opts.printConfig !== undefined) return printConfig(opts.printConfig, shared, opts.config);
  if (!opts.inputs.length) return fail('no input: give files, directories, globs or - for standard input (see peerspeak --help)');
  if (opts.stdinFilename !== undefined && !opts.inputs.includes('-')) return fail('--stdin-filename: names standard input, so give - as an input');
  if (opts.config) {
    shared.config = resolve(opts.config);
    const [, cfg] = await loadLibraries();
    try {
      cfg.loadConfigFile(shared.config);
    } catch (e) {
      if (e instanceof cfg.ConfigError) return fail(`--config: ${e.message}`);
      throw e;
    }
  }

  let inputs;
  try {
    inputs = await expandInputs(opts.inputs, process.cwd(), { ignore: !opts.noIgnore });
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message);
    throw e;
  }

  const results: FileResult[] = [];
  for (const name of inputs.ignored) process.stderr.write(`peerspeak: ${name}: skipped, ignored by .peerspeakignore or .gitignore (--no-ignore checks it)\n`);
  if (inputs.stdin) {
    const bytes = await readStdin();
    // Standard input is never written back: --fix shows the fixes as --fix-dry-run does.
    const stdinShared: SharedSettings = shared.fix ? { ...shared, fix: 'dry-run' } : shared;
    if (opts.stdinFilename === undefined) results.push(await checkBytes(bytes, null, '<stdin>', stdinShared));
    else {
      const path = resolve(opts.stdinFilename);
      const display = displayPath(path);
      if (!opts.noIgnore && new Ignorer(process.cwd()).ignores(path)) process.stderr.write(`peerspeak: ${display}: skipped, ignored by .peerspeakignore or .gitignore (--no-ignore checks it)\n`);
      else results.push(await checkBytes(bytes, path, display, stdinShared));
    }
  }
  const threads = threadsFor(inputs.files);
  if (threads > 1) {
    results.push(...(await checkInWorkers(new URL(import.meta.url), inputs.files, shared, threads)));
  } else {
    for (const f of inputs.files) results.push(await checkFile(f.path, f.display, shared));
  }
  results.sort(compare);

  const broken = results.find((r) => r.error);
  if (broken) return fail(broken.error!);
  for (const r of results) if (r.notice) process.stderr.write(`peerspeak: ${r.notice}\n`);

  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
    }
  }
  const shown = opts.quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  const toFile = opts.outputFile !== undefined;
  const color = opts.format === 'stylish' && useColor(opts.color, process.env, toFile ? null : process.stdout);
  const hiddenWarnings = opts.quiet ? warnings : 0;
  const dryRun = shared.fix === 'dry-run' || (inputs.stdin && !!shared.fix);
  const report = await format(opts.format, shown, {
    version: version(),
    cwd: process.cwd(),
    color,
    hyperlinks: color && !toFile && !!process.stdout.isTTY,
    docs: ruleDocs(),
    hiddenWarnings,
    dryRun,
  });
  if (toFile) {
    const file = resolve(opts.outputFile!);
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, report);
    } catch (e) {
      return fail(`--output-file: ${opts.outputFile}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else process.stdout.write(report);

  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined) {
    if (warnings > opts.maxWarnings) {
      process.stderr.write(`peerspeak: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${opts.maxWarnings}\n`);
      return 1;
    }
    return 0;
  }
  return warnings > 0 && !opts.quiet ? 1 : 0;
}

/** `--print-config <file>`: the options that apply to `file`, as JSON, the way the CLI would resolve them. */
async function printConfig(file: string, shared: SharedSettings, config: string | undefined): Promise<number> {
  const [md, cfg] = await loadLibraries();
  const path = resolve(file);
  let loaded;
  try {
    loaded = config ? cfg.loadConfigFile(resolve(config)) : cfg.configFor(path);
    const options = cfg.resolveOptions(loaded, path, {
      lang: shared.lang,
      profile: shared.profile,
      defaultProfile: md.defaultProfileFor(md.isMarkdownPath(path) ? 'markdown' : 'text'),
    });
    const out = {
      file: displayPath(path),
      configFile: loaded ? displayPath(loaded.filePath) : null,
      format: md.isMarkdownPath(path) ? 'markdown' : 'text',
      ...options,
      // The packs as the config names them, not their contents.
      ...(loaded?.config.packs?.length ? { packs: loaded.config.packs } : {}),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof cfg.ConfigError) return fail(e.message);
    throw e;
  }
}

function runWorker(data: WorkerData): void {
  const port = parentPort!;
  port.on('message', (task: TaskMessage) => {
    if (task === null) {
      port.close();
      return;
    }
    void checkFile(task.path, task.display, data.shared).then((result) => {
      port.postMessage({ id: task.id, result } satisfies ResultMessage);
    });
  });
}

if (!isMainThread && (workerData as WorkerData | null)?.peerspeakWorker) {
  runWorker(workerData as WorkerData);
} else if (isMainThread) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`peerspeak: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

/**
 * The `peerspeak` command. Run `peerspeak --help`.
 *
 * The same file is the worker script: started as a worker thread it checks the files it is
 * sent instead of reading the command line.
 * @module
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { HELP, parseCli, UsageError, type CliOptions } from './args.js';
import { checkFile, checkText, type FileResult, type SharedSettings } from './check-file.js';
import { format } from './formatters.js';
import { expandInputs } from './inputs.js';
import { checkInWorkers, type ResultMessage, type TaskMessage, type WorkerData } from './pool.js';
import { loadConfigFile, ConfigError } from '../config/index.js';

/** Fewer files than this are checked on the main thread: starting workers costs more. */
const MIN_FILES_FOR_WORKERS = 3;

function version(): string {
  try {
    return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function threadCount(files: number): number {
  const env = process.env['PEERSPEAK_THREADS'];
  const wanted = env && /^\d+$/.test(env) ? Number(env) : Math.min(availableParallelism(), 8);
  if (files < MIN_FILES_FOR_WORKERS) return 1;
  return Math.max(1, Math.min(wanted, files));
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
  if (!opts.inputs.length) return fail('no input: give files, directories, globs or - for standard input (see peerspeak --help)');

  const shared: SharedSettings = { lang: opts.lang, profile: opts.profile };
  if (opts.config) {
    shared.config = resolve(opts.config);
    try {
      loadConfigFile(shared.config);
    } catch (e) {
      if (e instanceof ConfigError) return fail(`--config: ${e.message}`);
      throw e;
    }
  }

  let inputs;
  try {
    inputs = await expandInputs(opts.inputs);
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message);
    throw e;
  }

  const results: FileResult[] = [];
  if (inputs.stdin) results.push(checkText(await readStdin(), null, '<stdin>', shared));
  const threads = threadCount(inputs.files.length);
  if (threads > 1) {
    results.push(...(await checkInWorkers(new URL(import.meta.url), inputs.files, shared, threads)));
  } else {
    for (const f of inputs.files) results.push(await checkFile(f.path, f.display, shared));
  }
  results.sort(compare);

  const broken = results.find((r) => r.error);
  if (broken) return fail(broken.error!);

  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
    }
  }
  const shown = opts.quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  const color = opts.format === 'stylish' && !!process.stdout.isTTY && process.stdout.hasColors?.() === true;
  process.stdout.write(format(opts.format, shown, { version: version(), cwd: process.cwd(), color }));

  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined) {
    if (warnings > opts.maxWarnings) {
      process.stderr.write(`peerspeak: ${warnings} warnings, more than --max-warnings ${opts.maxWarnings}\n`);
      return 1;
    }
    return 0;
  }
  return warnings > 0 && !opts.quiet ? 1 : 0;
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

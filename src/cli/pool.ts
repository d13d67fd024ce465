/**
 * Check many files across cores with worker_threads. The main thread takes part too; each
 * thread keeps its own config and checker caches. Results are stored by input index, so the
 * output order never depends on which thread finished first.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { checkFile, type FileResult, type SharedSettings } from './check-file.js';
import type { InputFile } from './inputs.js';

export interface WorkerData {
  peerspeakWorker: true;
  shared: SharedSettings;
}

export type TaskMessage = { id: number; path: string; display: string } | null;
export type ResultMessage = { id: number; result: FileResult };

/** Check `files` on the main thread plus `threads - 1` workers started from `script` (the CLI itself). */
export function checkInWorkers(script: URL, files: InputFile[], shared: SharedSettings, threads: number): Promise<FileResult[]> {
  return new Promise((resolvePromise, reject) => {
    const results: FileResult[] = new Array(files.length);
    let next = 0;
    let done = 0;
    let settled = false;
    const workers: Worker[] = [];
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolvePromise(results);
    };
    const store = (id: number, result: FileResult) => {
      results[id] = result;
      if (++done === files.length) finish();
    };
    const feed = (w: Worker) => {
      if (next < files.length) {
        const id = next++;
        const f = files[id]!;
        w.postMessage({ id, path: f.path, display: f.display } satisfies TaskMessage);
      } else w.postMessage(null satisfies TaskMessage);
    };
    const extra = Math.max(0, Math.min(threads, files.length) - 1);
    for (let i = 0; i < extra; i++) {
      const w = new Worker(script, { workerData: { peerspeakWorker: true, shared } satisfies WorkerData });
      workers.push(w);
      w.on('message', (msg: ResultMessage) => {
        store(msg.id, msg.result);
        if (!settled) feed(w);
      });
      w.on('error', (e) => finish(e));
      feed(w);
    }
    // The main thread works through the same queue; awaiting between files lets worker results in.
    void (async () => {
      while (next < files.length && !settled) {
        const id = next++;
        const f = files[id]!;
        store(id, await checkFile(f.path, f.display, shared));
        await new Promise((r) => setImmediate(r));
      }
    })().catch((e: unknown) => finish(e));
  });
}

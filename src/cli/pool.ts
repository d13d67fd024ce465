/**
 * Check many files across cores with worker_threads. Each worker keeps its own config and
 * checker caches; results come back in input order, whatever order the workers finish in.
 * @module
 */
import { Worker } from 'node:worker_threads';
import type { FileResult, SharedSettings } from './check-file.js';
import type { InputFile } from './inputs.js';

export interface WorkerData {
  peerspeakWorker: true;
  shared: SharedSettings;
}

export type TaskMessage = { id: number; path: string; display: string } | null;
export type ResultMessage = { id: number; result: FileResult };

/** Run `files` on `threads` workers started from `script` (this CLI's own file). */
export function checkInWorkers(script: URL, files: InputFile[], shared: SharedSettings, threads: number): Promise<FileResult[]> {
  return new Promise((resolvePromise, reject) => {
    const results: FileResult[] = new Array(files.length);
    let next = 0;
    let done = 0;
    let failed = false;
    const workers: Worker[] = [];
    const stopAll = () => {
      for (const w of workers) void w.terminate();
    };
    const feed = (w: Worker) => {
      if (next < files.length) {
        const id = next++;
        const f = files[id]!;
        w.postMessage({ id, path: f.path, display: f.display } satisfies TaskMessage);
      } else {
        w.postMessage(null satisfies TaskMessage);
      }
    };
    const count = Math.max(1, Math.min(threads, files.length));
    for (let i = 0; i < count; i++) {
      const w = new Worker(script, { workerData: { peerspeakWorker: true, shared } satisfies WorkerData });
      workers.push(w);
      w.on('message', (msg: ResultMessage) => {
        results[msg.id] = msg.result;
        done++;
        if (done === files.length) {
          stopAll();
          resolvePromise(results);
        } else feed(w);
      });
      w.on('error', (e) => {
        if (failed) return;
        failed = true;
        stopAll();
        reject(e);
      });
      feed(w);
    }
  });
}

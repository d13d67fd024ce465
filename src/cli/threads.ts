/**
 * How many worker threads the CLI uses. Never more than the machine's cores (more only adds
 * start-up cost and memory: 2,000 small files with 8 threads on 2 cores took twice as long and
 * three times the memory), nor more than the files; by default only when the work pays for the
 * workers' start-up (3 or more files adding up to 128 KB or more).
 * @module
 */

export const MIN_FILES_FOR_WORKERS = 3;
export const MIN_BYTES_FOR_WORKERS = 128 * 1024;
export const MAX_THREADS = 8;

/**
 * `requested` is PEERSPEAK_THREADS (a maximum, still capped at the cores; it skips the size
 * heuristic so workers can be forced); `totalBytes` is only asked for when needed.
 */
export function threadCount(fileCount: number, totalBytes: () => number, cores: number, requested?: string): number {
  const cap = Math.max(1, Math.min(cores, MAX_THREADS, fileCount));
  if (requested && /^\d+$/.test(requested)) return Math.max(1, Math.min(Number(requested), cap));
  if (fileCount < MIN_FILES_FOR_WORKERS) return 1;
  if (totalBytes() < MIN_BYTES_FOR_WORKERS) return 1;
  return cap;
}

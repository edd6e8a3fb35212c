/** The pool every section uses: two workers running benchTasks.ts. */
import { WorkerPool } from './workerPool.js';

export const BENCH_THREADS = 2;

/**
 * Sequence-number polls before an idle worker sleeps (~50-100 us). Measured here: it halves the
 * pool's round trip (about 11 us instead of 20-50 us for two futex wake-ups each way), which
 * matters at batch 256 of a small network; it is short enough not to hold the cores while the
 * main thread does its own part between jobs.
 */
export const BENCH_SPIN = 20_000;

export function startBenchPool(): Promise<WorkerPool> {
  return WorkerPool.start({
    size: BENCH_THREADS,
    tasksModule: new URL('./benchTasks.ts', import.meta.url),
    spin: BENCH_SPIN,
  });
}

/** Each worker's addon workspace, bytes. */
export function workerWorkspaces(pool: WorkerPool): number[] {
  return pool.run(Array.from({ length: pool.size }, () => ({ task: 'workspaceBytes' })));
}

/**
 * The compute process's named jobs. A job handler runs on the compute process's main thread and
 * splits its work over the pool; see README.md for how to add one.
 */
import type { JobName, JobPayload, JobResult } from './jobTypes.js';
import type { TaskRef } from './task.js';

/** The pool as a job sees it: tasks get the job's cancel flag and progress counter automatically. */
export interface JobPool {
  readonly threads: number;
  /** Runs one task on a worker thread. */
  run<A, R>(task: TaskRef<A, R>, args: A): Promise<R>;
  /**
   * Runs one task per argument set and waits for all of them to settle (so no task of this job
   * is still running when it returns); throws the first failure.
   */
  runAll<A, R>(task: TaskRef<A, R>, argsList: readonly A[]): Promise<R[]>;
}

/** What a handler gets besides its payload. */
export interface JobContext {
  readonly jobId: string;
  readonly pool: JobPool;
  /**
   * Threads for long tasks (a training run takes one for its whole length): started on demand and
   * apart from `pool`, so previews and other short jobs never wait behind them.
   */
  readonly background: JobPool;
  /** Int32Array(1) over a SharedArrayBuffer; non-zero once the job is cancelled. */
  readonly cancel: Int32Array;
  cancelled(): boolean;
  /** Throws CancelledError if the job was cancelled. */
  throwIfCancelled(): void;
  /**
   * Sets the job's progress. Tasks add to `done` themselves (TaskContext.advance), so a handler
   * usually calls this once, with done 0 and the total.
   */
  reportProgress(done: number, total: number): void;
  /**
   * Posts news of the job's own kind at once (a training run's finished epochs): unlike progress
   * it is not sampled, so post it at the rate it should arrive.
   */
  reportDetail(detail: unknown): void;
}

/**
 * A job: receives the payload (structured-cloned from the client) and returns the result (cloned
 * back, so it must not hold SharedArrayBuffer-backed arrays: copy them out with .slice()).
 */
export type JobHandler<P, R> = (payload: P, context: JobContext) => R | Promise<R>;

const handlers = new Map<string, JobHandler<unknown, unknown>>();

/** Registers a job under its name (a second registration of the same name is a mistake). */
export function registerJob<K extends JobName>(
  name: K,
  handler: JobHandler<JobPayload<K>, JobResult<K>>,
): void {
  if (handlers.has(name)) throw new Error(`a compute job named '${name}' is already registered`);
  handlers.set(name, handler as JobHandler<unknown, unknown>);
}

/** The handler registered under `name`, if any. */
export function getJob(name: string): JobHandler<unknown, unknown> | undefined {
  return handlers.get(name);
}

/** Every registered job name. */
export function jobNames(): string[] {
  return [...handlers.keys()];
}

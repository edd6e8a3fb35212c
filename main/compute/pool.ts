/**
 * The compute process's one pool of worker threads (piscina), sized to the cores. Tasks receive the
 * job's SharedArrayBuffers by reference (structured clone shares them), so splitting a job over the
 * threads copies no data.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';

import { Piscina } from 'piscina';

import { taskModules, WARM_UP_TASK, type PoolTaskMessage, type TaskRef, type WarmUpArgs } from './task.js';

/** A job's shared flags, handed to each of its tasks. */
export interface JobFlags {
  cancel: Int32Array;
  progress: Int32Array;
}

/** The worker-thread pool. */
export interface ComputePool {
  readonly threads: number;
  run<A, R>(task: TaskRef<A, R>, args: A, flags: JobFlags): Promise<R>;
  /** Loads the addon and the task modules in every thread so that the first job does not pay for it. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/** The worker entry when running from the source tree (it registers tsx, then loads poolWorker.ts). */
export const SOURCE_WORKER_FILE = fileURLToPath(new URL('./poolWorkerBootstrap.mjs', import.meta.url));

/**
 * Starts the pool: `threads` worker threads (default os.availableParallelism()) running
 * `workerFile`: the source tree's bootstrap, or the built poolWorker.js of the Electron build.
 * `onDemand` pools start threads only for tasks and end them when idle (the background pool of
 * long tasks, which most sessions never use).
 */
export function createPool(
  threads = os.availableParallelism(),
  workerFile = SOURCE_WORKER_FILE,
  { onDemand = false }: { onDemand?: boolean } = {},
): ComputePool {
  const piscina = new Piscina<PoolTaskMessage, unknown>({
    filename: workerFile,
    minThreads: onDemand ? 0 : threads,
    maxThreads: threads,
    idleTimeout: onDemand ? 30_000 : Number.POSITIVE_INFINITY,
    // The bootstrap registers tsx itself (and a build needs none); inheriting this process's
    // `--import tsx` would load the loader twice (and does not help a worker's entry anyway).
    execArgv: [],
  });
  const noFlags: JobFlags = {
    cancel: new Int32Array(new SharedArrayBuffer(4)),
    progress: new Int32Array(new SharedArrayBuffer(8)),
  };
  return {
    threads,
    run<A, R>(task: TaskRef<A, R>, args: A, flags: JobFlags): Promise<R> {
      const message: PoolTaskMessage = { module: task.module, name: task.name, args, ...flags };
      return piscina.run(message) as Promise<R>;
    },
    async warmUp() {
      const args: WarmUpArgs = {
        modules: taskModules(),
        arrived: new Int32Array(new SharedArrayBuffer(4)),
        threads,
      };
      const warm: PoolTaskMessage = { module: '', name: WARM_UP_TASK, args, ...noFlags };
      // A missing addon is reported by the first job that needs it, with its own message.
      await Promise.allSettled(Array.from({ length: threads }, () => piscina.run(warm)));
    },
    close: () => piscina.close(),
  };
}

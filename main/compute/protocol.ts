/**
 * Messages between the client (Electron main or any Node process) and the compute process. Every
 * value is structured-cloneable (typed arrays included), never a SharedArrayBuffer: shared memory
 * does not cross processes.
 */
import type { WireError } from './errors.js';

/** Client -> compute process. */
export type ToCompute =
  | { type: 'run'; jobId: string; name: string; payload: unknown }
  | { type: 'cancel'; jobId: string }
  | { type: 'shutdown' };

/** What the compute process reports once it can run jobs. */
export interface ComputeInfo {
  pid: number;
  /** Worker threads in its pool. */
  threads: number;
  /** Registered job names. */
  jobs: string[];
}

/** Compute process -> client. */
export type FromCompute =
  | ({ type: 'ready' } & ComputeInfo)
  | { type: 'started'; jobId: string }
  | { type: 'progress'; jobId: string; done: number; total: number }
  /** A job's own news while it runs (a training run's epochs), in the order it was posted. */
  | { type: 'detail'; jobId: string; detail: unknown }
  | { type: 'result'; jobId: string; result: unknown }
  | { type: 'failed'; jobId: string; error: WireError };

import type { MessagePort } from 'node:worker_threads';

/**
 * Shared-memory layout between the pool (main thread) and its workers. Each worker owns one
 * 64-byte line of the control, argument and result arrays, so that workers polling their own
 * line never contend on a cache line with each other.
 */

/** Int32 slots per worker in the control array (64 bytes). */
export const CONTROL_STRIDE = 16;
/** Float64 slots per worker in the argument and result arrays (64 bytes). */
export const ARG_STRIDE = 8;

/** Job sequence number, bumped by the main thread to start a job. */
export const SEQ = 0;
/** The sequence number of the last finished job, set by the worker. */
export const DONE = 1;
/** Which task (index into the sorted task names) or a control code below. */
export const TASK = 2;
/** 0 ok, 1 the task threw (the error message waits on the worker's port). */
export const STATUS = 3;

/** Control codes in TASK. */
export const TASK_SHARE = -1;
export const TASK_STOP = -2;

/** What the main thread passes to each worker at start-up. */
export interface WorkerInit {
  /** The worker's private channel: start-up handshake, shared buffers, error messages. */
  port: MessagePort;
  control: SharedArrayBuffer;
  args: SharedArrayBuffer;
  results: SharedArrayBuffer;
  slot: number;
  tasksModule: string;
  /** Polls of the sequence number before sleeping in Atomics.wait (0: sleep at once). */
  spin: number;
}

/** Messages on the worker's private port. */
export type WorkerMessage = { type: 'ready'; tasks: string[] } | { type: 'error'; message: string };

export interface ShareMessage {
  buffers: Record<string, SharedArrayBuffer>;
}

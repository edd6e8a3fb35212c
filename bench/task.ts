/**
 * What a worker-pool task is: a synchronous function run on a worker thread over shared buffers.
 * Task modules export `tasks: TaskTable`; the pool loads one such module into every worker.
 */
import type { NativeAddon } from '../native-kernels/addon.js';

export interface TaskContext {
  /** This thread's addon instance (its own workspace). */
  readonly addon: NativeAddon;
  /** Which pool slot this worker is (0-based). */
  readonly slot: number;
  /** The buffer last shared under `name`. */
  buffer(name: string): SharedArrayBuffer;
  f32(name: string): Float32Array;
  i32(name: string): Int32Array;
  /**
   * Per-worker cache of values derived from the shared buffers (views, geometry), so a hot task
   * does not rebuild them per call. Cleared whenever new buffers are shared.
   */
  memo<T>(key: string, build: () => T): T;
}

/** Receives the job's numeric arguments; its numeric return value goes back to the caller. */
export type Task = (ctx: TaskContext, args: Float64Array) => number | void;

export type TaskTable = Readonly<Record<string, Task>>;

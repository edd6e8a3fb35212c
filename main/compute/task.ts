/**
 * Pool tasks: functions that run on a worker thread over one slice of a job (a band of rows, a
 * range of batch items or channels). A job names its tasks by module URL and export name so that
 * its worker-side code lives in the job's own file; the worker imports that module once.
 */

/** What a task gets besides its arguments; the arrays are the job's SharedArrayBuffers. */
export interface TaskContext {
  /** The job's cancel flag: pass it as the native kernels' last argument. */
  readonly cancel: Int32Array;
  /** True once the job was cancelled. */
  cancelled(): boolean;
  /** Adds finished work units (rows, items) to the job's progress. */
  advance(units: number): void;
}

/** A task function (an export of a job module). */
export type TaskFn<A, R> = (args: A, context: TaskContext) => R | Promise<R>;

/** A typed reference to a task function that a worker thread can import. */
export interface TaskRef<A, R> {
  readonly module: string;
  readonly name: string;
  /** Only carries the types; never called on this side. */
  readonly fn?: TaskFn<A, R>;
}

/**
 * Names `fn`, exported as `name` from the module at `moduleUrl` (pass `import.meta.url`), as a pool
 * task. Functions are not cloneable, so the worker finds it by module and name. A `background` task
 * runs on the background pool (JobContext.background), whose threads start on demand and load
 * the module then: the main pool's threads do not load it when they warm up.
 */
export function defineTask<A, R>(
  moduleUrl: string,
  name: string,
  fn: TaskFn<A, R>,
  { background = false }: { background?: boolean } = {},
): TaskRef<A, R> {
  if (fn.name !== '' && fn.name !== name)
    throw new Error(`defineTask: the function is called ${fn.name}, not ${name}`);
  if (!background) warmModuleUrls.add(moduleUrl);
  return { module: moduleUrl, name };
}

const warmModuleUrls = new Set<string>();

/** Modules of the main pool's tasks (known once the jobs are imported), for warming up its threads. */
export function taskModules(): string[] {
  return [...warmModuleUrls];
}

/** The task name that loads the addon and the task modules (the pool warms every thread with it). */
export const WARM_UP_TASK = '__warmUp';

/** Arguments of the warm-up task. */
export interface WarmUpArgs {
  modules: string[];
  /** Int32Array(1) over a SharedArrayBuffer: threads that have arrived. */
  arrived: Int32Array;
  threads: number;
}

/** The message a worker thread receives for one task. */
export interface PoolTaskMessage {
  module: string;
  name: string;
  args: unknown;
  /** Int32Array(1) over a SharedArrayBuffer: non-zero means cancelled. */
  cancel: Int32Array;
  /** Int32Array(2) over a SharedArrayBuffer: [done, total] work units. */
  progress: Int32Array;
}

/** The context for one task over the job's shared flags. */
export function taskContext(cancel: Int32Array, progress: Int32Array): TaskContext {
  return {
    cancel,
    cancelled: () => Atomics.load(cancel, 0) !== 0,
    advance: (units) => {
      Atomics.add(progress, 0, units);
    },
  };
}

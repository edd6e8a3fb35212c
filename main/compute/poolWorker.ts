/**
 * The worker-thread side of the pool (loaded through poolWorkerBootstrap.mjs): imports the task's
 * module once per thread and runs the named export over the job's shared buffers.
 */
import { loadAddon } from '../../native-kernels/addon.js';
import { CancelledError } from './errors.js';
import { taskContext, WARM_UP_TASK, type PoolTaskMessage, type TaskFn, type WarmUpArgs } from './task.js';

const modules = new Map<string, Promise<Record<string, unknown>>>();

function loadModule(url: string): Promise<Record<string, unknown>> {
  let loaded = modules.get(url);
  if (loaded === undefined) {
    loaded = import(url) as Promise<Record<string, unknown>>;
    modules.set(url, loaded);
  }
  return loaded;
}

/**
 * Loads the addon and every task module here, then waits for the other threads: while this one
 * waits it cannot take a second warm-up task, so each thread gets exactly one.
 */
async function warmUp({ modules, arrived, threads }: WarmUpArgs): Promise<void> {
  try {
    loadAddon();
    await Promise.all(modules.map(loadModule));
  } finally {
    Atomics.add(arrived, 0, 1);
    Atomics.notify(arrived, 0);
    const deadline = Date.now() + 5000;
    for (let seen = Atomics.load(arrived, 0); seen < threads && Date.now() < deadline;) {
      Atomics.wait(arrived, 0, seen, 100);
      seen = Atomics.load(arrived, 0);
    }
  }
}

/** Runs one task; piscina calls this for every `pool.run`. */
export default async function runPoolTask(message: PoolTaskMessage): Promise<unknown> {
  if (message.name === WARM_UP_TASK) return warmUp(message.args as WarmUpArgs);
  const context = taskContext(message.cancel, message.progress);
  // Tasks still queued when their job is cancelled end here without touching the kernels.
  if (context.cancelled()) throw new CancelledError();
  const fn = (await loadModule(message.module))[message.name];
  if (typeof fn !== 'function') throw new TypeError(`${message.module} exports no task ${message.name}`);
  return (fn as TaskFn<unknown, unknown>)(message.args, context);
}

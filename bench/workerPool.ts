/**
 * A tiny pool of persistent worker threads for splitting one kernel call without copies.
 *
 * Buffers (SharedArrayBuffers) are shared once with `share`; after that a job is only a task index
 * and a few numbers written into shared memory, started with Atomics.notify and awaited with
 * Atomics.wait. No structured clone, no event-loop turn on either side: the dispatch cost is one
 * futex wake per worker plus one per completion, which matters for small batches.
 *
 * `run` blocks the calling thread until every job is done (Node allows Atomics.wait on the main
 * thread). That is what a benchmark wants: nothing else runs, and the waiting thread sleeps rather
 * than competing with the workers for the cores.
 */
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';

import {
  ARG_STRIDE,
  CONTROL_STRIDE,
  DONE,
  SEQ,
  STATUS,
  TASK,
  TASK_SHARE,
  TASK_STOP,
  type ShareMessage,
  type WorkerInit,
  type WorkerMessage,
} from './poolProtocol.js';

export interface Job {
  task: string;
  args?: readonly number[];
}

export interface PoolOptions {
  size: number;
  /** Module exporting `tasks: TaskTable`, loaded into every worker. */
  tasksModule: URL;
  /** Sequence-number polls before a worker sleeps (see worker.ts). Default 0. */
  spin?: number;
  /** Give up on a job after this long (a crashed worker must not hang the bench). Default 120 s. */
  jobTimeoutMs?: number;
}

const workerFile = new URL('./worker.ts', import.meta.url);

/**
 * Worker entry code. `new Worker(url, { execArgv: ['--import', 'tsx'] })` does not load .ts files
 * under Node 20 (the worker's entry is resolved before the --import hooks apply: it fails with
 * ERR_UNKNOWN_FILE_EXTENSION), so the worker starts from a small eval'd script that registers
 * tsx's loader first and then imports the TypeScript entry.
 */
function bootstrapCode(): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  return (
    `import(${JSON.stringify(tsxApi)})` +
    `.then((api) => { api.register(); return import(${JSON.stringify(workerFile.href)}); })`
  );
}

export class WorkerPool {
  readonly size: number;
  private readonly control: Int32Array;
  private readonly args: Float64Array;
  private readonly results: Float64Array;
  private readonly taskIndex: Map<string, number>;
  private readonly seq: number[];
  private readonly timeoutMs: number;

  private constructor(
    private readonly workers: Worker[],
    private readonly ports: MessagePort[],
    control: SharedArrayBuffer,
    args: SharedArrayBuffer,
    results: SharedArrayBuffer,
    taskNames: readonly string[],
    timeoutMs: number,
  ) {
    this.size = workers.length;
    this.control = new Int32Array(control);
    this.args = new Float64Array(args);
    this.results = new Float64Array(results);
    this.taskIndex = new Map(taskNames.map((name, i) => [name, i]));
    this.seq = workers.map(() => 0);
    this.timeoutMs = timeoutMs;
  }

  static async start(options: PoolOptions): Promise<WorkerPool> {
    const { size } = options;
    const control = new SharedArrayBuffer(size * CONTROL_STRIDE * 4);
    const args = new SharedArrayBuffer(size * ARG_STRIDE * 8);
    const results = new SharedArrayBuffer(size * ARG_STRIDE * 8);
    const code = bootstrapCode();
    const workers: Worker[] = [];
    const ports: MessagePort[] = [];
    const ready: Promise<string[]>[] = [];
    for (let slot = 0; slot < size; ++slot) {
      const channel = new MessageChannel();
      const init: WorkerInit = {
        port: channel.port2,
        control,
        args,
        results,
        slot,
        tasksModule: options.tasksModule.href,
        spin: options.spin ?? 0,
      };
      // execArgv []: the bootstrap registers tsx itself; inheriting the parent's tsx flags would
      // load the loader twice.
      const worker = new Worker(code, {
        eval: true,
        workerData: init,
        transferList: [channel.port2],
        execArgv: [],
      });
      workers.push(worker);
      ports.push(channel.port1);
      ready.push(
        new Promise<string[]>((resolve, reject) => {
          channel.port1.once('message', (message: WorkerMessage) => {
            if (message.type === 'ready') resolve(message.tasks);
            else reject(new Error(`worker ${slot} failed to start: ${message.message}`));
          });
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`worker ${slot} exited (${code}) during start-up`)));
        }),
      );
    }
    const names = await Promise.all(ready);
    for (const port of ports) {
      // From here on the main thread reads its ports synchronously (receiveMessageOnPort) only.
      port.removeAllListeners('message');
      port.unref();
    }
    for (const worker of workers) worker.removeAllListeners('exit');
    return new WorkerPool(workers, ports, control, args, results, names[0], options.jobTimeoutMs ?? 120_000);
  }

  /** The task names every worker knows. */
  get tasks(): string[] {
    return [...this.taskIndex.keys()];
  }

  /** Hands buffers to every worker; tasks then find them by name. Replaces the earlier set. */
  share(buffers: Record<string, SharedArrayBuffer>): void {
    const message: ShareMessage = { buffers };
    for (const port of this.ports) port.postMessage(message);
    this.dispatch(
      this.workers.map(() => TASK_SHARE),
      this.workers.map(() => []),
    );
  }

  /**
   * Runs jobs[i] on worker i (jobs.length <= size), all at once; returns when all are done, with
   * each task's return value.
   */
  run(jobs: readonly Job[]): number[] {
    if (jobs.length > this.size) throw new Error(`${jobs.length} jobs for ${this.size} workers`);
    const tasks = jobs.map((job) => {
      const index = this.taskIndex.get(job.task);
      if (index === undefined) throw new Error(`unknown task ${job.task}`);
      return index;
    });
    return this.dispatch(
      tasks,
      jobs.map((job) => job.args ?? []),
    );
  }

  /** Stops the workers (they leave their loop and exit). */
  async close(): Promise<void> {
    const exits = this.workers.map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve())));
    this.dispatch(
      this.workers.map(() => TASK_STOP),
      this.workers.map(() => []),
    );
    for (const port of this.ports) port.close();
    await Promise.all(exits);
  }

  private dispatch(tasks: readonly number[], args: ReadonlyArray<readonly number[]>): number[] {
    const { control } = this;
    for (let i = 0; i < tasks.length; ++i) {
      const a = args[i];
      if (a.length > ARG_STRIDE) throw new Error(`at most ${ARG_STRIDE} arguments per job`);
      for (let k = 0; k < a.length; ++k) this.args[i * ARG_STRIDE + k] = a[k];
      const base = i * CONTROL_STRIDE;
      control[base + TASK] = tasks[i];
      this.seq[i] = (this.seq[i] + 1) | 0;
      // Atomics.store orders the plain writes above before the worker can see the new sequence.
      Atomics.store(control, base + SEQ, this.seq[i]);
      Atomics.notify(control, base + SEQ);
    }
    const out: number[] = [];
    let failure: string | undefined;
    for (let i = 0; i < tasks.length; ++i) {
      const base = i * CONTROL_STRIDE;
      const deadline = Date.now() + this.timeoutMs;
      for (;;) {
        const done = Atomics.load(control, base + DONE);
        if (done === this.seq[i]) break;
        if (Date.now() > deadline) throw new Error(`worker ${i} did not finish its job`);
        Atomics.wait(control, base + DONE, done, 1000);
      }
      if (control[base + STATUS] !== 0) {
        const received = receiveMessageOnPort(this.ports[i]);
        const message = received?.message as WorkerMessage | undefined;
        failure ??= `worker ${i}: ${message?.type === 'error' ? message.message : 'task failed'}`;
      }
      out.push(this.results[i * ARG_STRIDE]);
    }
    if (failure !== undefined) throw new Error(failure);
    return out;
  }
}

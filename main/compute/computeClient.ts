/**
 * The caller's side of the compute process (Electron main, the browser-mode host, the CLI, tests):
 * starts the process, queues jobs, gives each a promise with progress and cancel, and restarts the
 * process after a crash. A crash fails only the jobs running in it; queued jobs wait for the new
 * process (they never reached the old one).
 */
import {
  CancelledError,
  ComputeClosedError,
  ComputeCrashError,
  ComputeStartError,
  errorFromWire,
} from './errors.js';
import type { JobName, JobPayload, JobResult } from './jobTypes.js';
import { createNodeTransport } from './nodeTransport.js';
import type { ComputeInfo, FromCompute } from './protocol.js';
import type { ComputeExit, ComputeTransport, TransportFactory } from './transport.js';

/** Options of a compute client. */
/**
 * Jobs the app (Electron and browser mode) keeps in flight at once: a minutes-long training run or
 * a 24-megapixel export must not hold back the previews and explorer runs queued behind it. The
 * CLI and the benchmarks keep the default of 1, where each job has the whole pool.
 */
export const APP_CONCURRENCY = 8;

export interface ComputeClientOptions {
  /** Starts a compute process (default: a Node child process with `env`). */
  transport?: TransportFactory;
  /** Environment of the default Node transport (default this process's). */
  env?: NodeJS.ProcessEnv;
  /** Jobs sent to the process at once (default 1: each job has the whole pool). */
  concurrency?: number;
  /** Consecutive deaths before 'ready' after which queued jobs fail (default 3). */
  maxStartFailures?: number;
}

/** A job's progress in work units it defines (rows, items). */
export interface JobProgress {
  done: number;
  total: number;
}

/** Per-job callbacks and cancellation. */
export interface RunOptions {
  onProgress?: (progress: JobProgress) => void;
  /** What the job reports of itself while it runs (JobContext.reportDetail). */
  onDetail?: (detail: unknown) => void;
  /** The job left the queue and began running in the compute process. */
  onStart?: () => void;
  /** Aborting it cancels the job. */
  signal?: AbortSignal;
}

/** A started job. */
export interface ComputeJob<R> {
  readonly id: string;
  readonly result: Promise<R>;
  cancel(): void;
}

interface JobRecord {
  id: string;
  name: string;
  payload: unknown;
  options: RunOptions;
  resolve(value: unknown): void;
  reject(error: Error): void;
  cancelSent: boolean;
}

type State = 'starting' | 'ready' | 'stopped' | 'closed';

/** Talks to one compute process at a time, restarting it when it dies. */
export class ComputeClient {
  private readonly factory: TransportFactory;
  private readonly concurrency: number;
  private readonly maxStartFailures: number;
  private transport: ComputeTransport | null = null;
  private state: State = 'stopped';
  private info: ComputeInfo | null = null;
  private readonly queue: JobRecord[] = [];
  private readonly running = new Map<string, JobRecord>();
  private readyWaiters: Array<{ resolve(info: ComputeInfo): void; reject(error: Error): void }> = [];
  private exitWaiters: Array<() => void> = [];
  private startFailures = 0;
  private nextId = 0;
  private restartCount = 0;

  constructor(options: ComputeClientOptions = {}) {
    this.factory = options.transport ?? (() => createNodeTransport({ env: options.env }));
    this.concurrency = options.concurrency ?? 1;
    this.maxStartFailures = options.maxStartFailures ?? 3;
    this.spawn();
  }

  /** How many times the compute process was restarted after dying. */
  get restarts(): number {
    return this.restartCount;
  }

  /** Resolves when a compute process is ready to run jobs (starting one if none is). */
  ready(): Promise<ComputeInfo> {
    if (this.state === 'closed') return Promise.reject(new ComputeClosedError());
    if (this.state === 'ready' && this.info !== null) return Promise.resolve(this.info);
    if (this.state === 'stopped') this.spawn();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  /** Queues a job; its promise settles with the result or the reason it did not finish. */
  start<K extends JobName>(
    name: K,
    payload: JobPayload<K>,
    options: RunOptions = {},
  ): ComputeJob<JobResult<K>> {
    const id = `job-${++this.nextId}`;
    let resolve!: (value: JobResult<K>) => void;
    let reject!: (error: Error) => void;
    const result = new Promise<JobResult<K>>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const record: JobRecord = {
      id,
      name,
      payload,
      options,
      resolve: resolve as (value: unknown) => void,
      reject,
      cancelSent: false,
    };
    const job: ComputeJob<JobResult<K>> = { id, result, cancel: () => void this.cancel(id) };
    if (this.state === 'closed') {
      reject(new ComputeClosedError());
      return job;
    }
    const { signal } = options;
    if (signal?.aborted) {
      reject(new CancelledError());
      return job;
    }
    if (signal !== undefined) {
      const onAbort = () => void this.cancel(id);
      signal.addEventListener('abort', onAbort, { once: true });
      const settled = () => signal.removeEventListener('abort', onAbort);
      result.then(settled, settled);
    }
    this.queue.push(record);
    if (this.state === 'stopped') this.spawn();
    this.pump();
    return job;
  }

  /** Runs a job and resolves with its result. */
  run<K extends JobName>(name: K, payload: JobPayload<K>, options?: RunOptions): Promise<JobResult<K>> {
    return this.start(name, payload, options).result;
  }

  /**
   * Cancels a job: a queued one is dropped at once; a running one stops at its next check of the
   * cancel flag (the native kernels check between tiles) and its promise rejects with
   * CancelledError. False if the job is unknown or already settled.
   */
  cancel(jobId: string): boolean {
    const index = this.queue.findIndex((job) => job.id === jobId);
    if (index >= 0) {
      const [job] = this.queue.splice(index, 1);
      job.reject(new CancelledError());
      return true;
    }
    const job = this.running.get(jobId);
    if (job === undefined) return false;
    if (!job.cancelSent) {
      job.cancelSent = true;
      this.transport?.postMessage({ type: 'cancel', jobId });
    }
    return true;
  }

  /** Fails every unfinished job with ComputeClosedError and ends the compute process. */
  async close(timeoutMs = 3000): Promise<void> {
    if (this.state === 'closed') return;
    const wasReady = this.state === 'ready';
    this.state = 'closed';
    const error = new ComputeClosedError();
    for (const job of [...this.queue, ...this.running.values()]) job.reject(error);
    this.queue.length = 0;
    this.running.clear();
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(error);
    const transport = this.transport;
    if (transport === null) return;
    const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    if (wasReady) {
      // A clean shutdown closes the pool's threads; kill only a process that does not answer.
      transport.postMessage({ type: 'shutdown' });
      const timer = setTimeout(() => transport.kill(), timeoutMs);
      await exited;
      clearTimeout(timer);
    } else {
      // Still starting: it may not listen yet, and it has nothing to clean up.
      transport.kill();
      await exited;
    }
  }

  private spawn(): void {
    this.state = 'starting';
    this.info = null;
    const transport = this.factory();
    this.transport = transport;
    // Events of a replaced process must not touch the current one's jobs.
    transport.onMessage((message) => {
      if (this.transport === transport) this.onMessage(message);
    });
    transport.onExit((exit) => {
      if (this.transport === transport) this.onExit(exit);
    });
  }

  private onMessage(message: FromCompute): void {
    if (message.type === 'ready') {
      const { pid, threads, jobs } = message;
      this.info = { pid, threads, jobs };
      this.state = 'ready';
      this.startFailures = 0;
      for (const waiter of this.readyWaiters.splice(0)) waiter.resolve(this.info);
      this.pump();
      return;
    }
    const job = this.running.get(message.jobId);
    if (job === undefined) return;
    switch (message.type) {
      case 'started':
        job.options.onStart?.();
        break;
      case 'progress':
        job.options.onProgress?.({ done: message.done, total: message.total });
        break;
      case 'detail':
        job.options.onDetail?.(message.detail);
        break;
      case 'result':
        this.running.delete(job.id);
        job.resolve(message.result);
        this.pump();
        break;
      case 'failed':
        this.running.delete(job.id);
        job.reject(errorFromWire(message.error));
        this.pump();
        break;
    }
  }

  private onExit(exit: ComputeExit): void {
    this.transport = null;
    if (this.state === 'closed') {
      for (const resolve of this.exitWaiters.splice(0)) resolve();
      return;
    }
    const crashed = [...this.running.values()];
    this.running.clear();
    const jobNames = crashed.map((job) => job.name);
    for (const job of crashed)
      job.reject(
        new ComputeCrashError({ jobNames, jobId: job.id, signal: exit.signal, exitCode: exit.code }),
      );
    if (this.state === 'starting' && ++this.startFailures >= this.maxStartFailures) {
      // It dies before it can run anything (a broken install): stop retrying until asked again.
      const how = exit.signal ?? `code ${exit.code}`;
      const error = new ComputeStartError(
        `the compute process died ${this.startFailures} times while starting (last: ${how})`,
      );
      for (const job of this.queue.splice(0)) job.reject(error);
      for (const waiter of this.readyWaiters.splice(0)) waiter.reject(error);
      this.startFailures = 0;
      this.state = 'stopped';
      return;
    }
    this.restartCount++;
    this.spawn();
  }

  private pump(): void {
    const transport = this.transport;
    if (this.state !== 'ready' || transport === null) return;
    while (this.running.size < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift() as JobRecord;
      this.running.set(job.id, job);
      transport.postMessage({ type: 'run', jobId: job.id, name: job.name, payload: job.payload });
    }
  }
}

/** Starts a compute process and returns its client; close() it when done. */
export function createComputeClient(options?: ComputeClientOptions): ComputeClient {
  return new ComputeClient(options);
}

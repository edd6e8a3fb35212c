/**
 * Runs jobs inside the compute process: gives each its shared cancel flag and progress counter,
 * posts throttled progress, and turns the outcome into a result or failure message.
 */
import { CancelledError, errorToWire } from './errors.js';
import { getJob, type JobContext, type JobPool } from './jobRegistry.js';
import type { ComputePool, JobFlags } from './pool.js';
import type { FromCompute } from './protocol.js';
import type { TaskRef } from './task.js';

/** Runs named jobs on one pool and reports to `post`. */
export class JobRunner {
  private readonly running = new Map<string, Int32Array>();

  constructor(
    private readonly pool: ComputePool,
    private readonly post: (message: FromCompute) => void,
    /** Progress is posted at most this often per job. */
    private readonly progressIntervalMs = 50,
    /** Threads for long tasks (JobContext.background); the main pool when not given. */
    private readonly background: ComputePool = pool,
  ) {}

  /** Asks a running job to stop: every task and kernel of it sees the flag at its next check. */
  cancel(jobId: string): void {
    const flag = this.running.get(jobId);
    if (flag !== undefined) Atomics.store(flag, 0, 1);
  }

  /** Cancels every running job (before shutting down, so the pool can close at once). */
  cancelAll(): void {
    for (const flag of this.running.values()) Atomics.store(flag, 0, 1);
  }

  /** Runs one job to the end; never throws (failures are posted). */
  async run(jobId: string, name: string, payload: unknown): Promise<void> {
    const flags: JobFlags = {
      cancel: new Int32Array(new SharedArrayBuffer(4)),
      progress: new Int32Array(new SharedArrayBuffer(8)),
    };
    this.running.set(jobId, flags.cancel);
    this.post({ type: 'started', jobId });
    let posted = [0, 0];
    const flush = () => {
      const done = Atomics.load(flags.progress, 0);
      const total = Atomics.load(flags.progress, 1);
      if (done === posted[0] && total === posted[1]) return;
      posted = [done, total];
      this.post({ type: 'progress', jobId, done, total });
    };
    // Tasks only bump a shared counter; sampling it on a timer is the throttle.
    const timer = setInterval(flush, this.progressIntervalMs);
    const cancelled = () => Atomics.load(flags.cancel, 0) !== 0;
    try {
      const handler = getJob(name);
      if (handler === undefined) throw new TypeError(`no compute job named '${name}'`);
      const result = await handler(payload, this.context(jobId, flags, cancelled));
      // A handler that ignored the flag may hold a partial result: never deliver it.
      if (cancelled()) throw new CancelledError();
      flush();
      this.post({ type: 'result', jobId, result });
    } catch (error) {
      const reported = cancelled() && !(error instanceof CancelledError) ? new CancelledError() : error;
      this.post({ type: 'failed', jobId, error: errorToWire(reported) });
    } finally {
      clearInterval(timer);
      this.running.delete(jobId);
    }
  }

  private context(jobId: string, flags: JobFlags, cancelled: () => boolean): JobContext {
    const jobPool = (pool: ComputePool): JobPool => ({
      threads: pool.threads,
      run: (task, args) => pool.run(task, args, flags),
      async runAll<A, R>(task: TaskRef<A, R>, argsList: readonly A[]): Promise<R[]> {
        const settled = await Promise.allSettled(argsList.map((args) => pool.run(task, args, flags)));
        const values: R[] = [];
        for (const outcome of settled) {
          if (outcome.status === 'rejected') throw outcome.reason;
          values.push(outcome.value);
        }
        return values;
      },
    });
    return {
      jobId,
      pool: jobPool(this.pool),
      background: jobPool(this.background),
      cancel: flags.cancel,
      cancelled,
      throwIfCancelled: () => {
        if (cancelled()) throw new CancelledError();
      },
      reportProgress: (done, total) => {
        Atomics.store(flags.progress, 1, total);
        Atomics.store(flags.progress, 0, done);
      },
      reportDetail: (detail) => this.post({ type: 'detail', jobId, detail }),
    };
  }
}

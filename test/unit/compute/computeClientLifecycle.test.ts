// The client's bookkeeping against a scripted stand-in process: what is sent when, who fails on a
// crash, what is resubmitted, when it gives up restarting, and how it closes.
import { describe, expect, it } from 'vitest';

import { ComputeClient } from '../../../main/compute/computeClient.js';
import {
  CancelledError,
  ComputeClosedError,
  ComputeCrashError,
  ComputeStartError,
} from '../../../main/compute/errors.js';
import type { JobName } from '../../../main/compute/jobTypes.js';
import type { FromCompute, ToCompute } from '../../../main/compute/protocol.js';
import type { ComputeExit, ComputeTransport } from '../../../main/compute/transport.js';

class FakeProcess implements ComputeTransport {
  posted: ToCompute[] = [];
  killed = false;
  private messageListener: (message: FromCompute) => void = () => {};
  private exitListener: (exit: ComputeExit) => void = () => {};
  postMessage(message: ToCompute): void {
    this.posted.push(message);
  }
  onMessage(listener: (message: FromCompute) => void): void {
    this.messageListener = listener;
  }
  onExit(listener: (exit: ComputeExit) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.killed = true;
    this.exit({ code: null, signal: 'SIGKILL' });
  }
  emit(message: FromCompute): void {
    this.messageListener(message);
  }
  ready(pid = 1): void {
    this.emit({ type: 'ready', pid, threads: 2, jobs: ['spin'] });
  }
  exit(exit: ComputeExit): void {
    this.exitListener(exit);
  }
  runs(): string[] {
    return this.posted.flatMap((m) => (m.type === 'run' ? [m.jobId] : []));
  }
}

function scripted(concurrency = 1) {
  const processes: FakeProcess[] = [];
  const client = new ComputeClient({
    concurrency,
    transport: () => {
      const fake = new FakeProcess();
      processes.push(fake);
      return fake;
    },
  });
  return { client, processes, latest: () => processes[processes.length - 1] };
}

// Payload types do not matter to a stand-in process.
const spin = (client: ComputeClient) => client.start('spin' as JobName, {} as never);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ComputeClient bookkeeping', () => {
  it('sends nothing before ready, then one job at a time; a crash fails only the running job', async () => {
    const { client, processes, latest } = scripted();
    const [a, b, c] = [spin(client), spin(client), spin(client)];
    expect(latest().posted).toEqual([]);
    latest().ready(10);
    expect(latest().runs()).toEqual([a.id]);

    latest().exit({ code: null, signal: 'SIGSEGV' });
    const error = await a.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComputeCrashError);
    expect((error as Error).message).toBe(
      "the compute process crashed (SIGSEGV) while running job 'spin'; it has been restarted",
    );
    expect(processes).toHaveLength(2);
    expect(client.restarts).toBe(1);

    // The first process's late words are ignored; the queued jobs go to the new one in order.
    processes[0].emit({ type: 'result', jobId: b.id, result: 'stale' });
    latest().ready(11);
    expect(latest().runs()).toEqual([b.id]);
    latest().emit({ type: 'result', jobId: b.id, result: 'b' });
    await expect(b.result).resolves.toBe('b');
    expect(latest().runs()).toEqual([b.id, c.id]);
    latest().emit({ type: 'result', jobId: c.id, result: 'c' });
    await expect(c.result).resolves.toBe('c');
    await client.close(10);
  });

  it('with concurrency 2 a crash fails both running jobs and names both', async () => {
    const { client, latest } = scripted(2);
    const [a, b] = [spin(client), spin(client)];
    latest().ready();
    expect(latest().runs()).toEqual([a.id, b.id]);
    latest().exit({ code: 1, signal: null });
    for (const job of [a, b])
      await expect(job.result).rejects.toThrow(
        "the compute process exited (code 1) while running jobs 'spin', 'spin'; it has been restarted",
      );
    await client.close(10);
  });

  it('gives up after 3 deaths before ready, fails the queue, and starts again when asked', async () => {
    const { client, processes, latest } = scripted();
    const job = spin(client);
    for (let i = 0; i < 3; i++) latest().exit({ code: 1, signal: null });
    await expect(job.result).rejects.toBeInstanceOf(ComputeStartError);
    expect(processes).toHaveLength(3);
    const next = spin(client);
    expect(processes).toHaveLength(4);
    latest().ready();
    latest().emit({ type: 'result', jobId: next.id, result: 1 });
    await expect(next.result).resolves.toBe(1);
    await client.close(10);
  });

  it('cancel: a queued job never reaches the process; a running one is asked once', async () => {
    const { client, latest } = scripted();
    const [a, b] = [spin(client), spin(client)];
    latest().ready();
    expect(client.cancel(b.id)).toBe(true);
    await expect(b.result).rejects.toBeInstanceOf(CancelledError);
    a.cancel();
    a.cancel();
    expect(latest().posted.filter((m) => m.type === 'cancel')).toEqual([{ type: 'cancel', jobId: a.id }]);
    latest().emit({
      type: 'failed',
      jobId: a.id,
      error: { name: 'CancelledError', message: 'the job was cancelled' },
    });
    await expect(a.result).rejects.toBeInstanceOf(CancelledError);
    expect(latest().runs()).toEqual([a.id]);
    await client.close(10);
  });

  it('routes progress and start to the job; rebuilds remote errors with their class', async () => {
    const { client, latest } = scripted();
    const events: string[] = [];
    const job = client.start('spin' as JobName, {} as never, {
      onStart: () => events.push('start'),
      onProgress: ({ done, total }) => events.push(`${done}/${total}`),
    });
    latest().ready();
    latest().emit({ type: 'started', jobId: job.id });
    latest().emit({ type: 'progress', jobId: job.id, done: 3, total: 8 });
    latest().emit({
      type: 'failed',
      jobId: job.id,
      error: { name: 'RangeError', message: 'Expected x', stack: 'RangeError: Expected x\n    at remote' },
    });
    const error = await job.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect(((error as Error).cause as Error).stack).toContain('at remote');
    expect(events).toEqual(['start', '3/8']);
    await client.close(10);
  });

  it('close fails unfinished jobs, asks the process to shut down, and kills it if it does not', async () => {
    const { client, latest } = scripted();
    const [a, b] = [spin(client), spin(client)];
    latest().ready();
    const closing = client.close(20);
    await expect(a.result).rejects.toBeInstanceOf(ComputeClosedError);
    await expect(b.result).rejects.toBeInstanceOf(ComputeClosedError);
    expect(latest().posted.at(-1)).toEqual({ type: 'shutdown' });
    await closing;
    expect(latest().killed).toBe(true);
    await expect(spin(client).result).rejects.toBeInstanceOf(ComputeClosedError);
    await settle();
  });
});

// The compute process end to end under plain Node: results equal the in-process kernels, progress,
// failures that cost nothing, cancellation latency (printed) and coalesced previews.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCoalescer } from '../../../main/compute/coalescer.js';
import {
  createComputeClient,
  type ComputeClient,
  type JobProgress,
} from '../../../main/compute/computeClient.js';
import { CancelledError } from '../../../main/compute/errors.js';
import type { JobName } from '../../../main/compute/jobTypes.js';
import type { ComputeInfo } from '../../../main/compute/protocol.js';
import { conv2d } from '../../../native-kernels/index.js';
import type { Tensor } from '../../../native-kernels/types.js';
import { mulberry32, randomTensor } from '../../helpers/random.js';

let client: ComputeClient;
let info: ComputeInfo;

beforeAll(async () => {
  const started = performance.now();
  client = createComputeClient();
  info = await client.ready();
  console.log(
    `compute process ready in ${(performance.now() - started).toFixed(0)} ms (${info.threads} threads)`,
  );
});

afterAll(async () => {
  await client.close();
});

const rng = mulberry32(2024);
const x = randomTensor(rng, [2, 3, 37, 29]);
const w = randomTensor(rng, [5, 3, 3, 3]);
const bias = randomTensor(rng, [5]).data;
const options = { padding: 1, stride: [2, 1] as [number, number] };

function scaled(t: Tensor, s: number): Tensor {
  return { data: t.data.map((v) => v * s), shape: t.shape };
}

describe('compute client', () => {
  it('starts a pool sized to the cores with the built-in jobs', async () => {
    const os = await import('node:os');
    expect(info.threads).toBe(os.availableParallelism());
    expect(info.jobs).toEqual(expect.arrayContaining(['conv2dBands', 'spin', 'crash']));
    expect(info.pid).not.toBe(process.pid);
  });

  it("'conv2dBands' split over the pool equals conv2d in this process, bit for bit, with progress", async () => {
    const progress: JobProgress[] = [];
    const result = await client.run(
      'conv2dBands',
      { x, w, bias, options, relu: true, bands: 7 },
      { onProgress: (p) => progress.push(p) },
    );
    const expected = conv2d(x, w, bias, options);
    expect(result.y.shape).toEqual(expected.shape);
    expect(result.bands).toBe(7);
    expect(Array.from(result.y.data)).toEqual(Array.from(expected.data, (v) => Math.max(v, 0)));
    // Progress counts output rows (n * oh), only grows and ends complete.
    const rows = expected.shape[0] * expected.shape[2];
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual({ done: rows, total: rows });
    for (let i = 1; i < progress.length; i++)
      expect(progress[i].done).toBeGreaterThanOrEqual(progress[i - 1].done);
  });

  it('a bad payload rejects with the same error class and message, and costs nothing else', async () => {
    const badW = { data: new Float32Array(5 * 4 * 9), shape: [5, 4, 3, 3] };
    const failure = client.run('conv2dBands', { x, w: badW, bias: null });
    await expect(failure).rejects.toBeInstanceOf(RangeError);
    await expect(failure).rejects.toThrow(/Expected 3 input channels per group .* but received 4/);
    await expect(client.run('nope' as JobName, null as never)).rejects.toThrow("no compute job named 'nope'");
    const again = await client.run('conv2dBands', { x, w, bias: null });
    expect(again.y.shape).toEqual([2, 5, 35, 27]);
    expect(client.restarts).toBe(0);
  });

  it("'crash' with the shipped addon throws instead of crashing", async () => {
    await expect(client.run('crash', null)).rejects.toThrow(/no crashForTest\(\)/);
    expect((await client.ready()).pid).toBe(info.pid);
  });

  it('cancels a long kernel in the middle (< 500 ms; printed)', async () => {
    // One pass = one kernel call per thread; measure it so we know the cancel lands inside one.
    const single = await client.run('spin', { passes: 1, batch: 32 });
    const passMs = single.passMs[0];

    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const job = client.start('spin', { passes: 1000, batch: 32 }, { onStart: () => started() });
    await running;
    await new Promise((resolve) => setTimeout(resolve, passMs / 3));
    const cancelledAt = performance.now();
    job.cancel();
    const error = await job.result.catch((e: unknown) => e);
    const latency = performance.now() - cancelledAt;
    console.log(
      `cancel latency ${latency.toFixed(1)} ms (one kernel call per thread takes ${passMs.toFixed(0)} ms)`,
    );
    expect(error).toBeInstanceOf(CancelledError);
    expect(latency).toBeLessThan(500);
    expect(latency).toBeLessThan(passMs);
  });

  it('cancelling a queued job drops it without running; an AbortSignal cancels too', async () => {
    const long = client.start('spin', { passes: 1000 });
    const queuedProgress: JobProgress[] = [];
    const queued = client.start('conv2dBands', { x, w, bias }, { onProgress: (p) => queuedProgress.push(p) });
    expect(client.cancel(queued.id)).toBe(true);
    await expect(queued.result).rejects.toBeInstanceOf(CancelledError);
    expect(queuedProgress).toEqual([]);

    const controller = new AbortController();
    const aborted = client.start('conv2dBands', { x, w, bias }, { signal: controller.signal });
    controller.abort();
    await expect(aborted.result).rejects.toBeInstanceOf(CancelledError);

    long.cancel();
    await expect(long.result).rejects.toBeInstanceOf(CancelledError);
    expect(client.cancel(long.id)).toBe(false);
    const after = await client.run('conv2dBands', { x, w, bias });
    expect(Array.from(after.y.data)).toEqual(Array.from(conv2d(x, w, bias).data));
  });

  it('coalesced previews: of 20 rapid requests only the first and last run; the last value wins', async () => {
    const ran: number[] = [];
    const preview = createCoalescer((scale: number) => {
      ran.push(scale);
      return client.run('conv2dBands', { x, w: scaled(w, scale), bias: null, options });
    });
    const results = Array.from({ length: 20 }, (_, i) => preview(i + 1));
    const settled = await Promise.allSettled(results);
    expect(ran).toEqual([1, 20]);
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(18);
    const last = settled[19];
    if (last.status !== 'fulfilled') throw new Error('the newest request failed');
    expect(Array.from(last.value.y.data)).toEqual(Array.from(conv2d(x, scaled(w, 20), null, options).data));
  });
});

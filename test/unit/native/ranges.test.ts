// Kernels run over a caller-given range on the calling thread, so a pool of worker threads can split
// one call over SharedArrayBuffers. These tests check that splitting changes nothing, that the addon
// loads and computes in several threads at once, that a shared cancel flag stops a long kernel, and
// that scratch memory is bounded by the tiling, not by the batch.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { addonPath } from '../../../native-kernels/addon.js';
import * as native from '../../../native-kernels/index.js';
import { mulberry32, randomTensor } from '../../helpers/random.js';

const addon = native.loadAddon();

function shared(source: Float32Array): Float32Array {
  const out = new Float32Array(new SharedArrayBuffer(source.byteLength));
  out.set(source);
  return out;
}

describe('range splitting', () => {
  const rng = mulberry32(77);
  const x = randomTensor(rng, [3, 5, 13, 11]);
  const w = randomTensor(rng, [6, 5, 3, 3]);
  const b = randomTensor(rng, [6]).data;
  const options = { padding: 1, stride: [2, 1] as [number, number] };
  const plan = native.planConv2d(x.shape, w.shape, options);
  const [n, f, oh, ow] = plan.outputShape;

  it('conv2d forward over row ranges equals the whole call, bit for bit', () => {
    const whole = native.conv2d(x, w, b, options).data;
    const split = new Float32Array(n * f * oh * ow);
    const cuts = [0, 1, 5, 7, 8, n * oh]; // ranges that straddle image boundaries
    for (let i = 0; i + 1 < cuts.length; i++)
      addon.conv2dForward(x.data, w.data, b, split, plan.geometry, cuts[i], cuts[i + 1], 0);
    expect(Array.from(split)).toEqual(Array.from(whole));
  });

  it('conv2d backward over batch ranges: dx equal, dw partial sums add up', () => {
    const dy = randomTensor(rng, plan.outputShape);
    const whole = native.conv2dBackward(x, w, dy, options, true);
    const dx = new Float32Array(x.data.length);
    addon.conv2dBackwardInput(dy.data, w.data, dx, plan.geometry, 0, 1);
    addon.conv2dBackwardInput(dy.data, w.data, dx, plan.geometry, 1, 3);
    expect(Array.from(dx)).toEqual(Array.from(whole.dx.data));
    const dwa = new Float32Array(w.data.length);
    const dwb = new Float32Array(w.data.length);
    const dba = new Float32Array(6);
    const dbb = new Float32Array(6);
    addon.conv2dBackwardWeight(x.data, dy.data, dwa, dba, plan.geometry, 0, 2);
    addon.conv2dBackwardWeight(x.data, dy.data, dwb, dbb, plan.geometry, 2, 3);
    const dw = dwa.map((v, i) => v + dwb[i]);
    for (let i = 0; i < dw.length; i++) expect(dw[i]).toBeCloseTo(whole.dw.data[i], 4);
    for (let i = 0; i < 6; i++) expect(dba[i] + dbb[i]).toBeCloseTo(whole.db!.data[i], 4);
  });

  it('dropout masks do not depend on how elements are split', () => {
    const xs = randomTensor(rng, [1000]);
    const whole = native.dropout(xs, 0.3, 5).mask;
    const y = new Float32Array(1000);
    const mask = new Uint8Array(1000);
    addon.dropoutForward(xs.data, y, mask, 0.3, 5, 600, 1000);
    addon.dropoutForward(xs.data, y, mask, 0.3, 5, 0, 600);
    expect(Array.from(mask)).toEqual(Array.from(whole));
  });
});

/** Runs `body` (a function source taking (addon, data)) in a worker thread that loads the addon. */
function inWorker<T>(body: string, data: unknown): Promise<T> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const addon = require(workerData.addon);
    Promise.resolve((${body})(addon, workerData.data)).then((r) => parentPort.postMessage(r));
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { addon: addonPath(), data } });
    worker.once('message', (m) => {
      resolve(m as T);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('worker threads over SharedArrayBuffers', () => {
  it('two threads writing halves of one output equal the single-thread result', async () => {
    const rng = mulberry32(78);
    const x = randomTensor(rng, [4, 8, 20, 20]);
    const w = randomTensor(rng, [16, 8, 3, 3]);
    const plan = native.planConv2d(x.shape, w.shape, { padding: 1 });
    const rows = plan.outputShape[0] * plan.outputShape[2];
    const y = new Float32Array(new SharedArrayBuffer(4 * 4 * 16 * 20 * 20));
    const job = (r0: number, r1: number) =>
      inWorker<boolean>(`(addon, d) => addon.conv2dForward(d.x, d.w, null, d.y, d.g, d.r0, d.r1, 1)`, {
        x: shared(x.data),
        w: shared(w.data),
        y,
        g: plan.geometry,
        r0,
        r1,
      });
    expect(await Promise.all([job(0, rows / 2), job(rows / 2, rows)])).toEqual([true, true]);
    const single = native.relu(native.conv2d(x, w, null, { padding: 1 })).data;
    expect(Array.from(y)).toEqual(Array.from(single));
  });

  it('a shared cancel flag stops a long convolution in another thread', async () => {
    // flags[0]: cancel (read by the kernel); flags[1]: set by the worker just before it starts.
    const flags = new Int32Array(new SharedArrayBuffer(8));
    const [n, c] = [64, 128];
    const x = new Float32Array(new SharedArrayBuffer(4 * n * c * 56 * 56));
    const w = new Float32Array(new SharedArrayBuffer(4 * c * c * 9));
    const y = new Float32Array(new SharedArrayBuffer(4 * n * c * 56 * 56));
    const g = Int32Array.from([n, c, 56, 56, c, 3, 3, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    const result = inWorker<{ done: boolean; ms: number }>(
      `(addon, d) => {
        const cancel = d.flags.subarray(0, 1);
        Atomics.store(d.flags, 1, 1);
        const t = Date.now();
        const done = addon.conv2dForward(d.x, d.w, null, d.y, d.g, 0, d.rows, 0, cancel);
        return { done, ms: Date.now() - t };
      }`,
      { x, w, y, g, rows: n * 56, flags },
    );
    while (Atomics.load(flags, 1) === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    Atomics.store(flags, 0, 1);
    const { done, ms } = await result;
    // The whole job is ~59 GFLOP (most of a second at full speed): it must report that it stopped.
    expect(done).toBe(false);
    expect(ms).toBeGreaterThanOrEqual(40);
  });
});

describe('workspace', () => {
  it('is bounded by the tiling, not proportional to the batch', () => {
    const sizes = [1, 8].map((n) => {
      const rng = mulberry32(n);
      const x = randomTensor(rng, [n, 32, 40, 40]);
      const w = randomTensor(rng, [32, 32, 3, 3]);
      const dy = randomTensor(rng, [n, 32, 40, 40]);
      native.conv2d(x, w, null, { padding: 1 });
      native.conv2dBackward(x, w, dy, { padding: 1 }, true);
      return addon.workspaceBytes();
    });
    expect(sizes[1]).toBe(sizes[0]);
    expect(sizes[1]).toBeLessThan(16 * 2 ** 20);
  });
});

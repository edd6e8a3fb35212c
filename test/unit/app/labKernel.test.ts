// 'lab:kernel' through the shared handlers and a real compute process: the homework's FIR answer
// (a boxcar of length 7 convolved with (1/2)^n u(n)) against its closed form, batch norm's output
// statistics, circular padding's 9x9 maps for a 2x2 kernel, dropout's inverted scaling, and the
// validator's refusals.
import { describe, expect, it } from 'vitest';
import { browserApi } from './browserApi.js';
import { validateRequest } from '../../../main/api/validateRequest.js';

const api = browserApi();

describe("'lab:kernel'", () => {
  it('convolves a boxcar of length 7 with (1/2)^n u(n) as the closed form says', async () => {
    // x(n) = (1/2)^n for n = 0..39 (the tail beyond is below float32's reach), h = boxcar 0..6.
    const n = 40;
    const x = Float32Array.from({ length: n }, (_, i) => 0.5 ** i);
    const h = new Float32Array(7).fill(1);
    // Full convolution: pad by L - 1 on both sides, true convolution (flip).
    const { y } = await api['lab:kernel']({
      op: 'conv2d',
      x: { shape: [1, 1, 1, n], data: x },
      w: { shape: [1, 1, 1, 7], data: h },
      bias: null,
      options: { padding: [0, 6], flip: true },
    });
    expect(y.shape).toEqual([1, 1, 1, n + 6]);
    // The homework's closed form: y(n) = 2 - (1/2)^n for 0 <= n < 7, (1/2)^(n-7) - (1/2)^n after.
    for (let k = 0; k < 20; k++)
      expect(y.data[k]).toBeCloseTo(k < 7 ? 2 - 0.5 ** k : 0.5 ** (k - 7) - 0.5 ** k, 6);
    // It decays; it is not constant.
    expect(y.data[12]).toBeLessThan(y.data[8]);
  });

  it('normalises a batch to mean beta and std gamma', async () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => 1.5 + 0.4 * Math.sin(i * 1.7) * Math.sqrt(2));
    const { y, mean } = await api['lab:kernel']({
      op: 'batchNormTrain',
      x: { shape: [1000, 1], data: x },
      gamma: Float32Array.of(2),
      beta: Float32Array.of(3),
      eps: 1e-5,
    });
    const m = y.data.reduce((a, b) => a + b, 0) / 1000;
    const v = y.data.reduce((a, b) => a + (b - m) ** 2, 0) / 1000;
    expect(m).toBeCloseTo(3, 4);
    expect(Math.sqrt(v)).toBeCloseTo(2, 3);
    expect(mean.data[0]).toBeCloseTo(x.reduce((a, b) => a + b, 0) / 1000, 5);
  });

  it('gives 9x9 maps for an 8x8 input, a 2x2 kernel and circular padding 1', async () => {
    const { y } = await api['lab:kernel']({
      op: 'conv2d',
      x: { shape: [1, 1, 8, 8], data: Float32Array.from({ length: 64 }, (_, i) => i % 5) },
      w: { shape: [3, 1, 2, 2], data: Float32Array.from({ length: 12 }, (_, i) => i - 6) },
      bias: null,
      options: { padding: 1, paddingMode: 'circular' },
    });
    expect(y.shape).toEqual([1, 3, 9, 9]);
  });

  it('drops with inverted scaling: kept values are x / (1 - p)', async () => {
    const x = new Float32Array(10000).fill(1);
    const { y, mask } = await api['lab:kernel']({
      op: 'dropout',
      x: { shape: [10000], data: x },
      p: 0.25,
      seed: 3,
    });
    const kept = mask.data.reduce((a, b) => a + b, 0);
    expect(kept / 10000).toBeGreaterThan(0.72);
    expect(kept / 10000).toBeLessThan(0.78);
    y.data.forEach((v, i) => expect(v).toBe(mask.data[i] === 1 ? Math.fround(1 / 0.75) : 0));
  });

  it('refuses unknown ops, mismatched shapes and huge tensors', () => {
    expect(() =>
      validateRequest('lab:kernel', { op: 'softmax', x: { shape: [1], data: new Float32Array(1) } }),
    ).toThrow(/request\.op/);
    expect(() =>
      validateRequest('lab:kernel', { op: 'relu', x: { shape: [2, 3], data: new Float32Array(5) } }),
    ).toThrow(/Expected 6 elements/);
    expect(() =>
      validateRequest('lab:kernel', {
        op: 'relu',
        x: { shape: [1024, 2048], data: new Float32Array(1 << 21) },
      }),
    ).toThrow(/at most/);
    expect(() =>
      validateRequest('lab:kernel', {
        op: 'conv2d',
        x: { shape: [1, 1, 2, 2], data: new Float32Array(4) },
        w: { shape: [1, 1, 1, 1], data: new Float32Array(1) },
        options: { stride: { evil: true } },
      }),
    ).toThrow(/request\.options\.stride/);
  });
});

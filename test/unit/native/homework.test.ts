// The homework's worked numbers, through the public API of the native kernels.
import { describe, expect, it } from 'vitest';
import { batchNormBackwardTrain, batchNormTrain, conv2d } from '../../../native-kernels/index.js';
import { mulberry32 } from '../../helpers/random.js';
import { expectArrayClose } from '../../helpers/compare.js';
import { HOMEWORK_CONV_CASES, HOMEWORK_H, HOMEWORK_X, planeRows } from '../../helpers/homeworkConvolution.js';

const x = { data: Float32Array.from(HOMEWORK_X), shape: [1, 1, 5, 5] };
const h = { data: Float32Array.from(HOMEWORK_H), shape: [1, 1, 3, 3] };

describe('homework 2(c), 2(d): 2-D convolution of 1..25 with h', () => {
  it.each(HOMEWORK_CONV_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(planeRows(conv2d(x, h, null, c.options))).toEqual(c.expected);
  });
});

/** Box-Muller normal samples from a seeded uniform generator. */
function normalSamples(count: number, mean: number, variance: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u = 1 - rng();
    const v = rng();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = mean + Math.sqrt(variance) * r * Math.cos(2 * Math.PI * v);
    if (i + 1 < count) out[i + 1] = mean + Math.sqrt(variance) * r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

function meanAndVariance(values: ArrayLike<number>): [number, number] {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  const mean = s / values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - mean) ** 2;
  return [mean, ss / values.length];
}

describe('homework 1(a): batch norm of N(1.5, 0.16) with gamma 1, beta 3', () => {
  it('has mean 3 and variance 1 within sampling error', () => {
    const m = 100_000;
    const data = normalSamples(m, 1.5, 0.16, 7);
    const [inMean, inVar] = meanAndVariance(data);
    // The sample itself is N(1.5, 0.16) to within a few standard errors (0.4 / sqrt(m) ~ 0.0013).
    expect(Math.abs(inMean - 1.5)).toBeLessThan(5 * Math.sqrt(0.16 / m));
    expect(Math.abs(inVar - 0.16)).toBeLessThan(5 * 0.16 * Math.sqrt(2 / m));
    const out = batchNormTrain({ data, shape: [m, 1] }, Float32Array.of(1), Float32Array.of(3), null, null);
    const [mean, variance] = meanAndVariance(out.y.data);
    // Batch norm uses the batch's own statistics, so only float32 rounding and eps remain.
    expect(Math.abs(mean - 3)).toBeLessThan(1e-4);
    expect(Math.abs(variance - 1)).toBeLessThan(2e-4);
    expect(out.mean[0]).toBeCloseTo(inMean, 5);
  });
});

describe('homework 5(b): batch norm backward equals the closed form', () => {
  it('dx = gamma / sqrt(var + eps) * (dy - mean(dy) - xhat * mean(dy * xhat)), per feature', () => {
    const rng = mulberry32(11);
    const n = 37;
    const d = 5;
    const xs = Float32Array.from({ length: n * d }, () => rng() * 4 - 1);
    const dys = Float32Array.from({ length: n * d }, () => rng() * 2 - 1);
    const gamma = Float32Array.from({ length: d }, () => 0.5 + rng());
    const beta = Float32Array.from({ length: d }, () => rng() - 0.5);
    const fwd = batchNormTrain({ data: xs, shape: [n, d] }, gamma, beta, null, null);
    const grads = batchNormBackwardTrain(
      { data: xs, shape: [n, d] },
      { data: dys, shape: [n, d] },
      gamma,
      fwd.mean,
      fwd.invstd,
    );
    const eps = 1e-5;
    const expected = new Float64Array(n * d);
    for (let j = 0; j < d; j++) {
      const col = Array.from({ length: n }, (_, i) => xs[i * d + j]);
      const dyc = Array.from({ length: n }, (_, i) => dys[i * d + j]);
      const [mu, v] = meanAndVariance(col);
      const xhat = col.map((value) => (value - mu) / Math.sqrt(v + eps));
      const meanDy = dyc.reduce((a, b) => a + b, 0) / n;
      const meanDyXhat = dyc.reduce((a, b, i) => a + b * xhat[i], 0) / n;
      for (let i = 0; i < n; i++)
        expected[i * d + j] = (gamma[j] / Math.sqrt(v + eps)) * (dyc[i] - meanDy - xhat[i] * meanDyXhat);
    }
    expectArrayClose(grads.dx.data, expected, { atol: 1e-5, rtol: 1e-4 }, 'dx');
  });
});

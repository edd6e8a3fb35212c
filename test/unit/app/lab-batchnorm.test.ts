// The batch-norm instruments' kernel calls through the shared API handlers and a real compute
// process, with the instruments' own request builders and defaults: after batch norm the large
// sample has mean β and variance γ² σ²/(σ² + ε) ≈ γ²; the [m, K] batches' per-column statistics
// are the batch means and variances, spread as the closed form says; a [N, 2] batch norm keeps the
// correlation and gives [[1, ρ], [ρ, 1]]; and the kernel's backward pass equals the closed form
// and the graph's chain rule.
import { describe, expect, it } from 'vitest';
import { browserApi } from './browserApi.js';
import { batchNormBackwardClosedForm } from '../../../renderer/src/lab/batchnorm/batchNormBackwardClosedForm.js';
import {
  BN_1D_DEFAULTS,
  BN_2D_DEFAULTS,
  BN_GRAPH_DEFAULTS,
} from '../../../renderer/src/lab/batchnorm/batchNormDefaults.js';
import { batchNormGraph } from '../../../renderer/src/lab/batchnorm/batchNormGraph.js';
import {
  batchNormBackwardRequest,
  batchNormTrainRequest,
  BN_EPS,
  varianceFromInvstd,
} from '../../../renderer/src/lab/batchnorm/batchNormRequest.js';
import { batchStatisticsClosedForm } from '../../../renderer/src/lab/batchnorm/batchStatisticsClosedForm.js';
import { gaussian2dSample } from '../../../renderer/src/lab/batchnorm/gaussian2dSample.js';
import { sampleCovariance2d } from '../../../renderer/src/lab/batchnorm/sampleCovariance2d.js';
import { sampleMoments } from '../../../renderer/src/lab/batchnorm/sampleMoments.js';
import { standardNormals } from '../../../renderer/src/lab/batchnorm/standardNormals.js';

const api = browserApi();

const D1 = BN_1D_DEFAULTS;

describe('bn-1d through the kernel', () => {
  it.each([
    { mu: D1.mu, sigma2: D1.sigma2, gamma: D1.gamma, beta: D1.beta },
    { mu: -2, sigma2: 1.7, gamma: 2.5, beta: -1 },
    { mu: 4, sigma2: 0.01, gamma: 0.3, beta: 0.5 },
  ])('a large sample comes out with mean β and variance γ² σ²/(σ² + ε) (%o)', async (p) => {
    const z = standardNormals(D1.sampleSize, D1.seed);
    const x = Float32Array.from(z, (v) => p.mu + Math.sqrt(p.sigma2) * v);
    const { y, mean, invstd } = await api['lab:kernel'](
      batchNormTrainRequest(x, D1.sampleSize, 1, p.gamma, p.beta),
    );
    const input = sampleMoments(x);
    const output = sampleMoments(y.data);
    expect(output.count).toBe(D1.sampleSize);
    // The kernel's saved statistics are the sample's own.
    expect(mean.data[0]).toBeCloseTo(input.mean, 4);
    expect(varianceFromInvstd(invstd.data[0]) / input.variance).toBeCloseTo(1, 4);
    expect(output.mean).toBeCloseTo(p.beta, 4);
    const exact = (p.gamma ** 2 * input.variance) / (input.variance + BN_EPS);
    expect(output.variance / exact).toBeCloseTo(1, 4);
    // ≈ γ² for a large sample, but the ε term is measurable when σ² is small (0.1 % at σ² = 0.01).
    expect(output.variance / p.gamma ** 2).toBeCloseTo(1, 2);
    if (p.sigma2 === 0.01) expect(1 - output.variance / p.gamma ** 2).toBeGreaterThan(5e-4);
  });

  it.each([1, 3, 5, 8])(
    'an [m, K] tensor gives the K batch means and variances, spread as the closed form says (m = 2^%i)',
    async (log2m) => {
      const m = 2 ** log2m;
      const K = D1.batches;
      const zb = standardNormals(2 ** D1.maxLog2m * K, D1.seed + D1.batchSeedOffset);
      const sigma = Math.sqrt(D1.sigma2);
      const x = Float32Array.from(zb.subarray(0, m * K), (v) => D1.mu + sigma * v);
      const r = await api['lab:kernel'](batchNormTrainRequest(x, m, K, 1, 0));
      expect(r.mean.data).toHaveLength(K);
      // Column k is batch k: its mean and variance computed directly.
      for (const k of [0, 17, K - 1]) {
        const col = sampleMoments(x, K, k);
        expect(r.mean.data[k]).toBeCloseTo(col.mean, 5);
        expect(varianceFromInvstd(r.invstd.data[k])).toBeCloseTo(col.variance, 4);
      }
      const closed = batchStatisticsClosedForm(D1.sigma2, m);
      const means = sampleMoments(r.mean.data);
      const variances = sampleMoments(Array.from(r.invstd.data, (s) => varianceFromInvstd(s)));
      // 400 batches: the SD estimates are within about 3.5 % (1 SE), the mean of variances within
      // SD/20; the bounds are 4 standard errors.
      expect(Math.abs(Math.sqrt(means.variance) / closed.meanSd - 1)).toBeLessThan(0.15);
      expect(Math.abs(variances.mean - closed.varianceMean)).toBeLessThan(
        (4 * closed.varianceSd) / Math.sqrt(K),
      );
    },
  );
});

describe('bn-2d through the kernel', () => {
  it.each([
    BN_2D_DEFAULTS.gaussian,
    { mu1: -1, mu2: 4, sigma1: 0.4, sigma2: 2.5, rho: -0.85 },
    { mu1: 0, mu2: 0, sigma1: 1, sigma2: 1, rho: 0 },
  ])('keeps the correlation and gives mean 0, covariance [[1, ρ], [ρ, 1]] (%o)', async (g) => {
    const x = gaussian2dSample(g, standardNormals(2 * BN_2D_DEFAULTS.points, BN_2D_DEFAULTS.seed));
    const { y } = await api['lab:kernel'](batchNormTrainRequest(x, BN_2D_DEFAULTS.points, 2, 1, 0));
    expect(y.shape).toEqual([BN_2D_DEFAULTS.points, 2]);
    const before = sampleCovariance2d(x);
    const after = sampleCovariance2d(y.data);
    // Per-feature affine maps leave the sample correlation exactly as it was (to float32).
    expect(after.rho).toBeCloseTo(before.rho, 5);
    expect(Math.abs(after.rho - g.rho)).toBeLessThan(0.06);
    expect(after.mean[0]).toBeCloseTo(0, 5);
    expect(after.mean[1]).toBeCloseTo(0, 5);
    expect(after.xx).toBeCloseTo(1, 3);
    expect(after.yy).toBeCloseTo(1, 3);
    // The covariance after is the correlation matrix: its off-diagonal is ρ (the sample's).
    expect(after.xy).toBeCloseTo(before.rho, 3);
  });
});

describe('bn-graph through the kernel', () => {
  it.each([
    {
      x: BN_GRAPH_DEFAULTS.x.slice(0, BN_GRAPH_DEFAULTS.m),
      dy: BN_GRAPH_DEFAULTS.dy.slice(0, BN_GRAPH_DEFAULTS.m),
      gamma: 1,
      beta: 0,
    },
    { x: [1, 2, 3, 6], dy: [0.5, -1, 2, 0.25], gamma: 2, beta: 3 },
    { x: [-0.3, 4.1, 2.2, 0.9, 7], dy: [1, -2, 0.5, 0, 3], gamma: -1.5, beta: 0.7 },
    { x: [0.1, 0.2], dy: [3, -1], gamma: 0.5, beta: 0 },
  ])("the kernel's backward pass equals the closed form and the graph (%o)", async (c) => {
    const m = c.x.length;
    const x = Float32Array.from(c.x);
    const dy = Float32Array.from(c.dy);
    const forward = await api['lab:kernel'](batchNormTrainRequest(x, m, 1, c.gamma, c.beta));
    const back = await api['lab:kernel'](batchNormBackwardRequest(x, m, 1, dy, c.gamma, forward));
    const xs = Array.from(x);
    const dys = Array.from(dy);
    const closed = batchNormBackwardClosedForm(xs, dys, c.gamma, BN_EPS);
    const graph = batchNormGraph(xs, dys, c.gamma, c.beta, BN_EPS);
    const scale = Math.max(1, ...closed.dx.map(Math.abs));
    closed.dx.forEach((v, i) => {
      // float32 against double: a few dozen roundings of 2^-23 ≈ 1.2e-7 (the cancellation in
      // m dY − ΣdY − Z Σ dY Z costs most for a tight batch like [0.1, 0.2]); a wrong term is O(1).
      expect(Math.abs(back.dx.data[i] - v) / scale).toBeLessThan(1e-5);
      expect(Math.abs((graph.grads.X as number[])[i] - v) / scale).toBeLessThan(1e-12);
      expect(forward.y.data[i]).toBeCloseTo((graph.values.Y as number[])[i], 5);
    });
    expect(back.dgamma.data[0]).toBeCloseTo(closed.dgamma, 5);
    expect(back.dbeta.data[0]).toBeCloseTo(closed.dbeta, 5);
    expect(forward.mean.data[0]).toBeCloseTo(graph.values.mu as number, 5);
    expect(varianceFromInvstd(forward.invstd.data[0])).toBeCloseTo(graph.values.var as number, 4);
  });
});

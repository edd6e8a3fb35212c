// The batch-norm lab's seeded sampling: reproducible from the seed, standard normal in its
// moments and in its probabilities (checked against erf-free exact values of the normal CDF), and
// the 2-D sample has the covariance it was asked for.
import { describe, expect, it } from 'vitest';
import { gaussian2dCovariance } from '../../../renderer/src/lab/batchnorm/gaussian2dCovariance.js';
import { gaussian2dSample } from '../../../renderer/src/lab/batchnorm/gaussian2dSample.js';
import { mulberry32 } from '../../../native-kernels/seededRandom.js';
import { sampleCovariance2d } from '../../../renderer/src/lab/batchnorm/sampleCovariance2d.js';
import { sampleMoments } from '../../../renderer/src/lab/batchnorm/sampleMoments.js';
import { standardNormals } from '../../../renderer/src/lab/batchnorm/standardNormals.js';

describe('mulberry32', () => {
  it('repeats for a seed, differs across seeds, stays in [0, 1) with a flat histogram', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    const counts = new Array(10).fill(0);
    const u = mulberry32(7);
    for (let i = 0; i < 100_000; i++) {
      const v = u();
      expect(v >= 0 && v < 1).toBe(true);
      counts[Math.floor(v * 10)]++;
    }
    // 10 000 expected per decile, binomial SD ≈ 95: 5 SD is 475.
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(475);
  });
});

describe('standardNormals', () => {
  it('is reproducible and has mean 0, variance 1, and the normal 1- and 2-SD probabilities', () => {
    const n = 200_000;
    const z = standardNormals(n, 1);
    expect(standardNormals(n, 1)).toEqual(z);
    expect(standardNormals(n, 2)[0]).not.toBe(z[0]);
    const { mean, variance } = sampleMoments(z);
    // Standard errors: 1/√n ≈ 0.0022 for the mean, √(2/n) ≈ 0.0032 for the variance.
    expect(Math.abs(mean)).toBeLessThan(0.011);
    expect(Math.abs(variance - 1)).toBeLessThan(0.016);
    // P(|Z| < 1) and P(|Z| < 2) of the standard normal (tabulated: 0.682689, 0.954500).
    const within = (k: number) => z.filter((v) => Math.abs(v) < k).length / n;
    expect(Math.abs(within(1) - 0.682689)).toBeLessThan(0.005);
    expect(Math.abs(within(2) - 0.9545)).toBeLessThan(0.003);
    // An odd count is filled to the last element.
    expect(Number.isFinite(standardNormals(5, 3)[4])).toBe(true);
  });
});

describe('sampleMoments', () => {
  it('computes the biased variance, over a stride', () => {
    expect(sampleMoments([1, 2, 3, 6])).toEqual({ count: 4, mean: 3, variance: 3.5 });
    expect(sampleMoments([1, 10, 3, 20], 2, 1)).toEqual({ count: 2, mean: 15, variance: 25 });
  });
});

describe('gaussian2dSample', () => {
  it('has the means, standard deviations and correlation it was given', () => {
    const g = { mu1: 3, mu2: -2, sigma1: 1.5, sigma2: 0.6, rho: -0.7 };
    const points = gaussian2dSample(g, standardNormals(2 * 100_000, 5));
    const c = sampleCovariance2d(points);
    const want = gaussian2dCovariance(g);
    expect(c.mean[0]).toBeCloseTo(3, 1);
    expect(c.mean[1]).toBeCloseTo(-2, 1);
    expect(c.xx / want.xx).toBeCloseTo(1, 1);
    expect(c.yy / want.yy).toBeCloseTo(1, 1);
    expect(Math.abs(c.rho - -0.7)).toBeLessThan(0.01);
    expect(want.xy).toBeCloseTo(-0.7 * 1.5 * 0.6, 12);
  });

  it('correlation is computed as cov / (sd sd): a line has |rho| = 1', () => {
    const c = sampleCovariance2d([0, 1, 1, 3, 2, 5, 3, 7]);
    expect(c.rho).toBeCloseTo(1, 12);
    expect(c.xy).toBeCloseTo(2 * c.xx, 12);
  });
});

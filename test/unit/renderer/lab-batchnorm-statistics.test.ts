// The batch-norm lab's closed forms for the noise of batch statistics, against a Monte Carlo of
// many batches (the instrument measures the same thing on the kernel's batch statistics), and the
// small helpers: box borders for graph edges and the lab's number format.
import { describe, expect, it } from 'vitest';
import { batchStatisticsClosedForm } from '../../../renderer/src/lab/batchnorm/batchStatisticsClosedForm.js';
import { boxBoundaryPoint } from '../../../renderer/src/lab/batchnorm/boxBoundaryPoint.js';
import { formatNumber, formatVector } from '../../../renderer/src/lab/batchnorm/formatNumber.js';
import { varianceFromInvstd } from '../../../renderer/src/lab/batchnorm/batchNormRequest.js';
import { sampleMoments } from '../../../renderer/src/lab/batchnorm/sampleMoments.js';
import { standardNormals } from '../../../renderer/src/lab/batchnorm/standardNormals.js';

describe('batchStatisticsClosedForm', () => {
  it.each([2, 4, 32])('matches 20 000 simulated batches of m = %i from N(1.5, 0.16)', (m) => {
    const batches = 20_000;
    const sigma = 0.4;
    const z = standardNormals(m * batches, m);
    const means: number[] = [];
    const variances: number[] = [];
    for (let b = 0; b < batches; b++) {
      const s = sampleMoments(Array.from(z.subarray(b * m, (b + 1) * m), (v) => 1.5 + sigma * v));
      means.push(s.mean);
      variances.push(s.variance);
    }
    const c = batchStatisticsClosedForm(sigma * sigma, m);
    // Relative standard errors with 20 000 batches are about 0.5 % to 1.5 %.
    expect(Math.sqrt(sampleMoments(means).variance) / c.meanSd).toBeCloseTo(1, 1);
    expect(sampleMoments(variances).mean / c.varianceMean).toBeCloseTo(1, 1);
    expect(Math.sqrt(sampleMoments(variances).variance) / c.varianceSd).toBeCloseTo(1, 1);
    expect(Math.abs(sampleMoments(means).mean - 1.5)).toBeLessThan(4 * (c.meanSd / Math.sqrt(batches)));
  });

  it('the biased batch variance is on average (m − 1)/m of σ²: half of it for m = 2', () => {
    expect(batchStatisticsClosedForm(0.16, 2).varianceMean).toBeCloseTo(0.08, 15);
    expect(batchStatisticsClosedForm(0.16, 256).meanSd).toBeCloseTo(0.025, 15);
  });

  it('recovers a variance from the kernel’s saved 1/√(σ² + ε)', () => {
    expect(varianceFromInvstd(1 / Math.sqrt(3.5 + 1e-5))).toBeCloseTo(3.5, 12);
  });
});

describe('boxBoundaryPoint', () => {
  it('leaves a box through the side the ray meets first', () => {
    expect(boxBoundaryPoint([0, 0], 10, 5, [100, 0])).toEqual([10, 0]);
    expect(boxBoundaryPoint([0, 0], 10, 5, [0, -50])).toEqual([0, -5]);
    // A 45° ray meets the shorter half-height first.
    expect(boxBoundaryPoint([0, 0], 10, 5, [20, 20])).toEqual([5, 5]);
    expect(boxBoundaryPoint([1, 1], 10, 5, [1, 1])).toEqual([1, 1]);
  });
});

describe('formatNumber', () => {
  it('prints significant digits with a true minus, and small differences in scientific notation', () => {
    expect(formatNumber(1.5)).toBe('1.5');
    expect(formatNumber(-0.53452248)).toBe('−0.5345');
    expect(formatNumber(2.3e-8, 2)).toBe('2.3e−8');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(1e-9)).toBe('1e−9');
    // Both signs: the mantissa's and the exponent's.
    expect(formatNumber(-5.1e-9, 2)).toBe('−5.1e−9');
    expect(formatNumber(2.5e7, 2)).toBe('2.5e+7');
    expect(formatVector([1, -2.5, 1 / 3])).toBe('[1, −2.5, 0.333]');
  });
});

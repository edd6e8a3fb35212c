// The batch-norm lab's histogram and normal density: the histogram's area is the fraction of
// values inside its range, its counts are right at the edges, and the density integrates to 1 and
// matches the tabulated normal probabilities (so a histogram of a normal sample sits under it).
import { describe, expect, it } from 'vitest';
import { histogram } from '../../../renderer/src/lab/batchnorm/histogram.js';
import { normalDensity } from '../../../renderer/src/lab/batchnorm/normalDensity.js';
import { standardNormals } from '../../../renderer/src/lab/batchnorm/standardNormals.js';

/** Simpson's rule over [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 2000) {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe('histogram', () => {
  it('counts values into bins, the right edge into the last bin, outside values nowhere', () => {
    const h = histogram([0, 0.5, 0.99, 1, 1.5, 2, -0.1, 2.1, NaN], 0, 2, 2);
    expect(h.counts).toEqual([3, 3]);
    expect(h.inside).toBe(6);
    expect(h.total).toBe(9);
    expect(h.width).toBe(1);
    expect(h.density).toEqual([3 / 9, 3 / 9]);
  });

  it('has area equal to the fraction inside, and follows the normal density', () => {
    const z = standardNormals(100_000, 11);
    const h = histogram(z, -2, 2, 40);
    const area = h.density.reduce((a, d) => a + d * h.width, 0);
    expect(area).toBeCloseTo(h.inside / h.total, 12);
    // P(|Z| < 2) = 0.9545.
    expect(Math.abs(area - 0.9545)).toBeLessThan(0.004);
    // Each bin's density against the density's mean over the bin.
    h.density.forEach((d, i) => {
      const a = -2 + i * h.width;
      const want = simpson((x) => normalDensity(x, 0, 1), a, a + h.width, 20) / h.width;
      expect(Math.abs(d - want)).toBeLessThan(0.03);
    });
  });
});

describe('normalDensity', () => {
  it('integrates to 1, peaks at 1/(sd √(2π)), and gives the tabulated 1-SD probability', () => {
    for (const [mean, sd] of [
      [1.5, 0.4],
      [3, 1],
      [-2, 2.5],
    ]) {
      expect(simpson((x) => normalDensity(x, mean, sd), mean - 12 * sd, mean + 12 * sd)).toBeCloseTo(1, 9);
      expect(normalDensity(mean, mean, sd)).toBeCloseTo(1 / (sd * Math.sqrt(2 * Math.PI)), 14);
      expect(simpson((x) => normalDensity(x, mean, sd), mean - sd, mean + sd)).toBeCloseTo(0.682689492, 8);
      expect(normalDensity(mean + sd, mean, sd)).toBeCloseTo(normalDensity(mean - sd, mean, sd), 14);
    }
    // The homework's input: N(1.5, 0.16) peaks at 1/(0.4 √(2π)) ≈ 0.997.
    expect(normalDensity(1.5, 1.5, 0.4)).toBeCloseTo(0.99736, 4);
  });
});

// The batch-norm lab's 1- and 2-SD contours: the ellipse's half-axes are k √λ for Σ's eigenvalues
// (here found by power iteration, not the closed form the code uses), every drawn point lies on
// (x − μ)ᵀ Σ⁻¹ (x − μ) = k², and after batch norm the correlation matrix's axes lie at ±45° with
// λ = 1 ± |ρ|.
import { describe, expect, it } from 'vitest';
import { covarianceEllipse, ellipsePoints } from '../../../renderer/src/lab/batchnorm/covarianceEllipse.js';
import { gaussian2dCovariance } from '../../../renderer/src/lab/batchnorm/gaussian2dCovariance.js';

type Cov = { xx: number; xy: number; yy: number };

/** The largest eigenpair of a symmetric 2x2 matrix by power iteration. */
function powerIteration(c: Cov): { lambda: number; v: [number, number] } {
  let v: [number, number] = [1, 0.3];
  for (let i = 0; i < 2000; i++) {
    const w: [number, number] = [c.xx * v[0] + c.xy * v[1], c.xy * v[0] + c.yy * v[1]];
    const n = Math.hypot(w[0], w[1]);
    v = [w[0] / n, w[1] / n];
  }
  const lambda = v[0] * (c.xx * v[0] + c.xy * v[1]) + v[1] * (c.xy * v[0] + c.yy * v[1]);
  return { lambda, v };
}

function mahalanobis2(c: Cov, d: [number, number]) {
  const det = c.xx * c.yy - c.xy * c.xy;
  return (c.yy * d[0] * d[0] - 2 * c.xy * d[0] * d[1] + c.xx * d[1] * d[1]) / det;
}

const CASES: Cov[] = [
  gaussian2dCovariance({ mu1: 0, mu2: 0, sigma1: 1.5, sigma2: 0.6, rho: 0.6 }),
  gaussian2dCovariance({ mu1: 0, mu2: 0, sigma1: 0.5, sigma2: 2, rho: -0.8 }),
  gaussian2dCovariance({ mu1: 0, mu2: 0, sigma1: 1, sigma2: 1, rho: 0.3 }),
  { xx: 2, xy: 0, yy: 0.5 },
];

describe('covarianceEllipse', () => {
  it.each(CASES)('has half-axes k√λ and the major axis along the top eigenvector (%o)', (cov) => {
    const top = powerIteration(cov);
    const trace = cov.xx + cov.yy;
    for (const k of [1, 2]) {
      const e = covarianceEllipse(cov, k);
      expect(e.lambda1).toBeCloseTo(top.lambda, 9);
      // The other eigenvalue: trace − λ₁ (and det = λ₁λ₂).
      expect(e.lambda2).toBeCloseTo(trace - top.lambda, 9);
      expect(e.lambda1 * e.lambda2).toBeCloseTo(cov.xx * cov.yy - cov.xy * cov.xy, 9);
      expect(e.major).toBeCloseTo(k * Math.sqrt(top.lambda), 9);
      expect(e.minor).toBeCloseTo(k * Math.sqrt(trace - top.lambda), 9);
      // Same direction up to sign: |cos| of the angle between them is 1.
      expect(Math.abs(Math.cos(e.angle) * top.v[0] + Math.sin(e.angle) * top.v[1])).toBeCloseTo(1, 9);
    }
  });

  it.each(CASES)('draws points on the k-SD level set (%o)', (cov) => {
    for (const k of [1, 2]) {
      const center: [number, number] = [3, -1];
      const points = ellipsePoints(center, covarianceEllipse(cov, k), 64);
      expect(points).toHaveLength(64);
      for (const [x, y] of points)
        expect(mahalanobis2(cov, [x - center[0], y - center[1]])).toBeCloseTo(k * k, 9);
    }
  });

  it('after batch norm: λ = 1 ± |ρ| and the axes at ±45°, whatever σ₁, σ₂ were', () => {
    for (const rho of [0.6, -0.45, 0.95]) {
      const e = covarianceEllipse({ xx: 1, xy: rho, yy: 1 }, 1);
      expect(e.lambda1).toBeCloseTo(1 + Math.abs(rho), 12);
      expect(e.lambda2).toBeCloseTo(1 - Math.abs(rho), 12);
      expect((e.angle * 180) / Math.PI).toBeCloseTo(Math.sign(rho) * 45, 9);
    }
    // Before, the tilt depends on σ₁ and σ₂; its sign is the correlation's, and batch norm keeps it.
    const before = covarianceEllipse(
      gaussian2dCovariance({ mu1: 3, mu2: 2, sigma1: 1.5, sigma2: 0.6, rho: 0.6 }),
      1,
    );
    expect((before.angle * 180) / Math.PI).toBeGreaterThan(0);
    expect((before.angle * 180) / Math.PI).toBeLessThan(45);
  });
});

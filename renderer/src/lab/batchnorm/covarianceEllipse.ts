/**
 * The k-SD contour of a 2-D Gaussian, {x : (x - mu)ᵀ Σ⁻¹ (x - mu) = k²}: an ellipse whose axes lie
 * along Σ's eigenvectors with half-lengths k √λ. For a symmetric 2x2 matrix the eigenvalues are
 * (xx + yy)/2 ± √(((xx - yy)/2)² + xy²) and the major axis makes the angle ½ atan2(2 xy, xx - yy)
 * with the first axis.
 */
import type { Covariance } from './gaussian2dCovariance.js';

export interface CovarianceEllipse {
  /** Eigenvalues, larger first. */
  lambda1: number;
  lambda2: number;
  /** Angle of the major axis (the eigenvector of lambda1) from the x1 axis, radians in (-π/2, π/2]. */
  angle: number;
  /** Half-axes k √lambda1 and k √lambda2. */
  major: number;
  minor: number;
}

export function covarianceEllipse(cov: Covariance, k: number): CovarianceEllipse {
  const mid = (cov.xx + cov.yy) / 2;
  const radius = Math.hypot((cov.xx - cov.yy) / 2, cov.xy);
  const lambda1 = mid + radius;
  // Clamped: rounding can push a singular matrix's small eigenvalue just below 0.
  const lambda2 = Math.max(0, mid - radius);
  const angle = 0.5 * Math.atan2(2 * cov.xy, cov.xx - cov.yy);
  return { lambda1, lambda2, angle, major: k * Math.sqrt(lambda1), minor: k * Math.sqrt(lambda2) };
}

/** `count` points around the ellipse centred at `center`, in data units. */
export function ellipsePoints(
  center: [number, number],
  e: CovarianceEllipse,
  count = 96,
): [number, number][] {
  const c = Math.cos(e.angle);
  const s = Math.sin(e.angle);
  return Array.from({ length: count }, (_, i) => {
    const t = (2 * Math.PI * i) / count;
    const u = e.major * Math.cos(t);
    const v = e.minor * Math.sin(t);
    return [center[0] + c * u - s * v, center[1] + s * u + c * v];
  });
}

/**
 * A correlated 2-D Gaussian sample as a [N, 2] tensor's data (interleaved x1, x2): from standard
 * normals z1, z2, x1 = mu1 + s1 z1 and x2 = mu2 + s2 (rho z1 + sqrt(1 - rho²) z2), which has
 * standard deviations s1, s2 and correlation rho (the Cholesky factor of the covariance).
 */
export interface Gaussian2d {
  mu1: number;
  mu2: number;
  sigma1: number;
  sigma2: number;
  rho: number;
}

/** Scales `z` (2N standard normals, e.g. standardNormals(2N, seed)) to the Gaussian `g`. */
export function gaussian2dSample(g: Gaussian2d, z: ArrayLike<number>): Float32Array {
  const out = new Float32Array(z.length - (z.length % 2));
  const c = Math.sqrt(Math.max(0, 1 - g.rho * g.rho));
  for (let i = 0; i + 1 < z.length; i += 2) {
    out[i] = g.mu1 + g.sigma1 * z[i];
    out[i + 1] = g.mu2 + g.sigma2 * (g.rho * z[i] + c * z[i + 1]);
  }
  return out;
}

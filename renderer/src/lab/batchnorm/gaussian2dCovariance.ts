/** The covariance matrix [[s1², rho s1 s2], [rho s1 s2, s2²]] of a 2-D Gaussian, by its entries. */
import type { Gaussian2d } from './gaussian2dSample.js';

export interface Covariance {
  xx: number;
  xy: number;
  yy: number;
}

export function gaussian2dCovariance(g: Gaussian2d): Covariance {
  return { xx: g.sigma1 ** 2, xy: g.rho * g.sigma1 * g.sigma2, yy: g.sigma2 ** 2 };
}

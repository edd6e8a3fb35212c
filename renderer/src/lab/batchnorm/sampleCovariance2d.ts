/**
 * Means, (biased) covariance and correlation of interleaved 2-D points [x0, y0, x1, y1, ...], the
 * layout of a [N, 2] tensor.
 */
import { sampleMoments } from './sampleMoments.js';

export interface Covariance2d {
  mean: [number, number];
  /** [[xx, xy], [xy, yy]] as its three distinct entries. */
  xx: number;
  xy: number;
  yy: number;
  /** Pearson correlation xy / sqrt(xx yy). */
  rho: number;
}

export function sampleCovariance2d(points: ArrayLike<number>): Covariance2d {
  const a = sampleMoments(points, 2, 0);
  const b = sampleMoments(points, 2, 1);
  let xy = 0;
  for (let i = 0; i + 1 < points.length; i += 2) xy += (points[i] - a.mean) * (points[i + 1] - b.mean);
  xy /= a.count;
  return {
    mean: [a.mean, b.mean],
    xx: a.variance,
    xy,
    yy: b.variance,
    rho: xy / Math.sqrt(a.variance * b.variance),
  };
}

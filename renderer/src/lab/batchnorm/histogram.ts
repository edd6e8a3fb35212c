/**
 * A histogram over [lo, hi) in equal bins, as counts and as a density (counts / (total · width)),
 * so it can be drawn under a probability density: its area is the fraction of values inside.
 */
export interface Histogram {
  lo: number;
  hi: number;
  width: number;
  counts: number[];
  density: number[];
  /** Values seen (inside or not). */
  total: number;
  /** Values inside [lo, hi]. */
  inside: number;
}

export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): Histogram {
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  let inside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue;
    // The right edge belongs to the last bin, so a value equal to hi is counted.
    counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
    inside++;
  }
  const total = values.length;
  const density = counts.map((c) => (total > 0 && width > 0 ? c / (total * width) : 0));
  return { lo, hi, width, counts, density, total, inside };
}

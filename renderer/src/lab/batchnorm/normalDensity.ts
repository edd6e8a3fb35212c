/** The density of N(mean, sd²) at x: exp(-(x - mean)² / (2 sd²)) / (sd √(2π)). */
export function normalDensity(x: number, mean: number, sd: number): number {
  const u = (x - mean) / sd;
  return Math.exp(-0.5 * u * u) / (sd * Math.sqrt(2 * Math.PI));
}

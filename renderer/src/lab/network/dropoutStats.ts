/**
 * What the dropout instrument reports, from the kernel's outputs: K passes over the same input x
 * (n cells), run as one call over K stacked copies of x, each copy with its own mask.
 *
 * Inverted dropout keeps each cell with probability 1 − p and scales kept ones by s = 1/(1 − p)
 * (float32, as the kernels and torch compute it), so E[y_i] = x_i. One pass's mean over the grid,
 * m = (1/n) Σ x_i m_i s, has variance (1/n²) Σ x_i² · p/(1 − p); the mean of K passes has that
 * over K. Kept cells per pass: n(1 − p) on average, spread √(n p (1 − p)).
 */

export interface DropoutStats {
  /** The float32 scale the kernels apply: fround(1 / fround(1 − p)). */
  scale: number;
  /** y/x over kept cells of all passes with x ≠ 0 (min and max; both equal s up to rounding). */
  measuredScale: { min: number; max: number } | null;
  /** Largest |y − x·m·s| over all passes (float32 products). */
  maxScalingError: number;
  /** Kept cells in pass 1, and the expectation ± one standard deviation. */
  kept: number;
  keptExpected: number;
  keptSpread: number;
  /** Dropped fraction over all passes, and its expected spread √(p(1 − p)/(nK)). */
  droppedFraction: number;
  droppedSpread: number;
  /** The input's mean. */
  inputMean: number;
  /** Grid mean of each pass. */
  passMeans: Float64Array;
  /** Mean of passes 1..k, for k = 1..K. */
  runningMeans: Float64Array;
  /** Standard deviation of one pass's mean. */
  passSpread: number;
  /** Mean over all K passes, and its distance from the input mean in standard deviations (σ/√K). */
  overallMean: number;
  deviationInSpreads: number;
}

export function dropoutStats(
  x: readonly number[],
  y: ArrayLike<number>,
  mask: ArrayLike<number>,
  p: number,
): DropoutStats {
  const n = x.length;
  if (n === 0 || y.length % n !== 0 || mask.length !== y.length)
    throw new RangeError(`expected K copies of ${n} cells in y and mask, got ${y.length} and ${mask.length}`);
  const passes = y.length / n;
  const pf = Math.fround(p);
  const scale = pf >= 1 ? 0 : Math.fround(1 / Math.fround(1 - pf));
  let min = Infinity;
  let max = -Infinity;
  let maxScalingError = 0;
  let droppedTotal = 0;
  const passMeans = new Float64Array(passes);
  const runningMeans = new Float64Array(passes);
  let running = 0;
  for (let k = 0; k < passes; k++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const j = k * n + i;
      const v = y[j];
      sum += v;
      if (mask[j] === 0) droppedTotal++;
      maxScalingError = Math.max(maxScalingError, Math.abs(v - Math.fround(x[i] * mask[j] * scale)));
      if (mask[j] !== 0 && x[i] !== 0) {
        min = Math.min(min, v / x[i]);
        max = Math.max(max, v / x[i]);
      }
    }
    passMeans[k] = sum / n;
    running += passMeans[k];
    runningMeans[k] = running / (k + 1);
  }
  let kept = 0;
  for (let i = 0; i < n; i++) if (mask[i] !== 0) kept++;
  const inputMean = x.reduce((a, b) => a + b, 0) / n;
  const sumSquares = x.reduce((a, b) => a + b * b, 0);
  const passSpread = p >= 1 ? 0 : Math.sqrt((sumSquares * p) / (1 - p)) / n;
  const overallMean = runningMeans[passes - 1];
  const overallSpread = passSpread / Math.sqrt(passes);
  return {
    scale,
    measuredScale: min <= max ? { min, max } : null,
    maxScalingError,
    kept,
    keptExpected: n * (1 - p),
    keptSpread: Math.sqrt(n * p * (1 - p)),
    droppedFraction: droppedTotal / (n * passes),
    droppedSpread: Math.sqrt((p * (1 - p)) / (n * passes)),
    inputMean,
    passMeans,
    runningMeans,
    passSpread,
    overallMean,
    deviationInSpreads: overallSpread > 0 ? Math.abs(overallMean - inputMean) / overallSpread : 0,
  };
}

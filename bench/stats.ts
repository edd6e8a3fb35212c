/**
 * Summary statistics for benchmark samples. Shared machines are noisy in one direction (other
 * work only ever slows a run down), so the median is the headline figure and the minimum is the
 * best case the machine reached; means would be dragged around by the slow outliers.
 */

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The median of a non-empty list (mean of the two middle values for even lengths). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summary of no values');
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { median: median(values), min, max, runs: values.length };
}

/**
 * Converts per-run times (ms) into per-run rates (work / s). Done per run, not from the median
 * time, so that the rate's median and best both come from real runs.
 */
export function rates(timesMs: readonly number[], workPerRun: number): number[] {
  return timesMs.map((t) => (workPerRun / t) * 1000);
}

/** The best (largest) rate summary for a rate list: the median and the max, named as such. */
export interface RateSummary {
  median: number;
  best: number;
  runs: number;
}

export function summarizeRates(values: readonly number[]): RateSummary {
  const s = summarize(values);
  return { median: s.median, best: s.max, runs: s.runs };
}

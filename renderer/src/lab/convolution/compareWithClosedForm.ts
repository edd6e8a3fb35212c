/**
 * The kernel's y against the closed form over the shown n: the largest absolute difference and
 * whether it is within what float32 explains. The kernel sums in float32, so each y(n) can carry a
 * few units in the last place of the largest |y| (2^-23 relative each); cutting (1/2)^n u(n) where
 * it falls below float32's resolution can add its dropped tail on top.
 */
import { FLOAT32_EPSILON } from './float32Cutoff.js';

export interface ClosedFormComparison {
  maxAbsDiff: number;
  /** The n where the difference is largest. */
  worstN: number;
  tolerance: number;
  agrees: boolean;
}

export function compareWithClosedForm(
  ns: readonly number[],
  kernel: (n: number) => number,
  closed: (n: number) => number,
  droppedTail = 0,
  /** How many float32 roundings one y(n) may carry (about the number of terms). */
  roundings = 8,
): ClosedFormComparison {
  let maxAbsDiff = 0;
  let worstN = ns[0] ?? 0;
  let peak = 0;
  for (const n of ns) {
    // A sample the kernel did not compute (NaN) counts as infinitely far off.
    const raw = Math.abs(kernel(n) - closed(n));
    const d = Number.isNaN(raw) ? Infinity : raw;
    peak = Math.max(peak, Math.abs(closed(n)));
    if (d > maxAbsDiff) {
      maxAbsDiff = d;
      worstN = n;
    }
  }
  const tolerance = roundings * FLOAT32_EPSILON * Math.max(peak, 1e-30) + droppedTail;
  return { maxAbsDiff, worstN, tolerance, agrees: maxAbsDiff <= tolerance };
}

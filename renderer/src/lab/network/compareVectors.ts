/**
 * Whether two output vectors are the same to float32 precision: the largest absolute difference,
 * and a match when it is within a few float32 roundings of the values compared (the same sums in
 * another order differ by about that much, a real change by far more). Identical bits are
 * reported apart, because "exactly equal" and "equal to rounding" are different claims.
 */

/** Relative tolerance: 2^−17, about 16 float32 ulps, generous for sums of up to ~100 terms. */
export const FLOAT32_TOLERANCE = 2 ** -17;

export interface VectorComparison {
  maxDifference: number;
  /** The tolerance applied: FLOAT32_TOLERANCE × max(1, largest |value|). */
  tolerance: number;
  match: boolean;
  identical: boolean;
}

export function compareVectors(a: ArrayLike<number>, b: ArrayLike<number>): VectorComparison {
  if (a.length !== b.length) throw new RangeError(`cannot compare vectors of ${a.length} and ${b.length}`);
  let maxDifference = 0;
  let largest = 1;
  let identical = true;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= maxDifference)) maxDifference = d; // NaN propagates as a mismatch
    if (a[i] !== b[i]) identical = false;
    largest = Math.max(largest, Math.abs(a[i]), Math.abs(b[i]));
  }
  const tolerance = FLOAT32_TOLERANCE * largest;
  return { maxDifference, tolerance, match: maxDifference <= tolerance, identical };
}

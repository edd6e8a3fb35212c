/**
 * Comparison of a result against an oracle with explicit tolerances, shape first: an element
 * passes when |actual - expected| <= atol + rtol * |expected|. Failures name the worst element.
 */
import { expect } from 'vitest';

export interface Tolerance {
  atol: number;
  rtol: number;
}

interface Shaped {
  data: ArrayLike<number>;
  shape: readonly number[];
}

/** Largest absolute value (1 for an empty array), used to scale absolute tolerances. */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

/** Asserts element-wise closeness of two arrays of equal length. */
export function expectArrayClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: Tolerance,
  label: string,
): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    const excess = Math.abs(a - e) - (tol.atol + tol.rtol * Math.abs(e));
    if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    expect.fail(
      `${label}: element ${worst} is ${actual[worst]}, expected ${expected[worst]} ` +
        `(atol ${tol.atol}, rtol ${tol.rtol})`,
    );
  }
}

/** Asserts equal shapes, then element-wise closeness. */
export function expectTensorClose(actual: Shaped, expected: Shaped, tol: Tolerance, label: string): void {
  expect([...actual.shape], `${label}: shape`).toEqual([...expected.shape]);
  expectArrayClose(actual.data, expected.data, tol, label);
}

/**
 * Float32 results against a float64 oracle: relative 1e-4, absolute 2e-5 of the result's scale
 * (sums of many terms cancel, so small outputs carry the rounding of their large terms).
 */
export function float32Tolerance(expected: ArrayLike<number>, relative = 1e-4, absolute = 2e-5): Tolerance {
  return { rtol: relative, atol: absolute * Math.max(1, maxAbs(expected)) };
}

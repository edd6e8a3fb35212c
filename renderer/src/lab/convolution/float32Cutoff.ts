/**
 * Where an infinitely long, geometrically decaying signal stops mattering in float32: the last n
 * with ratio^n >= float32's machine epsilon (2^-23, the spacing of float32 numbers at 1). For
 * (1/2)^n that is n = 23; the tail dropped after it sums to ratio^24 / (1 - ratio) = 2^-23 for
 * ratio 1/2, about half a unit in the last place of y's peak value 2.
 */

/** float32's machine epsilon, 2^-23. */
export const FLOAT32_EPSILON = 2 ** -23;

/** The last n kept of ratio^n u(n) (0 < ratio < 1). */
export function float32Cutoff(ratio: number): number {
  let n = 0;
  while (ratio ** (n + 1) >= FLOAT32_EPSILON) n++;
  return n;
}

/** The sum of the dropped tail, sum over n > cutoff of ratio^n. */
export function droppedTail(ratio: number, cutoff: number): number {
  return ratio ** (cutoff + 1) / (1 - ratio);
}

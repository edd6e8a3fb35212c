/**
 * The circular shift (dx, dy) that turns image a into image b (circularShift(a, size, dx, dy)
 * equals b), the smallest in row-major order of (dy, dx), or null when none does. Used to state how
 * the homework's images are related instead of asserting it.
 */
import { circularShift } from './circularShift.js';

export function shiftBetween(
  a: readonly number[],
  b: readonly number[],
  size: number,
): { dx: number; dy: number } | null {
  for (let dy = 0; dy < size; dy++)
    for (let dx = 0; dx < size; dx++) {
      const shifted = circularShift(a, size, dx, dy);
      if (shifted.every((v, i) => v === b[i])) return { dx, dy };
    }
  return null;
}

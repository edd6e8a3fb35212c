/** The dropout instrument's input x: an 8×8 grid of ones, a ramp, or seeded uniform values. */
import { mulberry32 } from '../../../../native-kernels/seededRandom.js';

export type DropoutPattern = 'ones' | 'ramp' | 'random';

export const DROPOUT_ROWS = 8;
export const DROPOUT_COLS = 8;

export function dropoutInput(pattern: DropoutPattern, seed = 1): number[] {
  const n = DROPOUT_ROWS * DROPOUT_COLS;
  if (pattern === 'ones') return Array<number>(n).fill(1);
  // 0.1 .. 6.4: every cell a different value, so the scaling is visible value by value.
  if (pattern === 'ramp') return Array.from({ length: n }, (_, i) => (i + 1) / 10);
  const next = mulberry32(seed);
  return Array.from({ length: n }, () => Math.round(next() * 100) / 100);
}

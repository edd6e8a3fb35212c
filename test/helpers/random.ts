/**
 * Seeded random data for tests: the same seed gives the same numbers on every machine, so a
 * failure can be reproduced from the seed in its test name.
 */
import { numel } from '../../native-kernels/shapes.js';
import type { Tensor } from '../../native-kernels/types.js';

/** mulberry32: a tiny 32-bit generator; returns a function giving uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A float32 tensor of the given shape with elements uniform in [lo, hi). */
export function randomTensor(
  rng: () => number,
  shape: readonly number[],
  lo = -1,
  hi = 1,
): Tensor<Float32Array> {
  const data = new Float32Array(numel(shape));
  for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * rng();
  return { data, shape: [...shape] };
}

/**
 * Seeded random data for tests: the same seed gives the same numbers on every machine, so a
 * failure can be reproduced from the seed in its test name.
 */
import { numel } from '../../native-kernels/shapes.js';
import type { Tensor } from '../../native-kernels/types.js';

/** The project's one seeded generator (native-kernels/seededRandom.ts); tests use the same one. */
export { mulberry32 } from '../../native-kernels/seededRandom.js';

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

/**
 * A small seeded generator (mulberry32) so that inputs and weights are the same in every run and
 * every process: the 1-thread and 2-thread outputs can then be compared exactly.
 */

import { mulberry32 } from '../test/helpers/random.js';

export type Random = () => number;

/** Uniform in [0, 1): the tests' generator, so bench and test data come from one definition. */
export const seededRandom: (seed: number) => Random = mulberry32;

/** Fills `out` with values uniform in [-scale, scale). */
export function fillUniform<T extends Float32Array | Float64Array>(out: T, random: Random, scale = 1): T {
  for (let i = 0; i < out.length; ++i) out[i] = (random() * 2 - 1) * scale;
  return out;
}

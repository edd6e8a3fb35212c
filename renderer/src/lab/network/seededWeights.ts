/**
 * Weights of question 3(f)'s network CONV2-3 → ReLU → CONV2-3 → ReLU → GAP → FC-3 on a 1-channel
 * image, drawn from a seeded generator (mulberry32) so a seed always gives the same network.
 * Values are rounded to hundredths so they read and edit exactly as shown.
 */

import { mulberry32 } from '../../../../native-kernels/seededRandom.js';

export interface InvarianceWeights {
  /** [3, 1, 2, 2] and 3 biases. */
  conv1: { w: number[]; b: number[] };
  /** [3, 3, 2, 2] and 3 biases. */
  conv2: { w: number[]; b: number[] };
  /** [3, 3] (out × in) and 3 biases. */
  fc: { w: number[]; b: number[] };
}

/** The shapes of the weight tensors, as the kernels take them. */
export const WEIGHT_SHAPES = {
  conv1: [3, 1, 2, 2],
  conv2: [3, 3, 2, 2],
  fc: [3, 3],
} as const;

export function seededWeights(seed: number): InvarianceWeights {
  const next = mulberry32(seed);
  // Weights in [−1, 1], biases in [−0.2, 0.2]: small biases keep most units alive after ReLU
  // while making the background non-zero, where zero padding's border shows.
  const values = (n: number, scale: number) =>
    Array.from({ length: n }, () => Math.round((next() * 2 - 1) * scale * 100) / 100);
  return {
    conv1: { w: values(12, 1), b: values(3, 0.2) },
    conv2: { w: values(36, 1), b: values(3, 0.2) },
    fc: { w: values(9, 1), b: values(3, 0.2) },
  };
}

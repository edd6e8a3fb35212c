/**
 * The homework's 2-D convolution questions (2(c), 2(d)) with their worked answers, shared by the
 * tests that check them through different implementations (reference, native kernels).
 * x = 1..25 as a 5x5 matrix (row-major), h = [[-1,-2,-1],[0,0,0],[1,2,1]].
 */
import type { Conv2dOptions } from '../../native-kernels/types.js';

export const HOMEWORK_X = Array.from({ length: 25 }, (_, i) => i + 1);
export const HOMEWORK_H = [-1, -2, -1, 0, 0, 0, 1, 2, 1];

export interface HomeworkConvCase {
  name: string;
  options: Conv2dOptions;
  expected: number[][];
}

export const HOMEWORK_CONV_CASES: HomeworkConvCase[] = [
  {
    name: 'true convolution, no padding: a 3x3 of -40',
    options: { flip: true },
    expected: [
      [-40, -40, -40],
      [-40, -40, -40],
      [-40, -40, -40],
    ],
  },
  {
    name: 'cross-correlation, no padding: a 3x3 of +40',
    options: {},
    expected: [
      [40, 40, 40],
      [40, 40, 40],
      [40, 40, 40],
    ],
  },
  {
    name: 'true convolution, padding 1, stride 1',
    options: { flip: true, padding: 1, stride: 1 },
    expected: [
      [-19, -28, -32, -36, -29],
      [-30, -40, -40, -40, -30],
      [-30, -40, -40, -40, -30],
      [-30, -40, -40, -40, -30],
      [49, 68, 72, 76, 59],
    ],
  },
  {
    name: 'true convolution, padding 1, stride 2',
    options: { flip: true, padding: 1, stride: 2 },
    expected: [
      [-19, -32, -29],
      [-30, -40, -30],
      [49, 72, 59],
    ],
  },
];

/** The output plane of an [1, 1, oh, ow] tensor as rows. */
export function planeRows(t: { data: ArrayLike<number>; shape: readonly number[] }): number[][] {
  const [, , oh, ow] = t.shape;
  return Array.from({ length: oh }, (_, r) => Array.from({ length: ow }, (_, c) => t.data[r * ow + c]));
}

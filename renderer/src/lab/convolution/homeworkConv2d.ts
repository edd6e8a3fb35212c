/**
 * The homework's 2-D inputs (question 2(c)) and its stride/padding cases (2(d)): inputs only; every
 * output the instrument shows is computed.
 */
import type { PaddingMode } from '../../../../native-kernels/types.js';

/** x = 1..25 row by row. */
export const HOMEWORK_X: number[][] = Array.from({ length: 5 }, (_, r) =>
  Array.from({ length: 5 }, (_, c) => 5 * r + c + 1),
);

/** A vertical-gradient (Sobel-like) filter. */
export const HOMEWORK_H: number[][] = [
  [-1, -2, -1],
  [0, 0, 0],
  [1, 2, 1],
];

export interface Conv2dSettings {
  stride: number;
  padding: number;
  dilation: number;
  mode: PaddingMode;
  /** true: convolution (the homework's definition); false: correlation (CNN layers). */
  flip: boolean;
}

export const HOMEWORK_CASES: { id: string; label: string; settings: Conv2dSettings }[] = [
  {
    id: '2c',
    label: '2(c): no padding',
    settings: { stride: 1, padding: 0, dilation: 1, mode: 'zeros', flip: true },
  },
  {
    id: '2d-i',
    label: '2(d) i: stride 1, pad 1',
    settings: { stride: 1, padding: 1, dilation: 1, mode: 'zeros', flip: true },
  },
  {
    id: '2d-ii',
    label: '2(d) ii: stride 2, pad 1',
    settings: { stride: 2, padding: 1, dilation: 1, mode: 'zeros', flip: true },
  },
];

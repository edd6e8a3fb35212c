/**
 * The arithmetic of one output cell y[r, c] of conv2d on the padded input: the window starts at
 * padded (r·S, c·S), tap (i, j) reads padded (r·S + i·D, c·S + j·D) and multiplies it with the
 * kernel as applied: h[i][j] for correlation (what CNN layers compute), h rotated by 180°,
 * h[K−1−i][K−1−j], for true convolution (the homework's definition (2)). Summed in float64.
 */
import type { PaddedInput } from './paddedInput.js';

export interface CellTap {
  /** Tap position in the kernel as applied. */
  i: number;
  j: number;
  /** Where it reads on the padded input. */
  row: number;
  col: number;
  weight: number;
  value: number;
  product: number;
}

export interface CellProducts {
  r: number;
  c: number;
  taps: CellTap[];
  sum: number;
}

export interface CellGeometry {
  stride: number;
  dilation: number;
  flip: boolean;
}

/** h as it meets the window: rotated by 180° for convolution, as entered for correlation. */
export function appliedKernel(h: readonly (readonly number[])[], flip: boolean): number[][] {
  const rows = h.map((row) => [...row]);
  return flip ? rows.reverse().map((row) => row.reverse()) : rows;
}

export function outputCellProducts(
  padded: PaddedInput,
  h: readonly (readonly number[])[],
  { stride, dilation, flip }: CellGeometry,
  r: number,
  c: number,
): CellProducts {
  const k = appliedKernel(h, flip);
  const taps: CellTap[] = [];
  let sum = 0;
  for (let i = 0; i < k.length; i++) {
    for (let j = 0; j < k[i].length; j++) {
      const row = r * stride + i * dilation;
      const col = c * stride + j * dilation;
      const value = padded.values[row][col];
      const product = k[i][j] * value;
      taps.push({ i, j, row, col, weight: k[i][j], value, product });
      sum += product;
    }
  }
  return { r, c, taps, sum };
}

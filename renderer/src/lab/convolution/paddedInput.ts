/**
 * The input as conv2d sees it after padding by P on every side: each padded cell's value and the
 * input cell it copies (null: a zero of zero padding). The rule is the kernel library's own
 * (native-kernels/padding.ts, shared with the renderer), so the window the instrument highlights
 * reads exactly what the kernel read.
 */
import { sourceIndex } from '../../../../native-kernels/padding.js';
import type { PaddingMode } from '../../../../native-kernels/types.js';

export interface PaddedInput {
  /** (H + 2P) x (W + 2P) values. */
  values: number[][];
  /** The input [row, col] each cell copies; null for a zero. */
  source: ([number, number] | null)[][];
  pad: number;
}

export function paddedInput(x: readonly (readonly number[])[], pad: number, mode: PaddingMode): PaddedInput {
  const h = x.length;
  const w = x[0]?.length ?? 0;
  const values: number[][] = [];
  const source: ([number, number] | null)[][] = [];
  for (let r = 0; r < h + 2 * pad; r++) {
    const sr = sourceIndex(r - pad, h, mode);
    const vRow: number[] = [];
    const sRow: ([number, number] | null)[] = [];
    for (let c = 0; c < w + 2 * pad; c++) {
      const sc = sourceIndex(c - pad, w, mode);
      const inside = sr >= 0 && sc >= 0;
      vRow.push(inside ? x[sr][sc] : 0);
      sRow.push(inside ? [sr, sc] : null);
    }
    values.push(vRow);
    source.push(sRow);
  }
  return { values, source, pad };
}

/**
 * Measures, on one map of a conv output, whether its last row and column repeat its first (as a
 * 2×2 kernel with circular padding 1 makes them: output row n reads input rows n−1 and n ≡ 0, the
 * same as row 0 reads). Returns the largest differences, so the figure states what it measured.
 */
import type { LabTensor } from '../../../../preload/labContract.js';

export interface DuplicatedWrap {
  rows: number;
  cols: number;
  /** max |map[last row] − map[row 0]| and the same for columns. */
  rowDifference: number;
  colDifference: number;
}

export function duplicatedWrap(y: LabTensor, item: number, channel: number): DuplicatedWrap {
  if (y.shape.length !== 4) throw new RangeError(`expected an NCHW tensor, got shape ${y.shape.join('×')}`);
  const [n, c, h, w] = y.shape;
  if (item < 0 || item >= n || channel < 0 || channel >= c)
    throw new RangeError(`no map (${item}, ${channel})`);
  const base = (item * c + channel) * h * w;
  const at = (r: number, q: number) => y.data[base + r * w + q];
  let rowDifference = 0;
  let colDifference = 0;
  for (let q = 0; q < w; q++) rowDifference = Math.max(rowDifference, Math.abs(at(h - 1, q) - at(0, q)));
  for (let r = 0; r < h; r++) colDifference = Math.max(colDifference, Math.abs(at(r, w - 1) - at(r, 0)));
  return { rows: h, cols: w, rowDifference, colDifference };
}

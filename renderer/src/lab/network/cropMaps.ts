/**
 * The top-left rows×cols of every map of an NCHW tensor. With a 2×2 kernel and circular padding 1
 * the kernels return (n+1)×(n+1) maps whose last row and column repeat the first; keeping the
 * first n×n is exactly the circular convolution on the n×n torus, which the instrument runs beside
 * the kernels' own 9×9 maps to show where invariance is lost. It moves values and computes none.
 */
import type { LabTensor } from '../../../../preload/labContract.js';

export function cropMaps(x: LabTensor, rows: number, cols: number): LabTensor {
  if (x.shape.length !== 4) throw new RangeError(`expected an NCHW tensor, got shape ${x.shape.join('×')}`);
  const [n, c, h, w] = x.shape;
  if (rows > h || cols > w) throw new RangeError(`cannot crop ${h}×${w} maps to ${rows}×${cols}`);
  const data = new Float32Array(n * c * rows * cols);
  for (let p = 0; p < n * c; p++)
    for (let r = 0; r < rows; r++)
      for (let q = 0; q < cols; q++) data[(p * rows + r) * cols + q] = x.data[(p * h + r) * w + q];
  return { shape: [n, c, rows, cols], data };
}

/**
 * Reference global average pooling (torch.nn.functional.adaptive_avg_pool2d(x, 1)): the mean of
 * each (n, c) plane.
 */
import type { FloatArray, Tensor } from '../types.js';
import { expectRank, expectShape, zeros } from './tensor.js';

/** Mean of each plane of an NCHW tensor; output shape [N, C, 1, 1]. */
export function globalAvgPool(x: Tensor<FloatArray>): Tensor<Float64Array> {
  expectRank(x, 4, 'global avg pool input');
  const [n, c, h, w] = x.shape;
  const y = zeros([n, c, 1, 1]);
  for (let p = 0; p < n * c; p++) {
    let sum = 0;
    for (let s = 0; s < h * w; s++) sum += x.data[p * h * w + s];
    y.data[p] = sum / (h * w);
  }
  return y;
}

/** Global average pool backward: every pixel of a plane gets dy / (H * W). */
export function globalAvgPoolBackward(
  dy: Tensor<FloatArray>,
  inputShape: readonly number[],
): Tensor<Float64Array> {
  if (inputShape.length !== 4)
    throw new Error(`global avg pool expects (N, C, H, W), got [${inputShape.join(', ')}]`);
  const [n, c, h, w] = inputShape;
  expectShape(dy, [n, c, 1, 1], 'global avg pool dy');
  const dx = zeros(inputShape);
  for (let p = 0; p < n * c; p++) {
    for (let s = 0; s < h * w; s++) dx.data[p * h * w + s] = dy.data[p] / (h * w);
  }
  return dx;
}

/** Reference ReLU (torch.relu) and its backward (torch's threshold_backward on the output). */
import type { FloatArray, Tensor } from '../types.js';
import { expectShape, zeros } from './tensor.js';

/** max(x, 0); NaN passes through, as in torch. */
export function relu(x: Tensor<FloatArray>): Tensor<Float64Array> {
  const y = zeros(x.shape);
  // `x < 0 ? 0 : x` rather than Math.max, which would not let NaN and -0 through as torch does.
  for (let i = 0; i < x.data.length; i++) y.data[i] = x.data[i] < 0 ? 0 : x.data[i];
  return y;
}

/** dx = dy where the output y > 0, else 0 (so the gradient at exactly 0 is 0, as in torch). */
export function reluBackward(dy: Tensor<FloatArray>, y: Tensor<FloatArray>): Tensor<Float64Array> {
  expectShape(y, dy.shape, 'relu y');
  const dx = zeros(dy.shape);
  for (let i = 0; i < dy.data.length; i++) dx.data[i] = y.data[i] > 0 ? dy.data[i] : 0;
  return dx;
}

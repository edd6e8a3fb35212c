/** Max, average and global average pooling on the native kernels. */
import { loadAddon } from './addon.js';
import { convOutputSize } from './shapes.js';
import type { MaxPoolResult, Pool2dOptions, Tensor } from './types.js';
import {
  expectBoolean,
  expectIndices,
  expectOptions,
  expectPair,
  expectSameShape,
  expectShape,
  expectTensor,
  pairOption,
} from './validate.js';

/** A validated pooling call: the native geometry array and the shapes. */
export interface Pool2dPlan {
  /** [n, c, h, w, kh, kw, sh, sw, ph, pw, countIncludePad] for the raw addon. */
  geometry: Int32Array;
  inputShape: [number, number, number, number];
  outputShape: [number, number, number, number];
  planes: number;
}

/** Checks the pooling options against torch's rules (padding at most half the kernel). */
export function planPool2d(inputShape: readonly number[], options: Pool2dOptions): Pool2dPlan {
  const opts = expectOptions('options', options);
  if (opts.kernel === undefined)
    throw new TypeError('Expected a kernel size for options.kernel but received undefined');
  const [n, c, h, w] = inputShape;
  const [kh, kw] = expectPair('options.kernel', opts.kernel, 1);
  const [sh, sw] = opts.stride === undefined ? [kh, kw] : expectPair('options.stride', opts.stride, 1);
  const [ph, pw] = pairOption('options.padding', opts.padding as Pool2dOptions['padding'], 0, 0);
  const includePad =
    opts.countIncludePad === undefined
      ? true
      : expectBoolean('options.countIncludePad', opts.countIncludePad);
  if (2 * ph > kh || 2 * pw > kw)
    throw new RangeError(
      `Expected padding at most half the kernel (${kh}x${kw}) for options.padding but received [${ph}, ${pw}]`,
    );
  const oh = convOutputSize(h, kh, sh, ph);
  const ow = convOutputSize(w, kw, sw, pw);
  if (oh < 1 || ow < 1)
    throw new RangeError(
      `Expected a pooling window no larger than the padded input (${h + 2 * ph}x${w + 2 * pw}) for options.kernel but received [${kh}, ${kw}]`,
    );
  return {
    geometry: Int32Array.from([n, c, h, w, kh, kw, sh, sw, ph, pw, includePad ? 1 : 0]),
    inputShape: [n, c, h, w],
    outputShape: [n, c, oh, ow],
    planes: n * c,
  };
}

/** torch.nn.functional.max_pool2d with return_indices. */
export function maxPool2d(x: Tensor, options: Pool2dOptions): MaxPoolResult {
  const xt = expectTensor('x', x, [4]);
  const plan = planPool2d(xt.shape, options);
  const size = plan.outputShape.reduce((a, b) => a * b, 1);
  const y = new Float32Array(size);
  const indices = new Int32Array(size);
  loadAddon().maxPool2dForward(xt.data, y, indices, plan.geometry, 0, plan.planes);
  return { y: { data: y, shape: plan.outputShape }, indices };
}

/** Gradient of max pooling: each output's gradient goes to its argmax. */
export function maxPool2dBackward(
  dy: Tensor,
  indices: Int32Array,
  inputShape: readonly number[],
  options: Pool2dOptions,
): Tensor {
  const plan = planPool2d(expectShape('inputShape', inputShape, [4]), options);
  const dyt = expectTensor('dy', dy, [4]);
  expectSameShape('dy.shape', dyt.shape, plan.outputShape);
  expectIndices('indices', indices, dyt.data.length, 0, plan.inputShape[2] * plan.inputShape[3]);
  const dx = new Float32Array(plan.inputShape.reduce((a, b) => a * b, 1));
  loadAddon().maxPool2dBackward(dyt.data, indices, dx, plan.geometry, 0, plan.planes);
  return { data: dx, shape: plan.inputShape };
}

/** torch.nn.functional.avg_pool2d (count_include_pad as an option). */
export function avgPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const xt = expectTensor('x', x, [4]);
  const plan = planPool2d(xt.shape, options);
  const y = new Float32Array(plan.outputShape.reduce((a, b) => a * b, 1));
  loadAddon().avgPool2dForward(xt.data, y, plan.geometry, 0, plan.planes);
  return { data: y, shape: plan.outputShape };
}

/** Gradient of average pooling. */
export function avgPool2dBackward(dy: Tensor, inputShape: readonly number[], options: Pool2dOptions): Tensor {
  const plan = planPool2d(expectShape('inputShape', inputShape, [4]), options);
  const dyt = expectTensor('dy', dy, [4]);
  expectSameShape('dy.shape', dyt.shape, plan.outputShape);
  const dx = new Float32Array(plan.inputShape.reduce((a, b) => a * b, 1));
  loadAddon().avgPool2dBackward(dyt.data, dx, plan.geometry, 0, plan.planes);
  return { data: dx, shape: plan.inputShape };
}

/** Mean over each channel's whole plane: [N, C, H, W] -> [N, C, 1, 1]. */
export function globalAvgPool(x: Tensor): Tensor {
  const xt = expectTensor('x', x, [4]);
  const [n, c, h, w] = xt.shape;
  const y = new Float32Array(n * c);
  loadAddon().globalAvgPoolForward(xt.data, y, n * c, h * w, 0, n * c);
  return { data: y, shape: [n, c, 1, 1] };
}

/** Gradient of global average pooling. */
export function globalAvgPoolBackward(dy: Tensor, inputShape: readonly number[]): Tensor {
  const [n, c, h, w] = expectShape('inputShape', inputShape, [4]);
  const dyt = expectTensor('dy', dy, [4]);
  expectSameShape('dy.shape', dyt.shape, [n, c, 1, 1]);
  const dx = new Float32Array(n * c * h * w);
  loadAddon().globalAvgPoolBackward(dyt.data, dx, n * c, h * w, 0, n * c);
  return { data: dx, shape: [n, c, h, w] };
}

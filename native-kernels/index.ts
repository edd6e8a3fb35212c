/**
 * Convscope's kernel library: PyTorch-exact float32 conv2d, batch norm, pooling, dropout, ReLU,
 * linear and softmax cross-entropy, forward and backward, on the native addon. Every argument is
 * validated here before native code runs. For multithreaded use, the plan* functions validate once
 * and the raw addon (addon.ts) runs a range of the work on each worker thread.
 */
export { conv2d, conv2dBackward, planConv2d } from './conv2d.js';
export type { Conv2dPlan } from './conv2d.js';
export { batchNormTrain, batchNormEval, batchNormBackwardTrain, batchNormBackwardEval } from './batchnorm.js';
export {
  maxPool2d,
  maxPool2dBackward,
  avgPool2d,
  avgPool2dBackward,
  globalAvgPool,
  globalAvgPoolBackward,
  planPool2d,
} from './pool2d.js';
export type { Pool2dPlan } from './pool2d.js';
export { relu, reluBackward, dropout, dropoutBackward, dropoutHash } from './elementwise.js';
export { linear, linearBackward, softmaxCrossEntropy, softmaxCrossEntropyBackward } from './linear.js';
export { loadAddon } from './addon.js';
export type { NativeAddon } from './addon.js';
export { convOutputSize, numel, pair } from './shapes.js';
export type * from './types.js';
export { filter2d, planFilter2d, runFilter2dRows, checkImageView, MAX_FILTER_SIZE } from './filter2d.js';
export type { ImageView, Filter2dOptions, Filter2dPlan, FilterKernel2d, FilterMapping } from './filter2d.js';

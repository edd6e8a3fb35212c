/**
 * The TypeScript reference kernels: plain float64 loops with torch.nn.functional semantics, the
 * oracle every native kernel is tested against. The native front (../index.ts) exports the same
 * names with float32 results.
 */
export { conv2d, conv2dBackward } from './conv2d.js';
export { batchNormTrain, batchNormEval, batchNormBackwardTrain, batchNormBackwardEval } from './batchnorm.js';
export { maxPool2d, maxPool2dBackward, avgPool2d, avgPool2dBackward } from './pool2d.js';
export { globalAvgPool, globalAvgPoolBackward } from './globalAvgPool.js';
export { dropout, dropoutBackward, dropoutHash } from './dropout.js';
export { relu, reluBackward } from './activation.js';
export { linear, linearBackward } from './linear.js';
export { softmaxCrossEntropy, softmaxCrossEntropyBackward } from './crossEntropy.js';
export { filter2dReference } from './filter2d.js';

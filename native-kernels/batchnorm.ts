/** Batch norm forward and backward (training and evaluation) on the native kernels. */
import { loadAddon } from './addon.js';
import type { BatchNormGrads, BatchNormOptions, BatchNormTrainResult, Tensor } from './types.js';
import {
  expectFinite,
  expectFloat32,
  expectNumber,
  expectOptions,
  expectSameShape,
  expectTensor,
} from './validate.js';

/** (N, C) or (N, C, L) or (N, C, H, W): statistics per channel over N and the spatial axes. */
const RANKS = [2, 3, 4];

interface Layout {
  x: Tensor;
  n: number;
  c: number;
  hw: number;
}

function layout(x: unknown): Layout {
  const xt = expectTensor('x', x, RANKS);
  const [n, c] = xt.shape;
  return { x: xt, n, c, hw: xt.data.length / (n * c) };
}

function perChannel(name: string, value: unknown, c: number, finite = true): Float32Array {
  const arr = expectFloat32(name, value, c);
  return finite ? expectFinite(name, arr) : arr;
}

function readOptions(options: unknown): { eps: number; momentum: number } {
  const opts = expectOptions('options', options);
  return {
    eps: opts.eps === undefined ? 1e-5 : expectNumber('options.eps', opts.eps, Number.MIN_VALUE, 1),
    momentum: opts.momentum === undefined ? 0.1 : expectNumber('options.momentum', opts.momentum, 0, 1),
  };
}

/**
 * Training mode: normalise with the batch statistics. The running estimates are returned as new
 * arrays updated with momentum (unbiased variance), as torch does in place.
 */
export function batchNormTrain(
  x: Tensor,
  gamma: Float32Array,
  beta: Float32Array,
  runningMean: Float32Array | null,
  runningVar: Float32Array | null,
  options?: BatchNormOptions,
): BatchNormTrainResult {
  const { x: xt, n, c, hw } = layout(x);
  const g = perChannel('gamma', gamma, c);
  const b = perChannel('beta', beta, c);
  if ((runningMean === null) !== (runningVar === null))
    throw new TypeError(`Expected runningMean and runningVar both given or both null but received only one`);
  const rm = runningMean === null ? null : Float32Array.from(perChannel('runningMean', runningMean, c));
  const rv = runningVar === null ? null : Float32Array.from(perChannel('runningVar', runningVar, c));
  const { eps, momentum } = readOptions(options);
  if (n * hw < 2)
    throw new RangeError(
      `Expected more than one value per channel in training mode for x.shape but received [${xt.shape.join(', ')}]`,
    );
  const y = new Float32Array(xt.data.length);
  const mean = new Float32Array(c);
  const invstd = new Float32Array(c);
  loadAddon().batchNormForwardTrain(xt.data, g, b, y, mean, invstd, rm, rv, n, c, hw, eps, momentum, 0, c);
  return {
    y: { data: y, shape: xt.shape },
    mean,
    invstd,
    runningMean: rm ?? new Float32Array(0),
    runningVar: rv ?? new Float32Array(0),
  };
}

/** Evaluation mode: normalise with the running estimates. */
export function batchNormEval(
  x: Tensor,
  gamma: Float32Array,
  beta: Float32Array,
  runningMean: Float32Array,
  runningVar: Float32Array,
  options?: BatchNormOptions,
): Tensor {
  const { x: xt, n, c, hw } = layout(x);
  const args = [
    perChannel('gamma', gamma, c),
    perChannel('beta', beta, c),
    perChannel('runningMean', runningMean, c),
    perChannel('runningVar', runningVar, c),
  ] as const;
  if (args[3].some((v) => v < 0))
    throw new RangeError(`Expected non-negative values for runningVar but received a negative variance`);
  const { eps } = readOptions(options);
  const y = new Float32Array(xt.data.length);
  loadAddon().batchNormForwardEval(xt.data, ...args, y, n, c, hw, eps, 0, c);
  return { data: y, shape: xt.shape };
}

/** Training-mode gradients from the saved batch mean and 1/std. */
export function batchNormBackwardTrain(
  x: Tensor,
  dy: Tensor,
  gamma: Float32Array,
  mean: Float32Array,
  invstd: Float32Array,
): BatchNormGrads {
  const { x: xt, n, c, hw } = layout(x);
  const dyt = expectTensor('dy', dy, RANKS);
  expectSameShape('dy.shape', dyt.shape, xt.shape);
  const dx = new Float32Array(xt.data.length);
  const dgamma = new Float32Array(c);
  const dbeta = new Float32Array(c);
  loadAddon().batchNormBackwardTrain(
    xt.data,
    dyt.data,
    perChannel('gamma', gamma, c),
    perChannel('mean', mean, c),
    perChannel('invstd', invstd, c),
    dx,
    dgamma,
    dbeta,
    n,
    c,
    hw,
    0,
    c,
  );
  return { dx: { data: dx, shape: xt.shape }, dgamma, dbeta };
}

/** Evaluation-mode gradients (the running statistics are constants). */
export function batchNormBackwardEval(
  x: Tensor,
  dy: Tensor,
  gamma: Float32Array,
  runningMean: Float32Array,
  runningVar: Float32Array,
  options?: BatchNormOptions,
): BatchNormGrads {
  const { x: xt, n, c, hw } = layout(x);
  const dyt = expectTensor('dy', dy, RANKS);
  expectSameShape('dy.shape', dyt.shape, xt.shape);
  const { eps } = readOptions(options);
  const dx = new Float32Array(xt.data.length);
  const dgamma = new Float32Array(c);
  const dbeta = new Float32Array(c);
  loadAddon().batchNormBackwardEval(
    xt.data,
    dyt.data,
    perChannel('gamma', gamma, c),
    perChannel('runningMean', runningMean, c),
    perChannel('runningVar', runningVar, c),
    dx,
    dgamma,
    dbeta,
    n,
    c,
    hw,
    eps,
    0,
    c,
  );
  return { dx: { data: dx, shape: xt.shape }, dgamma, dbeta };
}

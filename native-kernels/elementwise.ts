/** ReLU and inverted dropout on the native kernels. */
import { loadAddon } from './addon.js';
import type { DropoutResult, Tensor } from './types.js';
import { expectInteger, expectNumber, expectSameShape, expectTensor } from './validate.js';

const ANY_RANK = [1, 2, 3, 4, 5, 6];
/** Dropout's hash takes 32-bit element indices. */
const MAX_DROPOUT_ELEMENTS = 2 ** 32;

/** max(x, 0); NaN passes through as in torch. */
export function relu(x: Tensor): Tensor {
  const xt = expectTensor('x', x, ANY_RANK);
  const y = new Float32Array(xt.data.length);
  loadAddon().reluForward(xt.data, y, 0, y.length);
  return { data: y, shape: xt.shape };
}

/** dx = dy where the output y > 0, else 0 (torch's threshold_backward on the output). */
export function reluBackward(dy: Tensor, y: Tensor): Tensor {
  const dyt = expectTensor('dy', dy, ANY_RANK);
  const yt = expectTensor('y', y, ANY_RANK);
  expectSameShape('y.shape', yt.shape, dyt.shape);
  const dx = new Float32Array(dyt.data.length);
  loadAddon().reluBackward(dyt.data, yt.data, dx, 0, dx.length);
  return { data: dx, shape: dyt.shape };
}

/**
 * Inverted dropout: each element is zeroed with probability p and the survivors are scaled by
 * 1 / (1 - p), so the expected output equals the input. The same seed gives the same mask.
 */
export function dropout(x: Tensor, p: number, seed: number): DropoutResult {
  const xt = expectTensor('x', x, ANY_RANK);
  expectNumber('p', p, 0, 1);
  expectInteger('seed', seed, 0, 2 ** 32 - 1);
  if (xt.data.length > MAX_DROPOUT_ELEMENTS)
    throw new RangeError(`Expected at most 2^32 elements for x but received ${xt.data.length}`);
  const y = new Float32Array(xt.data.length);
  const mask = new Uint8Array(xt.data.length);
  loadAddon().dropoutForward(xt.data, y, mask, p, seed, 0, y.length);
  return { y: { data: y, shape: xt.shape }, mask };
}

/** Gradient of dropout with its forward mask. */
export function dropoutBackward(dy: Tensor, mask: Uint8Array, p: number): Tensor {
  const dyt = expectTensor('dy', dy, ANY_RANK);
  if (!(mask instanceof Uint8Array))
    throw new TypeError(`Expected a Uint8Array for mask but received ${typeof mask}`);
  if (mask.length !== dyt.data.length)
    throw new RangeError(
      `Expected a Uint8Array of length ${dyt.data.length} for mask but received length ${mask.length}`,
    );
  expectNumber('p', p, 0, 1);
  const dx = new Float32Array(dyt.data.length);
  loadAddon().dropoutBackward(dyt.data, mask, p, dx, 0, dx.length);
  return { data: dx, shape: dyt.shape };
}

/** The counter-based hash behind dropout masks (uint32), exposed so the reference can match it. */
export function dropoutHash(seed: number, index: number): number {
  return loadAddon().dropoutHash(
    expectInteger('seed', seed, 0, 2 ** 32 - 1),
    expectInteger('index', index, 0, 2 ** 32 - 1),
  );
}

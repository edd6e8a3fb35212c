/**
 * Output shapes of convolution and pooling, in one place for the kernels, the reference, the
 * back end and the renderer. Formulas are torch's (floor mode).
 */
import type { Pair } from './types.js';

/** Expands a `Pair` into [height, width]. */
export function pair(value: Pair): [number, number] {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

/** floor((in + 2 * pad - dilation * (kernel - 1) - 1) / stride) + 1; may be <= 0 when too small. */
export function convOutputSize(input: number, kernel: number, stride = 1, padding = 0, dilation = 1): number {
  return Math.floor((input + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** Product of the dimensions. */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

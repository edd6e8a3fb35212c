/**
 * Small helpers shared by the reference kernels: allocation and shape checks. The reference
 * assumes valid arguments (the native front validates them); these checks only catch shapes that
 * cannot belong together, so a mistake in a test fails loudly instead of reading garbage.
 */
import { numel } from '../shapes.js';
import type { FloatArray, Tensor } from '../types.js';

/** A zero-filled float64 tensor of the given shape. */
export function zeros(shape: readonly number[]): Tensor<Float64Array> {
  return { data: new Float64Array(numel(shape)), shape: [...shape] };
}

/** Throws unless `t` has the given rank and as many elements as its shape says. */
export function expectRank(t: Tensor<FloatArray>, rank: number, what: string): void {
  if (t.shape.length !== rank) {
    throw new Error(`${what} must have rank ${rank}, got shape [${t.shape.join(', ')}]`);
  }
  if (t.data.length !== numel(t.shape)) {
    throw new Error(`${what} has ${t.data.length} elements but shape [${t.shape.join(', ')}]`);
  }
}

/** Throws unless `t` has exactly the expected shape. */
export function expectShape(t: Tensor<FloatArray>, shape: readonly number[], what: string): void {
  const same = t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]);
  if (!same || t.data.length !== numel(shape)) {
    throw new Error(`${what} must have shape [${shape.join(', ')}], got [${t.shape.join(', ')}]`);
  }
}

/** Throws unless the array has `length` elements. */
export function expectLength(a: ArrayLike<number>, length: number, what: string): void {
  if (a.length !== length) throw new Error(`${what} must have ${length} elements, got ${a.length}`);
}

/**
 * Reference inverted dropout. The mask comes from a counter-based hash of (seed, element index),
 * bit-identical to dropout_hash in native-kernels/src/elementwise.cc, so the reference and the
 * native kernel drop exactly the same elements whatever the threading.
 */
import type { DropoutResult, FloatArray, Tensor } from '../types.js';
import { expectLength, zeros } from './tensor.js';

/** The "lowbias32" integer finaliser on uint32 (Math.imul wraps like C++ uint32 multiply). */
function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** dropout_hash(seed, index) of the C++ kernels, as a uint32. Seed and index wrap modulo 2^32. */
export function dropoutHash(seed: number, index: number): number {
  const s = mix32((seed >>> 0) ^ 0x9e3779b9);
  return mix32((mix32((index >>> 0) ^ s) + s) >>> 0);
}

/** The kernels take p as float32; the threshold and scale are computed from that float. */
function checkP(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout: p must lie in [0, 1], got ${p}`);
  return Math.fround(p);
}

/** 1 / (1 - p) in float32 arithmetic, as torch and the kernels scale kept elements; 0 if p = 1. */
function keepScale(pf: number): number {
  return pf >= 1 ? 0 : Math.fround(1 / Math.fround(1 - pf));
}

/**
 * Inverted dropout: element i is kept iff (hash >>> 8) >= p * 2^24. As in torch, the output is
 * x * (mask * scale), so a dropped NaN or infinity still gives NaN.
 */
export function dropout(x: Tensor<FloatArray>, p: number, seed: number): DropoutResult<Float64Array> {
  const pf = checkP(p);
  const scale = keepScale(pf);
  const threshold = pf * 16777216; // p * 2^24: exact in float64
  const y = zeros(x.shape);
  const mask = new Uint8Array(x.data.length);
  for (let i = 0; i < x.data.length; i++) {
    const u24 = dropoutHash(seed, i) >>> 8;
    mask[i] = u24 >= threshold ? 1 : 0;
    y.data[i] = x.data[i] * (mask[i] * scale);
  }
  return { y, mask };
}

/** Dropout backward: dx = dy * (mask * scale), as torch multiplies by its noise tensor. */
export function dropoutBackward(dy: Tensor<FloatArray>, mask: Uint8Array, p: number): Tensor<Float64Array> {
  expectLength(mask, dy.data.length, 'dropout mask');
  const scale = keepScale(checkP(p));
  const dx = zeros(dy.shape);
  for (let i = 0; i < dy.data.length; i++) dx.data[i] = dy.data[i] * (mask[i] * scale);
  return dx;
}

/**
 * The graph ops that are data movement or elementwise arithmetic (broadcast Add, Pad, Softmax,
 * a 2-D transpose) and their backward passes, written once over Float32Array or Float64Array so
 * the float32 runner and the float64 reference use the same indexing. Stores into a Float32Array
 * round each result once, which is float32 arithmetic's answer for a single add.
 */
import { sourceIndex } from '../../../native-kernels/padding.js';
import type { FloatArray, PaddingMode } from '../../../native-kernels/types.js';
import type { PadMode } from './graphPlan.js';
import { numel, sameDims, stridesOf } from './tensorDims.js';

/** Strides of `dims` right-aligned into a rank-`rank` index, 0 along broadcast axes. */
function broadcastStrides(dims: readonly number[], rank: number, outDims: readonly number[]): number[] {
  const own = stridesOf(dims);
  return outDims.map((d, i) => {
    const j = i - (rank - dims.length);
    return j < 0 || dims[j] !== d ? 0 : own[j];
  });
}

/**
 * Calls visit(outIndex, aIndex, bIndex) over outDims in row-major order, with the flat indices
 * of the two broadcast operands.
 */
function forEachBroadcast(
  outDims: readonly number[],
  aDims: readonly number[],
  bDims: readonly number[],
  visit: (o: number, a: number, b: number) => void,
): void {
  const rank = outDims.length;
  const sa = broadcastStrides(aDims, rank, outDims);
  const sb = broadcastStrides(bDims, rank, outDims);
  const index = new Array<number>(rank).fill(0);
  const total = numel(outDims);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < total; o++) {
    visit(o, ia, ib);
    // Odometer step: bump the last axis, carry into earlier ones.
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]++;
      ia += sa[axis];
      ib += sb[axis];
      if (index[axis] < outDims[axis]) break;
      ia -= sa[axis] * outDims[axis];
      ib -= sb[axis] * outDims[axis];
      index[axis] = 0;
    }
  }
}

/** out = a + b with numpy broadcasting (out has outDims). */
export function addBroadcast<T extends FloatArray>(
  a: FloatArray,
  aDims: readonly number[],
  b: FloatArray,
  bDims: readonly number[],
  outDims: readonly number[],
  out: T,
): T {
  if (sameDims(aDims, outDims) && sameDims(bDims, outDims)) {
    for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
    return out;
  }
  forEachBroadcast(outDims, aDims, bDims, (o, ia, ib) => {
    out[o] = a[ia] + b[ib];
  });
  return out;
}

/** The gradient of a broadcast operand: dy summed over the axes it was broadcast along. */
export function reduceToDims<T extends FloatArray>(
  dy: FloatArray,
  outDims: readonly number[],
  dims: readonly number[],
  out: T,
): T {
  if (sameDims(dims, outDims)) {
    out.set(dy);
    return out;
  }
  out.fill(0);
  forEachBroadcast(outDims, dims, [], (o, i) => {
    out[i] += dy[o];
  });
  return out;
}

const PAD_RULES: Record<PadMode, PaddingMode> = { constant: 'zeros', reflect: 'reflect', edge: 'replicate' };

/** Per axis, the source index of each output coordinate (-1: the constant). */
function padSources(
  inDims: readonly number[],
  outDims: readonly number[],
  begins: readonly number[],
  mode: PadMode,
): Int32Array[] {
  return outDims.map((size, axis) =>
    Int32Array.from({ length: size }, (_, o) => sourceIndex(o - begins[axis], inDims[axis], PAD_RULES[mode])),
  );
}

/** Visits every output element with the flat index of its source (-1 for the constant). */
function forEachPadded(
  inDims: readonly number[],
  outDims: readonly number[],
  begins: readonly number[],
  mode: PadMode,
  visit: (o: number, source: number) => void,
): void {
  const rank = outDims.length;
  const sources = padSources(inDims, outDims, begins, mode);
  const strides = stridesOf(inDims);
  const index = new Array<number>(rank).fill(0);
  const total = numel(outDims);
  for (let o = 0; o < total; o++) {
    let source = 0;
    for (let axis = 0; axis < rank; axis++) {
      const s = sources[axis][index[axis]];
      if (s < 0) {
        source = -1;
        break;
      }
      source += s * strides[axis];
    }
    visit(o, source);
    for (let axis = rank - 1; axis >= 0; axis--) {
      if (++index[axis] < outDims[axis]) break;
      index[axis] = 0;
    }
  }
}

/** ONNX Pad: constant, reflect (mirror without repeating the edge) or edge (repeat it). */
export function padForward<T extends FloatArray>(
  x: FloatArray,
  inDims: readonly number[],
  outDims: readonly number[],
  begins: readonly number[],
  mode: PadMode,
  value: number,
  out: T,
): T {
  forEachPadded(inDims, outDims, begins, mode, (o, s) => {
    out[o] = s < 0 ? value : x[s];
  });
  return out;
}

/** Pad's backward: each output's gradient goes to the input it copied (summed), none to the constant. */
export function padBackward<T extends FloatArray>(
  dy: FloatArray,
  inDims: readonly number[],
  outDims: readonly number[],
  begins: readonly number[],
  mode: PadMode,
  out: T,
): T {
  out.fill(0);
  forEachPadded(inDims, outDims, begins, mode, (o, s) => {
    if (s >= 0) out[s] += dy[o];
  });
  return out;
}

/**
 * Softmax over `outer` x `inner` groups of `size` elements spaced `inner` apart, computed in
 * double with the group's maximum subtracted first (so large logits do not overflow).
 */
export function softmaxForward<T extends FloatArray>(
  x: FloatArray,
  outer: number,
  size: number,
  inner: number,
  out: T,
): T {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let max = -Infinity;
      for (let k = 0; k < size; k++) max = Math.max(max, x[base + k * inner]);
      let sum = 0;
      for (let k = 0; k < size; k++) sum += Math.exp(x[base + k * inner] - max);
      for (let k = 0; k < size; k++) out[base + k * inner] = Math.exp(x[base + k * inner] - max) / sum;
    }
  }
  return out;
}

/** Softmax's backward from its output y: dx = y * (dy - sum(dy * y)) within each group. */
export function softmaxBackward<T extends FloatArray>(
  y: FloatArray,
  dy: FloatArray,
  outer: number,
  size: number,
  inner: number,
  out: T,
): T {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let dot = 0;
      for (let k = 0; k < size; k++) dot += dy[base + k * inner] * y[base + k * inner];
      for (let k = 0; k < size; k++)
        out[base + k * inner] = y[base + k * inner] * (dy[base + k * inner] - dot);
    }
  }
  return out;
}

/** out = x^T for x of rows x cols. */
export function transpose2d<T extends FloatArray>(x: FloatArray, rows: number, cols: number, out: T): T {
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = x[r * cols + c];
  return out;
}

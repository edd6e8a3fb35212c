/**
 * Reference max and average pooling (torch.nn.functional.max_pool2d / avg_pool2d, floor mode,
 * no dilation) over NCHW tensors. Each (n, c) plane is pooled on its own.
 */
import { convOutputSize, pair } from '../shapes.js';
import type { FloatArray, MaxPoolResult, Pool2dOptions, Tensor } from '../types.js';
import { expectLength, expectRank, expectShape, zeros } from './tensor.js';

interface PoolGeometry {
  planes: number;
  h: number;
  w: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  oh: number;
  ow: number;
}

/** An output's input window clipped to the image, and torch's avg_pool2d divisor for it. */
interface Window {
  h0: number;
  h1: number;
  w0: number;
  w1: number;
  divisor: number;
}

function geometry(shape: readonly number[], options: Pool2dOptions): PoolGeometry {
  if (shape.length !== 4) throw new Error(`pooling expects (N, C, H, W), got [${shape.join(', ')}]`);
  const [n, c, h, w] = shape;
  const [kh, kw] = pair(options.kernel);
  const [sh, sw] = pair(options.stride ?? options.kernel);
  const [ph, pw] = pair(options.padding ?? 0);
  // torch: "pad should be at most half of kernel size", so every window holds a real pixel.
  if (2 * ph > kh || 2 * pw > kw) throw new Error('pooling: padding larger than half the kernel');
  const oh = convOutputSize(h, kh, sh, ph);
  const ow = convOutputSize(w, kw, sw, pw);
  if (oh < 1 || ow < 1) throw new Error('pooling: window larger than the padded input');
  return { planes: n * c, h, w, kh, kw, sh, sw, ph, pw, oh, ow };
}

function window(g: PoolGeometry, oy: number, ox: number, countIncludePad: boolean): Window {
  const top = oy * g.sh - g.ph;
  const left = ox * g.sw - g.pw;
  // As in torch: the window may hang over the padding but never past it...
  const bottom = Math.min(top + g.kh, g.h + g.ph);
  const right = Math.min(left + g.kw, g.w + g.pw);
  const padded = (bottom - top) * (right - left);
  // ...and only the part inside the image is read.
  const h0 = Math.max(top, 0);
  const w0 = Math.max(left, 0);
  const h1 = Math.min(bottom, g.h);
  const w1 = Math.min(right, g.w);
  return { h0, h1, w0, w1, divisor: countIncludePad ? padded : (h1 - h0) * (w1 - w0) };
}

/** max_pool2d with return_indices: indices are flat offsets into each input plane. */
export function maxPool2d(x: Tensor<FloatArray>, options: Pool2dOptions): MaxPoolResult<Float64Array> {
  expectRank(x, 4, 'max pool input');
  const g = geometry(x.shape, options);
  const y = zeros([x.shape[0], x.shape[1], g.oh, g.ow]);
  const indices = new Int32Array(y.data.length);
  for (let p = 0; p < g.planes; p++) {
    for (let oy = 0; oy < g.oh; oy++) {
      for (let ox = 0; ox < g.ow; ox++) {
        const win = window(g, oy, ox, true);
        let best = -Infinity;
        let arg = win.h0 * g.w + win.w0;
        for (let iy = win.h0; iy < win.h1; iy++) {
          for (let ix = win.w0; ix < win.w1; ix++) {
            const v = x.data[p * g.h * g.w + iy * g.w + ix];
            // Strict '>' keeps the first of tied maxima. A NaN always takes over and is never
            // displaced by a number, so NaN propagates; with several NaNs the last one's index
            // is kept, exactly like torch's CPU loop (no early exit).
            if (v > best || Number.isNaN(v)) {
              best = v;
              arg = iy * g.w + ix;
            }
          }
        }
        const o = (p * g.oh + oy) * g.ow + ox;
        y.data[o] = best;
        indices[o] = arg;
      }
    }
  }
  return { y, indices };
}

/** max_pool2d backward: each output's gradient goes to the input its index names. */
export function maxPool2dBackward(
  dy: Tensor<FloatArray>,
  indices: Int32Array,
  inputShape: readonly number[],
  options: Pool2dOptions,
): Tensor<Float64Array> {
  const g = geometry(inputShape, options);
  expectShape(dy, [inputShape[0], inputShape[1], g.oh, g.ow], 'max pool dy');
  expectLength(indices, dy.data.length, 'max pool indices');
  const dx = zeros(inputShape);
  for (let p = 0; p < g.planes; p++) {
    for (let o = 0; o < g.oh * g.ow; o++) {
      const k = p * g.oh * g.ow + o;
      // Overlapping windows may pick the same input: the gradients add.
      dx.data[p * g.h * g.w + indices[k]] += dy.data[k];
    }
  }
  return dx;
}

/** avg_pool2d: window sum over torch's divisor (see `countIncludePad`). */
export function avgPool2d(x: Tensor<FloatArray>, options: Pool2dOptions): Tensor<Float64Array> {
  expectRank(x, 4, 'avg pool input');
  const g = geometry(x.shape, options);
  const includePad = options.countIncludePad ?? true;
  const y = zeros([x.shape[0], x.shape[1], g.oh, g.ow]);
  for (let p = 0; p < g.planes; p++) {
    for (let oy = 0; oy < g.oh; oy++) {
      for (let ox = 0; ox < g.ow; ox++) {
        const win = window(g, oy, ox, includePad);
        let sum = 0;
        for (let iy = win.h0; iy < win.h1; iy++) {
          for (let ix = win.w0; ix < win.w1; ix++) sum += x.data[p * g.h * g.w + iy * g.w + ix];
        }
        y.data[(p * g.oh + oy) * g.ow + ox] = sum / win.divisor;
      }
    }
  }
  return y;
}

/** avg_pool2d backward: each output's gradient is shared out over its window's image pixels. */
export function avgPool2dBackward(
  dy: Tensor<FloatArray>,
  inputShape: readonly number[],
  options: Pool2dOptions,
): Tensor<Float64Array> {
  const g = geometry(inputShape, options);
  expectShape(dy, [inputShape[0], inputShape[1], g.oh, g.ow], 'avg pool dy');
  const includePad = options.countIncludePad ?? true;
  const dx = zeros(inputShape);
  for (let p = 0; p < g.planes; p++) {
    for (let oy = 0; oy < g.oh; oy++) {
      for (let ox = 0; ox < g.ow; ox++) {
        const win = window(g, oy, ox, includePad);
        const share = dy.data[(p * g.oh + oy) * g.ow + ox] / win.divisor;
        for (let iy = win.h0; iy < win.h1; iy++) {
          for (let ix = win.w0; ix < win.w1; ix++) dx.data[p * g.h * g.w + iy * g.w + ix] += share;
        }
      }
    }
  }
  return dx;
}

/**
 * How the FIR instrument asks the kernel library for y = x * h and y2 = x(n - N) * h: both rows
 * go in one conv2d call as a batch of two [1, len] signals, h as a [1, 1, 1, K] kernel, with
 * flip: true (true convolution, the homework's definition (1)) and K - 1 zeros of padding on both
 * sides of the row, which makes the output the full convolution: element k of the output is
 * y(xStart + hStart + k).
 *
 * Arrays start at index 0, signals at any n, so the bookkeeping is explicit: x (and its shifted
 * copy) are sampled from xStart, chosen so that the output covers every n the instrument shows (y
 * and y2 over the window, y(n - N) for the difference) and every nonzero sample of x is included.
 *
 * Infinitely long signals are cut on purpose: u(n) at the last n any shown y(n) reads (cutting
 * later changes nothing shown), and (1/2)^n u(n) also where it falls below float32's resolution
 * (float32Cutoff), which can change shown y(n) by at most the dropped tail (2^-23).
 */
import type { LabKernelRequest } from '../../../../preload/contract.js';
import { float32Cutoff } from './float32Cutoff.js';
import type { SignalDefinition } from './signalDefinition.js';

export interface SignalCut {
  signal: 'x' | 'h';
  /** The last n given to the kernel. */
  at: number;
  /** 'window': no shown y(n) reads beyond; 'float32': the decay fell below float32's resolution. */
  reason: 'window' | 'float32';
}

export interface FirKernelPlan {
  request: LabKernelRequest;
  /** n of the first sample of both x rows. */
  xStart: number;
  xLength: number;
  /** n of the first sample of h. */
  hStart: number;
  hLength: number;
  /** n of output element 0 (xStart + hStart); the output has xLength + hLength - 1 samples. */
  yStart: number;
  yLength: number;
  cuts: SignalCut[];
}

/** The last n of `s` given to the kernel, and why it is cut there (null: it ends by itself). */
function lastSample(s: SignalDefinition, needed: number, name: 'x' | 'h') {
  if (s.end < s.start) return { end: s.start, cut: null }; // all zero: one zero sample
  if (Number.isFinite(s.end)) return { end: s.end, cut: null };
  const window = Math.max(s.start, needed);
  if (s.decay !== null && float32Cutoff(s.decay) < window) {
    const at = Math.max(s.start, float32Cutoff(s.decay));
    return { end: at, cut: { signal: name, at, reason: 'float32' } as SignalCut };
  }
  return { end: window, cut: { signal: name, at: window, reason: 'window' } as SignalCut };
}

/**
 * The kernel request for y = x * h over n = lo..hi and y2 = x(n - shift) * h, and where each
 * output sample sits on the n axis.
 */
export function firKernelPlan(
  x: SignalDefinition,
  h: SignalDefinition,
  window: readonly [number, number],
  shift: number,
): FirKernelPlan {
  const [lo, hi] = window;
  // Every n whose y is shown: y and y2 over the window, y(n - N) for n in the window.
  const kLo = Math.min(lo, lo - shift);
  const kHi = Math.max(hi, hi - shift);
  const xs = x.end < x.start ? 0 : x.start;
  const hs = h.end < h.start ? 0 : h.start;
  // y(n) reads x(n - j) with j >= hs, and y2(n) reads x(n - j - N): up to kHi - hs + max(0, -N).
  const xLast = lastSample(x, kHi - hs + Math.max(0, -shift), 'x');
  // y(n) reads h(n - m) with m >= the start of x or of x2.
  const hLast = lastSample(h, kHi - (xs + Math.min(0, shift)), 'h');
  const hEnd = hLast.end;
  // x's rows: all of x and x2, and far enough both ways for the output to cover kLo..kHi.
  const xStart = Math.min(xs + Math.min(0, shift), kLo - hs);
  const xEndN = Math.max(xLast.end + Math.max(0, shift), kHi - hEnd);
  const xLength = xEndN - xStart + 1;
  const hLength = hEnd - hs + 1;
  const data = new Float32Array(2 * xLength);
  const inX = (m: number) => (m >= xs && m <= xLast.end ? x.at(m) : 0);
  for (let i = 0; i < xLength; i++) {
    data[i] = inX(xStart + i);
    data[xLength + i] = inX(xStart + i - shift);
  }
  const w = Float32Array.from({ length: hLength }, (_, i) => h.at(hs + i));
  const request: LabKernelRequest = {
    op: 'conv2d',
    x: { shape: [2, 1, 1, xLength], data },
    w: { shape: [1, 1, 1, hLength], data: w },
    bias: null,
    options: { padding: [0, hLength - 1], flip: true },
  };
  const cuts = [xLast.cut, hLast.cut].filter((c): c is SignalCut => c !== null);
  return {
    request,
    xStart,
    xLength,
    hStart: hs,
    hLength,
    yStart: xStart + hs,
    yLength: xLength + hLength - 1,
    cuts,
  };
}

/** y(n) (row 0) or y2(n) (row 1) from the kernel's output; NaN outside what it computed. */
export function firOutputAt(plan: FirKernelPlan, y: ArrayLike<number>, row: 0 | 1, n: number): number {
  const k = n - plan.yStart;
  if (k < 0 || k >= plan.yLength) return Number.NaN;
  return y[row * plan.yLength + k];
}

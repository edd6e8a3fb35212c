/**
 * Loads the compiled Node-API addon and types its raw functions. The raw functions trust their
 * caller for meaning (the front in index.ts validates and explains); they still bounds-check every
 * array and range so that no call can touch memory it does not own.
 *
 * Every kernel runs single-threaded on the calling thread over a caller-given range, so a pool of
 * worker threads can split one call (over SharedArrayBuffer-backed arrays) without copies.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A geometry array for conv2d: [n, c, h, w, f, kh, kw, sh, sw, ph, pw, dh, dw, groups, mode, flip,
 * algorithm?] with algorithm 0 auto, 1 im2col + GEMM, 2 direct.
 */
export type ConvGeometry = Int32Array;
/** A geometry array for pooling: [n, c, h, w, kh, kw, sh, sw, ph, pw, countIncludePad]. */
export type PoolGeometry = Int32Array;
/** Shared cancel flag: a non-zero first element asks long kernels to stop at the next tile. */
export type CancelFlag = Int32Array | null;

export interface NativeAddon {
  /** y rows [rowBegin, rowEnd) of the flattened (n, oh) space; returns false if cancelled. */
  conv2dForward(
    x: Float32Array,
    w: Float32Array,
    bias: Float32Array | null,
    y: Float32Array,
    geometry: ConvGeometry,
    rowBegin: number,
    rowEnd: number,
    activation: 0 | 1,
    cancel?: CancelFlag,
  ): boolean;
  /** dx for batch items [nBegin, nEnd), overwritten. */
  conv2dBackwardInput(
    dy: Float32Array,
    w: Float32Array,
    dx: Float32Array,
    geometry: ConvGeometry,
    nBegin: number,
    nEnd: number,
    cancel?: CancelFlag,
  ): boolean;
  /** dw (and dbias) overwritten with the partial sum over batch items [nBegin, nEnd). */
  conv2dBackwardWeight(
    x: Float32Array,
    dy: Float32Array,
    dw: Float32Array,
    dbias: Float32Array | null,
    geometry: ConvGeometry,
    nBegin: number,
    nEnd: number,
    cancel?: CancelFlag,
  ): boolean;
  batchNormForwardTrain(
    x: Float32Array,
    gamma: Float32Array,
    beta: Float32Array,
    y: Float32Array,
    saveMean: Float32Array,
    saveInvstd: Float32Array,
    runningMean: Float32Array | null,
    runningVar: Float32Array | null,
    n: number,
    c: number,
    hw: number,
    eps: number,
    momentum: number,
    cBegin: number,
    cEnd: number,
  ): void;
  batchNormForwardEval(
    x: Float32Array,
    gamma: Float32Array,
    beta: Float32Array,
    runningMean: Float32Array,
    runningVar: Float32Array,
    y: Float32Array,
    n: number,
    c: number,
    hw: number,
    eps: number,
    cBegin: number,
    cEnd: number,
  ): void;
  batchNormBackwardTrain(
    x: Float32Array,
    dy: Float32Array,
    gamma: Float32Array,
    saveMean: Float32Array,
    saveInvstd: Float32Array,
    dx: Float32Array,
    dgamma: Float32Array,
    dbeta: Float32Array,
    n: number,
    c: number,
    hw: number,
    cBegin: number,
    cEnd: number,
  ): void;
  batchNormBackwardEval(
    x: Float32Array,
    dy: Float32Array,
    gamma: Float32Array,
    runningMean: Float32Array,
    runningVar: Float32Array,
    dx: Float32Array,
    dgamma: Float32Array,
    dbeta: Float32Array,
    n: number,
    c: number,
    hw: number,
    eps: number,
    cBegin: number,
    cEnd: number,
  ): void;
  /** Planes are the flattened (n, c) pairs. */
  maxPool2dForward(
    x: Float32Array,
    y: Float32Array,
    indices: Int32Array,
    geometry: PoolGeometry,
    planeBegin: number,
    planeEnd: number,
  ): void;
  maxPool2dBackward(
    dy: Float32Array,
    indices: Int32Array,
    dx: Float32Array,
    geometry: PoolGeometry,
    planeBegin: number,
    planeEnd: number,
  ): void;
  avgPool2dForward(
    x: Float32Array,
    y: Float32Array,
    geometry: PoolGeometry,
    planeBegin: number,
    planeEnd: number,
  ): void;
  avgPool2dBackward(
    dy: Float32Array,
    dx: Float32Array,
    geometry: PoolGeometry,
    planeBegin: number,
    planeEnd: number,
  ): void;
  globalAvgPoolForward(
    x: Float32Array,
    y: Float32Array,
    planes: number,
    hw: number,
    planeBegin: number,
    planeEnd: number,
  ): void;
  globalAvgPoolBackward(
    dy: Float32Array,
    dx: Float32Array,
    planes: number,
    hw: number,
    planeBegin: number,
    planeEnd: number,
  ): void;
  reluForward(x: Float32Array, y: Float32Array, begin: number, end: number): void;
  reluBackward(dy: Float32Array, y: Float32Array, dx: Float32Array, begin: number, end: number): void;
  dropoutForward(
    x: Float32Array,
    y: Float32Array,
    mask: Uint8Array,
    p: number,
    seed: number,
    begin: number,
    end: number,
  ): void;
  dropoutBackward(
    dy: Float32Array,
    mask: Uint8Array,
    p: number,
    dx: Float32Array,
    begin: number,
    end: number,
  ): void;
  dropoutHash(seed: number, index: number): number;
  linearForward(
    x: Float32Array,
    w: Float32Array,
    bias: Float32Array | null,
    y: Float32Array,
    n: number,
    inFeatures: number,
    outFeatures: number,
    rowBegin: number,
    rowEnd: number,
    cancel?: CancelFlag,
  ): boolean;
  linearBackwardInput(
    dy: Float32Array,
    w: Float32Array,
    dx: Float32Array,
    n: number,
    inFeatures: number,
    outFeatures: number,
    rowBegin: number,
    rowEnd: number,
    cancel?: CancelFlag,
  ): boolean;
  /** Output features [outBegin, outEnd) of dw and dbias (no cross-range sums needed). */
  linearBackwardWeight(
    x: Float32Array,
    dy: Float32Array,
    dw: Float32Array,
    dbias: Float32Array | null,
    n: number,
    inFeatures: number,
    outFeatures: number,
    outBegin: number,
    outEnd: number,
    cancel?: CancelFlag,
  ): boolean;
  /** Returns the sum (not mean) of -log probs[label] over rows [rowBegin, rowEnd). */
  softmaxXentForward(
    logits: Float32Array,
    labels: Int32Array,
    probs: Float32Array,
    n: number,
    classes: number,
    rowBegin: number,
    rowEnd: number,
  ): number;
  softmaxXentBackward(
    probs: Float32Array,
    labels: Int32Array,
    scale: number,
    dlogits: Float32Array,
    n: number,
    classes: number,
    rowBegin: number,
    rowEnd: number,
  ): void;
  /**
   * Filters output rows [rowBegin, rowEnd) of an interleaved 8/16-bit image into dst (null for
   * mapping 4, statistics only); minmax receives the pre-mapping [min, max] of those rows.
   * geometry: [width, height, channels, depth, hasAlpha, luminance, kh, kw, anchorY, anchorX,
   * border (padding-mode code), mapping (0 clamp, 1 abs, 2 shift, 3 stretch, 4 stats only),
   * gradient]; params: [scale, offset, stretchMin, stretchMax].
   */
  filter2d(
    src: Uint8Array | Uint16Array,
    dst: Uint8Array | Uint16Array | null,
    geometry: Int32Array,
    kernel: Float32Array,
    kernelY: Float32Array | null,
    colX: Float32Array | null,
    rowX: Float32Array | null,
    colY: Float32Array | null,
    rowY: Float32Array | null,
    params: Float64Array,
    minmax: Float64Array,
    rowBegin: number,
    rowEnd: number,
    cancel?: CancelFlag,
    /** [colBegin, colEnd): the columns to filter (default all); destination rows are written there only. */
    cols?: Int32Array | null,
    /** Columns in that window whose pre-mapping values are copied out... */
    xs?: Int32Array | null,
    /** ...into this: rows x xs.length x colour bands (alpha never; 1 band for luminance). */
    values?: Float32Array | null,
  ): boolean;
  /** Runs independent FMAs; returns the floating-point operations done (peak measurement). */
  fmaPeak(iterations: number): number;
  /** The forward algorithm 'auto' picks for a geometry. */
  conv2dAlgorithm(geometry: ConvGeometry): 'gemm' | 'direct';
  /** Which code path the CPU dispatch picks. */
  cpuLevel(): string;
  /** Bytes of scratch this thread's addon instance holds (bounded by the tiling). */
  workspaceBytes(): number;
}

/** Padding modes in the order the native geometry encodes them. */
export const PADDING_MODE_CODES = { zeros: 0, reflect: 1, replicate: 2, circular: 3 } as const;

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The addon file: CONVSCOPE_KERNELS_ADDON overrides it (the sanitizer test run points it at an
 * instrumented build); otherwise node-gyp's Release output next to this file.
 */
export function addonPath(): string {
  return process.env.CONVSCOPE_KERNELS_ADDON ?? path.join(here, 'build', 'Release', 'convscope_kernels.node');
}

let cached: NativeAddon | undefined;

/** The addon for this thread (Node loads one instance per worker thread). */
export function loadAddon(): NativeAddon {
  if (cached) return cached;
  const file = addonPath();
  try {
    cached = createRequire(import.meta.url)(file) as NativeAddon;
  } catch (error) {
    throw new Error(
      `Convscope's native kernels are not built (${file}): run \`npm ci\` (or \`npm run build:addon\`). ` +
        `Cause: ${(error as Error).message}`,
    );
  }
  return cached;
}

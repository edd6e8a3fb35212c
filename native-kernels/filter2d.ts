/**
 * Image filtering on the native kernels: a correlation kernel (or a gradient-magnitude pair)
 * applied to an interleaved 8- or 16-bit image, straight to 8- or 16-bit samples. The back end's
 * filter jobs translate a user's FilterSpec (convolution flips, normalisation, separability) into
 * these options and split the rows over worker threads with planFilter2d + the raw addon.
 */
import { loadAddon, PADDING_MODE_CODES } from './addon.js';
import type { PaddingMode } from './types.js';
import {
  expectBoolean,
  expectFinite,
  expectFloat32,
  expectInteger,
  expectNumber,
  expectOneOf,
  expectOptions,
} from './validate.js';

/** An interleaved image: width * height * channels samples. */
export interface ImageView {
  data: Uint8Array | Uint16Array;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  depth: 8 | 16;
  /** The last channel is alpha (channels 2 or 4): copied, never filtered. */
  hasAlpha: boolean;
}

export interface FilterKernel2d {
  rows: number;
  cols: number;
  /** Row-major correlation weights (flip them first for true convolution). */
  data: Float32Array;
  /** When the kernel is the outer product column ⊗ row, two 1-D passes are used. */
  separable?: { column: Float32Array; row: Float32Array };
}

export type FilterMapping = 'clamp' | 'abs' | 'shift' | 'stretch';

export interface Filter2dOptions {
  kernel: FilterKernel2d;
  /** With kernelY: output sqrt(gx^2 + gy^2), gx from kernel. Same size as kernel. */
  kernelY?: FilterKernel2d;
  /** Output (y, x) reads input (y - anchor[0] + i, x - anchor[1] + j). Default floor(size / 2). */
  anchor?: readonly [number, number];
  border: PaddingMode;
  mapping: FilterMapping;
  /** Applied before mapping: value * scale + offset. Defaults 1 and 0. */
  scale?: number;
  offset?: number;
  /** Filter Rec. 709 luminance into one gray channel (plus alpha). */
  luminance?: boolean;
}

const MAPPINGS: readonly FilterMapping[] = ['clamp', 'abs', 'shift', 'stretch'];
const MAPPING_CODES = { clamp: 0, abs: 1, shift: 2, stretch: 3, stats: 4 } as const;
const MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];
/** Kernel sizes the library accepts (the app offers 1..31). */
export const MAX_FILTER_SIZE = 63;

/** A validated filter call: everything the raw addon needs, for any row range. */
export interface Filter2dPlan {
  /** Geometry with the final mapping; `statsGeometry` computes only the value range. */
  geometry: Int32Array;
  statsGeometry: Int32Array;
  kernel: Float32Array;
  kernelY: Float32Array | null;
  factors: [Float32Array | null, Float32Array | null, Float32Array | null, Float32Array | null];
  scale: number;
  offset: number;
  mapping: FilterMapping;
  dstChannels: number;
  /** Samples in the destination image. */
  dstLength: number;
}

function checkKernel(name: string, value: unknown): FilterKernel2d {
  const k = expectOptions(name, value) as unknown as FilterKernel2d;
  const rows = expectInteger(`${name}.rows`, k.rows, 1, MAX_FILTER_SIZE);
  const cols = expectInteger(`${name}.cols`, k.cols, 1, MAX_FILTER_SIZE);
  expectFinite(`${name}.data`, expectFloat32(`${name}.data`, k.data, rows * cols));
  if (k.separable !== undefined) {
    expectFinite(
      `${name}.separable.column`,
      expectFloat32(`${name}.separable.column`, k.separable.column, rows),
    );
    expectFinite(`${name}.separable.row`, expectFloat32(`${name}.separable.row`, k.separable.row, cols));
  }
  return k;
}

/** Checks an image view: sizes, sample type and length. */
export function checkImageView(name: string, value: unknown): ImageView {
  const v = expectOptions(name, value) as unknown as ImageView;
  const width = expectInteger(`${name}.width`, v.width, 1);
  const height = expectInteger(`${name}.height`, v.height, 1);
  const channels = expectInteger(`${name}.channels`, v.channels, 1, 4);
  const depth = v.depth;
  if (depth !== 8 && depth !== 16)
    throw new RangeError(`Expected 8 or 16 for ${name}.depth but received ${String(depth)}`);
  const hasAlpha = expectBoolean(`${name}.hasAlpha`, v.hasAlpha);
  if (hasAlpha && channels % 2 !== 0)
    throw new RangeError(`Expected 2 or 4 channels with alpha for ${name}.channels but received ${channels}`);
  const want = depth === 8 ? Uint8Array : Uint16Array;
  if (!(v.data instanceof want))
    throw new TypeError(
      `Expected a ${want.name} for ${name}.data (depth ${depth}) but received ${v.data?.constructor?.name ?? typeof v.data}`,
    );
  if (v.data.length !== width * height * channels)
    throw new RangeError(
      `Expected ${width * height * channels} samples for ${name}.data but received ${v.data.length}`,
    );
  return v;
}

/** Validates image and options once; the plan then runs on any row range in any thread. */
export function planFilter2d(image: ImageView, options: Filter2dOptions): Filter2dPlan {
  const img = checkImageView('image', image);
  const opts = expectOptions('options', options) as unknown as Filter2dOptions;
  const kernel = checkKernel('options.kernel', opts.kernel);
  const kernelY = opts.kernelY === undefined ? undefined : checkKernel('options.kernelY', opts.kernelY);
  if (kernelY && (kernelY.rows !== kernel.rows || kernelY.cols !== kernel.cols))
    throw new RangeError(
      `Expected a ${kernel.rows}x${kernel.cols} kernel for options.kernelY but received ${kernelY.rows}x${kernelY.cols}`,
    );
  const [ay, ax] = opts.anchor ?? [Math.floor(kernel.rows / 2), Math.floor(kernel.cols / 2)];
  expectInteger('options.anchor[0]', ay, 0, kernel.rows - 1);
  expectInteger('options.anchor[1]', ax, 0, kernel.cols - 1);
  const border = expectOneOf('options.border', opts.border, MODES);
  const mapping = expectOneOf('options.mapping', opts.mapping, MAPPINGS);
  const scale = opts.scale === undefined ? 1 : expectNumber('options.scale', opts.scale, -1e30, 1e30);
  const offset = opts.offset === undefined ? 0 : expectNumber('options.offset', opts.offset, -1e30, 1e30);
  const luminance = opts.luminance === undefined ? false : expectBoolean('options.luminance', opts.luminance);
  const dstChannels = luminance ? (img.hasAlpha ? 2 : 1) : img.channels;
  const geometry = (mapping: number) =>
    Int32Array.from([
      img.width,
      img.height,
      img.channels,
      img.depth,
      img.hasAlpha ? 1 : 0,
      luminance ? 1 : 0,
      kernel.rows,
      kernel.cols,
      ay,
      ax,
      PADDING_MODE_CODES[border],
      mapping,
      kernelY ? 1 : 0,
    ]);
  return {
    geometry: geometry(MAPPING_CODES[mapping]),
    statsGeometry: geometry(MAPPING_CODES.stats),
    kernel: kernel.data,
    kernelY: kernelY?.data ?? null,
    factors: [
      kernel.separable?.column ?? null,
      kernel.separable?.row ?? null,
      kernelY?.separable?.column ?? null,
      kernelY?.separable?.row ?? null,
    ],
    scale,
    offset,
    mapping,
    dstChannels,
    dstLength: img.width * img.height * dstChannels,
  };
}

/**
 * A preview's window: only columns [cols[0], cols[1]) are filtered (destination rows are written
 * there only), and the pre-mapping values at columns `xs` (inside that window) are copied into
 * `values`: per row, xs.length pixels of colour bands (1 for luminance; never alpha).
 */
export interface Filter2dWindow {
  cols?: readonly [number, number];
  xs?: Int32Array;
  values?: Float32Array;
}

/** Runs a plan over rows [rowBegin, rowEnd) on this thread; returns the rows' [min, max]. */
export function runFilter2dRows(
  plan: Filter2dPlan,
  src: Uint8Array | Uint16Array,
  dst: Uint8Array | Uint16Array | null,
  rowBegin: number,
  rowEnd: number,
  stretch: readonly [number, number] | null,
  cancel: Int32Array | null = null,
  window: Filter2dWindow = {},
): { completed: boolean; min: number; max: number } {
  if ((window.xs === undefined) !== (window.values === undefined))
    throw new TypeError('Expected xs and values together in the filter window');
  const minmax = new Float64Array(2);
  const params = Float64Array.of(plan.scale, plan.offset, stretch?.[0] ?? 0, stretch?.[1] ?? 0);
  const completed = loadAddon().filter2d(
    src,
    dst,
    dst === null ? plan.statsGeometry : plan.geometry,
    plan.kernel,
    plan.kernelY,
    ...plan.factors,
    params,
    minmax,
    rowBegin,
    rowEnd,
    cancel,
    window.cols === undefined ? null : Int32Array.from(window.cols),
    window.xs ?? null,
    window.values ?? null,
  );
  return { completed, min: minmax[0], max: minmax[1] };
}

/**
 * Filters a whole image on this thread. 'stretch' runs twice: once for the value range, then to
 * map it onto the full sample range. Returns the filtered image and the pre-mapping value range.
 */
export function filter2d(
  image: ImageView,
  options: Filter2dOptions,
): { image: ImageView; min: number; max: number } {
  const plan = planFilter2d(image, options);
  const dst = image.depth === 8 ? new Uint8Array(plan.dstLength) : new Uint16Array(plan.dstLength);
  let range: [number, number] | null = null;
  if (plan.mapping === 'stretch') {
    const stats = runFilter2dRows(plan, image.data, null, 0, image.height, null);
    range = [stats.min, stats.max];
  }
  const result = runFilter2dRows(plan, image.data, dst, 0, image.height, range);
  return {
    image: {
      data: dst,
      width: image.width,
      height: image.height,
      channels: plan.dstChannels as ImageView['channels'],
      depth: image.depth,
      hasAlpha: image.hasAlpha,
    },
    min: result.min,
    max: result.max,
  };
}

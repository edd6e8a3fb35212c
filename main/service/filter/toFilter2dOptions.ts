/**
 * A user's FilterSpec as the native kernel's options: true convolution becomes correlation with the
 * kernel rotated 180° (with the anchor rule of filterSpec.ts, both then use anchor floor(size / 2)),
 * normalisation becomes a scale, rank-1 kernels are detected and run as two 1-D passes.
 */
import type { Filter2dOptions, FilterKernel2d, FilterMapping } from '../../../native-kernels/filter2d.js';
import { PADDING_MODE_OF } from './borderSource.js';
import type { FilterSpec, KernelMatrix, OutputMapping } from './filterSpec.js';
import { separate } from './separable.js';
import { effectiveScale, validateFilterSpec } from './validateFilterSpec.js';

const MAPPINGS: Record<OutputMapping, FilterMapping> = {
  clamp: 'clamp',
  abs: 'abs',
  shift128: 'shift',
  stretch: 'stretch',
};

/** The kernel rotated by 180 degrees (true convolution as a correlation). */
export function rotate180(kernel: KernelMatrix): KernelMatrix {
  return { rows: kernel.rows, cols: kernel.cols, data: kernel.data.slice().reverse() };
}

function nativeKernel(kernel: KernelMatrix, flip: boolean): FilterKernel2d {
  const oriented = flip ? rotate180(kernel) : kernel;
  const factors = separate(oriented);
  return {
    rows: oriented.rows,
    cols: oriented.cols,
    data: Float32Array.from(oriented.data),
    separable: factors === null ? undefined : { column: factors.column, row: factors.row },
  };
}

/** Validates `spec` and translates it for native-kernels' filter2d. */
export function toFilter2dOptions(spec: FilterSpec): Filter2dOptions {
  const s = validateFilterSpec(spec);
  const flip = s.mode === 'convolution';
  return {
    kernel: nativeKernel(s.kernel, flip),
    kernelY: s.kernelY === undefined ? undefined : nativeKernel(s.kernelY, flip),
    anchor: [Math.floor(s.kernel.rows / 2), Math.floor(s.kernel.cols / 2)],
    border: PADDING_MODE_OF[s.border],
    mapping: MAPPINGS[s.mapping],
    scale: effectiveScale(s),
    offset: s.offset,
    luminance: s.channels === 'luminance',
  };
}

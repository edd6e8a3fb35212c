/**
 * What a filter job computes. Validated by validateFilterSpec (validateFilterSpec.ts); computed
 * exactly by referenceFilter (referenceFilter.ts), the oracle the native kernel is tested against.
 */

import type { BorderMode, ChannelMode, FilterMode, OutputMapping } from '../../../preload/kernelFile.js';

// The option names are the kernel file's (preload/kernelFile.ts), shared with the renderer.
export type { BorderMode, ChannelMode, FilterMode, OutputMapping };

/** A K x K (or KH x KW) kernel, row-major. */
export interface KernelMatrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

export interface FilterSpec {
  /** The kernel; with kernelY, the x-gradient kernel of a gradient-magnitude pair. */
  kernel: KernelMatrix;
  /** When given: output sqrt(gx^2 + gy^2) with gx from `kernel` and gy from `kernelY`. */
  kernelY?: KernelMatrix;
  /**
   * 'convolution': y[m,n] = sum_ij x[m - i + a_r, n - j + a_c] h[i,j] (kernel flipped);
   * 'correlation': y[m,n] = sum_ij x[m + i - a_r, n + j - a_c] h[i,j]; anchor a = floor(size / 2)
   * for correlation and size - 1 - floor(size / 2) for convolution, so odd kernels are centred and
   * the output has the input's size. For an even side the extra tap lies on the same image side in
   * both modes (a 1x2 [h0, h1] gives x[n-1] h0 + x[n] h1 by correlation, x[n] h0 + x[n-1] h1 by
   * convolution), so convolution is exactly correlation with the kernel rotated by 180 degrees.
   */
  mode: FilterMode;
  border: BorderMode;
  /** Divide by the kernel's sum (ignored when the sum is 0); otherwise use `scale`. */
  normalize: boolean;
  scale: number;
  offset: number;
  mapping: OutputMapping;
  /** Filter each colour channel, or the luminance (Rec. 709 weights) to a gray output. */
  channels: ChannelMode;
}

/** The 'lab:kernel' request for y = x conv h with the instrument's settings: one [1, 1, H, W] plane. */
import type { LabKernelRequest } from '../../../../preload/contract.js';
import type { Conv2dSettings } from './homeworkConv2d.js';

export function conv2dRequest(
  x: readonly (readonly number[])[],
  h: readonly (readonly number[])[],
  settings: Conv2dSettings,
): LabKernelRequest {
  return {
    op: 'conv2d',
    x: { shape: [1, 1, x.length, x[0].length], data: Float32Array.from(x.flat()) },
    w: { shape: [1, 1, h.length, h[0].length], data: Float32Array.from(h.flat()) },
    bias: null,
    options: {
      stride: settings.stride,
      padding: settings.padding,
      dilation: settings.dilation,
      paddingMode: settings.mode,
      flip: settings.flip,
    },
  };
}

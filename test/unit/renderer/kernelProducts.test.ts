import { describe, expect, it } from 'vitest';

import { sampledFilterValues } from '../../../main/compute/preview/sampledFilterValues.js';
import { DEFAULT_KERNEL_FILE_OPTIONS, kernelFileToSpec } from '../../../main/service/filter/parseKernel.js';
import { sourceIndex } from '../../../native-kernels/padding.js';
import { borderIndex } from '../../../renderer/src/studio/borderIndex.js';
import {
  effectiveScale,
  resolveKernelFile,
  type KernelFile,
} from '../../../renderer/src/studio/kernelFile.js';
import {
  indexRuns,
  kernelProducts,
  neighbourhoodSources,
  orientedKernel,
} from '../../../renderer/src/studio/kernelProducts.js';

const BORDERS = ['zero', 'replicate', 'reflect', 'circular'] as const;
const PADDING = { zero: 'zeros', replicate: 'replicate', reflect: 'reflect', circular: 'circular' } as const;

describe('kernel products', () => {
  it('uses the back end defaults for missing kernel file options', () => {
    const { version: _version, kernel: _kernel, ...options } = resolveKernelFile({ kernel: [[1]] });
    expect(options).toEqual(DEFAULT_KERNEL_FILE_OPTIONS);
  });

  it('reads borders exactly like native-kernels/padding.ts', () => {
    for (const border of BORDERS)
      for (const size of [1, 2, 3, 7])
        for (let q = -20; q < 20; q++)
          expect(borderIndex(q, size, border)).toBe(sourceIndex(q, size, PADDING[border]));
  });

  it('rotates the kernel by 180 degrees for convolution only', () => {
    const k = [
      [1, 2],
      [3, 4],
    ];
    expect(orientedKernel(k, 'correlation')).toEqual(k);
    expect(orientedKernel(k, 'convolution')).toEqual([
      [4, 3],
      [2, 1],
    ]);
  });

  it('finds contiguous runs of source indices (a wrapped circular border gives two)', () => {
    expect(indexRuns([7, 0, 1, -1, 1])).toEqual([
      [0, 2],
      [7, 8],
    ]);
    expect(indexRuns([-1, -1])).toEqual([]);
  });

  it('gives the back end value at every pixel, mode and border (sum x scale + offset)', () => {
    const width = 5;
    const height = 4;
    const data = new Uint8Array(width * height);
    for (let i = 0; i < data.length; i++) data[i] = (i * 37 + 11) % 256;
    const image = { data, width, height, channels: 1 as const, depth: 8 as const, hasAlpha: false };
    const kernel = [
      [1, -2, 0.5],
      [0, 3, 1],
    ];
    for (const mode of ['correlation', 'convolution'] as const)
      for (const border of BORDERS) {
        const file: KernelFile = { kernel, mode, border, normalize: false, scale: 0.5, offset: 3 };
        const spec = kernelFileToSpec(file);
        const xs = Int32Array.from({ length: width }, (_, i) => i);
        const ys = Int32Array.from({ length: height }, (_, i) => i);
        const expected = new Float32Array(width * height);
        sampledFilterValues(image, spec, xs, ys, 0, height, expected);
        const resolved = resolveKernelFile(file);
        for (let y = 0; y < height; y++)
          for (let x = 0; x < width; x++) {
            const sources = neighbourhoodSources(x, y, 2, 3, image, border);
            const r = kernelProducts(kernel, mode, sources, (ix, iy) => data[iy * width + ix]);
            const value = r.sum * effectiveScale(resolved) + resolved.offset;
            expect(value).toBeCloseTo(expected[y * width + x], 3);
          }
      }
  });

  it('marks taps outside the image with a zero border as null', () => {
    const sources = neighbourhoodSources(0, 0, 3, 3, { width: 4, height: 4 }, 'zero');
    const r = kernelProducts(
      [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
      'correlation',
      sources,
      () => 2,
    );
    expect(r.samples[0]).toEqual([null, null, null]);
    expect(r.samples[1]).toEqual([null, 2, 2]);
    expect(r.sum).toBe(8);
  });

  it('normalises by the kernel sum unless it is zero', () => {
    expect(effectiveScale(resolveKernelFile({ kernel: [[1, 2, 1]] }))).toBe(0.25);
    expect(effectiveScale(resolveKernelFile({ kernel: [[-1, 0, 1]], scale: 2 }))).toBe(2);
    expect(effectiveScale(resolveKernelFile({ kernel: [[1, 2, 1]], normalize: false, scale: 3 }))).toBe(3);
  });
});

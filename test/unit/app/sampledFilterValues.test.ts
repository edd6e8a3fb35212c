// The preview's float64 values at sampled pixels equal the reference filter's values there, for
// every band layout, mode, border and gradient pairs; the display conversion and histogram.
import { describe, expect, it } from 'vitest';

import { histogram256 } from '../../../main/compute/preview/histogram256.js';
import { sampleCoordinates } from '../../../main/compute/preview/sampleCoordinates.js';
import { outputBands, sampledFilterValues } from '../../../main/compute/preview/sampledFilterValues.js';
import { toDisplayRgba } from '../../../main/compute/preview/toDisplayRgba.js';
import type { FilterSpec } from '../../../main/service/filter/filterSpec.js';
import { presetSpec } from '../../../main/service/filter/presets.js';
import { referenceFilterValues } from '../../../main/service/filter/referenceFilter.js';
import type { RasterImage } from '../../../main/service/image/rasterImage.js';

function image(width: number, height: number, channels: 1 | 2 | 3 | 4, depth: 8 | 16): RasterImage {
  const data =
    depth === 8 ? new Uint8Array(width * height * channels) : new Uint16Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919 + 13) % (depth === 8 ? 256 : 65536);
  return { width, height, channels, depth, data, hasAlpha: channels % 2 === 0, metadata: { format: 'raw' } };
}

describe('sampledFilterValues', () => {
  const asym: FilterSpec = {
    ...presetSpec('identity'),
    kernel: { rows: 2, cols: 3, data: Float32Array.from([1, -2, 0.5, 3, 0, -1]) },
    normalize: false,
    scale: 0.75,
    offset: 3,
  };
  const specs: FilterSpec[] = [
    presetSpec('sobel-x'),
    { ...asym, mode: 'convolution', border: 'zero' },
    { ...asym, border: 'circular' },
    { ...presetSpec('gaussian', { sigma: 2 }), border: 'replicate' },
    { ...presetSpec('sobel-magnitude'), channels: 'luminance' },
  ];
  const images = [image(9, 7, 3, 8), image(6, 11, 4, 16), image(5, 5, 1, 8), image(8, 3, 2, 8)];

  it('equals the reference at every sampled pixel', () => {
    for (const img of images) {
      for (const spec of specs) {
        const ref = referenceFilterValues(img, spec);
        const xs = sampleCoordinates(1, img.width - 1, 3);
        const ys = sampleCoordinates(0, img.height, img.height + 2);
        const bands = outputBands(img, spec);
        expect(bands).toBe(ref.planes.length);
        const out = new Float32Array(xs.length * ys.length * bands);
        sampledFilterValues(img, spec, xs, ys, 0, ys.length, out);
        for (let j = 0; j < ys.length; j++)
          for (let i = 0; i < xs.length; i++)
            for (let b = 0; b < bands; b++)
              expect(out[(j * xs.length + i) * bands + b]).toBe(
                Math.fround(ref.planes[b][ys[j] * img.width + xs[i]]),
              );
      }
    }
  });

  it('samples centres, inside the span, zooming out and in', () => {
    expect([...sampleCoordinates(10, 8, 4)]).toEqual([11, 13, 15, 17]);
    expect([...sampleCoordinates(0, 2, 4)]).toEqual([0, 0, 1, 1]);
    expect([...sampleCoordinates(5, 3, 1)]).toEqual([6]);
  });

  it('converts gray, alpha and 16-bit samples for display', () => {
    const gray16: RasterImage = {
      ...image(2, 1, 2, 16),
      data: Uint16Array.from([0x1234, 0xff00, 0xabcd, 0x0100]),
    };
    expect([...toDisplayRgba(gray16, Int32Array.of(0, 1), Int32Array.of(0))]).toEqual([
      0x12, 0x12, 0x12, 0xff, 0xab, 0xab, 0xab, 0x01,
    ]);
    const rgb: RasterImage = { ...image(1, 1, 3, 8), data: Uint8Array.of(1, 2, 3) };
    expect([...toDisplayRgba(rgb, Int32Array.of(0), Int32Array.of(0))]).toEqual([1, 2, 3, 255]);
  });

  it('bins values over [min, max]', () => {
    const h = histogram256(Float32Array.of(-1, 0, 1, 1), -1, 1);
    expect(h.length).toBe(256);
    expect([h[0], h[128], h[255]]).toEqual([1, 1, 2]);
    expect(histogram256(Float32Array.of(5, 5), 5, 5)[0]).toBe(2);
  });
});

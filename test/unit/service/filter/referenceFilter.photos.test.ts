// Golden checks on real photos (scikit-image sample data, CC0): the reference filter against
// expectations computed here with explicit index arithmetic, independent of filterPlane and
// borderSource. Decoding with sharp is fine in a test; the filter itself never touches files.
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { FilterSpec } from '../../../../main/service/filter/filterSpec.js';
import { presetKernel } from '../../../../main/service/filter/presets.js';
import { referenceFilter } from '../../../../main/service/filter/referenceFilter.js';
import type { ChannelCount, RasterImage } from '../../../../main/service/image/rasterImage.js';

const photo = (name: string): string =>
  fileURLToPath(new URL(`../../../fixtures/photos/${name}`, import.meta.url));

async function crop(
  name: string,
  left: number,
  top: number,
  size: number,
  gray = false,
): Promise<RasterImage> {
  // sharp expands a gray PNG to three equal channels unless asked for 'b-w' output.
  const pipeline = sharp(photo(name)).extract({ left, top, width: size, height: size });
  const { data, info } = await (gray ? pipeline.toColourspace('b-w') : pipeline)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    channels: info.channels as ChannelCount,
    depth: 8,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    hasAlpha: info.hasAlpha,
    metadata: { format: 'png' },
  };
}

const SOBEL_X = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];
const SOBEL_Y = [
  [-1, -2, -1],
  [0, 0, 0],
  [1, 2, 1],
];

function baseSpec(overrides: Partial<FilterSpec>): FilterSpec {
  return {
    kernel: presetKernel('sobel-x').kernel,
    mode: 'correlation',
    border: 'reflect',
    normalize: false,
    scale: 1,
    offset: 0,
    mapping: 'abs',
    channels: 'per-channel',
    ...overrides,
  };
}

describe('camera.png, 64x64 crop, Sobel x, abs mapping, reflect border', () => {
  it('matches a direct 3x3 correlation with mirrored indices', async () => {
    const img = await crop('camera.png', 224, 96, 64, true);
    expect(img.channels).toBe(1);
    const { width: w, height: h, data } = img;
    // Reflect without repeating the edge: -1 -> 1, w -> w - 2.
    const mirror = (q: number, n: number): number => (q < 0 ? -q : q >= n ? 2 * n - 2 - q : q);
    const expected = new Uint8Array(w * h);
    for (let m = 0; m < h; m++) {
      for (let n = 0; n < w; n++) {
        let acc = 0;
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++)
            acc += data[mirror(m + i - 1, h) * w + mirror(n + j - 1, w)] * SOBEL_X[i][j];
        }
        expected[m * w + n] = Math.min(255, Math.abs(acc));
      }
    }
    const result = referenceFilter(img, baseSpec({}));
    expect(result.image.data).toEqual(expected);
    // The crop has real edges: the golden is not trivially flat or saturated.
    expect(new Set(expected).size).toBeGreaterThan(50);
    expect(result.max).toBeGreaterThan(0);
    expect(result.min).toBeLessThan(0);
  });
});

describe('chelsea.png, 48x48 crop, luminance Sobel magnitude, replicate border', () => {
  it('matches Y, gx, gy and the rounded magnitude computed directly', async () => {
    const img = await crop('chelsea.png', 150, 100, 48);
    expect(img.channels).toBe(3);
    const { width: w, height: h, data } = img;
    const clampIndex = (q: number, n: number): number => Math.min(n - 1, Math.max(0, q));
    const y = (r: number, c: number): number => {
      const p = (clampIndex(r, h) * w + clampIndex(c, w)) * 3;
      return 0.2126 * data[p] + 0.7152 * data[p + 1] + 0.0722 * data[p + 2];
    };
    const expected = new Uint8Array(w * h);
    for (let m = 0; m < h; m++) {
      for (let n = 0; n < w; n++) {
        let gx = 0;
        let gy = 0;
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) {
            gx += y(m + i - 1, n + j - 1) * SOBEL_X[i][j];
            gy += y(m + i - 1, n + j - 1) * SOBEL_Y[i][j];
          }
        }
        // Halved so few pixels saturate; values are >= 0, so Math.round is half away from zero.
        expected[m * w + n] = Math.min(255, Math.round(0.5 * Math.hypot(gx, gy)));
      }
    }
    const { kernel, kernelY } = presetKernel('sobel-magnitude');
    const result = referenceFilter(
      img,
      baseSpec({ kernel, kernelY, border: 'replicate', channels: 'luminance', mapping: 'clamp', scale: 0.5 }),
    );
    expect(result.image.channels).toBe(1);
    // Float summation order differs from the direct loop, so allow one step where a value sits on .5.
    let mismatches = 0;
    for (let i = 0; i < expected.length; i++) {
      const d = Math.abs(result.image.data[i] - expected[i]);
      expect(d).toBeLessThanOrEqual(1);
      if (d > 0) mismatches++;
    }
    expect(mismatches).toBeLessThanOrEqual(2);
    expect(new Set(expected).size).toBeGreaterThan(30);
  });
});

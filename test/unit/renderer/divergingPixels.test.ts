import { describe, expect, it } from 'vitest';
import {
  DIVERGING_NEGATIVE,
  DIVERGING_POSITIVE,
  divergingColor,
} from '../../../renderer/src/studio/analysis/divergingColormap.js';
import { divergingPixels } from '../../../renderer/src/studio/divergingPixels.js';

/** The RGB of pixel p. */
const rgbAt = (rgba: Uint8Array, p: number): number[] => Array.from(rgba.subarray(p * 4, p * 4 + 3));

describe('divergingPixels', () => {
  it('shows 0 as white, +max|v| as the red end and -max|v| as the blue end', () => {
    const { rgba, maxAbs } = divergingPixels(Float32Array.of(0, 8, -8, 4, -2), 5);
    expect(maxAbs).toBe(8);
    expect(rgbAt(rgba, 0)).toEqual([255, 255, 255]);
    expect(rgbAt(rgba, 1)).toEqual([...DIVERGING_POSITIVE]);
    expect(rgbAt(rgba, 2)).toEqual([...DIVERGING_NEGATIVE]);
    expect(rgbAt(rgba, 3)).toEqual(divergingColor(4, 8));
    expect(rgbAt(rgba, 4)).toEqual(divergingColor(-2, 8));
    for (let p = 0; p < 5; p++) expect(rgba[p * 4 + 3]).toBe(255);
  });

  it('uses the scale symmetric around 0: the smaller side does not reach its end', () => {
    const { rgba, maxAbs } = divergingPixels(Float32Array.of(-1, 4), 2);
    expect(maxAbs).toBe(4);
    expect(rgbAt(rgba, 0)).toEqual(divergingColor(-1, 4));
    expect(rgbAt(rgba, 1)).toEqual([...DIVERGING_POSITIVE]);
  });

  it('shows the luminance-weighted value of three bands', () => {
    // Pixel 0: +10 in green only; pixel 1: -10 in every band (luminance -10).
    const values = Float32Array.of(0, 10, 0, -10, -10, -10);
    const { rgba, maxAbs } = divergingPixels(values, 2);
    expect(maxAbs).toBeCloseTo(10, 5);
    expect(rgbAt(rgba, 0)).toEqual(divergingColor(7.152, 10));
    expect(rgbAt(rgba, 1)).toEqual([...DIVERGING_NEGATIVE]);
  });

  it('is NaN-free on constant input, zeros included, and on no pixels', () => {
    for (const c of [0, 5, -3]) {
      const { rgba, maxAbs } = divergingPixels(new Float32Array(12).fill(c), 4);
      expect(Number.isFinite(maxAbs)).toBe(true);
      expect(maxAbs).toBeCloseTo(Math.abs(c), 9);
      const want = c === 0 ? [255, 255, 255] : c > 0 ? [...DIVERGING_POSITIVE] : [...DIVERGING_NEGATIVE];
      for (let p = 0; p < 4; p++) expect(rgbAt(rgba, p)).toEqual(want);
    }
    const nan = divergingPixels(Float32Array.of(Number.NaN, 2), 2);
    expect(nan.maxAbs).toBe(2);
    expect(rgbAt(nan.rgba, 0)).toEqual([255, 255, 255]);
    expect(divergingPixels(new Float32Array(0), 0)).toEqual({ rgba: new Uint8Array(0), maxAbs: 0 });
  });
});

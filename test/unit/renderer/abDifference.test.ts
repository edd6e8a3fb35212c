import { describe, expect, it } from 'vitest';
import { abDifference } from '../../../renderer/src/studio/abDifference.js';

/** The gray level of each pixel (and that every pixel is gray and opaque). */
function grays(rgba: Uint8Array): number[] {
  const out: number[] = [];
  for (let o = 0; o < rgba.length; o += 4) {
    expect(rgba[o + 1]).toBe(rgba[o]);
    expect(rgba[o + 2]).toBe(rgba[o]);
    expect(rgba[o + 3]).toBe(255);
    out.push(rgba[o]);
  }
  return out;
}

describe('abDifference', () => {
  it('is all zeros with max and mean 0 for identical inputs', () => {
    const a = Float32Array.of(1, -2, 3.5, 400, 0, -7);
    const d = abDifference(a, Float32Array.from(a), 2)!;
    expect(d.bands).toBe(3);
    expect(Array.from(d.diff)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(d.max).toBe(0);
    expect(d.mean).toBe(0);
    expect(grays(d.rgba)).toEqual([0, 0]);
  });

  it('gives |A - B| per channel, its max and mean, and gray scaled to the max', () => {
    const a = Float32Array.of(0, 1, 2, 3);
    const b = Float32Array.of(0, 3, 2, -1);
    const d = abDifference(a, b, 4)!;
    expect(Array.from(d.diff)).toEqual([0, 2, 0, 4]);
    expect(d.max).toBe(4);
    expect(d.mean).toBe(1.5);
    expect(grays(d.rgba)).toEqual([0, 128, 0, 255]);
  });

  it("shows each pixel's largest channel difference", () => {
    const a = Float32Array.of(10, 0, 0, 0, 0, 0);
    const b = Float32Array.of(0, 0, 0, 0, -5, 0);
    const d = abDifference(a, b, 2)!;
    expect(Array.from(d.diff)).toEqual([10, 0, 0, 0, 5, 0]);
    expect(d.max).toBe(10);
    expect(d.mean).toBe(2.5);
    expect(grays(d.rgba)).toEqual([255, 128]);
  });

  it('compares a one-band preview with each band of the other, and refuses bands that do not match', () => {
    const d = abDifference(Float32Array.of(5), Float32Array.of(1, 5, 9), 1)!;
    expect(d.bands).toBe(3);
    expect(Array.from(d.diff)).toEqual([4, 0, 4]);
    expect(abDifference(new Float32Array(4), new Float32Array(6), 2)).toBeNull();
    expect(abDifference(new Float32Array(3), new Float32Array(4), 2)).toBeNull();
  });
});

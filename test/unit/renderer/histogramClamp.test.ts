import { describe, expect, it } from 'vitest';
import { histogram256 } from '../../../main/compute/preview/histogram256.js';
import { clampedFraction, mappingWindow } from '../../../renderer/src/studio/analysis/histogramClamp.js';

const uniform = (n = 256): number[] => new Array<number>(n).fill(10);

describe('mappingWindow', () => {
  it('gives the values each mapping keeps unclamped', () => {
    expect(mappingWindow('clamp')).toEqual({ lo: 0, hi: 255 });
    expect(mappingWindow('abs')).toEqual({ lo: -255, hi: 255 });
    expect(mappingWindow('shift128')).toEqual({ lo: -128, hi: 127 });
    expect(mappingWindow('stretch')).toBeNull();
    expect(mappingWindow('shift128', 65535)).toEqual({ lo: -32768, hi: 32767 });
    expect(mappingWindow('clamp', 65535)).toEqual({ lo: 0, hi: 65535 });
  });
});

describe('clampedFraction', () => {
  it('is 0 when the range fits the window, for stretch, and for an empty histogram', () => {
    expect(clampedFraction(uniform(), 0, 255, mappingWindow('clamp'))).toBe(0);
    expect(clampedFraction(uniform(), -1000, 1000, null)).toBe(0);
    expect(clampedFraction(new Array<number>(256).fill(0), -10, 10, mappingWindow('clamp'))).toBe(0);
  });

  it('counts whole bins outside and the outside part of a cut bin', () => {
    // [-255, 255] uniform: half is negative and clamped to 0.
    expect(clampedFraction(uniform(), -255, 255, mappingWindow('clamp'))).toBeCloseTo(0.5, 12);
    // [-512, 512] in 256 bins of 4: abs keeps [-255, 255], so (512 - 255) * 2 / 1024 is clamped.
    expect(clampedFraction(uniform(), -512, 512, mappingWindow('abs'))).toBeCloseTo(514 / 1024, 12);
    // shift128 keeps [-128, 127] of [-256, 256]: 255 of 512.
    expect(clampedFraction(uniform(), -256, 256, mappingWindow('shift128'))).toBeCloseTo(257 / 512, 12);
    // Everything above the window.
    expect(clampedFraction(uniform(), 300, 400, mappingWindow('clamp'))).toBe(1);
  });

  it('weights by counts', () => {
    const h = new Array<number>(256).fill(0);
    h[0] = 30; // [-100, -99.2): clamped
    h[255] = 70; // [103.2, 104]: kept
    expect(clampedFraction(h, -100, 104, mappingWindow('clamp'))).toBeCloseTo(0.3, 12);
  });

  it('treats a single-valued histogram as all at min', () => {
    const h = new Array<number>(256).fill(0);
    h[0] = 5;
    expect(clampedFraction(h, -3, -3, mappingWindow('clamp'))).toBe(1);
    expect(clampedFraction(h, 100, 100, mappingWindow('clamp'))).toBe(0);
    expect(clampedFraction(h, -3, -3, mappingWindow('shift128'))).toBe(0);
  });

  it('agrees with an exact count on the back end histogram of real values to within a bin', () => {
    const values = Float32Array.from({ length: 10_000 }, (_, i) => Math.sin(i * 0.37) * 300 + 40);
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const window = mappingWindow('clamp');
    const exact = values.filter((v) => v < 0 || v > 255).length / values.length;
    const estimate = clampedFraction(histogram256(values, min, max), min, max, window);
    expect(Math.abs(estimate - exact)).toBeLessThan(0.01);
  });
});

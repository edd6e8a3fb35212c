import { describe, expect, it } from 'vitest';
import { frequencyHeatmap } from '../../../renderer/src/studio/analysis/frequencyHeatmap.js';
import { frequencyResponse } from '../../../renderer/src/studio/analysis/frequencyResponse.js';

const N = 64;
const C = N / 2; // DC sits at (32, 32)
const at = (h: Float64Array, u: number, v: number): number => h[(C + u) * N + (C + v)];

const sobelX = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];

describe('frequencyResponse', () => {
  it('is flat 1 for a delta, wherever the delta sits', () => {
    for (const kernel of [
      [[1]],
      [
        [0, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
      ],
      [
        [0, 0],
        [0, 1],
      ],
    ]) {
      const h = frequencyResponse(kernel, N);
      expect(h).toHaveLength(N * N);
      for (const v of h) expect(v).toBeCloseTo(1, 12);
    }
  });

  it('has DC = sum for a 3x3 box, zeros at its nulls and the Dirichlet kernel elsewhere', () => {
    const box = [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ];
    const h = frequencyResponse(box, 48);
    const at48 = (u: number, v: number): number => h[(24 + u) * 48 + (24 + v)];
    expect(at48(0, 0)).toBeCloseTo(9, 12);
    // 1 + 2 cos(2 pi k / 48) is zero at k = 16: a 3-tap box removes a period of 3 pixels.
    expect(at48(16, 0)).toBeCloseTo(0, 12);
    expect(at48(0, -16)).toBeCloseTo(0, 12);
    const d = (k: number): number => Math.abs(1 + 2 * Math.cos((2 * Math.PI * k) / 48));
    expect(at48(5, -7)).toBeCloseTo(d(5) * d(7), 12);
  });

  it('gives Sobel x zero DC, zero response to vertical frequencies alone, and odd-kernel symmetry', () => {
    const h = frequencyResponse(sobelX, N);
    expect(at(h, 0, 0)).toBeCloseTo(0, 12);
    // Hand value: |H(u, v)| = |2 + 2 cos(2 pi u / N)| * |2 sin(2 pi v / N)|; at u = 0, v = N/4: 4 * 2.
    expect(at(h, 0, N / 4)).toBeCloseTo(8, 12);
    expect(at(h, 5, 3)).toBeCloseTo(
      (2 + 2 * Math.cos((2 * Math.PI * 5) / N)) * 2 * Math.sin((2 * Math.PI * 3) / N),
      12,
    );
    for (let u = -C; u < C; u++) {
      // The row factor [-1, 0, 1] sums to 0, so no horizontal frequency 0 passes.
      expect(at(h, u, 0)).toBeCloseTo(0, 12);
      for (let v = -C + 1; v < C; v++) {
        // Odd in x: H(u, -v) = -H(u, v), so the magnitudes mirror; real kernel: |H(-u,-v)| = |H(u,v)|.
        expect(at(h, u, -v)).toBeCloseTo(at(h, u, v), 12);
        if (u > -C) expect(at(h, -u, -v)).toBeCloseTo(at(h, u, v), 12);
      }
    }
    // The highest vertical frequency (u = -32) is blocked by the [1, 2, 1] smoothing.
    expect(at(h, -C, N / 4)).toBeCloseTo(0, 12);
  });

  it('is unchanged by a 180-degree turn (convolution vs correlation)', () => {
    const k = [
      [1, 2, 0.5],
      [-3, 4, 0],
    ];
    const turned = k.map((row) => [...row].reverse()).reverse();
    const a = frequencyResponse(k, 16);
    const b = frequencyResponse(turned, 16);
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 12));
  });

  it('puts DC at floor(size/2) for odd grids and refuses kernels larger than the grid', () => {
    const h = frequencyResponse([[2, 3]], 5);
    expect(h[2 * 5 + 2]).toBeCloseTo(5, 12);
    expect(() => frequencyResponse([[1, 2, 3]], 2)).toThrow(RangeError);
  });
});

describe('frequencyHeatmap', () => {
  it('maps the peak to white, zero to black, and shows small values brighter on the log scale', () => {
    const values = Float64Array.from([0, 0.001, 0.5, 1]);
    const lin = frequencyHeatmap(values, false);
    const log = frequencyHeatmap(values, true);
    expect(Array.from(lin.slice(12, 16))).toEqual([255, 255, 255, 255]);
    expect(Array.from(lin.slice(0, 4))).toEqual([0, 0, 0, 255]);
    expect(lin[8]).toBe(128);
    // -60 dB is the bottom of the log scale; -6 dB is 0.9 of the way up.
    expect(log[4]).toBe(0);
    expect(log[8]).toBe(Math.round(255 * (1 + (20 * Math.log10(0.5)) / 60)));
    expect(log[0]).toBe(0);
    expect(Array.from(frequencyHeatmap(new Float64Array(2), true))).toEqual([0, 0, 0, 255, 0, 0, 0, 255]);
  });
});

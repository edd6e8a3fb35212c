// Native image filtering against the float64 reference over a seeded grid: kernel sizes 1 to 7
// (odd and even, with every anchor), all border modes, all mappings, 1 to 4 channels with and
// without alpha, 8 and 16 bit, luminance, gradient magnitude, separable and dense kernels, images
// smaller than the kernel, and row ranges.
import { describe, expect, it } from 'vitest';
import { filter2d, planFilter2d, runFilter2dRows } from '../../../native-kernels/index.js';
import type { Filter2dOptions, ImageView } from '../../../native-kernels/index.js';
import { filter2dReference } from '../../../native-kernels/reference/index.js';
import type { PaddingMode } from '../../../native-kernels/types.js';
import { mulberry32 } from '../../helpers/random.js';

const MODES: PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];
const MAPPINGS = ['clamp', 'abs', 'shift', 'stretch'] as const;

function randomImage(
  rng: () => number,
  w: number,
  h: number,
  c: 1 | 2 | 3 | 4,
  depth: 8 | 16,
  hasAlpha: boolean,
): ImageView {
  const max = depth === 8 ? 255 : 65535;
  const data = depth === 8 ? new Uint8Array(w * h * c) : new Uint16Array(w * h * c);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(rng() * (max + 1));
  return { data, width: w, height: h, channels: c, depth, hasAlpha };
}

function kernelOf(rng: () => number, rows: number, cols: number, separable: boolean) {
  if (separable) {
    const column = Float32Array.from({ length: rows }, () => rng() * 2 - 1);
    const row = Float32Array.from({ length: cols }, () => rng() * 2 - 1);
    const data = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = column[i] * row[j];
    return { rows, cols, data, separable: { column, row } };
  }
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, () => rng() * 2 - 1) };
}

/** Samples equal, or off by one where float32 and float64 round a value near .5 differently. */
function expectSamplesClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string) {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let off = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (d > 1) expect.fail(`${label}: sample ${i} is ${actual[i]}, expected ${expected[i]}`);
    if (d === 1) off++;
  }
  expect(off, `${label}: samples off by one`).toBeLessThanOrEqual(Math.max(2, expected.length * 0.01));
}

describe('filter2d native vs reference', () => {
  const rng = mulberry32(314);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  const cases = Array.from({ length: 150 }, (_, i) => {
    const channels = pick([1, 2, 3, 4] as const);
    const rows = 1 + Math.floor(rng() * 7);
    const cols = 1 + Math.floor(rng() * 7);
    return {
      i,
      w: 1 + Math.floor(rng() * (i % 5 === 0 ? 4 : 70)),
      h: 1 + Math.floor(rng() * 12),
      channels,
      depth: pick([8, 8, 16] as const),
      hasAlpha: (channels === 2 || channels === 4) && rng() < 0.7,
      rows,
      cols,
      anchor: [Math.floor(rng() * rows), Math.floor(rng() * cols)] as [number, number],
      border: pick(MODES),
      mapping: pick(MAPPINGS),
      luminance: rng() < 0.25,
      gradient: rng() < 0.25,
      separable: rng() < 0.4,
      scale: pick([1, 1, 0.5, 3]),
      offset: pick([0, 0, 10, -20]),
    };
  });

  it('the grid covers every border mode, mapping and layout', () => {
    for (const m of MODES) expect(cases.some((c) => c.border === m)).toBe(true);
    for (const m of MAPPINGS) expect(cases.some((c) => c.mapping === m)).toBe(true);
    expect(cases.some((c) => c.w < c.cols && c.h < c.rows)).toBe(true);
    expect(cases.some((c) => c.luminance && c.hasAlpha)).toBe(true);
    expect(cases.some((c) => c.rows % 2 === 0 && c.cols % 2 === 0)).toBe(true);
  });

  it.each(cases.map((c) => [c.i, JSON.stringify(c)] as const))('case %i: %s', (i) => {
    const c = cases[i];
    const r = mulberry32(1000 + i);
    const image = randomImage(r, c.w, c.h, c.channels, c.depth, c.hasAlpha);
    const options: Filter2dOptions = {
      kernel: kernelOf(r, c.rows, c.cols, c.separable),
      kernelY: c.gradient ? kernelOf(r, c.rows, c.cols, c.separable) : undefined,
      anchor: c.anchor,
      border: c.border,
      mapping: c.mapping,
      scale: c.scale,
      offset: c.offset,
      luminance: c.luminance,
    };
    const got = filter2d(image, options);
    const want = filter2dReference(image, options);
    expect(got.image.channels).toBe(c.luminance ? (c.hasAlpha ? 2 : 1) : c.channels);
    // The value range is computed in float32 from sums of up to 49 terms of up to 65535, which can
    // cancel: the tolerance scales with the size of the terms, not of the result.
    const terms =
      (c.depth === 8 ? 255 : 65535) *
      options.kernel.data.reduce((a, v) => a + Math.abs(v), 0) *
      Math.abs(c.scale) *
      2;
    const tol = 1e-6 * (terms + Math.abs(c.offset)) + 1e-3;
    expect(Math.abs(got.min - want.min)).toBeLessThanOrEqual(tol);
    expect(Math.abs(got.max - want.max)).toBeLessThanOrEqual(tol);
    expectSamplesClose(got.image.data, want.data, 'samples');
  });

  it('row ranges compose: filtering bands equals filtering the whole image', () => {
    const r = mulberry32(9);
    const image = randomImage(r, 53, 37, 3, 8, false);
    const options: Filter2dOptions = { kernel: kernelOf(r, 5, 4, false), border: 'reflect', mapping: 'abs' };
    const whole = filter2d(image, options).image.data;
    const plan = planFilter2d(image, options);
    const dst = new Uint8Array(plan.dstLength);
    for (const [a, b] of [
      [0, 10],
      [10, 11],
      [11, 37],
    ])
      runFilter2dRows(plan, image.data, dst, a, b, null);
    expect(Array.from(dst)).toEqual(Array.from(whole));
  });

  it('keeps the alpha channel untouched', () => {
    const r = mulberry32(10);
    const image = randomImage(r, 20, 9, 4, 16, true);
    const out = filter2d(image, {
      kernel: kernelOf(r, 3, 3, false),
      border: 'zeros',
      mapping: 'clamp',
    }).image;
    for (let p = 0; p < 20 * 9; p++) expect(out.data[p * 4 + 3]).toBe(image.data[p * 4 + 3]);
  });

  it('rejects bad input with messages that name the parameter', () => {
    const image = randomImage(mulberry32(1), 4, 4, 3, 8, false);
    const k = { rows: 3, cols: 3, data: new Float32Array(9) };
    expect(() =>
      filter2d({ ...image, data: new Uint16Array(48) }, { kernel: k, border: 'zeros', mapping: 'clamp' }),
    ).toThrow(/Expected a Uint8Array for image\.data \(depth 8\) but received Uint16Array/);
    expect(() => filter2d(image, { kernel: { ...k, rows: 64 }, border: 'zeros', mapping: 'clamp' })).toThrow(
      /options\.kernel\.rows/,
    );
    expect(() =>
      filter2d(image, {
        kernel: { ...k, data: new Float32Array(9).fill(NaN) },
        border: 'zeros',
        mapping: 'clamp',
      }),
    ).toThrow(/finite values/);
    expect(() => filter2d(image, { kernel: k, border: 'mirror' as PaddingMode, mapping: 'clamp' })).toThrow(
      /options\.border/,
    );
    expect(() =>
      filter2d(image, {
        kernel: k,
        kernelY: { rows: 1, cols: 3, data: new Float32Array(3) },
        border: 'zeros',
        mapping: 'clamp',
      }),
    ).toThrow(/3x3 kernel for options\.kernelY but received 1x3/);
    expect(() =>
      filter2d({ ...image, hasAlpha: true }, { kernel: k, border: 'zeros', mapping: 'clamp' }),
    ).toThrow(/with alpha/);
  });
});

describe('separable filtering', () => {
  it('two 1-D passes equal the 2-D path within rounding, on a real-sized image', () => {
    const r = mulberry32(12);
    const image = randomImage(r, 257, 131, 3, 8, false);
    const column = Float32Array.of(0.25, 0.5, 0.25, 0.125, -0.3);
    const row = Float32Array.of(-1, 0, 1, 2, 0.5, 0.1, -0.2);
    const data = new Float32Array(35);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 7; j++) data[i * 7 + j] = column[i] * row[j];
    for (const mapping of MAPPINGS) {
      const dense = filter2d(image, { kernel: { rows: 5, cols: 7, data }, border: 'reflect', mapping });
      const split = filter2d(image, {
        kernel: { rows: 5, cols: 7, data, separable: { column, row } },
        border: 'reflect',
        mapping,
      });
      expectSamplesClose(split.image.data, dense.image.data, `separable vs 2-D (${mapping})`);
      expect(Math.abs(split.min - dense.min)).toBeLessThan(1e-3);
      expect(Math.abs(split.max - dense.max)).toBeLessThan(1e-3);
    }
  });
});

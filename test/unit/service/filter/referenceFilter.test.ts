// The reference filter against hand computations on tiny images, plus properties that tie
// convolution, correlation and separability together.
import { describe, expect, it } from 'vitest';
import type { BorderMode, FilterSpec, KernelMatrix } from '../../../../main/service/filter/filterSpec.js';
import { kernelFromFunction, kernelFromRows } from '../../../../main/service/filter/kernelMatrix.js';
import { presetKernel } from '../../../../main/service/filter/presets.js';
import {
  filterPlane,
  mapValue,
  referenceFilter,
  referenceFilterValues,
} from '../../../../main/service/filter/referenceFilter.js';
import { separate } from '../../../../main/service/filter/separable.js';
import type { BitDepth, ChannelCount, RasterImage } from '../../../../main/service/image/rasterImage.js';
import { mulberry32 } from '../../../helpers/random.js';

const BORDERS: BorderMode[] = ['zero', 'replicate', 'reflect', 'circular'];

function image(
  rows: number[][],
  options: { channels?: ChannelCount; depth?: BitDepth; hasAlpha?: boolean } = {},
): RasterImage {
  const channels = options.channels ?? 1;
  const depth = options.depth ?? 8;
  const flat = rows.flat();
  return {
    width: rows[0].length / channels,
    height: rows.length,
    channels,
    depth,
    data: depth === 8 ? Uint8Array.from(flat) : Uint16Array.from(flat),
    hasAlpha: options.hasAlpha ?? false,
    metadata: { format: 'png', icc: new Uint8Array([1, 2, 3]), space: 'srgb' },
  };
}

function spec(kernel: number[][] | KernelMatrix, overrides: Partial<FilterSpec> = {}): FilterSpec {
  return {
    kernel: Array.isArray(kernel) ? kernelFromRows(kernel) : kernel,
    mode: 'correlation',
    border: 'zero',
    normalize: false,
    scale: 1,
    offset: 0,
    mapping: 'clamp',
    channels: 'per-channel',
    ...overrides,
  };
}

/** The output samples as rows of `width * channels` values. */
function rowsOf(img: RasterImage): number[][] {
  const w = img.width * img.channels;
  return Array.from({ length: img.height }, (_, r) => Array.from(img.data.subarray(r * w, (r + 1) * w)));
}

const run = (img: RasterImage, s: FilterSpec): number[][] => rowsOf(referenceFilter(img, s).image);

describe('border modes, by hand', () => {
  const x = image([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  // A 1 at the top-left tap of a 3x3 correlation: y[m, n] = x[m - 1, n - 1].
  const upLeft = [
    [1, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const expected: Record<BorderMode, number[][]> = {
    zero: [
      [0, 0, 0],
      [0, 1, 2],
      [0, 4, 5],
    ],
    replicate: [
      [1, 1, 2],
      [1, 1, 2],
      [4, 4, 5],
    ],
    reflect: [
      [5, 4, 5],
      [2, 1, 2],
      [5, 4, 5],
    ],
    circular: [
      [9, 7, 8],
      [3, 1, 2],
      [6, 4, 5],
    ],
  };

  it.each(BORDERS)('%s: the top-left tap of a 3x3 kernel', (border) => {
    expect(run(x, spec(upLeft, { border }))).toEqual(expected[border]);
  });

  it.each(BORDERS)('%s: taps two beyond either end of a row', (border) => {
    const row = image([[10, 20, 30]]);
    const left = run(row, spec([[1, 0, 0, 0, 0]], { border }))[0];
    const right = run(row, spec([[0, 0, 0, 0, 1]], { border }))[0];
    const want: Record<BorderMode, [number[], number[]]> = {
      zero: [
        [0, 0, 10],
        [30, 0, 0],
      ],
      replicate: [
        [10, 10, 10],
        [30, 30, 30],
      ],
      reflect: [
        [30, 20, 10],
        [30, 20, 10],
      ],
      circular: [
        [20, 30, 10],
        [30, 10, 20],
      ],
    };
    expect([left, right]).toEqual(want[border]);
  });

  it('reflect and circular keep extending when the kernel overhangs by more than the image', () => {
    // y[n] = x[n - 3]; numpy.pad([10, 20, 30], 3, 'reflect') = [20, 30, 20, 10, 20, 30, 20, 10, 20].
    const row = image([[10, 20, 30]]);
    expect(run(row, spec([[1, 0, 0, 0, 0, 0, 0]], { border: 'reflect' }))[0]).toEqual([20, 30, 20]);
    expect(run(row, spec([[1, 0, 0, 0, 0, 0, 0]], { border: 'circular' }))[0]).toEqual([10, 20, 30]);
    // A 1-pixel side reflects onto itself.
    expect(run(image([[77]]), spec(presetKernel('box', { size: 5 }).kernel, { border: 'reflect' }))).toEqual([
      [77],
    ]);
  });

  it('columns follow the same rules (y[m] = x[m + 1])', () => {
    const col = image([[10], [20], [30]]);
    const down = [[0], [0], [1]];
    expect(run(col, spec(down, { border: 'replicate' })).flat()).toEqual([20, 30, 30]);
    expect(run(col, spec(down, { border: 'reflect' })).flat()).toEqual([20, 30, 20]);
    expect(run(col, spec(down, { border: 'circular' })).flat()).toEqual([20, 30, 10]);
    expect(run(col, spec(down, { border: 'zero' })).flat()).toEqual([20, 30, 0]);
  });

  it('a 31x31 box on a 3x2 constant image keeps the constant except with zero border', () => {
    const flat = image([
      [50, 50],
      [50, 50],
      [50, 50],
    ]);
    const box = presetKernel('box', { size: 31 }).kernel;
    for (const border of ['replicate', 'reflect', 'circular'] as const) {
      expect(run(flat, spec(box, { border })).flat()).toEqual([50, 50, 50, 50, 50, 50]);
    }
    // Zero border: 2 of 31 columns and 3 of 31 rows are inside: 50 * 6 / 961 = 0.31 -> 0.
    expect(run(flat, spec(box, { border: 'zero' })).flat()).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('convolution, correlation and anchors', () => {
  it('a 1x2 kernel [1, 10]: correlation y[n] = x[n-1] + 10 x[n], convolution y[n] = x[n] + 10 x[n-1]', () => {
    const row = image([[1, 2, 3, 4]]);
    expect(run(row, spec([[1, 10]], { mode: 'correlation' }))[0]).toEqual([10, 21, 32, 43]);
    expect(run(row, spec([[1, 10]], { mode: 'convolution' }))[0]).toEqual([1, 12, 23, 34]);
    expect(run(row, spec([[1, 10]], { mode: 'correlation', border: 'reflect' }))[0]).toEqual([
      12, 21, 32, 43,
    ]);
    // Reflect reads x[-1] as x[1] = 2: correlation y[0] = 2 + 10, convolution y[0] = 1 + 20.
    expect(run(row, spec([[1, 10]], { mode: 'convolution', border: 'reflect' }))[0]).toEqual([
      21, 12, 23, 34,
    ]);
  });

  it('a 2x2 kernel on a 2x2 image, zero border, both modes (16-bit to keep the sums)', () => {
    const x = image(
      [
        [1, 2],
        [3, 4],
      ],
      { depth: 16 },
    );
    const h = [
      [1, 10],
      [100, 1000],
    ];
    // Correlation, anchor (1, 1): y[m,n] = sum x[m+i-1, n+j-1] h[i,j].
    expect(run(x, spec(h, { mode: 'correlation' }))).toEqual([
      [1000, 2100],
      [3010, 4321],
    ]);
    // Convolution, anchor (0, 0): y[m,n] = sum x[m-i, n-j] h[i,j].
    expect(run(x, spec(h, { mode: 'convolution' }))).toEqual([
      [1, 12],
      [103, 1234],
    ]);
  });

  it("the homework: 1..25 with h, zero padding: convolution's numbers and correlation's", () => {
    const x = image(Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => 5 * r + c + 1)));
    const h = presetKernel('homework-h').kernel;
    const conv = referenceFilterValues(x, spec(h, { mode: 'convolution' }));
    expect(Array.from(conv.planes[0])).toEqual(
      [
        [-19, -28, -32, -36, -29],
        [-30, -40, -40, -40, -30],
        [-30, -40, -40, -40, -30],
        [-30, -40, -40, -40, -30],
        [49, 68, 72, 76, 59],
      ].flat(),
    );
    expect([conv.min, conv.max]).toEqual([-40, 76]);
    const corr = referenceFilterValues(x, spec(h, { mode: 'correlation' }));
    expect(corr.planes[0][12]).toBe(40);
    expect(run(x, spec(h, { mode: 'correlation', mapping: 'shift128' }))[2][2]).toBe(168);
    expect(run(x, spec(h, { mode: 'convolution', mapping: 'shift128' }))[2][2]).toBe(88);
  });

  it('convolution equals correlation with the kernel rotated by 180 degrees (random, odd and even)', () => {
    const rand = mulberry32(5);
    const img = image(
      Array.from({ length: 6 }, () => Array.from({ length: 7 }, () => Math.floor(rand() * 256))),
    );
    for (const [kr, kc] of [
      [3, 3],
      [2, 4],
      [5, 2],
      [1, 6],
      [8, 9],
    ]) {
      const k = kernelFromFunction(kr, kc, () => rand() * 2 - 1);
      const rotated = kernelFromFunction(kr, kc, (r, c) => k.data[(kr - 1 - r) * kc + (kc - 1 - c)]);
      for (const border of BORDERS) {
        const conv = referenceFilterValues(img, spec(k, { mode: 'convolution', border })).planes[0];
        const corr = referenceFilterValues(img, spec(rotated, { mode: 'correlation', border })).planes[0];
        expect(Array.from(conv), `${kr}x${kc} ${border}`).toEqual(Array.from(corr));
      }
    }
  });

  it('a rank-1 kernel equals its row factor then its column factor, in every mode and border', () => {
    const rand = mulberry32(9);
    const w = 9;
    const h = 7;
    const plane = Float64Array.from({ length: w * h }, () => rand() * 255);
    for (const k of [presetKernel('sobel-x').kernel, presetKernel('box', { size: 4 }).kernel]) {
      const { column, row } = separate(k)!;
      const rowK = { rows: 1, cols: row.length, data: row };
      const colK = { rows: column.length, cols: 1, data: column };
      for (const mode of ['convolution', 'correlation'] as const) {
        for (const border of BORDERS) {
          const full = filterPlane(plane, w, h, k, mode, border);
          const twoPass = filterPlane(filterPlane(plane, w, h, rowK, mode, border), w, h, colK, mode, border);
          for (let i = 0; i < full.length; i++) expect(twoPass[i]).toBeCloseTo(full[i], 9);
        }
      }
    }
  });
});

describe('scale, offset and output mappings', () => {
  const x = image([[0, 100, 200, 250]]);

  it('clamp: scale and offset, then round and clamp to 0..255; min and max before mapping', () => {
    const result = referenceFilter(x, spec([[1]], { scale: 1.5, offset: -20.25 }));
    expect(rowsOf(result.image)[0]).toEqual([0, 130, 255, 255]);
    expect([result.min, result.max]).toEqual([-20.25, 354.75]);
  });

  it('abs: absolute value first', () => {
    expect(run(x, spec([[1]], { scale: 1.5, offset: -20.25, mapping: 'abs' }))[0]).toEqual([
      20, 130, 255, 255,
    ]);
    expect(run(x, spec([[1]], { scale: -1, mapping: 'abs' }))[0]).toEqual([0, 100, 200, 250]);
  });

  it('shift128: adds 128 (8-bit) or 32768 (16-bit)', () => {
    expect(run(x, spec([[1]], { scale: -1, mapping: 'shift128' }))[0]).toEqual([128, 28, 0, 0]);
    expect(run(x, spec([[1]], { scale: 0.5, mapping: 'shift128' }))[0]).toEqual([128, 178, 228, 253]);
    const deep = image([[0, 1000, 40000]], { depth: 16 });
    expect(run(deep, spec([[1]], { scale: -1, mapping: 'shift128' }))[0]).toEqual([32768, 31768, 0]);
    expect(run(deep, spec([[1]], { mapping: 'shift128' }))[0]).toEqual([32768, 33768, 65535]);
  });

  it('stretch: min..max onto 0..255 or 0..65535, a constant result to 0', () => {
    expect(run(image([[10, 20, 40]]), spec([[1]], { mapping: 'stretch' }))[0]).toEqual([0, 85, 255]);
    expect(run(image([[100, 300]], { depth: 16 }), spec([[1]], { mapping: 'stretch' }))[0]).toEqual([
      0, 65535,
    ]);
    expect(run(image([[7, 7, 7]]), spec([[1]], { mapping: 'stretch' }))[0]).toEqual([0, 0, 0]);
    // Negative responses stretch too: values -8, 0, 8 -> 0, 127.5 -> 128, 255.
    expect(
      run(image([[0, 8, 16]]), spec([[-1, 1, 0]], { mapping: 'stretch', border: 'replicate' }))[0],
    ).toEqual([0, 255, 255]);
  });

  it('stretch uses one range across all colour channels', () => {
    const rgb = image([[0, 50, 100, 100, 150, 200]], { channels: 3 });
    expect(run(rgb, spec([[1]], { mapping: 'stretch' }))[0]).toEqual([0, 64, 128, 128, 191, 255]);
  });

  it('rounds halves away from zero', () => {
    const odd = image([[1, 3, 5]]);
    expect(run(odd, spec([[1]], { scale: 0.5 }))[0]).toEqual([1, 2, 3]);
    expect(run(odd, spec([[1]], { scale: 0.5, offset: -3, mapping: 'abs' }))[0]).toEqual([3, 2, 1]);
    expect(mapValue(-0.5, 'clamp', 8, 0, 0)).toBe(0);
    expect(mapValue(254.5, 'clamp', 8, 0, 0)).toBe(255);
    expect(mapValue(Number.NaN, 'clamp', 8, 0, 0)).toBe(0);
  });

  it('normalize divides by the kernel sum; zero-sum kernels fall back to scale', () => {
    const row = image([[4, 8, 4]]);
    expect(run(row, spec([[1, 2, 1]], { normalize: true, scale: 100 }))[0]).toEqual([4, 6, 4]);
    expect(run(row, spec([[-1, 0, 1]], { normalize: true, scale: 2, mapping: 'shift128' }))[0]).toEqual([
      144, 128, 112,
    ]);
  });
});

describe('channels', () => {
  it('luminance: Y from the unrounded Rec. 709 sum, gray output, ICC dropped', () => {
    const rgb = image([[100, 50, 200, 1, 0, 0]], { channels: 3 });
    const result = referenceFilter(rgb, spec([[1]], { channels: 'luminance', scale: 10 }));
    // 10 * (0.2126 * 100 + 0.7152 * 50 + 0.0722 * 200) = 714.6 -> 255; 10 * 0.2126 = 2.126 -> 2.
    expect(rowsOf(result.image)).toEqual([[255, 2]]);
    expect(result.min).toBeCloseTo(2.126, 12);
    expect(result.max).toBeCloseTo(714.6, 10);
    expect(result.image.channels).toBe(1);
    expect(result.image.hasAlpha).toBe(false);
    expect(result.image.metadata.icc).toBeUndefined();
    expect(result.image.metadata.space).toBe('b-w');
    expect(run(rgb, spec([[1]], { channels: 'luminance' }))).toEqual([[71, 0]]);
  });

  it('luminance of RGBA is gray + the untouched alpha', () => {
    const rgba = image([[100, 50, 200, 17, 255, 255, 255, 201]], { channels: 4, hasAlpha: true });
    const result = referenceFilter(rgba, spec([[0.5, 0.5]], { channels: 'luminance' }));
    // Y = 71.46 and 255; correlation with [0.5, 0.5] (anchor 1): y[0] = 35.73, y[1] = 163.23.
    expect(result.image.channels).toBe(2);
    expect(result.image.hasAlpha).toBe(true);
    expect(rowsOf(result.image)).toEqual([[36, 17, 163, 201]]);
  });

  it('luminance of gray (+ alpha) is the gray sample itself', () => {
    const ga = image([[10, 1, 20, 2]], { channels: 2, hasAlpha: true });
    expect(run(ga, spec([[2]], { channels: 'luminance' }))).toEqual([[20, 1, 40, 2]]);
  });

  it('luminance needs 1 or 3 colour channels', () => {
    const four = image([[1, 2, 3, 4]], { channels: 4 });
    expect(() => referenceFilter(four, spec([[1]], { channels: 'luminance' }))).toThrow(
      new RangeError('Expected 1 or 3 colour channels for image (luminance) but received 4 colour channels'),
    );
  });

  it('per-channel filters R, G, B separately and copies alpha untouched (metadata kept)', () => {
    const rgba = image([[0, 60, 255, 0, 90, 60, 0, 128, 180, 60, 255, 255]], { channels: 4, hasAlpha: true });
    const result = referenceFilter(rgba, spec([[1 / 3, 1 / 3, 1 / 3]], { border: 'replicate' }));
    expect(rowsOf(result.image)).toEqual([[30, 60, 170, 0, 90, 60, 170, 128, 150, 60, 170, 255]]);
    expect(result.image.metadata.icc).toEqual(new Uint8Array([1, 2, 3]));
    // Alpha never enters the stretch range either.
    const stretched = referenceFilter(rgba, spec([[1]], { mapping: 'stretch' }));
    expect([stretched.min, stretched.max]).toEqual([0, 255]);
    expect(rowsOf(stretched.image)[0].filter((_, i) => i % 4 === 3)).toEqual([0, 128, 255]);
  });

  it('gray + alpha per channel', () => {
    const ga = image([[10, 5, 30, 250]], { channels: 2, hasAlpha: true });
    expect(run(ga, spec([[1, 1]], { border: 'zero' }))).toEqual([[10, 5, 40, 250]]);
  });

  it('16-bit samples keep their range and type', () => {
    const deep = image([[1000, 2000, 60000]], { depth: 16 });
    const result = referenceFilter(
      deep,
      spec(presetKernel('box', { size: 3 }).kernel, { border: 'replicate' }),
    );
    expect(result.image.data).toBeInstanceOf(Uint16Array);
    expect(result.image.depth).toBe(16);
    // Box rows [1000 1000 2000], [1000 2000 60000], [2000 60000 60000] averaged (3 equal rows).
    expect(rowsOf(result.image)[0]).toEqual([1333, 21000, 40667]);
    expect(run(image([[60000]], { depth: 16 }), spec([[2]]))[0]).toEqual([65535]);
  });
});

describe('gradient magnitude', () => {
  it('sqrt(gx^2 + gy^2), then scale and offset', () => {
    const x = image([
      [0, 3],
      [4, 0],
    ]);
    const s = spec(
      [
        [0, 0, 0],
        [0, -1, 1],
        [0, 0, 0],
      ],
      {
        kernelY: kernelFromRows([
          [0, 0, 0],
          [0, -1, 0],
          [0, 1, 0],
        ]),
        border: 'replicate',
        scale: 2,
        offset: 1,
        normalize: true,
      },
    );
    // (0,0): gx 3, gy 4 -> 5; (0,1): gx 0, gy -3 -> 3; (1,0): gx -4, gy 0 -> 4; (1,1): 0.
    const result = referenceFilter(x, s);
    expect(rowsOf(result.image)).toEqual([
      [11, 7],
      [9, 1],
    ]);
    expect([result.min, result.max]).toEqual([1, 11]);
  });

  it('the Sobel pair on a diagonal step', () => {
    const x = image([
      [0, 0, 0],
      [0, 0, 100],
      [0, 100, 100],
    ]);
    const { kernel, kernelY } = presetKernel('sobel-magnitude');
    const values = referenceFilterValues(x, spec(kernel, { kernelY, border: 'replicate' })).planes[0];
    // Centre: gx = (2 * 100 - 2 * 0) + (100 - 0) = 300 from rows 2 and 3; gy = (0 + 2 * 100 + 100) - 0 = 300.
    expect(values[4]).toBeCloseTo(Math.hypot(300, 300), 9);
  });
});

describe('input checks', () => {
  it('rejects mismatched data, depth and alpha', () => {
    const ok = image([[1, 2]]);
    expect(() => referenceFilter({ ...ok, data: new Uint8Array(3) }, spec([[1]]))).toThrow(
      new RangeError('Expected 2 samples for image.data but received Uint8Array of length 3'),
    );
    expect(() => referenceFilter({ ...ok, depth: 16 }, spec([[1]]))).toThrow(TypeError);
    expect(() => referenceFilter({ ...ok, hasAlpha: true }, spec([[1]]))).toThrow(RangeError);
    expect(() => referenceFilter({ ...ok, width: 0 }, spec([[1]]))).toThrow(RangeError);
    expect(() => referenceFilter(ok, spec([[1]], { mapping: 'gamma' as FilterSpec['mapping'] }))).toThrow(
      RangeError,
    );
  });
});

// Built-in presets: sums, symmetry, sizes, sign conventions, registry, parameter validation.
import { describe, expect, it } from 'vitest';
import type { KernelMatrix } from '../../../../main/service/filter/filterSpec.js';
import { kernelSum, kernelToRows } from '../../../../main/service/filter/kernelMatrix.js';
import {
  PRESETS,
  boxKernel,
  gaussianKernel,
  gaussianSize,
  identityKernel,
  laplacianOfGaussianKernel,
  motionBlurKernel,
  presetInfo,
  presetKernel,
  presetSpec,
  sobelXKernel,
  sobelYKernel,
  unsharpMaskKernel,
} from '../../../../main/service/filter/presets.js';
import { validateFilterSpec } from '../../../../main/service/filter/validateFilterSpec.js';

const at = (k: KernelMatrix, r: number, c: number): number => k.data[r * k.cols + c];

function transpose(k: KernelMatrix): number[][] {
  return Array.from({ length: k.cols }, (_, c) => Array.from({ length: k.rows }, (_, r) => at(k, r, c)));
}

/** Correlation of a kernel with an image that is a function of position, at the kernel centre. */
function responseTo(k: KernelMatrix, image: (dr: number, dc: number) => number): number {
  let acc = 0;
  const ar = Math.floor(k.rows / 2);
  const ac = Math.floor(k.cols / 2);
  for (let i = 0; i < k.rows; i++)
    for (let j = 0; j < k.cols; j++) acc += at(k, i, j) * image(i - ar, j - ac);
  return acc;
}

const BLUR_LIKE = ['identity', 'box', 'gaussian', 'sharpen', 'unsharp-mask', 'emboss', 'motion-blur'];
const ZERO_SUM = [
  'sobel-x',
  'sobel-y',
  'scharr-x',
  'scharr-y',
  'prewitt-x',
  'prewitt-y',
  'laplacian-4',
  'laplacian-8',
  'laplacian-of-gaussian',
  'homework-h',
];

describe('preset sums', () => {
  it.each(BLUR_LIKE)('%s sums to 1 at its default parameters', (id) => {
    expect(kernelSum(presetKernel(id).kernel)).toBeCloseTo(1, 6);
  });

  it.each(ZERO_SUM)('%s sums to 0 (a flat image gives 0)', (id) => {
    expect(Math.abs(kernelSum(presetKernel(id).kernel))).toBeLessThan(1e-6);
  });

  it.each(['sobel', 'scharr', 'prewitt'])('%s-magnitude is a zero-sum x/y pair', (family) => {
    const { kernel, kernelY } = presetKernel(`${family}-magnitude`);
    expect(kernelY).toBeDefined();
    expect(kernelSum(kernel)).toBe(0);
    expect(kernelSum(kernelY!)).toBe(0);
    expect(kernelToRows(kernelY!)).toEqual(transpose(kernel));
  });

  it.each([0.3, 1, 2.5, 7])('gaussian sigma %f and box sizes 1..31 sum to 1', (sigma) => {
    expect(kernelSum(gaussianKernel(sigma))).toBeCloseTo(1, 6);
    for (let n = 1; n <= 31; n++) expect(kernelSum(boxKernel(n))).toBeCloseTo(1, 6);
  });
});

describe('sizes and shapes', () => {
  it('gaussian size is 2 ceil(3 sigma) + 1, capped to 31', () => {
    expect(gaussianSize(1)).toBe(7);
    expect(gaussianSize(0.5)).toBe(5);
    expect(gaussianSize(0.1)).toBe(3);
    expect(gaussianSize(5)).toBe(31);
    expect(gaussianSize(9)).toBe(31);
    expect(gaussianKernel(1.2).rows).toBe(9);
    expect(gaussianKernel(1.2).cols).toBe(9);
  });

  it('box N is N x N of 1/N^2, even N included', () => {
    const k = boxKernel(4);
    expect([k.rows, k.cols]).toEqual([4, 4]);
    expect(Array.from(k.data).every((v) => v === Math.fround(1 / 16))).toBe(true);
  });

  it('identity is a single 1', () => {
    expect(kernelToRows(identityKernel())).toEqual([[1]]);
  });

  it('gaussian is symmetric, peaks at the centre and falls off as exp(-d^2 / 2 sigma^2)', () => {
    const sigma = 1.3;
    const k = gaussianKernel(sigma);
    const c = (k.rows - 1) / 2;
    for (let r = 0; r < k.rows; r++) {
      for (let q = 0; q < k.cols; q++) {
        expect(at(k, r, q)).toBe(at(k, q, r));
        expect(at(k, r, q)).toBe(at(k, k.rows - 1 - r, q));
        expect(at(k, r, q)).toBeLessThanOrEqual(at(k, c, c));
      }
    }
    expect(at(k, c, c + 1) / at(k, c, c)).toBeCloseTo(Math.exp(-1 / (2 * sigma * sigma)), 6);
    expect(at(k, c + 1, c + 1) / at(k, c, c)).toBeCloseTo(Math.exp(-2 / (2 * sigma * sigma)), 6);
  });

  it('LoG is zero-sum, rotationally symmetric, with a negative centre and positive far ring', () => {
    for (const sigma of [0.5, 1.4, 3, 8]) {
      const k = laplacianOfGaussianKernel(sigma);
      const c = (k.rows - 1) / 2;
      let abs = 0;
      for (let i = 0; i < k.data.length; i++) abs += Math.abs(k.data[i]);
      expect(Math.abs(kernelSum(k))).toBeLessThan(1e-6 * abs);
      expect(at(k, c, c)).toBeLessThan(0);
      expect(at(k, c, c)).toBe(Math.min(...k.data));
      expect(at(k, c, 0)).toBeGreaterThan(at(k, c, c));
      expect(at(k, c, 0)).toBe(at(k, 0, c));
      expect(at(k, 1, 2)).toBe(at(k, 2, 1));
    }
  });

  it('unsharp mask is identity + amount (identity - gaussian)', () => {
    const sigma = 0.8;
    const amount = 1.5;
    const k = unsharpMaskKernel(sigma, amount);
    const g = gaussianKernel(sigma);
    expect([k.rows, k.cols]).toEqual([g.rows, g.cols]);
    const c = (k.rows - 1) / 2;
    for (let r = 0; r < k.rows; r++) {
      for (let q = 0; q < k.cols; q++) {
        const delta = r === c && q === c ? 1 : 0;
        expect(at(k, r, q)).toBeCloseTo(delta + amount * (delta - at(g, r, q)), 6);
      }
    }
    expect(
      kernelToRows(unsharpMaskKernel(1, 0))
        .flat()
        .filter((v) => v !== 0),
    ).toEqual([1]);
  });
});

describe('sign conventions (correlation)', () => {
  it('Sobel x is positive for intensity increasing to the right, Sobel y downwards', () => {
    expect(responseTo(sobelXKernel(), (_r, c) => 10 * c)).toBe(80);
    expect(responseTo(sobelXKernel(), (r) => 10 * r)).toBe(0);
    expect(responseTo(sobelYKernel(), (r) => 10 * r)).toBe(80);
    expect(responseTo(sobelYKernel(), (_r, c) => -c)).toBe(0);
  });

  it.each(['scharr', 'prewitt'])('%s x and y have the same orientation as Sobel', (family) => {
    expect(responseTo(presetKernel(`${family}-x`).kernel, (_r, c) => c)).toBeGreaterThan(0);
    expect(responseTo(presetKernel(`${family}-y`).kernel, (r) => r)).toBeGreaterThan(0);
    expect(kernelToRows(presetKernel(`${family}-y`).kernel)).toEqual(
      transpose(presetKernel(`${family}-x`).kernel),
    );
  });

  it('the exact matrices of the fixed kernels', () => {
    expect(kernelToRows(presetKernel('homework-h').kernel)).toEqual([
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ]);
    expect(kernelToRows(presetKernel('scharr-x').kernel)).toEqual([
      [-3, 0, 3],
      [-10, 0, 10],
      [-3, 0, 3],
    ]);
    expect(kernelToRows(presetKernel('laplacian-4').kernel)).toEqual([
      [0, 1, 0],
      [1, -4, 1],
      [0, 1, 0],
    ]);
    expect(kernelToRows(presetKernel('laplacian-8').kernel)).toEqual([
      [1, 1, 1],
      [1, -8, 1],
      [1, 1, 1],
    ]);
    expect(kernelToRows(presetKernel('sharpen').kernel)).toEqual([
      [0, -1, 0],
      [-1, 5, -1],
      [0, -1, 0],
    ]);
  });

  it('Laplacians respond negatively to a bright spot and not at all to a ramp', () => {
    const spot = (r: number, c: number): number => (r === 0 && c === 0 ? 100 : 0);
    expect(responseTo(presetKernel('laplacian-4').kernel, spot)).toBe(-400);
    expect(responseTo(presetKernel('laplacian-8').kernel, spot)).toBe(-800);
    expect(responseTo(presetKernel('laplacian-8').kernel, (r, c) => 3 * r + 5 * c)).toBe(0);
  });
});

describe('motion blur', () => {
  it('horizontal length 5 is a 1x5 row of 1/5; vertical is its transpose', () => {
    expect(kernelToRows(motionBlurKernel(5, 0))).toEqual([Array(5).fill(Math.fround(0.2))]);
    expect(kernelToRows(motionBlurKernel(5, 90))).toEqual(Array(5).fill([Math.fround(0.2)]));
    expect(kernelToRows(motionBlurKernel(5, 180))).toEqual([Array(5).fill(Math.fround(0.2))]);
  });

  it('an even length covers half pixels at both ends: [0.5, 1, 1, 1, 0.5] / 4', () => {
    expect(kernelToRows(motionBlurKernel(4, 0))).toEqual([[0.125, 0.25, 0.25, 0.25, 0.125]]);
  });

  it('length 1 is the identity at any angle', () => {
    for (const angle of [0, 30, 45, 90, -60]) expect(kernelToRows(motionBlurKernel(1, angle))).toEqual([[1]]);
  });

  it.each([30, 45, -20, 135])('angle %i: sum 1, point-symmetric, odd sides, at most 31', (angle) => {
    for (const length of [2, 7, 31]) {
      const k = motionBlurKernel(length, angle);
      expect(kernelSum(k)).toBeCloseTo(1, 6);
      expect(k.rows % 2).toBe(1);
      expect(k.cols % 2).toBe(1);
      expect(Math.max(k.rows, k.cols)).toBeLessThanOrEqual(31);
      for (let i = 0; i < k.data.length; i++) expect(k.data[i]).toBe(k.data[k.data.length - 1 - i]);
    }
  });

  it('45 degrees runs from bottom-left to top-right (rows grow downwards)', () => {
    const k = motionBlurKernel(5, 45);
    expect(at(k, 0, k.cols - 1)).toBeGreaterThan(0);
    expect(at(k, 0, 0)).toBe(0);
    expect(at(k, k.rows - 1, 0)).toBeGreaterThan(0);
  });

  it('30 degrees of length 31 spans 27 columns and 17 rows (|cos|, |sin| times 15.5, rounded)', () => {
    const k = motionBlurKernel(31, 30);
    expect(k.cols).toBe(2 * Math.round(15.5 * Math.cos(Math.PI / 6)) + 1);
    expect(k.rows).toBe(2 * Math.round(15.5 * Math.sin(Math.PI / 6)) + 1);
  });
});

describe('registry', () => {
  it('ids are unique and every default builds a valid spec with the default mapping', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([...BLUR_LIKE, ...ZERO_SUM]));
    for (const p of PRESETS) {
      for (const param of p.params) {
        expect(param.default).toBeGreaterThanOrEqual(param.min);
        expect(param.default).toBeLessThanOrEqual(param.max);
      }
      const spec = presetSpec(p.id);
      expect(() => validateFilterSpec(spec)).not.toThrow();
      expect(spec.mapping).toBe(p.defaultMapping);
      expect(spec.kernelY !== undefined).toBe(p.gradientPair);
    }
  });

  it('edge kernels default to abs or shift128, blurs to clamp', () => {
    expect(presetInfo('sobel-x').defaultMapping).toBe('abs');
    expect(presetInfo('laplacian-4').defaultMapping).toBe('shift128');
    expect(presetInfo('gaussian').defaultMapping).toBe('clamp');
  });

  it('the registry is plain data (it crosses IPC by structured clone)', () => {
    expect(structuredClone(PRESETS)).toEqual(PRESETS);
  });

  it('every parameter at its min and max builds a kernel within 1..31', () => {
    for (const p of PRESETS) {
      for (const param of p.params) {
        for (const value of [param.min, param.max]) {
          const { kernel } = presetKernel(p.id, { [param.name]: value });
          expect(kernel.rows).toBeGreaterThanOrEqual(1);
          expect(Math.max(kernel.rows, kernel.cols)).toBeLessThanOrEqual(31);
          expect(Array.from(kernel.data).every(Number.isFinite)).toBe(true);
        }
      }
    }
  });

  it('parameters are passed through', () => {
    expect(presetKernel('box', { size: 5 }).kernel.rows).toBe(5);
    expect(presetKernel('gaussian', { sigma: 2 }).kernel.rows).toBe(13);
    expect(presetKernel('motion-blur', { length: 7, angle: 90 }).kernel.rows).toBe(7);
  });
});

describe('parameter validation', () => {
  it('out of range names the parameter, the range and the value', () => {
    expect(() => presetKernel('box', { size: 40 })).toThrow(
      new RangeError('Expected an integer between 1 and 31 for box.size but received 40'),
    );
    expect(() => presetKernel('gaussian', { sigma: 20 })).toThrow(
      new RangeError('Expected a finite number between 0.1 and 10 for gaussian.sigma but received 20'),
    );
    expect(() => presetKernel('unsharp-mask', { amount: -1 })).toThrow(
      new RangeError('Expected a finite number between 0 and 5 for unsharp-mask.amount but received -1'),
    );
  });

  it('non-integers, NaN and infinities are RangeErrors; wrong types are TypeErrors', () => {
    expect(() => presetKernel('box', { size: 2.5 })).toThrow(RangeError);
    expect(() => presetKernel('motion-blur', { angle: NaN })).toThrow(/motion-blur.angle but received NaN/);
    expect(() => presetKernel('gaussian', { sigma: Infinity })).toThrow(RangeError);
    expect(() => presetKernel('gaussian', { sigma: '2' })).toThrow(
      new TypeError('Expected a number for gaussian.sigma but received "2"'),
    );
  });

  it('unknown presets and parameter names are rejected', () => {
    expect(() => presetKernel('blurry')).toThrow(RangeError);
    expect(() => presetKernel('blurry')).toThrow(/for preset id but received "blurry"/);
    expect(() => presetKernel('gaussian', { sigmaa: 1 })).toThrow(
      new RangeError(`Expected one of 'sigma' for a parameter name of gaussian but received "sigmaa"`),
    );
    expect(() => presetKernel('sobel-x', { size: 3 })).toThrow(/Expected no parameters/);
  });
});

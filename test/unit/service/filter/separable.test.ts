// Rank-1 detection from the weights, on every preset and on constructed kernels.
import { describe, expect, it } from 'vitest';
import type { KernelMatrix } from '../../../../main/service/filter/filterSpec.js';
import { kernelFromFunction } from '../../../../main/service/filter/kernelMatrix.js';
import {
  PRESETS,
  gaussianKernel,
  motionBlurKernel,
  presetKernel,
} from '../../../../main/service/filter/presets.js';
import { SEPARABLE_TOLERANCE, separate } from '../../../../main/service/filter/separable.js';
import { mulberry32 } from '../../../helpers/random.js';

function maxAbs(k: KernelMatrix): number {
  return k.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

function expectReconstructs(k: KernelMatrix, f: { column: Float32Array; row: Float32Array }): void {
  expect(f.column.length).toBe(k.rows);
  expect(f.row.length).toBe(k.cols);
  const tol = SEPARABLE_TOLERANCE * maxAbs(k);
  for (let i = 0; i < k.rows; i++) {
    for (let j = 0; j < k.cols; j++) {
      expect(Math.abs(k.data[i * k.cols + j] - f.column[i] * f.row[j])).toBeLessThanOrEqual(tol);
    }
  }
}

const RANK_ONE = [
  'identity',
  'box',
  'gaussian',
  'sobel-x',
  'sobel-y',
  'scharr-x',
  'scharr-y',
  'prewitt-x',
  'prewitt-y',
  'homework-h',
  'sobel-magnitude',
  'scharr-magnitude',
  'prewitt-magnitude',
];
const NOT_RANK_ONE = [
  'sharpen',
  'unsharp-mask',
  'laplacian-4',
  'laplacian-8',
  'laplacian-of-gaussian',
  'emboss',
];

describe('separate on every preset', () => {
  it('covers every preset id', () => {
    expect([...RANK_ONE, ...NOT_RANK_ONE, 'motion-blur'].sort()).toEqual(PRESETS.map((p) => p.id).sort());
  });

  it.each(RANK_ONE)('%s is rank 1 and its factors rebuild it (both kernels of a pair)', (id) => {
    const { kernel, kernelY } = presetKernel(id);
    for (const k of kernelY ? [kernel, kernelY] : [kernel]) {
      const f = separate(k);
      expect(f).not.toBeNull();
      expectReconstructs(k, f!);
    }
  });

  it.each(NOT_RANK_ONE)('%s is not rank 1', (id) => {
    expect(separate(presetKernel(id).kernel)).toBeNull();
  });

  it('motion blur: rank 1 at 0 and 90 degrees, not at 30 or 45', () => {
    expect(separate(motionBlurKernel(9, 0))).not.toBeNull();
    expect(separate(motionBlurKernel(9, 90))).not.toBeNull();
    expect(separate(motionBlurKernel(9, 30))).toBeNull();
    expect(separate(motionBlurKernel(9, 45))).toBeNull();
  });

  it('parameterised presets over their ranges', () => {
    for (const size of [1, 2, 4, 7, 31])
      expect(separate(presetKernel('box', { size }).kernel)).not.toBeNull();
    for (const sigma of [0.1, 0.7, 2, 5, 10]) {
      const k = presetKernel('gaussian', { sigma }).kernel;
      expectReconstructs(k, separate(k)!);
    }
    expect(separate(presetKernel('unsharp-mask', { amount: 0 }).kernel)).not.toBeNull();
    expect(separate(presetKernel('unsharp-mask', { amount: 0.5, sigma: 2 }).kernel)).toBeNull();
  });
});

describe('factors shown to the user', () => {
  it('Sobel x is [1,2,1] down and [-1,0,1] across; Sobel y the other way round', () => {
    const fx = separate(presetKernel('sobel-x').kernel)!;
    expect(Array.from(fx.column)).toEqual([1, 2, 1]);
    expect(Array.from(fx.row)).toEqual([-1, 0, 1]);
    const fy = separate(presetKernel('homework-h').kernel)!;
    expect(Array.from(fy.column)).toEqual([-1, 0, 1]);
    expect(Array.from(fy.row)).toEqual([1, 2, 1]);
  });

  it('Scharr x is [3,10,3] and [-1,0,1]', () => {
    const f = separate(presetKernel('scharr-x').kernel)!;
    expect(Array.from(f.column)).toEqual([3, 10, 3]);
    expect(Array.from(f.row)).toEqual([-1, 0, 1]);
  });

  it('a Gaussian splits into two equal normalised 1-D Gaussians', () => {
    const f = separate(gaussianKernel(1.5))!;
    const sum = (a: Float32Array): number => a.reduce((s, v) => s + v, 0);
    expect(sum(f.row)).toBeCloseTo(1, 6);
    expect(sum(f.column)).toBeCloseTo(1, 6);
    for (let i = 0; i < f.row.length; i++) expect(f.column[i]).toBeCloseTo(f.row[i], 7);
  });

  it('a box 3 splits into two rows of 1/3', () => {
    const f = separate(presetKernel('box', { size: 3 }).kernel)!;
    for (const v of [...f.column, ...f.row]) expect(v).toBeCloseTo(1 / 3, 7);
  });

  it('the zero kernel is separable with zero factors', () => {
    const f = separate(kernelFromFunction(2, 3, () => 0))!;
    expect(Array.from(f.column)).toEqual([0, 0]);
    expect(Array.from(f.row)).toEqual([0, 0, 0]);
  });
});

describe('separate on constructed kernels', () => {
  it('detects random outer products of every shape, and rebuilds them', () => {
    const rand = mulberry32(7);
    for (let t = 0; t < 50; t++) {
      const rows = 1 + Math.floor(rand() * 31);
      const cols = 1 + Math.floor(rand() * 31);
      const c = Array.from({ length: rows }, () => rand() * 4 - 2);
      const r = Array.from({ length: cols }, () => rand() * 4 - 2);
      const k = kernelFromFunction(rows, cols, (i, j) => c[i] * r[j]);
      const f = separate(k);
      expect(f, `seed 7 trial ${t}`).not.toBeNull();
      expectReconstructs(k, f!);
    }
  });

  it('rejects a rank-1 kernel with one weight perturbed by 1e-4 of its largest', () => {
    const k = kernelFromFunction(5, 5, (i, j) => (i + 1) * (j + 2));
    expect(separate(k)).not.toBeNull();
    k.data[7] += 1e-4 * maxAbs(k);
    expect(separate(k)).toBeNull();
  });

  it('rejects rank 2 even when the pivot row and column match', () => {
    // k = u v^T + w z^T where w, z vanish at the pivot's row and column.
    const k = kernelFromFunction(
      3,
      3,
      (i, j) =>
        10 * (i === 1 ? 1 : 0.5) * (j === 1 ? 1 : 0.5) + (i !== 1 && j !== 1 ? (i === 0 ? 1 : -1) : 0),
    );
    expect(separate(k)).toBeNull();
  });

  it('a 1 x N or N x 1 kernel is always rank 1', () => {
    const rand = mulberry32(3);
    const row = kernelFromFunction(1, 9, () => rand() - 0.5);
    const col = kernelFromFunction(9, 1, () => rand() - 0.5);
    expectReconstructs(row, separate(row)!);
    expectReconstructs(col, separate(col)!);
  });
});

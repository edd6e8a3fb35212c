import { describe, expect, it } from 'vitest';
import { formatWeight } from '../../../renderer/src/studio/analysis/formatWeight.js';
import { separability } from '../../../renderer/src/studio/analysis/separability.js';

describe('separability', () => {
  it('factors Sobel x into [1, 2, 1] and [-1, 0, 1]', () => {
    expect(
      separability([
        [-1, 0, 1],
        [-2, 0, 2],
        [-1, 0, 1],
      ]),
    ).toEqual({ separable: true, column: [1, 2, 1], row: [-1, 0, 1] });
  });

  it('reports rank > 1 for the Laplacian and handles non-square kernels', () => {
    expect(
      separability([
        [0, 1, 0],
        [1, -4, 1],
        [0, 1, 0],
      ]),
    ).toEqual({ separable: false });
    const row = separability([[1, 2, 3]]);
    if (!row.separable) throw new Error('a single row is rank 1');
    expect(row.column).toHaveLength(1);
    expect(row.row.map((v) => v * row.column[0])).toEqual([1, 2, 3].map((v) => expect.closeTo(v, 6)));
  });
});

describe('formatWeight', () => {
  it('writes the shortest decimal of the float32 value', () => {
    expect(formatWeight(Math.fround(1 / 9))).toBe('0.11111111');
    expect(formatWeight(0.25)).toBe('0.25');
    expect(formatWeight(-0)).toBe('0');
    expect(formatWeight(-2)).toBe('-2');
  });
});

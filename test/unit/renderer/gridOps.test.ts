import { describe, expect, it } from 'vitest';
import {
  gridsEqual,
  resizeGrid,
  transposeGrid,
  withCell,
  zeroGrid,
} from '../../../renderer/src/studio/kernel/gridOps.js';
import { neighbourCell } from '../../../renderer/src/studio/kernel/neighbourCell.js';

const sobelX = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];

describe('resizeGrid', () => {
  it('pads odd to odd symmetrically and crops back to the original', () => {
    const big = resizeGrid(sobelX, 5, 5);
    expect(big).toEqual([
      [0, 0, 0, 0, 0],
      [0, -1, 0, 1, 0],
      [0, -2, 0, 2, 0],
      [0, -1, 0, 1, 0],
      [0, 0, 0, 0, 0],
    ]);
    expect(resizeGrid(big, 3, 3)).toEqual(sobelX);
    expect(resizeGrid(sobelX, 1, 1)).toEqual([[0]]);
    expect(resizeGrid([[7]], 3, 1)).toEqual([[0], [7], [0]]);
  });

  it('keeps the centre tap floor(n/2) at floor(m/2) for even sizes', () => {
    // 3 -> 4: the centre (index 1) moves to index 2, so the extra zero goes first.
    expect(resizeGrid([[1, 2, 3]], 1, 4)).toEqual([[0, 1, 2, 3]]);
    // 1 -> 2: [0, h], h is the tap over the output pixel.
    expect(resizeGrid([[5]], 2, 2)).toEqual([
      [0, 0],
      [0, 5],
    ]);
    // 4 -> 3 crops the first value; 2 -> 1 keeps index 1.
    expect(resizeGrid([[1, 2, 3, 4]], 1, 3)).toEqual([[2, 3, 4]]);
    expect(resizeGrid([[1, 2]], 1, 1)).toEqual([[2]]);
    // 4 -> 6 pads one on each side; 6 -> 4 crops one on each side.
    expect(resizeGrid([[1, 2, 3, 4]], 1, 6)).toEqual([[0, 1, 2, 3, 4, 0]]);
    expect(resizeGrid([[1, 2, 3, 4, 5, 6]], 1, 4)).toEqual([[2, 3, 4, 5]]);
  });

  it('resizes rows and columns independently', () => {
    const g = resizeGrid(sobelX, 4, 2);
    expect(g).toEqual([
      [0, 0],
      [-1, 0],
      [-2, 0],
      [-1, 0],
    ]);
    expect(g).toHaveLength(4);
    expect(resizeGrid(zeroGrid(31, 31), 1, 31)).toEqual(zeroGrid(1, 31));
  });

  it('never changes its input', () => {
    const copy = sobelX.map((r) => [...r]);
    resizeGrid(sobelX, 7, 7);
    withCell(sobelX, 0, 0, 9);
    expect(sobelX).toEqual(copy);
  });
});

describe('grid helpers', () => {
  it('sets a cell, transposes and compares', () => {
    expect(withCell(sobelX, 1, 2, 9)[1]).toEqual([-2, 0, 9]);
    expect(transposeGrid(sobelX)).toEqual([
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ]);
    expect(transposeGrid([[1, 2, 3]])).toEqual([[1], [2], [3]]);
    expect(
      gridsEqual(
        sobelX,
        sobelX.map((r) => [...r]),
      ),
    ).toBe(true);
    expect(gridsEqual(sobelX, withCell(sobelX, 0, 0, 1))).toBe(false);
    expect(gridsEqual([[1, 2]], [[1], [2]])).toBe(false);
    expect(gridsEqual(undefined, undefined)).toBe(true);
    expect(gridsEqual(undefined, [[1]])).toBe(false);
  });

  it('moves between cells with the arrow keys and stops at the edges', () => {
    expect(neighbourCell(1, 1, 'ArrowUp', 3, 3)).toEqual([0, 1]);
    expect(neighbourCell(1, 1, 'ArrowDown', 3, 3)).toEqual([2, 1]);
    expect(neighbourCell(1, 1, 'ArrowLeft', 3, 3)).toEqual([1, 0]);
    expect(neighbourCell(1, 1, 'ArrowRight', 3, 3)).toEqual([1, 2]);
    expect(neighbourCell(0, 0, 'ArrowUp', 3, 3)).toBeNull();
    expect(neighbourCell(2, 2, 'ArrowRight', 3, 3)).toBeNull();
    expect(neighbourCell(1, 1, 'Enter', 3, 3)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { fitGrid } from '../../../renderer/src/explorer/fitGrid.js';

const options = { gap: 10, caption: 22, cap: 220, min: 72 };

describe('fitGrid', () => {
  it('lays ten maps out as two full rows of five when that is about as large', () => {
    expect(fitGrid(10, 700, 570, options)).toEqual({ cols: 5, side: 132 });
    expect(fitGrid(10, 1070, 940, options)).toEqual({ cols: 5, side: 206 });
  });

  it('never exceeds the cap or the area', () => {
    expect(fitGrid(1, 700, 570, options)).toEqual({ cols: 1, side: 220 });
    const { cols, side } = fitGrid(10, 400, 300, options);
    const rows = Math.ceil(10 / cols);
    expect(cols * side + (cols - 1) * 10).toBeLessThanOrEqual(400);
    if (side > options.min) expect(rows * (side + 22) + (rows - 1) * 10).toBeLessThanOrEqual(300);
  });

  it('falls back to the width when the height holds nothing of the least size', () => {
    const { cols, side } = fitGrid(32, 700, 100, options);
    expect(side).toBeGreaterThanOrEqual(72);
    expect(cols * side + (cols - 1) * 10).toBeLessThanOrEqual(700);
  });
});

/** Pure edits of a kernel grid (nested rows); every function returns a new grid. */
import type { Grid } from './types.js';

/** A rows x cols grid of zeros. */
export function zeroGrid(rows: number, cols: number): Grid {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/**
 * The grid resized to rows x cols around its centre. The centre of a side n is floor(n / 2), the
 * tap the back end places over the output pixel (the correlation anchor), and it stays the centre:
 * old index i moves to i - floor(n / 2) + floor(m / 2). Growing pads zeros on both sides (for an
 * even change, the extra zero goes before: 3 -> 4 adds one leading zero, 1 -> 2 gives [0, h]);
 * shrinking crops both sides (4 -> 3 drops the first value). Odd to odd is symmetric.
 */
export function resizeGrid(grid: Grid, rows: number, cols: number): Grid {
  const oldRows = grid.length;
  const oldCols = grid[0]?.length ?? 0;
  const dr = Math.floor(rows / 2) - Math.floor(oldRows / 2);
  const dc = Math.floor(cols / 2) - Math.floor(oldCols / 2);
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const sr = r - dr;
      const sc = c - dc;
      return sr >= 0 && sr < oldRows && sc >= 0 && sc < oldCols ? grid[sr][sc] : 0;
    }),
  );
}

/** The grid with the value at (r, c) replaced. */
export function withCell(grid: Grid, r: number, c: number, value: number): Grid {
  return grid.map((row, i) => (i === r ? row.map((v, j) => (j === c ? value : v)) : [...row]));
}

/** The transposed grid (Sobel x becomes Sobel y). */
export function transposeGrid(grid: Grid): Grid {
  const cols = grid[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, c) => grid.map((row) => row[c]));
}

/** Whether two grids have the same size and values. */
export function gridsEqual(a: Grid | undefined, b: Grid | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((row, r) => row.length === b[r].length && row.every((v, c) => Object.is(v, b[r][c])));
}

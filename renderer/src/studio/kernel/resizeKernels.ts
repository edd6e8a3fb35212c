/**
 * Resizing the kernel (and kernelY) from the size fields. Typing "15" into the rows field passes
 * through "1", which would crop the kernel to one row and lose it; so size edits in quick
 * succession (a run, each within MERGE_WINDOW_MS of the last, with no other edit between) all
 * resize the kernel as it was before the run started.
 */
import { MERGE_WINDOW_MS } from './draftHistory.js';
import { gridsEqual, resizeGrid } from './gridOps.js';
import type { Grid } from './types.js';

/** A kernel and, for a gradient pair, its y kernel. */
export interface GridPair {
  kernel: Grid;
  kernelY?: Grid;
}

/** The state of a run of size edits. */
export interface ResizeRun {
  base: GridPair;
  result: GridPair;
  at: number;
}

/** `current` resized to rows x cols (centre-preserving, see resizeGrid) and the run to pass next time. */
export function resizeKernels(
  current: GridPair,
  rows: number,
  cols: number,
  run: ResizeRun | null,
  at: number,
): { pair: GridPair; run: ResizeRun } {
  const continues =
    run !== null &&
    at - run.at <= MERGE_WINDOW_MS &&
    gridsEqual(run.result.kernel, current.kernel) &&
    gridsEqual(run.result.kernelY, current.kernelY);
  const base = continues ? run.base : current;
  const pair: GridPair = { kernel: resizeGrid(base.kernel, rows, cols) };
  if (base.kernelY) pair.kernelY = resizeGrid(base.kernelY, rows, cols);
  return { pair, run: { base, result: pair, at } };
}

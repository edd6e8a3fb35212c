/**
 * The K x K products that make one output pixel of a filter, laid out like the image
 * neighbourhood they read (correlation orientation: for convolution the kernel is shown rotated by
 * 180 degrees, which is exactly what convolution multiplies each neighbour with).
 */
import { borderIndex, type BorderMode } from './borderIndex.js';

/** Which image rows and columns each neighbourhood cell reads (-1: a zero tap outside the image). */
export interface NeighbourhoodSources {
  rows: number[];
  cols: number[];
}

/**
 * The source rows and columns of the neighbourhood of output pixel (x, y) for a kernel of
 * `kRows` x `kCols`: cell i reads image row y + i - floor(kRows / 2), through the border rule.
 */
export function neighbourhoodSources(
  x: number,
  y: number,
  kRows: number,
  kCols: number,
  image: { width: number; height: number },
  border: BorderMode,
): NeighbourhoodSources {
  const rows: number[] = [];
  const cols: number[] = [];
  for (let i = 0; i < kRows; i++) rows.push(borderIndex(y + i - Math.floor(kRows / 2), image.height, border));
  for (let j = 0; j < kCols; j++) cols.push(borderIndex(x + j - Math.floor(kCols / 2), image.width, border));
  return { rows, cols };
}

/** The kernel as it meets the neighbourhood: as is for correlation, rotated 180 degrees for convolution. */
export function orientedKernel(kernel: number[][], mode: 'correlation' | 'convolution'): number[][] {
  if (mode === 'correlation') return kernel.map((row) => [...row]);
  return kernel
    .slice()
    .reverse()
    .map((row) => row.slice().reverse());
}

/** One output pixel's arithmetic. */
export interface KernelProducts {
  /** The oriented weights, one per neighbourhood cell. */
  weights: number[][];
  /** The sample each cell reads; null for a zero tap outside the image. */
  samples: (number | null)[][];
  /** weight x sample per cell (0 for a zero tap). */
  products: number[][];
  sum: number;
}

/**
 * Products and their sum for output pixel (x, y); `sample(ix, iy)` gives the value at an image
 * pixel (the caller chooses the channel or luminance).
 */
export function kernelProducts(
  kernel: number[][],
  mode: 'correlation' | 'convolution',
  sources: NeighbourhoodSources,
  sample: (ix: number, iy: number) => number,
): KernelProducts {
  const weights = orientedKernel(kernel, mode);
  const samples: (number | null)[][] = [];
  const products: number[][] = [];
  let sum = 0;
  weights.forEach((row, i) => {
    const sRow: (number | null)[] = [];
    const pRow: number[] = [];
    row.forEach((w, j) => {
      const r = sources.rows[i];
      const c = sources.cols[j];
      const s = r < 0 || c < 0 ? null : sample(c, r);
      const p = s === null ? 0 : w * s;
      sRow.push(s);
      pRow.push(p);
      sum += p;
    });
    samples.push(sRow);
    products.push(pRow);
  });
  return { weights, samples, products, sum };
}

/** Contiguous runs [start, end) of the non-negative indices, in order of first appearance sorted. */
export function indexRuns(indices: readonly number[]): Array<[number, number]> {
  const sorted = [...new Set(indices.filter((i) => i >= 0))].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const i of sorted) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === i) last[1] = i + 1;
    else runs.push([i, i + 1]);
  }
  return runs;
}

/** Small helpers for building and reading KernelMatrix values (row-major Float32 weights). */
import type { KernelMatrix } from './filterSpec.js';

export { MAX_KERNEL_SIDE } from '../../../preload/kernelFile.js';

/** A kernel from nested rows (the caller guarantees equal row lengths). */
export function kernelFromRows(rows: readonly (readonly number[])[]): KernelMatrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float32Array(rows.length * cols);
  rows.forEach((row, r) => data.set(row, r * cols));
  return { rows: rows.length, cols, data };
}

/** A kernel's weights as nested rows of plain numbers. */
export function kernelToRows(kernel: KernelMatrix): number[][] {
  return Array.from({ length: kernel.rows }, (_, r) =>
    Array.from(kernel.data.subarray(r * kernel.cols, (r + 1) * kernel.cols)),
  );
}

/** A kernel of the given size whose weight at (r, c) is f(r, c), rounded once to float32. */
export function kernelFromFunction(
  rows: number,
  cols: number,
  f: (r: number, c: number) => number,
): KernelMatrix {
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = f(r, c);
  return { rows, cols, data };
}

/** Sum of the weights, accumulated in float64. */
export function kernelSum(kernel: KernelMatrix): number {
  let sum = 0;
  for (let i = 0; i < kernel.data.length; i++) sum += kernel.data[i];
  return sum;
}

/** Sum of the weights' absolute values, in float64 (the scale for "is this sum zero?"). */
export function kernelAbsSum(kernel: KernelMatrix): number {
  let sum = 0;
  for (let i = 0; i < kernel.data.length; i++) sum += Math.abs(kernel.data[i]);
  return sum;
}

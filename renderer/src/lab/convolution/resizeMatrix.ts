/** A matrix resized to rows x cols: values kept where both have a cell, new cells 0. */
export function resizeMatrix(m: readonly (readonly number[])[], rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => m[r]?.[c] ?? 0));
}

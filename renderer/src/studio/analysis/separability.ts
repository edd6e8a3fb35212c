/** Whether a kernel is rank 1, with its two 1-D factors, via the shared native-kernels/separable.ts. */
import { separate } from '../../../../native-kernels/separable.js';

/** The result shown to the user. */
export type Separability = { separable: true; column: number[]; row: number[] } | { separable: false };

/** The kernel's factors column ⊗ row when it is rank 1 (as separate() finds them), else not separable. */
export function separability(kernel: readonly (readonly number[])[]): Separability {
  const rows = kernel.length;
  const cols = kernel[0]?.length ?? 0;
  const data = new Float32Array(rows * cols);
  kernel.forEach((row, r) => data.set(row, r * cols));
  const factors = separate({ rows, cols, data });
  if (factors === null) return { separable: false };
  return { separable: true, column: Array.from(factors.column), row: Array.from(factors.row) };
}

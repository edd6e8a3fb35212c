/**
 * The filter draft as the renderer sees it: the contract's kernel file, with missing options filled
 * in by the kernel editor's defaults (kernel/kernelFileDefaults.ts, kept equal to the back end's by
 * a unit test).
 */
import { completeKernelFile } from './kernel/kernelFileDefaults.js';
import type { CompleteKernelFile, KernelFile } from './kernel/types.js';

export type { KernelFile } from './kernel/types.js';

/** A kernel file with every option filled in. */
export type ResolvedKernelFile = CompleteKernelFile;

/** `file` with its missing options set to the back end's defaults. */
export const resolveKernelFile: (file: KernelFile) => ResolvedKernelFile = completeKernelFile;

/**
 * The factor applied to the kernel's sum of products: 1 / sum when normalising a kernel whose sum
 * is not zero (the back end's effectiveScale rule), else the file's scale.
 */
export function effectiveScale(file: ResolvedKernelFile): number {
  if (!file.normalize) return file.scale;
  let sum = 0;
  let absSum = 0;
  for (const row of file.kernel)
    for (const v of row) {
      sum += v;
      absSum += Math.abs(v);
    }
  return Math.abs(sum) <= 1e-6 * absSum ? file.scale : 1 / sum;
}

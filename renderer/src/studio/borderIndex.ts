/**
 * Where a kernel tap outside the image reads from, per border mode: native-kernels/padding.ts's
 * rule (a pure module shared with the renderer) under the filter's names ('zero' is 'zeros').
 */
import { sourceIndex } from '../../../native-kernels/padding.js';
import type { KernelFile } from './kernelFile.js';

/** A filter's border mode. */
export type BorderMode = NonNullable<KernelFile['border']>;

/** The source index (0..size-1) of index q on an axis of `size` samples, or -1 for a zero tap. */
export function borderIndex(q: number, size: number, mode: BorderMode): number {
  return sourceIndex(q, size, mode === 'zero' ? 'zeros' : mode);
}

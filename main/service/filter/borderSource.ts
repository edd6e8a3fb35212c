/**
 * Where a tap outside the image reads from, per border mode: native-kernels/padding.ts's rule under
 * the filter's names ('zero' is the kernels' 'zeros').
 */
import { sourceIndex } from '../../../native-kernels/padding.js';
import type { PaddingMode } from '../../../native-kernels/types.js';
import type { BorderMode } from './filterSpec.js';

/** A border mode under the kernels' name for it. */
export const PADDING_MODE_OF: Readonly<Record<BorderMode, PaddingMode>> = {
  zero: 'zeros',
  replicate: 'replicate',
  reflect: 'reflect',
  circular: 'circular',
};

/** The source index (0..size-1) for index q along an axis of `size` samples, or -1 for a zero tap. */
export function borderSource(q: number, size: number, mode: BorderMode): number {
  return sourceIndex(q, size, PADDING_MODE_OF[mode]);
}

/**
 * Where a read outside an axis lands, per padding mode: the one rule behind conv2d padding and image
 * borders (the C++ twin is pad_map in src/padding.h). Reads may land far outside (a 31-tap kernel
 * on a 3-pixel image), so every rule extends the axis indefinitely:
 * - 'zeros': nothing (-1: the read contributes 0).
 * - 'replicate': the nearest edge sample (numpy 'edge', torch 'replicate').
 * - 'reflect': mirror about the edge sample without repeating it, -1 -> 1 and size -> size - 2
 *   (numpy 'reflect', torch 'reflect'), repeated with period 2 (size - 1); a 1-sample axis always
 *   reads sample 0.
 * - 'circular': wrap around, index mod size (numpy 'wrap', torch 'circular').
 */
import type { PaddingMode } from './types.js';

/** The source index (0..size-1) of index q on an axis of `size` samples, or -1 for a zero. */
export function sourceIndex(q: number, size: number, mode: PaddingMode): number {
  if (q >= 0 && q < size) return q;
  switch (mode) {
    case 'zeros':
      return -1;
    case 'replicate':
      return q < 0 ? 0 : size - 1;
    case 'reflect': {
      if (size === 1) return 0;
      const period = 2 * (size - 1);
      const p = ((q % period) + period) % period;
      return p < size ? p : period - p;
    }
    case 'circular':
      return ((q % size) + size) % size;
  }
}

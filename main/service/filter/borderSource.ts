/**
 * Where a tap outside the image reads from, per border mode. Kernels may be larger than the image
 * (31 taps on a 3-pixel image), so every rule extends the image indefinitely, not just by one
 * kernel radius:
 * - 'zero': nothing (-1; the tap contributes 0).
 * - 'replicate': the nearest edge pixel (numpy 'edge', torch 'replicate').
 * - 'reflect': mirror about the edge pixel without repeating it, -1 -> 1 and size -> size - 2
 *   (numpy.pad 'reflect', torch 'reflect', native-kernels conv2d 'reflect'), repeated with period
 *   2 (size - 1) for far taps exactly as numpy.pad does; a 1-pixel side always reads pixel 0.
 * - 'circular': wrap around, index mod size (numpy 'wrap', torch 'circular').
 */
import type { BorderMode } from './filterSpec.js';

/** The source index (0..size-1) for index q along an axis of `size` samples, or -1 for a zero tap. */
export function borderSource(q: number, size: number, mode: BorderMode): number {
  if (q >= 0 && q < size) return q;
  switch (mode) {
    case 'zero':
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

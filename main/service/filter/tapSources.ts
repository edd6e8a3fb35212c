/**
 * Which source sample each kernel tap reads, per output coordinate, along one axis: the anchor rule
 * of filterSpec.ts (floor(taps / 2) for correlation, taps - 1 - floor(taps / 2) for convolution, so
 * an even kernel's extra tap falls on the same image side in both modes) and the border rule of
 * borderSource.ts. Shared by the reference filter (every coordinate) and previews (shown ones).
 */
import { borderSource } from './borderSource.js';
import type { BorderMode, FilterMode } from './filterSpec.js';

/** Source index of tap t for output coordinate coords[k] at [k * taps + t], -1 for a zero tap. */
export function tapSources(
  coords: ArrayLike<number>,
  size: number,
  taps: number,
  mode: FilterMode,
  border: BorderMode,
): Int32Array {
  const anchor = mode === 'correlation' ? Math.floor(taps / 2) : taps - 1 - Math.floor(taps / 2);
  const out = new Int32Array(coords.length * taps);
  for (let k = 0; k < coords.length; k++) {
    const m = coords[k];
    for (let t = 0; t < taps; t++) {
      const q = mode === 'correlation' ? m + t - anchor : m - t + anchor;
      out[k * taps + t] = borderSource(q, size, border);
    }
  }
  return out;
}

/** The coordinates 0..size-1 (every output position of an axis). */
export function allCoordinates(size: number): Int32Array {
  return Int32Array.from({ length: size }, (_, i) => i);
}

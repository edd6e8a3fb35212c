/**
 * What the output mapping keeps of the values before mapping: the window of values that land in
 * the sample range unclamped, and the fraction of a preview's histogram outside it.
 */
import type { OutputMapping } from '../kernel/types.js';

/** A closed interval of values before mapping. */
export interface ValueWindow {
  lo: number;
  hi: number;
}

/**
 * The values `mapping` passes without clamping, for samples 0..fullScale (255 for 8-bit, 65535 for
 * 16-bit): clamp [0, full]; abs |v| <= full, so [-full, full]; shift128 adds half the range
 * (128 or 32768), so [-half, full - half]; stretch maps the whole range, so null (nothing clamped).
 */
export function mappingWindow(mapping: OutputMapping, fullScale = 255): ValueWindow | null {
  const half = (fullScale + 1) / 2;
  switch (mapping) {
    case 'clamp':
      return { lo: 0, hi: fullScale };
    case 'abs':
      return { lo: -fullScale, hi: fullScale };
    case 'shift128':
      return { lo: -half, hi: fullScale - half };
    case 'stretch':
      return null;
  }
}

/**
 * The fraction of the counted values outside `window`, from a histogram of equal bins over
 * [min, max]. A bin the window edge cuts through counts in proportion to the part outside (values
 * taken as spread evenly over the bin), so this is an estimate to within one bin. When min = max
 * every value is min (the back end puts them all in bin 0). 0 for an empty histogram or no window.
 */
export function clampedFraction(
  histogram: readonly number[],
  min: number,
  max: number,
  window: ValueWindow | null,
): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (window === null || total <= 0) return 0;
  if (!(max > min)) return min < window.lo || min > window.hi ? 1 : 0;
  const width = (max - min) / histogram.length;
  let outside = 0;
  histogram.forEach((count, i) => {
    if (count === 0) return;
    const a = min + i * width;
    const b = a + width;
    const below = Math.max(0, Math.min(b, window.lo) - a);
    const above = Math.max(0, b - Math.max(a, window.hi));
    outside += (count * Math.min(width, below + above)) / width;
  });
  return Math.min(1, outside / total);
}

/** The frequency response as grey RGBA pixels for a canvas. */

/** The range the log scale shows, in decibels below the maximum. */
export const LOG_RANGE_DB = 60;

/**
 * RGBA bytes (4 per value), brightness relative to the largest value: linear (value / max), or in
 * decibels when `log`, max at white and LOG_RANGE_DB below it (or less) at black, which shows the
 * small side lobes a linear scale hides. All black when every value is 0.
 */
export function frequencyHeatmap(values: Float64Array, log: boolean): Uint8ClampedArray<ArrayBuffer> {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const rgba = new Uint8ClampedArray(new ArrayBuffer(values.length * 4));
  const level = (v: number): number => {
    if (max <= 0) return 0;
    if (!log) return v / max;
    if (v <= 0) return 0;
    return Math.max(0, 1 + (20 * Math.log10(v / max)) / LOG_RANGE_DB);
  };
  for (let i = 0; i < values.length; i++) {
    const g = Math.round(255 * level(values[i]));
    rgba[i * 4] = g;
    rgba[i * 4 + 1] = g;
    rgba[i * 4 + 2] = g;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

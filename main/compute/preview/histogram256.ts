/** The 256-bin histogram a preview reports of its values before mapping. */

/**
 * Counts `values` in 256 equal bins over [min, max] (the last bin includes max; values outside,
 * from float32 rounding of the float64 range, go to the end bins). All in bin 0 when max = min.
 */
export function histogram256(values: Float32Array, min: number, max: number): number[] {
  const bins = new Array<number>(256).fill(0);
  const range = max - min;
  if (!(range > 0) || !Number.isFinite(range)) {
    bins[0] = values.length;
    return bins;
  }
  const perUnit = 256 / range;
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor((values[i] - min) * perUnit);
    bins[b < 0 ? 0 : b > 255 ? 255 : b]++;
  }
  return bins;
}

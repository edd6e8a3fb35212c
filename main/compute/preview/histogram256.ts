/** The 256-bin histogram a preview reports of its values before mapping. */

/**
 * Counts `values` in 256 equal bins over [min, max] (the last bin includes max; values outside,
 * from float32 rounding of the float64 range, go to the end bins). All in bin 0 when max = min.
 * With `times`, `values` holds times.length equal rows and row k counts times[k] times (a zoomed-in
 * preview shows one image row on several screen rows).
 */
export function histogram256(values: Float32Array, min: number, max: number, times?: Int32Array): number[] {
  return Array.from(addToHistogram(new Float64Array(256), values, min, max, times));
}

/** Adds the counts of histogram256(values, min, max, times) into `counts` (256 bins) and returns it. */
export function addToHistogram(
  counts: Float64Array,
  values: Float32Array,
  min: number,
  max: number,
  times?: Int32Array,
): Float64Array {
  const rows = times ?? Int32Array.of(1);
  const stride = values.length / rows.length;
  const range = max - min;
  if (!(range > 0) || !Number.isFinite(range)) {
    counts[0] += rows.reduce((a, t) => a + t, 0) * stride;
    return counts;
  }
  const perUnit = 256 / range;
  // A tight typed loop (it runs over every shown value of every preview); the clamp comes before
  // the truncation, so ToInt32 never sees a huge value.
  for (let k = 0; k < rows.length; k++) {
    const w = rows[k];
    for (let i = k * stride; i < (k + 1) * stride; i++) {
      const t = (values[i] - min) * perUnit;
      counts[t < 0 ? 0 : t >= 255 ? 255 : t | 0] += w;
    }
  }
  return counts;
}

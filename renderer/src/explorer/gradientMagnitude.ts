/**
 * The effective receptive field's picture: |gradient| per input pixel, the largest over colour
 * channels, and its maximum (the sequential scale's top).
 */
export function gradientMagnitude(
  dims: readonly number[],
  data: Float32Array,
): { height: number; width: number; values: Float32Array; max: number; nonZero: number } {
  const [c, h, w] = dims.length === 4 ? [dims[1], dims[2], dims[3]] : [1, 1, data.length];
  const plane = h * w;
  const values = new Float32Array(plane);
  for (let k = 0; k < c; k++)
    for (let i = 0; i < plane; i++) values[i] = Math.max(values[i], Math.abs(data[k * plane + i]));
  let max = 0;
  let nonZero = 0;
  for (const v of values) {
    if (v > max) max = v;
    if (v > 0) nonZero++;
  }
  return { height: h, width: w, values, max, nonZero };
}

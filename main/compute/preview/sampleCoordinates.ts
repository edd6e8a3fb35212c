/**
 * Which image pixel each output pixel of a preview shows: nearest sampling, so every displayed
 * pixel (and its hover value) is exactly one image pixel, for zooming out and in alike.
 */

/**
 * Source coordinates for `outSize` output pixels over [start, start + length): the pixel under
 * each output pixel's centre. Always inside the span, for any outSize >= 1.
 */
export function sampleCoordinates(start: number, length: number, outSize: number): Int32Array {
  const out = new Int32Array(outSize);
  for (let i = 0; i < outSize; i++)
    out[i] = start + Math.min(length - 1, Math.floor(((i + 0.5) * length) / outSize));
  return out;
}

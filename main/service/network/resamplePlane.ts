/**
 * Resizing one float plane with a bilinear (triangle) filter widened by the scale factor when
 * shrinking, as PIL's Image.resize(BILINEAR) and torchvision's Resize(antialias=True) do: every
 * source pixel under the output pixel's footprint contributes, so a photo shrunk to 28×28 is
 * averaged rather than sampled (no aliasing), and enlarging is plain bilinear interpolation.
 */

/** For each output index along an axis: the first source index and its normalised weights. */
interface AxisTaps {
  first: Int32Array;
  weights: Float64Array[];
}

function axisTaps(inSize: number, outSize: number): AxisTaps {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filterScale;
  const first = new Int32Array(outSize);
  const weights: Float64Array[] = [];
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale;
    const lo = Math.max(0, Math.floor(center - support + 0.5));
    const hi = Math.min(inSize, Math.floor(center + support + 0.5));
    const w = new Float64Array(Math.max(hi - lo, 0));
    let sum = 0;
    for (let i = lo; i < hi; i++) {
      const t = Math.abs((i - center + 0.5) / filterScale);
      w[i - lo] = t < 1 ? 1 - t : 0;
      sum += w[i - lo];
    }
    for (let i = 0; i < w.length; i++) w[i] /= sum;
    first[o] = lo;
    weights.push(w);
  }
  return { first, weights };
}

/** Resizes a height×width plane (row-major) to outHeight×outWidth, rows first then columns. */
export function resamplePlane(
  plane: Float64Array,
  height: number,
  width: number,
  outHeight: number,
  outWidth: number,
): Float64Array {
  const cols = axisTaps(width, outWidth);
  const rows = axisTaps(height, outHeight);
  const wide = new Float64Array(height * outWidth);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < outWidth; x++) {
      const w = cols.weights[x];
      let sum = 0;
      for (let k = 0; k < w.length; k++) sum += w[k] * plane[y * width + cols.first[x] + k];
      wide[y * outWidth + x] = sum;
    }
  const out = new Float64Array(outHeight * outWidth);
  for (let y = 0; y < outHeight; y++) {
    const w = rows.weights[y];
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      for (let k = 0; k < w.length; k++) sum += w[k] * wide[(rows.first[y] + k) * outWidth + x];
      out[y * outWidth + x] = sum;
    }
  }
  return out;
}

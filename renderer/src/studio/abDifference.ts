/**
 * The difference of two previews of the same region: |A − B| of the values before mapping, per
 * channel, with its largest and mean value, and a gray picture of it scaled so that the largest
 * difference is white (each pixel shows its largest channel difference, so a difference in any
 * channel is visible; no difference at all is black). When one preview has one band (luminance)
 * and the other several, the single band is compared with each of the other's.
 */

/** The difference image and its statistics. */
export interface AbDifference {
  /** |A − B| per pixel and band, bands interleaved. */
  diff: Float32Array;
  bands: number;
  /** Largest and mean absolute difference over every pixel and band (0 for no pixels). */
  max: number;
  mean: number;
  /** Gray RGBA8, `pixelCount * 4` bytes, opaque. */
  rgba: Uint8Array;
}

/**
 * |a − b| for two previews of `pixelCount` pixels (bands interleaved); null when their band counts
 * cannot be matched (neither equal nor one of them 1). Non-finite differences count as 0.
 */
export function abDifference(a: Float32Array, b: Float32Array, pixelCount: number): AbDifference | null {
  if (pixelCount <= 0) {
    return { diff: new Float32Array(0), bands: 1, max: 0, mean: 0, rgba: new Uint8Array(0) };
  }
  const bandsA = Math.round(a.length / pixelCount);
  const bandsB = Math.round(b.length / pixelCount);
  if (bandsA * pixelCount !== a.length || bandsB * pixelCount !== b.length) return null;
  if (bandsA !== bandsB && bandsA !== 1 && bandsB !== 1) return null;
  const bands = Math.max(bandsA, bandsB);
  const diff = new Float32Array(pixelCount * bands);
  const peak = new Float64Array(pixelCount);
  let max = 0;
  let sum = 0;
  for (let p = 0; p < pixelCount; p++) {
    for (let c = 0; c < bands; c++) {
      const va = a[p * bandsA + (bandsA === 1 ? 0 : c)];
      const vb = b[p * bandsB + (bandsB === 1 ? 0 : c)];
      const d = Math.abs(va - vb);
      const v = Number.isFinite(d) ? d : 0;
      diff[p * bands + c] = v;
      sum += v;
      if (v > max) max = v;
      if (v > peak[p]) peak[p] = v;
    }
  }
  const rgba = new Uint8Array(pixelCount * 4);
  for (let p = 0; p < pixelCount; p++) {
    const g = max > 0 ? Math.round((peak[p] / max) * 255) : 0;
    rgba[p * 4] = g;
    rgba[p * 4 + 1] = g;
    rgba[p * 4 + 2] = g;
    rgba[p * 4 + 3] = 255;
  }
  return { diff, bands, max, mean: sum / (pixelCount * bands), rgba };
}

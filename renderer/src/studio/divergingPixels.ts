/**
 * A preview's values before mapping as diverging colours (analysis/divergingColormap.ts): white at
 * 0, red for positive and blue for negative responses, on a scale symmetric around 0 that reaches
 * its ends at ±max|v| of the pixels shown. One value per pixel: the value itself for one band, the
 * Rec. 709 luminance-weighted value for three bands (for a linear filter this is the filter's
 * response on the image's luminance, so the picture matches what the eye sees as the photo's
 * brightness; per-channel readings stay in the hover readout), and the mean of the bands otherwise.
 */
import { divergingColor } from './analysis/divergingColormap.js';

/** Rec. 709 luma weights, as the back end's luminance mode uses them. */
const LUMA = [0.2126, 0.7152, 0.0722] as const;

/** Colour steps per side of the lookup table (finer than 8-bit colour can show). */
const STEPS = 1024;

/** The diverging picture and the scale it was drawn with. */
export interface DivergingPixels {
  /** RGBA8, `pixelCount * 4` bytes, opaque. */
  rgba: Uint8Array;
  /** The scale's end: max |v| over the pixels (0 when every value is 0 or none is finite). */
  maxAbs: number;
}

/** The one value pixel `p` shows (see the file comment); non-finite values count as 0. */
function pixelValue(values: Float32Array, bands: number, p: number): number {
  const o = p * bands;
  let v: number;
  if (bands === 1) v = values[o];
  else if (bands === 3) v = LUMA[0] * values[o] + LUMA[1] * values[o + 1] + LUMA[2] * values[o + 2];
  else {
    v = 0;
    for (let b = 0; b < bands; b++) v += values[o + b];
    v /= bands;
  }
  return Number.isFinite(v) ? v : 0;
}

/**
 * The diverging colours of `values` (bands interleaved, `values.length / pixelCount` bands per
 * pixel, as PreviewResult.values holds them).
 */
export function divergingPixels(values: Float32Array, pixelCount: number): DivergingPixels {
  const rgba = new Uint8Array(pixelCount * 4);
  const bands = pixelCount > 0 ? Math.max(1, Math.round(values.length / pixelCount)) : 1;
  const shown = new Float64Array(pixelCount);
  let maxAbs = 0;
  for (let p = 0; p < pixelCount; p++) {
    const v = pixelValue(values, bands, p);
    shown[p] = v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  // A lookup table of 2 * STEPS + 1 colours from -maxAbs to +maxAbs (entry STEPS is 0: white).
  const table = new Uint8Array((2 * STEPS + 1) * 3);
  for (let i = 0; i <= 2 * STEPS; i++) table.set(divergingColor(i - STEPS, STEPS), i * 3);
  const perUnit = maxAbs > 0 ? STEPS / maxAbs : 0;
  for (let p = 0; p < pixelCount; p++) {
    const t = (STEPS + Math.round(shown[p] * perUnit)) * 3;
    rgba[p * 4] = table[t];
    rgba[p * 4 + 1] = table[t + 1];
    rgba[p * 4 + 2] = table[t + 2];
    rgba[p * 4 + 3] = 255;
  }
  return { rgba, maxAbs };
}

/**
 * Pixels fetched for a region of the image at a scale, and which output pixel shows a given image
 * pixel: the back end samples nearest (main/compute/preview/sampleCoordinates.ts), so at scale < 1
 * each output pixel shows exactly one image pixel.
 */
import type { DisplayPixels, Region } from '../../../preload/contract.js';

/** Display pixels with the image region they cover. */
export interface PlacedPixels<P extends DisplayPixels = DisplayPixels> {
  region: Region;
  pixels: P;
}

/** The source pixel of output index i over a span: the back end's nearest-sampling rule. */
function sourceOf(start: number, length: number, outSize: number, i: number): number {
  return start + Math.min(length - 1, Math.floor(((i + 0.5) * length) / outSize));
}

/**
 * The output pixel covering image pixel (x, y) and the image pixel it actually shows, or null when
 * (x, y) lies outside the placed region.
 */
export function outputPixelAt(
  placed: PlacedPixels,
  x: number,
  y: number,
): { index: number; source: { x: number; y: number } } | null {
  const { region, pixels } = placed;
  if (x < region.x || y < region.y || x >= region.x + region.width || y >= region.y + region.height)
    return null;
  const i = Math.min(pixels.width - 1, Math.floor(((x - region.x) * pixels.width) / region.width));
  const j = Math.min(pixels.height - 1, Math.floor(((y - region.y) * pixels.height) / region.height));
  return {
    index: j * pixels.width + i,
    source: {
      x: sourceOf(region.x, region.width, pixels.width, i),
      y: sourceOf(region.y, region.height, pixels.height, j),
    },
  };
}

/** The RGBA bytes of output pixel `index`. */
export function rgbaAt(pixels: DisplayPixels, index: number): [number, number, number, number] {
  const o = index * 4;
  return [pixels.rgba[o], pixels.rgba[o + 1], pixels.rgba[o + 2], pixels.rgba[o + 3]];
}

/** The values before mapping of output pixel `index` (one per band). */
export function valuesAt(values: Float32Array, pixelCount: number, index: number): number[] {
  const bands = pixelCount > 0 ? Math.round(values.length / pixelCount) : 0;
  return Array.from(values.subarray(index * bands, index * bands + bands));
}

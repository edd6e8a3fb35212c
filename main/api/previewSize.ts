/** The output size of a region shown at a scale. */
import type { Region } from '../../preload/contract.js';
import { MAX_PREVIEW_PIXELS } from '../compute/preview/previewLimits.js';

/** Checks `region` against the image and returns the output size at `scale` (at least 1x1). */
export function previewSize(
  region: Region,
  scale: number,
  image: { width: number; height: number },
): { outWidth: number; outHeight: number } {
  if (region.x + region.width > image.width || region.y + region.height > image.height)
    throw new RangeError(
      `Expected a region inside the ${image.width}x${image.height} image for request.region but received ` +
        `${region.width}x${region.height} at (${region.x}, ${region.y})`,
    );
  const outWidth = Math.max(1, Math.round(region.width * scale));
  const outHeight = Math.max(1, Math.round(region.height * scale));
  if (outWidth * outHeight > MAX_PREVIEW_PIXELS)
    throw new RangeError(
      `Expected a scale giving at most ${MAX_PREVIEW_PIXELS} pixels for request.scale but received ${scale} ` +
        `(${outWidth}x${outHeight})`,
    );
  return { outWidth, outHeight };
}

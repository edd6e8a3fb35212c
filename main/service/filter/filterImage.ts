/**
 * Filters a RasterImage on the calling thread with the native kernel. The compute process's 'filter'
 * job runs the same plan split over its worker threads; this is the in-process path for small
 * images, tests and the CLI's checks.
 */
import { filter2d } from '../../../native-kernels/filter2d.js';
import type { RasterImage } from '../image/rasterImage.js';
import type { FilterSpec } from './filterSpec.js';
import { filteredMetadata } from './filteredMetadata.js';
import { toFilter2dOptions } from './toFilter2dOptions.js';

/** The filtered image and the range of its values before mapping (what clamping throws away). */
export interface FilterResult {
  image: RasterImage;
  min: number;
  max: number;
}

/** Filters `image` by `spec` (validated) on this thread. */
export function filterImage(image: RasterImage, spec: FilterSpec): FilterResult {
  const options = toFilter2dOptions(spec);
  const result = filter2d(image, options);
  return {
    image: {
      ...result.image,
      metadata: filteredMetadata(image.metadata, spec),
    },
    min: result.min,
    max: result.max,
  };
}

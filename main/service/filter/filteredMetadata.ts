import type { ImageMetadata } from '../image/rasterImage.js';
import type { FilterSpec } from './filterSpec.js';

/**
 * Metadata of a filtered image: the source's, except that a luminance result is gray, so the
 * source's colour profile no longer describes it.
 */
export function filteredMetadata(metadata: ImageMetadata, spec: FilterSpec): ImageMetadata {
  if (spec.channels !== 'luminance') return { ...metadata };
  const { icc: _icc, ...rest } = metadata;
  return { ...rest, space: 'b-w' };
}

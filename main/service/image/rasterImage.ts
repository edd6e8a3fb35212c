/**
 * A decoded image as the back end holds it: interleaved 8- or 16-bit samples exactly as decoded
 * (no float copy of the whole image; filters convert band by band).
 */

/** Samples per pixel: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA. */
export type ChannelCount = 1 | 2 | 3 | 4;

export type BitDepth = 8 | 16;

export interface ImageMetadata {
  /** The file format sharp detected ('jpeg', 'png', 'webp', 'tiff', 'gif', 'heif', ...). */
  format: string;
  /** The EXIF orientation (1-8) that was applied when decoding, if the file had one. */
  orientation?: number;
  /** Embedded ICC profile, kept for export on request. */
  icc?: Uint8Array;
  /** Embedded EXIF block, kept for export on request. */
  exif?: Uint8Array;
  /** The colour space the file declared before conversion ('srgb', 'cmyk', 'b-w', ...). */
  space?: string;
  density?: number;
}

export interface RasterImage {
  width: number;
  height: number;
  channels: ChannelCount;
  depth: BitDepth;
  /** width * height * channels samples, row-major, channels interleaved. May live in a SharedArrayBuffer. */
  data: Uint8Array | Uint16Array;
  /** True when the last channel is alpha (channels 2 or 4); filters pass alpha through untouched. */
  hasAlpha: boolean;
  metadata: ImageMetadata;
}

/** The largest sample value of a depth: 255 or 65535. */
export function maxSample(depth: BitDepth): number {
  return depth === 8 ? 255 : 65535;
}

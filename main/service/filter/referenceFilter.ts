/**
 * The reference image filter: plain float64 loops over every tap, written to be checked by eye.
 * It is the oracle for the native filter kernel and for golden tests, not the fast path.
 *
 * Semantics (the native kernel must match them):
 * - Bands: 'per-channel' filters every colour channel; 'luminance' filters Y = 0.2126 R +
 *   0.7152 G + 0.0722 B computed from the stored (gamma-encoded) samples, unrounded, and outputs
 *   gray (gray input: Y is the gray sample). Alpha is copied untouched in both cases.
 * - Taps: the anchor rule of FilterSpec.mode (filterSpec.ts); outside taps per borderSource.ts.
 * - Value: effectiveScale(spec) * response + offset, where response is the single-kernel sum, or
 *   sqrt(gx^2 + gy^2) for a gradient pair (scale and offset applied after the magnitude).
 * - Mapping into 0..M (M = 255 or 65535): 'clamp' v; 'abs' |v|; 'shift128' v + (M + 1) / 2;
 *   'stretch' (v - min) * M / (max - min) over all filtered bands, every sample 0 when max = min.
 *   Then round to nearest, halves away from zero (2.5 -> 3; for every value that survives the
 *   clamp this is the same as round-half-up), then clamp to 0..M. NaN (only possible when huge
 *   weights overflow to opposite infinities) maps to 0.
 */
import { filteredMetadata } from './filteredMetadata.js';
import type { BitDepth, ChannelCount, RasterImage } from '../image/rasterImage.js';
import { maxSample } from '../image/rasterImage.js';
import { allCoordinates, tapSources } from './tapSources.js';
import type { BorderMode, FilterSpec, KernelMatrix, OutputMapping } from './filterSpec.js';
import { effectiveScale, filterError, filterErrorText, validateFilterSpec } from './validateFilterSpec.js';

/** Rec. 709 luma weights, applied to the samples as stored. */
export const LUMA_WEIGHTS = [0.2126, 0.7152, 0.0722] as const;

/** The filtered image plus the range of the values before mapping (for the histogram). */
export interface ReferenceFilterResult {
  image: RasterImage;
  /** Smallest filtered value (after scale and offset, before mapping) over all filtered bands. */
  min: number;
  /** Largest filtered value (after scale and offset, before mapping) over all filtered bands. */
  max: number;
}

/** Pre-mapping values: one plane per output colour band (alpha excluded), row-major. */
export interface ReferenceFilterValues {
  planes: Float64Array[];
  min: number;
  max: number;
}

/**
 * One plane filtered by one kernel in float64 (no scale, offset or mapping):
 * correlation y[m,n] = sum_ij x[m + i - a_r, n + j - a_c] h[i,j];
 * convolution y[m,n] = sum_ij x[m - i + a_r, n - j + a_c] h[i,j] (anchors per filterSpec.ts).
 */
export function filterPlane(
  plane: Float64Array,
  width: number,
  height: number,
  kernel: KernelMatrix,
  mode: FilterSpec['mode'],
  border: BorderMode,
): Float64Array {
  const { rows, cols, data } = kernel;
  const rowSrc = tapSources(allCoordinates(height), height, rows, mode, border);
  const colSrc = tapSources(allCoordinates(width), width, cols, mode, border);
  const out = new Float64Array(width * height);
  for (let m = 0; m < height; m++) {
    for (let n = 0; n < width; n++) {
      let acc = 0;
      for (let i = 0; i < rows; i++) {
        const r = rowSrc[m * rows + i];
        if (r < 0) continue;
        for (let j = 0; j < cols; j++) {
          const c = colSrc[n * cols + j];
          if (c < 0) continue;
          acc += plane[r * width + c] * data[i * cols + j];
        }
      }
      out[m * width + n] = acc;
    }
  }
  return out;
}

function expectImage(image: unknown): RasterImage {
  if (typeof image !== 'object' || image === null) filterError('type', 'image', 'a RasterImage', image);
  const img = image as RasterImage;
  for (const key of ['width', 'height'] as const) {
    const v: unknown = img[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      filterError('range', `image.${key}`, 'a positive integer', v);
  }
  if (![1, 2, 3, 4].includes(img.channels))
    filterError('range', 'image.channels', '1, 2, 3 or 4', img.channels);
  if (img.depth !== 8 && img.depth !== 16) filterError('range', 'image.depth', '8 or 16', img.depth);
  const arrayType = img.depth === 8 ? Uint8Array : Uint16Array;
  if (!(img.data instanceof arrayType))
    filterError('type', 'image.data', `a ${arrayType.name} for depth ${img.depth}`, img.data);
  const length = img.width * img.height * img.channels;
  if (img.data.length !== length) filterError('range', 'image.data', `${length} samples`, img.data);
  if (typeof img.hasAlpha !== 'boolean') filterError('type', 'image.hasAlpha', 'a boolean', img.hasAlpha);
  if (img.hasAlpha && img.channels !== 2 && img.channels !== 4)
    filterError('range', 'image.hasAlpha', 'false for an image with 1 or 3 channels', img.hasAlpha);
  return img;
}

/** The float64 bands to filter: each colour channel, or the single luminance band. */
function inputBands(image: RasterImage, channels: FilterSpec['channels']): Float64Array[] {
  const { width, height, data } = image;
  const stride = image.channels;
  const colour = image.channels - (image.hasAlpha ? 1 : 0);
  const pixels = width * height;
  const band = (f: (p: number) => number): Float64Array =>
    Float64Array.from({ length: pixels }, (_, p) => f(p));
  if (channels === 'per-channel')
    return Array.from({ length: colour }, (_, c) => band((p) => data[p * stride + c]));
  if (colour === 1) return [band((p) => data[p * stride])];
  if (colour !== 3)
    filterErrorText('range', 'image (luminance)', '1 or 3 colour channels', `${colour} colour channels`);
  const [wr, wg, wb] = LUMA_WEIGHTS;
  return [band((p) => wr * data[p * stride] + wg * data[p * stride + 1] + wb * data[p * stride + 2])];
}

/**
 * The filtered values before mapping (after effectiveScale and offset), one plane per output
 * colour band, with their min and max. The native kernel's float results compare against these.
 */
export function referenceFilterValues(image: RasterImage, spec: FilterSpec): ReferenceFilterValues {
  expectImage(image);
  validateFilterSpec(spec);
  const { width, height } = image;
  const scale = effectiveScale(spec);
  let min = Infinity;
  let max = -Infinity;
  const planes = inputBands(image, spec.channels).map((band) => {
    const gx = filterPlane(band, width, height, spec.kernel, spec.mode, spec.border);
    const gy = spec.kernelY ? filterPlane(band, width, height, spec.kernelY, spec.mode, spec.border) : null;
    for (let p = 0; p < gx.length; p++) {
      const response = gy ? Math.sqrt(gx[p] * gx[p] + gy[p] * gy[p]) : gx[p];
      const v = scale * response + spec.offset;
      gx[p] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return gx;
  });
  return { planes, min, max };
}

/** Rounds to nearest with halves away from zero (C's round()). */
export function roundHalfAwayFromZero(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

/** One pre-mapping value to a sample of `depth`; `min`/`max` are the stretch range. */
export function mapValue(
  v: number,
  mapping: OutputMapping,
  depth: BitDepth,
  min: number,
  max: number,
): number {
  const top = maxSample(depth);
  let u: number;
  switch (mapping) {
    case 'clamp':
      u = v;
      break;
    case 'abs':
      u = Math.abs(v);
      break;
    case 'shift128':
      u = v + (top + 1) / 2;
      break;
    case 'stretch': {
      const range = max - min;
      // A constant result (or an infinite range) has nothing to stretch: all samples 0.
      u = range > 0 && Number.isFinite(range) ? ((v - min) * top) / range : 0;
      break;
    }
  }
  if (Number.isNaN(u)) return 0;
  return Math.min(top, Math.max(0, roundHalfAwayFromZero(u)));
}

/**
 * Filters a RasterImage by `spec` (validated first) and returns a new image of the same size and
 * depth: the same channel layout for 'per-channel', gray (plus alpha when the source had it) for
 * 'luminance'; alpha samples are copied untouched. Metadata is copied; a luminance result drops
 * the ICC profile (a colour profile does not describe gray samples) and reports space 'b-w'.
 */
export function referenceFilter(image: RasterImage, spec: FilterSpec): ReferenceFilterResult {
  const { planes, min, max } = referenceFilterValues(image, spec);
  const { width, height, depth, hasAlpha } = image;
  const outChannels = (planes.length + (hasAlpha ? 1 : 0)) as ChannelCount;
  const pixels = width * height;
  const out = depth === 8 ? new Uint8Array(pixels * outChannels) : new Uint16Array(pixels * outChannels);
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < planes.length; c++) {
      out[p * outChannels + c] = mapValue(planes[c][p], spec.mapping, depth, min, max);
    }
    if (hasAlpha)
      out[p * outChannels + outChannels - 1] = image.data[p * image.channels + image.channels - 1];
  }
  const metadata = filteredMetadata(image.metadata, spec);
  return {
    image: { width, height, channels: outChannels, depth, data: out, hasAlpha, metadata },
    min,
    max,
  };
}

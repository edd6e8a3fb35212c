import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import sharp from 'sharp';
import type { Metadata, OutputInfo, Sharp } from 'sharp';
import { ImageError, errnoCode, firstLine, messageOf } from './imageError.js';
import type { BitDepth, ChannelCount, ImageMetadata, RasterImage } from './rasterImage.js';

/** The default pixel cap: larger images are refused before any pixel is decoded. */
export const DEFAULT_MAX_PIXELS = 100_000_000;

export interface LoadImageOptions {
  /** Largest width * height accepted (default 100 megapixels). */
  maxPixels?: number;
  /** Name used in error messages when the input is bytes (default 'image'). */
  name?: string;
}

const SUPPORTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'tiff', 'gif', 'heif']);
const GRAY_SPACES = new Set(['b-w', 'grey16']);
const RGB_SPACES = new Set(['srgb', 'rgb16', 'rgb']);

/**
 * Decodes a photo (path or file bytes) to interleaved 8- or 16-bit samples with EXIF orientation applied.
 * RGB and gray samples are kept as stored (no ICC conversion, as numpy/PIL read them); CMYK and other
 * colour spaces are converted to sRGB.
 */
export async function loadImage(
  input: string | Uint8Array,
  options: LoadImageOptions = {},
): Promise<RasterImage> {
  const name = typeof input === 'string' ? basename(input) : (options.name ?? 'image');
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (!Number.isInteger(maxPixels) || maxPixels <= 0) {
    throw new ImageError('INVALID_OPTION', `maxPixels must be a positive integer, got ${maxPixels}`);
  }
  // Read once and decode from memory: the header check and the decode then see the same bytes even if
  // the file is replaced in between.
  const bytes = typeof input === 'string' ? await readInput(input, name) : input;

  let meta: Metadata;
  try {
    meta = await sharp(bytes, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch (err) {
    throw classifySharpError(err, name);
  }
  if (meta.format === undefined || !SUPPORTED_FORMATS.has(meta.format)) {
    throw new ImageError(
      'UNSUPPORTED_FORMAT',
      `${name} is in an unsupported format (${meta.format ?? 'unknown'})`,
    );
  }
  if (meta.format === 'heif' && meta.compression === 'hevc') {
    // sharp's prebuilt libvips decodes AV1 (AVIF) only; HEVC (iPhone HEIC) is patent-encumbered and absent.
    throw new ImageError(
      'UNSUPPORTED_FORMAT',
      `${name} is HEIC (HEVC), which cannot be read; convert it to JPEG or AVIF`,
    );
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width <= 0 || height <= 0) {
    throw new ImageError('CORRUPT_IMAGE', `${name} is truncated or corrupt: no image size in its header`);
  }
  // The bomb check uses the header alone, before a single pixel is decoded.
  if (width * height > maxPixels) {
    throw new ImageError(
      'TOO_MANY_PIXELS',
      `${name} has ${width}x${height} pixels, more than the limit of ${maxPixels} pixels`,
    );
  }
  const depth = bitDepthOf(meta, name);
  const plan = decodePlan(meta, depth);

  let decoded: { data: Buffer; info: OutputInfo };
  try {
    // failOn 'error' (stricter than 'truncated'): a damaged file must fail, not decode to grey blocks.
    const pipeline = sharp(bytes, { failOn: 'error', limitInputPixels: maxPixels, autoOrient: true });
    decoded = await plan
      .apply(pipeline)
      .raw(depth === 16 ? { depth: 'ushort' } : {})
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw classifySharpError(err, name);
  }
  const { data: samples, channels } = plan.pack ? packGrayAlpha(decoded.data) : unpacked(decoded);
  const expected = decoded.info.width * decoded.info.height * channels * (depth / 8);
  if (channels < 1 || channels > 4 || samples.byteLength !== expected) {
    throw new ImageError('CORRUPT_IMAGE', `${name} decoded to an unexpected layout (${channels} channels)`);
  }
  return {
    width: decoded.info.width,
    height: decoded.info.height,
    channels: channels as ChannelCount,
    depth,
    data:
      depth === 16
        ? toUint16(samples)
        : new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength),
    hasAlpha: channels === 2 || channels === 4,
    metadata: metadataOf(meta, plan.keepIcc),
  };
}

async function readInput(path: string, name: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ImageError('NOT_FOUND', `${name} was not found`);
    if (code === 'EISDIR') throw new ImageError('UNSUPPORTED_FORMAT', `${name} is a folder, not an image`);
    throw new ImageError('NOT_FOUND', `${name} could not be read: ${firstLine(messageOf(err))}`, {
      cause: err,
    });
  }
}

function bitDepthOf(meta: Metadata, name: string): BitDepth {
  if (meta.depth === 'uchar' || meta.depth === 'char') return 8;
  if (meta.depth === 'ushort' || meta.depth === 'short') return 16;
  throw new ImageError(
    'UNSUPPORTED_FORMAT',
    `${name} has ${meta.depth ?? 'unknown'} samples; only 8- and 16-bit are supported`,
  );
}

interface DecodePlan {
  apply: (s: Sharp) => Sharp;
  /** The file's ICC profile still describes the decoded samples (no colour conversion happened). */
  keepIcc: boolean;
  /** Decoded as RGBA but is gray + alpha: keep channels 0 and 3. */
  pack: boolean;
}

/** How to reach the file's own channel layout: sharp's raw output otherwise turns gray into 3-channel sRGB. */
function decodePlan(meta: Metadata, depth: BitDepth): DecodePlan {
  const space = meta.space ?? '';
  if (GRAY_SPACES.has(space)) {
    // sharp 0.35.5 drops the alpha band of 8-bit gray + alpha under toColourspace('b-w') (grey16 keeps
    // it), so that case decodes as RGBA without ICC conversion, where R = G = B = gray, and is packed.
    if (meta.hasAlpha && depth === 8) return { apply: (s) => s.keepIccProfile(), keepIcc: true, pack: true };
    return {
      apply: (s) => s.keepIccProfile().toColourspace(depth === 16 ? 'grey16' : 'b-w'),
      keepIcc: true,
      pack: false,
    };
  }
  if (RGB_SPACES.has(space)) {
    // keepIccProfile stops sharp converting to sRGB through the embedded profile: samples stay as stored.
    return {
      apply: (s) => (depth === 16 ? s.keepIccProfile().toColourspace('rgb16') : s.keepIccProfile()),
      keepIcc: true,
      pack: false,
    };
  }
  // CMYK, Lab and the rest: convert to sRGB through the embedded profile; that profile no longer applies.
  return { apply: (s) => s.toColourspace(depth === 16 ? 'rgb16' : 'srgb'), keepIcc: false, pack: false };
}

function unpacked(decoded: { data: Buffer; info: OutputInfo }): { data: Buffer; channels: number } {
  return { data: decoded.data, channels: decoded.info.channels };
}

function packGrayAlpha(rgba: Buffer): { data: Buffer; channels: number } {
  const pixels = rgba.length / 4;
  const out = Buffer.alloc(pixels * 2);
  for (let i = 0; i < pixels; i++) {
    out[2 * i] = rgba[4 * i];
    out[2 * i + 1] = rgba[4 * i + 3];
  }
  return { data: out, channels: 2 };
}

/** A Uint16Array over the samples, copied only when the buffer is not 2-byte aligned. */
function toUint16(bytes: Buffer): Uint16Array {
  if (bytes.byteOffset % 2 === 0)
    return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Uint16Array(copy.buffer);
}

function metadataOf(meta: Metadata, keepIcc: boolean): ImageMetadata {
  const out: ImageMetadata = { format: meta.format ?? 'unknown' };
  if (meta.orientation !== undefined) out.orientation = meta.orientation;
  if (keepIcc && meta.icc !== undefined) out.icc = new Uint8Array(meta.icc);
  if (meta.exif !== undefined) out.exif = new Uint8Array(meta.exif);
  if (meta.space !== undefined) out.space = meta.space;
  if (meta.density !== undefined) out.density = meta.density;
  return out;
}

/** Maps sharp's error text to a code; sharp throws plain Errors whose messages carry the reason. */
function classifySharpError(err: unknown, name: string): ImageError {
  const text = messageOf(err);
  const reason = firstLine(text);
  if (/unsupported image format/i.test(text)) {
    return new ImageError('UNSUPPORTED_FORMAT', `${name} is not an image format Convscope can read`, {
      cause: err,
    });
  }
  if (/pixel limit/i.test(text)) {
    return new ImageError('TOO_MANY_PIXELS', `${name} has more pixels than the limit: ${reason}`, {
      cause: err,
    });
  }
  return new ImageError('CORRUPT_IMAGE', `${name} is truncated or corrupt: ${reason}`, { cause: err });
}

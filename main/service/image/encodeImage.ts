import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { ImageError, firstLine, messageOf } from './imageError.js';
import { insertPngChunks } from './insertPngChunks.js';
import type { BitDepth, RasterImage } from './rasterImage.js';
import { resetExifOrientation } from './resetExifOrientation.js';

export type ExportFormat = 'png' | 'jpeg' | 'webp' | 'tiff' | 'avif';

export interface EncodeOptions {
  format: ExportFormat;
  /** 8 or 16; 16 only for PNG and TIFF. Default: the image's depth for PNG and TIFF, 8 otherwise. */
  depth?: BitDepth;
  /** Embed the source's ICC profile (the samples are still in its colour space; see loadImage). */
  keepIcc?: boolean;
  /** Embed the source's EXIF block, with its orientation reset to upright. Not possible for TIFF. */
  keepExif?: boolean;
  /** 1-100, for the lossy formats JPEG, WebP and AVIF (default sharp's: 80, 80, 50). */
  quality?: number;
}

const FORMATS: readonly ExportFormat[] = ['png', 'jpeg', 'webp', 'tiff', 'avif'];
const SIXTEEN_BIT_FORMATS = new Set<ExportFormat>(['png', 'tiff']);
const LOSSY_FORMATS = new Set<ExportFormat>(['jpeg', 'webp', 'avif']);

/** Encodes an image to file bytes (for downloads and for exportImage). */
export async function encodeImage(image: RasterImage, options: EncodeOptions): Promise<Uint8Array> {
  const { format } = options;
  const depth = checkOptions(image, options);
  const samples = withDepth(image, depth);
  const space = colourSpaceOf(image.channels, depth);
  const blocks = {
    icc: options.keepIcc === true ? image.metadata.icc : undefined,
    exif:
      options.keepExif === true && image.metadata.exif !== undefined
        ? resetExifOrientation(image.metadata.exif)
        : undefined,
  };
  if (format === 'tiff' && blocks.exif !== undefined) {
    throw new ImageError(
      'INVALID_OPTION',
      'TIFF export cannot keep EXIF (sharp does not write it); export without keepExif',
    );
  }
  try {
    const raw = sharp(samples, {
      raw: { width: image.width, height: image.height, channels: image.channels },
    }).toColourspace(space);
    if (blocks.icc === undefined && blocks.exif === undefined)
      return await finish(raw, format, options, image);
    // Raw pixels carry no metadata, so the blocks ride in on a PNG (stored uncompressed unless PNG is
    // the target) and sharp keeps them from there.
    const png = await raw.png({ compressionLevel: format === 'png' ? 6 : 0 }).toBuffer();
    const carrier = insertPngChunks(png, blocks);
    if (format === 'png') return carrier;
    let pipeline = sharp(carrier).toColourspace(space);
    if (blocks.icc !== undefined) pipeline = pipeline.keepIccProfile();
    if (blocks.exif !== undefined) pipeline = pipeline.keepExif();
    return await finish(pipeline, format, options, image);
  } catch (err) {
    if (err instanceof ImageError) throw err;
    throw new ImageError(
      'WRITE_FAILED',
      `${format.toUpperCase()} encoding failed: ${firstLine(messageOf(err))}`,
      {
        cause: err,
      },
    );
  }
}

function checkOptions(image: RasterImage, options: EncodeOptions): BitDepth {
  const { format, quality } = options;
  if (!FORMATS.includes(format)) {
    throw new ImageError(
      'INVALID_OPTION',
      `Cannot export to '${String(format)}': use one of ${FORMATS.join(', ')}`,
    );
  }
  const depth = options.depth ?? (SIXTEEN_BIT_FORMATS.has(format) ? image.depth : 8);
  if (depth !== 8 && depth !== 16) {
    throw new ImageError('INVALID_OPTION', `Bit depth must be 8 or 16, got ${String(depth)}`);
  }
  if (depth === 16 && !SIXTEEN_BIT_FORMATS.has(format)) {
    throw new ImageError(
      'INVALID_OPTION',
      `${format.toUpperCase()} cannot hold 16-bit samples: export as PNG or TIFF, or at 8 bits`,
    );
  }
  if (quality !== undefined) {
    if (!LOSSY_FORMATS.has(format)) {
      throw new ImageError(
        'INVALID_OPTION',
        `quality applies to JPEG, WebP and AVIF only; ${format.toUpperCase()} is lossless`,
      );
    }
    if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
      throw new ImageError('INVALID_OPTION', `quality must be an integer from 1 to 100, got ${quality}`);
    }
  }
  const expected = image.width * image.height * image.channels;
  if (image.data.length !== expected) {
    throw new ImageError(
      'INVALID_OPTION',
      `Image data holds ${image.data.length} samples, expected ${expected}`,
    );
  }
  return depth;
}

/** The samples at the requested depth: 8 <-> 16 bits scale by 257, which maps 255 to 65535 exactly. */
function withDepth(image: RasterImage, depth: BitDepth): Uint8Array | Uint16Array {
  if (depth === image.depth) return image.data;
  const src = image.data;
  if (depth === 16) {
    const out = new Uint16Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = src[i] * 257;
    return out;
  }
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = Math.round(src[i] / 257);
  return out;
}

/** Naming the colour space keeps gray gray and 16-bit 16-bit through sharp's pipeline. */
function colourSpaceOf(channels: number, depth: BitDepth): 'b-w' | 'grey16' | 'srgb' | 'rgb16' {
  if (channels <= 2) return depth === 16 ? 'grey16' : 'b-w';
  return depth === 16 ? 'rgb16' : 'srgb';
}

async function finish(
  pipeline: Sharp,
  format: ExportFormat,
  options: EncodeOptions,
  image: RasterImage,
): Promise<Uint8Array> {
  const quality = options.quality;
  switch (format) {
    case 'png':
      return toBytes(await pipeline.png({ compressionLevel: 6 }).toBuffer());
    case 'tiff':
      // sharp's TIFF default compression is JPEG, i.e. lossy; LZW keeps every sample.
      return toBytes(await pipeline.tiff({ compression: 'lzw', predictor: 'horizontal' }).toBuffer());
    case 'jpeg':
      // JPEG has no alpha: composite onto white rather than let the transparent areas turn black.
      if (image.hasAlpha) pipeline = pipeline.flatten({ background: '#ffffff' });
      return toBytes(await pipeline.jpeg(quality === undefined ? {} : { quality }).toBuffer());
    case 'webp':
      return toBytes(await pipeline.webp(quality === undefined ? {} : { quality }).toBuffer());
    case 'avif':
      return toBytes(
        await pipeline.avif({ bitdepth: 8, ...(quality === undefined ? {} : { quality }) }).toBuffer(),
      );
  }
}

function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeImage } from '../../../../main/service/image/encodeImage.js';
import type { EncodeOptions } from '../../../../main/service/image/encodeImage.js';
import { ImageError } from '../../../../main/service/image/imageError.js';
import { loadImage } from '../../../../main/service/image/loadImage.js';
import type { RasterImage } from '../../../../main/service/image/rasterImage.js';
import { PHOTOS } from './helpers/tempDir.js';

function syntheticImage(channels: 1 | 2 | 3 | 4, depth: 8 | 16, width = 29, height = 17): RasterImage {
  const n = width * height * channels;
  const data = depth === 16 ? new Uint16Array(n) : new Uint8Array(n);
  const range = depth === 16 ? 65536 : 256;
  for (let i = 0; i < n; i++) data[i] = (i * 2654435761 + 12345) % range;
  return { width, height, channels, depth, data, hasAlpha: channels % 2 === 0, metadata: { format: 'raw' } };
}

async function roundTrip(image: RasterImage, options: EncodeOptions): Promise<RasterImage> {
  return loadImage(await encodeImage(image, options));
}

async function expectCode(promise: Promise<unknown>, code: string, text: string): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImageError);
  expect((err as ImageError).code).toBe(code);
  expect((err as ImageError).message).toContain(text);
}

describe('encodeImage: lossless round trips', () => {
  for (const channels of [1, 2, 3, 4] as const) {
    for (const depth of [8, 16] as const) {
      it(`PNG and TIFF keep ${channels}-channel ${depth}-bit samples exactly`, async () => {
        const image = syntheticImage(channels, depth);
        for (const format of ['png', 'tiff'] as const) {
          const back = await roundTrip(image, { format });
          expect([back.metadata.format, back.channels, back.depth]).toEqual([format, channels, depth]);
          expect(back.data.constructor).toBe(image.data.constructor);
          expect(Array.from(back.data)).toEqual(Array.from(image.data));
        }
      });
    }
  }

  it('round-trips real photos through PNG, 8-bit gray and 16-bit gray', async () => {
    for (const file of ['camera.png', 'chelsea.png', 'chessboard_GRAY_U16.tif']) {
      const image = await loadImage(join(PHOTOS, file));
      const back = await roundTrip(image, { format: 'png' });
      expect([back.channels, back.depth]).toEqual([image.channels, image.depth]);
      expect(Array.from(back.data)).toEqual(Array.from(image.data));
    }
  });

  it('converts 8 <-> 16 bits by the factor 257', async () => {
    const image8 = syntheticImage(3, 8);
    const as16 = await roundTrip(image8, { format: 'png', depth: 16 });
    expect(as16.depth).toBe(16);
    expect(Array.from(as16.data)).toEqual(Array.from(image8.data, (v) => v * 257));
    const image16 = syntheticImage(1, 16);
    const as8 = await roundTrip(image16, { format: 'tiff', depth: 8 });
    expect(as8.depth).toBe(8);
    expect(Array.from(as8.data)).toEqual(Array.from(image16.data, (v) => Math.round(v / 257)));
    // JPEG defaults to 8 bits for a 16-bit image instead of failing.
    expect((await roundTrip(image16, { format: 'jpeg' })).depth).toBe(8);
  });
});

describe('encodeImage: lossy formats and options', () => {
  it('writes JPEG, WebP and AVIF close to the original, smaller at lower quality', async () => {
    const chelsea = await loadImage(join(PHOTOS, 'chelsea.png'));
    for (const format of ['jpeg', 'webp', 'avif'] as const) {
      const high = await encodeImage(chelsea, { format, quality: 95 });
      const low = await encodeImage(chelsea, { format, quality: 20 });
      expect(low.length).toBeLessThan(high.length);
      const back = await loadImage(high);
      expect([back.width, back.height, back.channels]).toEqual([451, 300, 3]);
      let sum = 0;
      for (let i = 0; i < back.data.length; i++) sum += Math.abs(back.data[i] - chelsea.data[i]);
      expect(sum / back.data.length).toBeLessThan(4);
    }
  });

  it('flattens alpha onto white for JPEG', async () => {
    const data = new Uint8Array(8 * 8 * 4);
    for (let i = 0; i < data.length; i += 4) data.set([255, 0, 0, 0], i);
    const image: RasterImage = {
      width: 8,
      height: 8,
      channels: 4,
      depth: 8,
      data,
      hasAlpha: true,
      metadata: { format: 'raw' },
    };
    const back = await roundTrip(image, { format: 'jpeg', quality: 95 });
    expect(back.channels).toBe(3);
    expect(Math.min(...back.data)).toBeGreaterThan(245);
  });

  it('refuses 16 bits for JPEG, WebP and AVIF, and quality where it does not apply', async () => {
    const image = syntheticImage(3, 16);
    await expectCode(
      encodeImage(image, { format: 'jpeg', depth: 16 }),
      'INVALID_OPTION',
      'JPEG cannot hold 16-bit samples',
    );
    await expectCode(
      encodeImage(image, { format: 'webp', depth: 16 }),
      'INVALID_OPTION',
      'WEBP cannot hold 16-bit',
    );
    await expectCode(
      encodeImage(image, { format: 'avif', depth: 16 }),
      'INVALID_OPTION',
      'AVIF cannot hold 16-bit',
    );
    await expectCode(encodeImage(image, { format: 'png', quality: 80 }), 'INVALID_OPTION', 'PNG is lossless');
    await expectCode(
      encodeImage(image, { format: 'jpeg', depth: 8, quality: 0 }),
      'INVALID_OPTION',
      'quality must be',
    );
    await expectCode(
      encodeImage({ ...image, data: image.data.subarray(1) }, { format: 'png' }),
      'INVALID_OPTION',
      'samples',
    );
  });
});

describe('encodeImage: ICC and EXIF on request', () => {
  it('keeps EXIF only when asked, in PNG, JPEG, WebP and AVIF', async () => {
    // A small image carrying hubble's EXIF block: AVIF encoding of the full photo takes seconds.
    const source = await loadImage(join(PHOTOS, 'hubble_deep_field.jpg'));
    const hubble: RasterImage = { ...syntheticImage(3, 8), metadata: source.metadata };
    const sourceExif = Buffer.from(hubble.metadata.exif ?? []);
    expect(sourceExif.length).toBeGreaterThan(100);
    for (const format of ['png', 'jpeg', 'webp', 'avif'] as const) {
      const withExif = await sharp(await encodeImage(hubble, { format, keepExif: true })).metadata();
      // The TIFF structure after "Exif\0\0" must come back byte for byte (its orientation was already 1).
      const kept = Buffer.from(withExif.exif ?? []);
      expect(kept.includes(sourceExif.subarray(6, 6 + 64)), format).toBe(true);
      const without = await sharp(await encodeImage(hubble, { format })).metadata();
      expect(without.exif, format).toBeUndefined();
    }
  });

  it('refuses keepExif for TIFF, which sharp cannot write EXIF into', async () => {
    const hubble = await loadImage(join(PHOTOS, 'hubble_deep_field.jpg'));
    await expectCode(
      encodeImage(hubble, { format: 'tiff', keepExif: true }),
      'INVALID_OPTION',
      'TIFF export cannot keep EXIF',
    );
  });

  it('resets the kept orientation so the upright pixels are not rotated twice', async () => {
    const jpeg = await sharp(join(PHOTOS, 'hubble_deep_field.jpg'))
      .keepExif()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const image = await loadImage(jpeg);
    expect([image.width, image.height, image.metadata.orientation]).toEqual([872, 1000, 6]);
    const out = await encodeImage(image, { format: 'jpeg', keepExif: true });
    const meta = await sharp(out).metadata();
    expect(meta.exif).toBeDefined();
    expect(meta.orientation ?? 1).toBe(1);
    const back = await loadImage(out);
    expect([back.width, back.height]).toEqual([872, 1000]);
  });

  it('keeps the ICC profile only when asked, with samples unchanged', async () => {
    const chelsea = await loadImage(join(PHOTOS, 'chelsea.png'));
    const icc = Buffer.from(chelsea.metadata.icc ?? []);
    expect(icc.length).toBeGreaterThan(0);
    for (const format of ['png', 'tiff'] as const) {
      const out = await encodeImage(chelsea, { format, keepIcc: true });
      expect(Buffer.from((await sharp(out).metadata()).icc ?? []).equals(icc), format).toBe(true);
      const back = await loadImage(out);
      expect(Buffer.from(back.data).equals(Buffer.from(chelsea.data)), format).toBe(true);
      expect((await sharp(await encodeImage(chelsea, { format })).metadata()).icc, format).toBeUndefined();
    }
    const jpeg = await encodeImage(chelsea, { format: 'jpeg', keepIcc: true, keepExif: true });
    expect(Buffer.from((await sharp(jpeg).metadata()).icc ?? []).equals(icc)).toBe(true);
  });
});

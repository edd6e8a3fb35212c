import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageError } from '../../../../main/service/image/imageError.js';
import { loadImage } from '../../../../main/service/image/loadImage.js';
import { PHOTOS, makeTempDir } from './helpers/tempDir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterAll(async () => cleanup());

/** The samples a file stores, decoded by sharp without any colour conversion. */
async function storedRgb(input: string | Buffer): Promise<Buffer> {
  return sharp(input, { ignoreIcc: true }).removeAlpha().toColourspace('srgb').raw().toBuffer();
}

async function expectImageError(
  promise: Promise<unknown>,
  code: string,
  messageStart: string,
): Promise<ImageError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImageError);
  const imageError = err as ImageError;
  expect(imageError.code).toBe(code);
  expect(imageError.message.startsWith(messageStart)).toBe(true);
  expect(imageError.message).not.toContain('\n');
  return imageError;
}

/** A PNG with a valid header claiming width x height and a tiny (incomplete) data stream. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(data.length + 12);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // gray
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('loadImage: formats and layouts', () => {
  it('keeps an 8-bit gray PNG as one channel', async () => {
    const img = await loadImage(join(PHOTOS, 'camera.png'));
    expect([img.width, img.height, img.channels, img.depth, img.hasAlpha]).toEqual([512, 512, 1, 8, false]);
    expect(img.data).toBeInstanceOf(Uint8Array);
    expect(img.data.length).toBe(512 * 512);
    const expected = await sharp(join(PHOTOS, 'camera.png')).extractChannel(0).raw().toBuffer();
    expect(Buffer.from(img.data).equals(expected)).toBe(true);
    expect(img.metadata.format).toBe('png');
  });

  it('keeps RGB samples as stored, without converting through the embedded ICC profile', async () => {
    const img = await loadImage(join(PHOTOS, 'chelsea.png'));
    expect([img.width, img.height, img.channels, img.depth]).toEqual([451, 300, 3, 8]);
    expect(img.metadata.icc?.length).toBeGreaterThan(0);
    expect(Buffer.from(img.data).equals(await storedRgb(join(PHOTOS, 'chelsea.png')))).toBe(true);
  });

  it('keeps the stored samples of a wide-gamut (Display P3) image', async () => {
    const p3 = await sharp(join(PHOTOS, 'chelsea.png')).withIccProfile('p3').png().toBuffer();
    const img = await loadImage(p3);
    expect(Buffer.from(img.data).equals(await storedRgb(p3))).toBe(true);
    // sharp's default pipeline would have converted to sRGB: make sure that differs, so the check bites.
    const converted = await sharp(p3).raw().toBuffer();
    expect(converted.equals(Buffer.from(img.data))).toBe(false);
  });

  it('reads JPEG and keeps the EXIF block', async () => {
    const rocket = await loadImage(join(PHOTOS, 'rocket.jpg'));
    expect([rocket.width, rocket.height, rocket.channels, rocket.metadata.format]).toEqual([
      640,
      427,
      3,
      'jpeg',
    ]);
    const hubble = await loadImage(join(PHOTOS, 'hubble_deep_field.jpg'));
    expect(hubble.metadata.exif).toBeDefined();
    expect(
      Buffer.from(hubble.metadata.exif ?? [])
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('Exif');
    expect(hubble.metadata.density).toBe(300);
  });

  it('keeps a 16-bit gray TIFF as one 16-bit channel', async () => {
    const img = await loadImage(join(PHOTOS, 'chessboard_GRAY_U16.tif'));
    expect([img.width, img.height, img.channels, img.depth]).toEqual([200, 200, 1, 16]);
    expect(img.data).toBeInstanceOf(Uint16Array);
    expect(img.data.length).toBe(200 * 200);
    const expected = await sharp(join(PHOTOS, 'chessboard_GRAY_U16.tif'))
      .toColourspace('grey16')
      .raw({ depth: 'ushort' })
      .toBuffer();
    expect(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength).equals(expected)).toBe(
      true,
    );
    expect(new Set(img.data).size).toBeGreaterThan(2);
  });

  it('reads a 16-bit RGB PNG exactly', async () => {
    const w = 37;
    const h = 23;
    const samples = new Uint16Array(w * h * 3);
    for (let i = 0; i < samples.length; i++) samples[i] = (i * 2654435761) % 65536;
    const png = await sharp(samples, { raw: { width: w, height: h, channels: 3 } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    const img = await loadImage(png);
    expect([img.channels, img.depth]).toEqual([3, 16]);
    expect(Array.from(img.data)).toEqual(Array.from(samples));
  });

  it('applies EXIF orientation 6: width and height swap and pixels rotate 90 degrees clockwise', async () => {
    const jpeg = await sharp(join(PHOTOS, 'chelsea.png'))
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const stored = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    expect([stored.info.width, stored.info.height]).toEqual([451, 300]);
    const img = await loadImage(jpeg);
    expect([img.width, img.height]).toEqual([300, 451]);
    expect(img.metadata.orientation).toBe(6);
    const inW = 451;
    const inH = 300;
    let mismatches = 0;
    for (let r = 0; r < img.height; r++) {
      for (let c = 0; c < img.width; c++) {
        // Clockwise: out[r][c] = in[inH - 1 - c][r].
        const src = ((inH - 1 - c) * inW + r) * 3;
        const dst = (r * img.width + c) * 3;
        for (let k = 0; k < 3; k++) if (img.data[dst + k] !== stored.data[src + k]) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('converts CMYK to 3-channel sRGB close to the original colours', async () => {
    // The CMYK file is made from sharp's sRGB rendering of rocket.jpg (through its ICC profile).
    const original = await sharp(join(PHOTOS, 'rocket.jpg')).raw().toBuffer();
    const cmyk = await sharp(join(PHOTOS, 'rocket.jpg'))
      .toColourspace('cmyk')
      .jpeg({ quality: 95 })
      .toBuffer();
    expect((await sharp(cmyk).metadata()).channels).toBe(4);
    const img = await loadImage(cmyk);
    expect([img.width, img.height, img.channels, img.hasAlpha]).toEqual([640, 427, 3, false]);
    expect(img.metadata.space).toBe('cmyk');
    let sum = 0;
    for (let i = 0; i < img.data.length; i++) sum += Math.abs(img.data[i] - original[i]);
    // A CMYK round trip loses a little (gamut, black generation): mean about 13 here.
    expect(sum / img.data.length).toBeLessThan(16);
  });

  it('reads RGBA and gray + alpha with alpha last', async () => {
    const rgbaPng = await sharp(join(PHOTOS, 'chelsea.png')).ensureAlpha(0.5).png().toBuffer();
    const rgba = await loadImage(rgbaPng);
    expect([rgba.channels, rgba.hasAlpha]).toEqual([4, true]);
    const chelsea = await loadImage(join(PHOTOS, 'chelsea.png'));
    for (const p of [0, 1000, 451 * 300 - 1]) {
      expect(Array.from(rgba.data.subarray(p * 4, p * 4 + 3))).toEqual(
        Array.from(chelsea.data.subarray(p * 3, p * 3 + 3)),
      );
      expect(rgba.data[p * 4 + 3]).toBe(127);
    }

    const grayAlphaPng = await sharp(join(PHOTOS, 'camera.png'))
      .toColourspace('b-w')
      .ensureAlpha(0.5)
      .png()
      .toBuffer();
    expect((await sharp(grayAlphaPng).metadata()).channels).toBe(2);
    const ga = await loadImage(grayAlphaPng);
    expect([ga.channels, ga.hasAlpha, ga.depth]).toEqual([2, true, 8]);
    const camera = await loadImage(join(PHOTOS, 'camera.png'));
    let mismatches = 0;
    for (let p = 0; p < camera.data.length; p++) {
      if (ga.data[2 * p] !== camera.data[p] || ga.data[2 * p + 1] !== 127) mismatches++;
    }
    expect(mismatches).toBe(0);

    const ga16Png = await sharp(join(PHOTOS, 'chessboard_GRAY_U16.tif'))
      .toColourspace('grey16')
      .ensureAlpha(1)
      .png()
      .toBuffer();
    const ga16 = await loadImage(ga16Png);
    expect([ga16.channels, ga16.depth, ga16.data[1]]).toEqual([2, 16, 65535]);
  });

  it('reads the first frame of an animated GIF', async () => {
    const frame = (r: number, g: number, b: number): Promise<Buffer> =>
      sharp({ create: { width: 8, height: 6, channels: 3, background: { r, g, b } } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame(255, 0, 0), await frame(0, 0, 255)], { join: { animated: true } })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const img = await loadImage(gif);
    expect([img.width, img.height, img.metadata.format]).toEqual([8, 6, 'gif']);
    expect(Array.from(img.data.subarray(0, 3))).toEqual([255, 0, 0]);
  });

  it('reads WebP (lossless exactly) and AVIF', async () => {
    const chelsea = await loadImage(join(PHOTOS, 'chelsea.png'));
    const webp = await loadImage(
      await sharp(join(PHOTOS, 'chelsea.png')).webp({ lossless: true }).toBuffer(),
    );
    expect(webp.metadata.format).toBe('webp');
    expect(Buffer.from(webp.data).equals(Buffer.from(chelsea.data))).toBe(true);
    const avif = await loadImage(await sharp(join(PHOTOS, 'chelsea.png')).avif({ quality: 90 }).toBuffer());
    expect([avif.width, avif.height, avif.channels, avif.metadata.format]).toEqual([451, 300, 3, 'heif']);
  });

  it('accepts file bytes the same as a path', async () => {
    const fromPath = await loadImage(join(PHOTOS, 'rocket.jpg'));
    const fromBytes = await loadImage(new Uint8Array(await readFile(join(PHOTOS, 'rocket.jpg'))));
    expect(Buffer.from(fromBytes.data).equals(Buffer.from(fromPath.data))).toBe(true);
  });
});

describe('loadImage: refusals', () => {
  it('rejects the truncated fixture with a one-line CORRUPT_IMAGE naming the file', async () => {
    await expectImageError(
      loadImage(join(PHOTOS, 'truncated.jpg')),
      'CORRUPT_IMAGE',
      'truncated.jpg is truncated or corrupt: ',
    );
  });

  it('rejects a JPEG cut in the middle of its pixel data instead of grey-filling it', async () => {
    const full = await readFile(join(PHOTOS, 'rocket.jpg'));
    const cut = join(dir, 'cut.jpg');
    await writeFile(cut, full.subarray(0, full.length >> 1));
    // Without failOn sharp decodes this "successfully": the check below only bites because of failOn.
    const lenient = await sharp(cut, { failOn: 'none' }).raw().toBuffer({ resolveWithObject: true });
    expect(lenient.info.width).toBe(640);
    await expectImageError(loadImage(cut), 'CORRUPT_IMAGE', 'cut.jpg is truncated or corrupt: ');
  });

  it('rejects a header claiming 20000x20000 pixels before decoding it', async () => {
    const bomb = join(dir, 'bomb.png');
    await writeFile(bomb, pngHeaderOnly(20000, 20000));
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(20000);
    const started = performance.now();
    const err = await expectImageError(loadImage(bomb), 'TOO_MANY_PIXELS', 'bomb.png has 20000x20000 pixels');
    expect(err.message).toContain('100000000');
    expect(performance.now() - started).toBeLessThan(2000);
    // The same header under a cap it fits reaches the decoder, which finds the data missing: proof the
    // refusal above came from the header check, not from decoding.
    await expectImageError(
      loadImage(pngHeaderOnly(40, 40)),
      'CORRUPT_IMAGE',
      'image is truncated or corrupt',
    );
  });

  it('applies a configurable pixel cap', async () => {
    const path = join(PHOTOS, 'chelsea.png');
    await expectImageError(
      loadImage(path, { maxPixels: 451 * 300 - 1 }),
      'TOO_MANY_PIXELS',
      'chelsea.png has 451x300',
    );
    expect((await loadImage(path, { maxPixels: 451 * 300 })).width).toBe(451);
  });

  it('rejects random bytes, SVG and a missing file with their codes', async () => {
    const noise = join(dir, 'noise.jpg');
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 251;
    await writeFile(noise, bytes);
    await expectImageError(loadImage(noise), 'UNSUPPORTED_FORMAT', 'noise.jpg is not an image format');
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>',
    );
    await expectImageError(
      loadImage(svg, { name: 'drawing.svg' }),
      'UNSUPPORTED_FORMAT',
      'drawing.svg is in an unsupported format (svg)',
    );
    await expectImageError(loadImage(join(dir, 'nope.png')), 'NOT_FOUND', 'nope.png was not found');
  });
});

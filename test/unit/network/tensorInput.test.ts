// The input of `convscope predict`: JSON tensor files parsed as hostile (size, depth, shape caps,
// shape against data, finite numbers) and images converted to a model's input (centre crop,
// gray or RGB, antialiased resize, [0, 1]) with the conversion stated.
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeImage, loadImage, type RasterImage } from '../../../main/service/image/index.js';
import { centreCrop, imageToModelInput } from '../../../main/service/network/imageInput.js';
import { ModelInputError } from '../../../main/service/network/modelInputError.js';
import { MAX_TENSOR_FILE_BYTES, parseTensorJson } from '../../../main/service/network/parseTensorJson.js';
import { readModelInput } from '../../../main/service/network/tensorInput.js';

const PHOTOS = new URL('../../fixtures/photos/', import.meta.url).pathname;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convscope-input-test-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function writeText(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function writePng(
  name: string,
  width: number,
  height: number,
  channels: 1 | 2 | 3,
  pixel: (x: number, y: number) => number[],
): Promise<string> {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * channels);
  const image: RasterImage = {
    width,
    height,
    channels,
    depth: 8,
    data,
    hasAlpha: channels === 2,
    metadata: { format: 'raw' },
  };
  const path = join(dir, name);
  await writeFile(path, await encodeImage(image, { format: 'png' }));
  return path;
}

describe('JSON tensor files', () => {
  it('are used exactly as given, flat or nested as the shape', async () => {
    const flat = await readModelInput(
      await writeText('flat.json', '{"shape": [1, 2, 3], "data": [0.1, -2, 3e-3, 4, 5.5, 1e30]}'),
      [1, 1, 28, 28],
    );
    expect(flat.dims).toEqual([1, 2, 3]);
    expect(Array.from(flat.data)).toEqual([0.1, -2, 3e-3, 4, 5.5, 1e30].map(Math.fround));
    expect(flat.conversion).toBe('flat.json: a JSON tensor [1, 2, 3], used as given');
    const nested = parseTensorJson('{"data": [[[1, 2, 3], [4, 5, 6]]], "shape": [1, 2, 3]}');
    expect(Array.from(nested.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  const bad: [string, string, RegExp][] = [
    [
      'a shape whose product is not the data length',
      '{"shape": [1, 2, 3], "data": [1, 2, 3]}',
      /Expected 6 values in "data" for shape \[1, 2, 3\] but received 3/,
    ],
    [
      'nested data of the wrong shape',
      '{"shape": [2, 2], "data": [[1, 2], [3]]}',
      /Expected an array of 2 at data\[1\] \(shape \[2, 2\]\) but received an array of 1/,
    ],
    [
      '"NaN" as a string',
      '{"shape": [2], "data": [1, "NaN"]}',
      /Expected a finite float32 number at data\[1\] but received the string "NaN"/,
    ],
    [
      'a number beyond float32',
      '{"shape": [1], "data": [1e39]}',
      /finite float32 number at data\[0\] but received number 1e\+39/,
    ],
    [
      'Infinity from an overflowing literal',
      '{"shape": [1], "data": [1e999]}',
      /finite float32 number at data\[0\] but received number Infinity/,
    ],
    ['null', '{"shape": [1], "data": [null]}', /received null/],
    [
      'a zero dimension',
      '{"shape": [1, 0], "data": []}',
      /Expected shape\[1\] to be an integer from 1 to 16777216 but received number 0/,
    ],
    ['a fractional dimension', '{"shape": [1.5], "data": [1]}', /shape\[0\] to be an integer/],
    [
      'rank 7',
      '{"shape": [1, 1, 1, 1, 1, 1, 1], "data": [1]}',
      /Expected "shape" as an array of 1 to 6 dimensions but received an array of 7/,
    ],
    [
      'too many elements for the cap, before any allocation',
      '{"shape": [4096, 4096, 2], "data": []}',
      /Expected at most 16777216 elements but received shape \[4096, 4096, 2\] \(33554432\)/,
    ],
    [
      'an unknown key',
      '{"shape": [1], "data": [1], "dtype": "f4"}',
      /Expected only the keys "shape" and "data" but received "dtype"/,
    ],
    ['an array at the top', '[1, 2]', /Expected an object .* but received an array of 2/],
    ['malformed JSON', '{"shape": [1], "data": [1,]}', /Expected JSON but received a parse error/],
    [
      'deep nesting (before parsing, so no stack overflow)',
      `{"shape": [1], "data": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
      /Expected JSON nested at most 8 deep but received deeper nesting/,
    ],
    [
      'deep nesting hidden in a string does not count',
      '{"shape": [1], "data": [1], "x": "[[[[[[[[[[[["}',
      /only the keys "shape" and "data" but received "x"/,
    ],
  ];
  it.each(bad)('refuse %s', (_, text, message) => {
    expect(() => parseTensorJson(text, 'in.json')).toThrow(ModelInputError);
    expect(() => parseTensorJson(text, 'in.json')).toThrow(message);
  });

  it('refuse a file over the size cap before reading it, and files that are not there or not UTF-8', async () => {
    const big = join(dir, 'big.json');
    await writeFile(big, '');
    await truncate(big, MAX_TENSOR_FILE_BYTES + 1); // sparse: nothing is written or read
    await expect(readModelInput(big, [1, 1])).rejects.toThrow(
      `Expected a JSON tensor file of at most ${MAX_TENSOR_FILE_BYTES} bytes but received big.json of ${MAX_TENSOR_FILE_BYTES + 1} bytes`,
    );
    await expect(readModelInput(join(dir, 'missing.json'), [1, 1])).rejects.toThrow(
      'Expected a JSON tensor file but received missing.json, which was not found',
    );
    await writeFile(join(dir, 'latin1.json'), Uint8Array.of(0x7b, 0xe9, 0x7d));
    await expect(readModelInput(join(dir, 'latin1.json'), [1, 1])).rejects.toThrow(
      'latin1.json: Expected UTF-8 text but received bytes that are not UTF-8',
    );
  });
});

describe('images as model inputs', () => {
  it('centre-crop to the aspect: a 40×20 image to a square keeps its middle 20×20', async () => {
    expect(centreCrop(40, 20, 10, 10)).toEqual({ left: 10, top: 0, width: 20, height: 20 });
    expect(centreCrop(20, 41, 28, 28)).toEqual({ left: 0, top: 10, width: 20, height: 20 });
    expect(centreCrop(56, 20, 28, 10)).toEqual({ left: 0, top: 0, width: 56, height: 20 });
    // Black quarters left and right, white middle half: the crop sees only white.
    const path = await writePng('bands.png', 40, 20, 1, (x) => [x >= 10 && x < 30 ? 255 : 0]);
    const input = await imageToModelInput(path, [1, 1, 10, 10]);
    expect(Array.from(input.data).every((v) => v === 1)).toBe(true);
    expect(input.conversion).toBe(
      'bands.png 40×20 gray 8-bit → centre-cropped to 20×20 at (10, 0) → resized to 10×10 (bilinear, antialiased) → divided by 255 into [0, 1] → [1, 1, 10, 10]',
    );
  });

  it('take an image of the input size as it is, divided by 255', async () => {
    const path = await writePng('exact.png', 28, 28, 1, (x, y) => [(x * 7 + y * 3) % 256]);
    const input = await imageToModelInput(path, [1, 1, 28, 28]);
    expect(input.data[5 * 28 + 9]).toBe(Math.fround((9 * 7 + 5 * 3) / 255));
    expect(input.conversion).toContain('no crop (same aspect) → not resized → divided by 255');
  });

  it('shrink with an antialiased bilinear filter: a ramp halved stays a ramp', async () => {
    // v(x) = 4x; shrinking by 2 averages with weights 1/8, 3/8, 3/8, 1/8 centred on x = 2i + 0.5.
    const path = await writePng('ramp.png', 56, 20, 1, (x) => [4 * x]);
    const input = await imageToModelInput(path, [1, 1, 10, 28]);
    for (let i = 1; i < 27; i++) expect(input.data[3 * 28 + i]).toBeCloseTo((4 * (2 * i + 0.5)) / 255, 6);
    // At the border the filter is renormalised over the pixels that exist: (3·0 + 3·4 + 8) / 7.
    expect(input.data[0]).toBeCloseTo((3 * 4 + 1 * 8) / 7 / 255, 6);
  });

  it('turn RGB into luma for one channel and copy gray into three', async () => {
    const rgb = await writePng('orange.png', 30, 30, 3, () => [200, 100, 50]);
    const gray = await imageToModelInput(rgb, [1, 1, 7, 7]);
    const luma = (0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255;
    expect(Math.max(...gray.data.map((v) => Math.abs(v - luma)))).toBeLessThan(1e-6);
    expect(gray.conversion).toContain('gray (0.299 R + 0.587 G + 0.114 B)');
    const colour = await imageToModelInput(rgb, [1, 3, 4, 4]);
    expect([colour.data[0], colour.data[16], colour.data[32]].map((v) => Math.round(v * 255))).toEqual([
      200, 100, 50,
    ]);
    const single = await writePng('gray.png', 8, 8, 1, () => [51]);
    const copied = await imageToModelInput(single, [1, 3, 2, 2]);
    expect(Array.from(copied.data).every((v) => Math.abs(v - 0.2) < 1e-6)).toBe(true);
    expect(copied.conversion).toContain('gray copied to R, G and B');
  });

  it('composite alpha onto black', async () => {
    const path = await writePng('alpha.png', 4, 4, 2, (x) => [200, x < 2 ? 0 : 255]);
    const input = await imageToModelInput(path, [1, 1, 4, 4]);
    expect(Array.from(input.data.subarray(0, 4)).map((v) => Math.round(v * 255))).toEqual([0, 0, 200, 200]);
    expect(input.conversion).toContain('gray with alpha 8-bit → alpha composited onto black');
  });

  it.each([
    ['chelsea.png', [1, 3, 32, 32]],
    ['camera.png', [1, 1, 28, 28]],
    ['rocket.jpg', [1, 1, 28, 28]],
    ['chessboard_GRAY_U16.tif', [1, 1, 16, 16]],
  ])('convert the test photo %s to %j keeping its mean brightness', async (file, dims) => {
    const path = join(PHOTOS, file);
    const input = await readModelInput(path, dims);
    expect(input.dims).toEqual(dims);
    expect(input.data.length).toBe(dims.reduce((a, b) => a * b, 1));
    expect(Math.min(...input.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...input.data)).toBeLessThanOrEqual(1);
    // Resampling averages: the result's mean is the crop's mean (per channel) to within a few per cent.
    const image = await loadImage(path);
    const crop = centreCrop(image.width, image.height, dims[3], dims[2]);
    const max = image.depth === 8 ? 255 : 65535;
    const channels = dims[1];
    for (let c = 0; c < channels; c++) {
      let sum = 0;
      for (let y = crop.top; y < crop.top + crop.height; y++)
        for (let x = crop.left; x < crop.left + crop.width; x++) {
          const p = (y * image.width + x) * image.channels;
          sum +=
            image.channels === 1
              ? image.data[p]
              : channels === 3
                ? image.data[p + c]
                : 0.299 * image.data[p] + 0.587 * image.data[p + 1] + 0.114 * image.data[p + 2];
        }
      const cropMean = sum / (crop.width * crop.height) / max;
      const plane = input.data.subarray(c * dims[2] * dims[3], (c + 1) * dims[2] * dims[3]);
      const mean = plane.reduce((a, b) => a + b, 0) / plane.length;
      expect(Math.abs(mean - cropMean), `${file} channel ${c}: ${mean} vs ${cropMean}`).toBeLessThan(0.03);
    }
    expect(input.conversion).toMatch(
      new RegExp(
        `^${file.replace('.', '\\.')} \\d+×\\d+ (gray|RGB) (8|16)-bit → .* → \\[${dims.join(', ')}\\]$`,
      ),
    );
  });

  it('refuse a model input that is not an image shape, and a corrupt image', async () => {
    await expect(imageToModelInput(join(PHOTOS, 'camera.png'), [1, 784])).rejects.toThrow(
      'Expected a model whose input is [1, 1 or 3, H, W] to convert camera.png to, but the model takes [1, 784]; give a JSON tensor file instead',
    );
    await expect(readModelInput(join(PHOTOS, 'truncated.jpg'), [1, 1, 28, 28])).rejects.toThrow(
      /truncated\.jpg/,
    );
  });
});

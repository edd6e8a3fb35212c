// The MNIST binary against the mnist package it was converted from, its validation, and the
// seeded 8,000/2,000 split.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  loadMnist,
  MNIST_PATH,
  parseMnist,
  splitMnist,
  type MnistData,
} from '../../../main/service/network/mnist/loadMnist.js';

const digitsDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('mnist/package.json')),
  'src',
  'digits',
);
/** The package's own per-class files: pixel / 255 rounded to 3 decimals, class after class. */
const packageDigits = (digit: number): number[] =>
  (JSON.parse(readFileSync(path.join(digitsDir, `${digit}.json`), 'utf8')) as { data: number[] }).data;

/** A valid uncompressed file with `edit` applied, gzipped. */
function variant(edit: (raw: Uint8Array, view: DataView) => Uint8Array | void): Uint8Array {
  const data = loadMnist();
  const raw = new Uint8Array(16 + data.count * 785);
  const view = new DataView(raw.buffer);
  raw.set([0x43, 0x53, 0x4d, 0x4e]); // "CSMN"
  view.setUint32(4, 1, true);
  view.setUint32(8, data.count, true);
  view.setUint16(12, 28, true);
  view.setUint16(14, 28, true);
  raw.set(data.labels, 16);
  raw.set(data.pixels, 16 + data.count);
  return gzipSync(edit(raw, view) ?? raw, { level: 1 });
}

describe('the MNIST binary', () => {
  it('holds every digit of the mnist package exactly, in its order', () => {
    const data: MnistData = loadMnist();
    expect([data.count, data.rows, data.cols]).toEqual([10_000, 28, 28]);
    expect(data.pixels.length).toBe(10_000 * 784);
    let sample = 0;
    const perClass: number[] = [];
    for (let digit = 0; digit < 10; digit++) {
      const values = packageDigits(digit);
      const n = values.length / 784;
      perClass.push(n);
      let mismatches = 0;
      for (let i = 0; i < values.length; i++) {
        // The package stores round(byte / 255, 3): the byte must come back as round(v * 255).
        if (data.pixels[sample * 784 + i] !== Math.round(values[i] * 255)) mismatches++;
      }
      expect(mismatches, `pixels of digit ${digit}`).toBe(0);
      expect(data.labels.subarray(sample, sample + n).every((l) => l === digit)).toBe(true);
      sample += n;
    }
    expect(perClass).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    // Spot values: the first 0's first inked pixel and the bytes' range.
    expect(data.pixels.subarray(0, 784).find((v) => v > 0)).toBe(Math.round(0.2 * 255));
    expect(Math.max(...data.pixels.subarray(0, 784 * 50))).toBe(255);
  });

  it('is loaded once per process and stays small', () => {
    expect(loadMnist()).toBe(loadMnist(MNIST_PATH));
    expect(readFileSync(MNIST_PATH).length).toBeLessThan(2_000_000);
  });

  it('refuses a wrong magic, version, size, truncation, bad label, non-gzip data and a bomb', () => {
    expect(() => parseMnist(variant((raw) => void raw.set([0x58], 0)))).toThrow(
      'Expected the MNIST magic "CSMN" but received "XSMN"',
    );
    expect(() => parseMnist(variant((_, view) => view.setUint32(4, 2, true)))).toThrow(
      'Expected MNIST file version 1 but received 2',
    );
    expect(() => parseMnist(variant((_, view) => view.setUint32(8, 9999, true)))).toThrow(
      'Expected 10000 digits of 28x28 but received 9999 of 28x28',
    );
    expect(() => parseMnist(variant((_, view) => view.setUint16(12, 32, true)))).toThrow(
      'Expected 10000 digits of 28x28 but received 10000 of 32x28',
    );
    expect(() => parseMnist(variant((raw) => raw.subarray(0, raw.length - 1)))).toThrow(
      'Expected 7850016 bytes of MNIST data but received 7850015',
    );
    expect(() => parseMnist(variant((raw) => void (raw[16 + 5] = 10)))).toThrow(
      'Expected labels 0-9 but received 10 for digit 5',
    );
    expect(() => parseMnist(variant((raw) => raw.subarray(0, 10)))).toThrow(
      'Expected a 16-byte MNIST header but received 10 bytes',
    );
    expect(() => parseMnist(new TextEncoder().encode('not gzip'))).toThrow(/Expected gzip data/);
    // 64 MB of zeros gzips to ~64 KB: refused at the output cap, never inflated whole.
    expect(() => parseMnist(gzipSync(new Uint8Array(64 << 20)))).toThrow(
      /Expected gzip data of at most 7850016/,
    );
  });
});

describe('splitMnist', () => {
  it('gives 8,000 training and 2,000 test digits, disjoint and covering all 10,000', () => {
    const { train, test } = splitMnist(1);
    expect(train.length).toBe(8000);
    expect(test.length).toBe(2000);
    const seen = new Uint8Array(10_000);
    for (const i of train) seen[i]++;
    for (const i of test) seen[i]++;
    expect(seen.every((v) => v === 1)).toBe(true);
  });

  it('is fixed by its seed', () => {
    const a = splitMnist(1);
    expect(splitMnist(1)).toEqual(a);
    // Pinned: a change of generator or shuffle would silently move the shipped network's test set.
    expect(Array.from(a.train.subarray(0, 6))).toEqual([571, 393, 5325, 5887, 7045, 1068]);
    expect(Array.from(a.test.subarray(0, 6))).toEqual([4799, 2211, 8670, 8964, 3264, 1959]);
    const classes = new Array<number>(10).fill(0);
    const labels = loadMnist().labels;
    for (const i of a.test) classes[labels[i]]++;
    expect(classes).toEqual([206, 224, 193, 207, 174, 194, 224, 192, 189, 197]);
    const b = splitMnist(2);
    const overlap = b.test.filter((i) => new Set(a.test).has(i)).length;
    // Independent 20 % samples share about 20 % of their members.
    expect(overlap).toBeGreaterThan(300);
    expect(overlap).toBeLessThan(500);
  });

  it('keeps the permutation order, so a prefix is a random subset and not one class', () => {
    const labels = loadMnist().labels;
    const firstHundred = new Set(Array.from(splitMnist(1).train.subarray(0, 100), (i) => labels[i]));
    expect(firstHundred.size).toBe(10);
  });

  it('refuses a seed that is not a uint32', () => {
    expect(() => splitMnist(-1)).toThrow(
      'Expected an integer split seed from 0 to 4294967295 but received -1',
    );
    expect(() => splitMnist(1.5)).toThrow(/received 1.5/);
  });
});

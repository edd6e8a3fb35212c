/**
 * The explorer's digit browser: the test split's digits (those the shipped network never trained
 * on), optionally of one class, a page at a time.
 */
import type { DigitSample } from '../../../../preload/networkContract.js';
import { loadMnist, splitMnist } from '../../../service/network/mnist/loadMnist.js';

/** Digits per request at most. */
export const MAX_DIGITS_PER_PAGE = 200;

/**
 * The test split, and its positions by class: drawn once per process rather than on every page and
 * every explorer run (the split is a 10,000-element shuffle).
 */
let split: { test: Int32Array; byLabel: number[][] } | null = null;
function testSplit(): { test: Int32Array; byLabel: number[][] } {
  if (split === null) {
    const test = splitMnist().test;
    const labels = loadMnist().labels;
    const byLabel: number[][] = Array.from({ length: 10 }, () => []);
    test.forEach((digit, index) => byLabel[labels[digit]].push(index));
    split = { test, byLabel };
  }
  return split;
}

/** Test digits of class `label` (all with null), `count` from `offset` on, and how many there are. */
export function mnistTestDigits(
  label: number | null,
  offset: number,
  count: number,
): { total: number; digits: DigitSample[] } {
  if (label !== null && !(Number.isInteger(label) && label >= 0 && label <= 9))
    throw new RangeError(`Expected a digit class 0-9 or null for label but received ${label}`);
  if (!Number.isInteger(offset) || offset < 0)
    throw new RangeError(`Expected an integer offset >= 0 but received ${offset}`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_DIGITS_PER_PAGE)
    throw new RangeError(`Expected a count from 1 to ${MAX_DIGITS_PER_PAGE} but received ${count}`);
  const { test, byLabel } = testSplit();
  const matching = label === null ? Array.from(test.keys()) : byLabel[label];
  return {
    total: matching.length,
    digits: matching.slice(offset, offset + count).map((i) => sampleAt(test, i)),
  };
}

/** Test digit `index`'s pixels and label. */
export function mnistTestDigit(index: number): DigitSample {
  const { test } = testSplit();
  if (!Number.isInteger(index) || index < 0 || index >= test.length)
    throw new RangeError(`Expected a test digit index from 0 to ${test.length - 1} but received ${index}`);
  return sampleAt(test, index);
}

function sampleAt(test: Int32Array, index: number): DigitSample {
  const mnist = loadMnist();
  const size = mnist.rows * mnist.cols;
  const digit = test[index];
  return { index, label: mnist.labels[digit], pixels: mnist.pixels.slice(digit * size, (digit + 1) * size) };
}

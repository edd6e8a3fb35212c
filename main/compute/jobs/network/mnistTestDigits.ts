/**
 * The explorer's digit browser: the test split's digits (those the shipped network never trained
 * on), optionally of one class, a page at a time.
 */
import type { DigitSample } from '../../../../preload/networkContract.js';
import { loadMnist, splitMnist } from '../../../service/network/mnist/loadMnist.js';

/** Digits per request at most. */
export const MAX_DIGITS_PER_PAGE = 200;

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
  const mnist = loadMnist();
  const size = mnist.rows * mnist.cols;
  const test = splitMnist().test;
  const matching: number[] = [];
  test.forEach((digit, index) => {
    if (label === null || mnist.labels[digit] === label) matching.push(index);
  });
  const digits = matching.slice(offset, offset + count).map((index) => {
    const digit = test[index];
    return {
      index,
      label: mnist.labels[digit],
      pixels: mnist.pixels.slice(digit * size, (digit + 1) * size),
    };
  });
  return { total: matching.length, digits };
}

/** Test digit `index`'s pixels and label. */
export function mnistTestDigit(index: number): DigitSample {
  const test = splitMnist().test;
  if (!Number.isInteger(index) || index < 0 || index >= test.length)
    throw new RangeError(`Expected a test digit index from 0 to ${test.length - 1} but received ${index}`);
  const mnist = loadMnist();
  const size = mnist.rows * mnist.cols;
  const digit = test[index];
  return { index, label: mnist.labels[digit], pixels: mnist.pixels.slice(digit * size, (digit + 1) * size) };
}

/**
 * The fixed train/test split of the 10,000 digits: a Fisher-Yates permutation of the digit
 * indices drawn from mulberry32(seed); the first 8,000 are the training set and the last 2,000 the
 * test set, each kept in the permutation's order (the digits are stored class by class, so the
 * first N of either part are a uniform random subset, not N zeros). Not stratified: a uniform random 20 % of every class lands in
 * the test set in expectation (the seed-1 split holds 174 to 224 test digits per class; the package's
 * own mnist.set() splits per digit and returns 1,756 test digits, hence this).
 */
import { mulberry32, shuffleInPlace } from '../../../../native-kernels/seededRandom.js';

export const MNIST_TRAIN_COUNT = 8000;
export const MNIST_TEST_COUNT = 2000;
/** The split the shipped network was trained and scored on. */
export const MNIST_SPLIT_SEED = 1;

export interface MnistSplit {
  seed: number;
  /** Digit indices into MnistData, in the permutation's order. */
  train: Int32Array;
  test: Int32Array;
}

export function splitMnist(seed: number = MNIST_SPLIT_SEED): MnistSplit {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`Expected an integer split seed from 0 to 4294967295 but received ${seed}`);
  const order = new Int32Array(MNIST_TRAIN_COUNT + MNIST_TEST_COUNT);
  for (let i = 0; i < order.length; i++) order[i] = i;
  shuffleInPlace(order, mulberry32(seed));
  return {
    seed,
    train: order.slice(0, MNIST_TRAIN_COUNT),
    test: order.slice(MNIST_TRAIN_COUNT),
  };
}

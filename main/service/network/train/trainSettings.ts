/**
 * Everything a training run depends on, with the defaults the shipped network was trained with
 * (main/assets/network/homework-cnn.json records them in its manifest). Options come from the
 * command line and, through a worker, from the app, so they are checked strictly here: unknown
 * keys, wrong types and out-of-range values are refused with "Expected X but received Y".
 */
import { MNIST_SPLIT_SEED, MNIST_TEST_COUNT, MNIST_TRAIN_COUNT } from '../mnist/splitMnist.js';

export type OptimizerName = 'sgd' | 'adam';

export interface TrainSettings {
  epochs: number;
  /** Images per mini-batch; the last batch of an epoch holds the remainder (torch's drop_last=False). */
  batchSize: number;
  optimizer: OptimizerName;
  /** The first epoch's learning rate. */
  learningRate: number;
  /** Multiplies the learning rate after every epoch (StepLR, step_size 1); 1 keeps it constant. */
  lrDecay: number;
  /** L2 penalty added to every gradient, biases and batch-norm parameters included (torch's weight_decay). */
  weightDecay: number;
  /** SGD's momentum (0 for plain SGD). */
  momentum: number;
  /** Adam's betas and epsilon. */
  beta1: number;
  beta2: number;
  eps: number;
  /** Batch norm after each convolution. */
  batchNorm: boolean;
  /** Dropout probability before the FC layer (0: none). */
  dropout: number;
  /** Std of N(0, std^2) for every weight; null for He/Kaiming normal, sqrt(2 / fan_in). */
  initScale: number | null;
  /** Seeds initialisation, shuffling and dropout: the same seed gives bitwise the same weights. */
  seed: number;
  /** Seed of the 8,000/2,000 split of the digits (see splitMnist.ts). */
  splitSeed: number;
  /** Train on the first N digits of the training split (all 8,000 by default); for quick runs. */
  trainSamples: number;
  /** Score on the first N digits of the test split (all 2,000 by default). */
  testSamples: number;
}

export type TrainOptions = Partial<TrainSettings>;

/**
 * The settings of the shipped network (Adam with batch norm, dropout 0.3 and a little weight
 * decay: without the last two the network fits the 8,000 training digits to 99.9 % and stalls
 * near 97 % on the test digits). Seed 1 passes 97 % test accuracy after 4 epochs and ends at
 * 98.1 % after 12.
 */
export const DEFAULT_TRAIN_SETTINGS: Readonly<TrainSettings> = Object.freeze({
  epochs: 12,
  batchSize: 64,
  optimizer: 'adam',
  learningRate: 0.01,
  lrDecay: 0.8,
  weightDecay: 0.001,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  batchNorm: true,
  dropout: 0.3,
  initScale: null,
  seed: 1,
  splitSeed: MNIST_SPLIT_SEED,
  trainSamples: MNIST_TRAIN_COUNT,
  testSamples: MNIST_TEST_COUNT,
});

const UINT32_MAX = 0xffffffff;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new RangeError(
      `Expected an integer from ${min} to ${max} for ${name} but received ${describe(value)}`,
    );
  return value;
}

/** A finite number in [min, max] (or (min, max] when minExclusive). */
function number(name: string, value: unknown, min: number, max: number, minExclusive = false): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minExclusive ? value > min : value >= min) &&
    value <= max;
  if (!ok)
    throw new RangeError(
      `Expected a number ${minExclusive ? '>' : '>='} ${min} and <= ${max} for ${name} but received ${describe(value)}`,
    );
  return value as number;
}

/** The defaults with `options` applied, every value checked. */
export function resolveTrainSettings(options: TrainOptions = {}): TrainSettings {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TypeError(`Expected an object of training options but received ${describe(options)}`);
  const unknown = Object.keys(options).filter((key) => !Object.hasOwn(DEFAULT_TRAIN_SETTINGS, key));
  if (unknown.length > 0)
    throw new RangeError(
      `Expected training options among ${Object.keys(DEFAULT_TRAIN_SETTINGS).join(', ')} but received ${unknown.map((k) => JSON.stringify(k)).join(', ')}`,
    );
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const s = { ...DEFAULT_TRAIN_SETTINGS, ...defined } as Record<keyof TrainSettings, unknown>;
  if (s.optimizer !== 'sgd' && s.optimizer !== 'adam')
    throw new RangeError(`Expected 'sgd' or 'adam' for optimizer but received ${describe(s.optimizer)}`);
  if (typeof s.batchNorm !== 'boolean')
    throw new TypeError(`Expected a boolean for batchNorm but received ${describe(s.batchNorm)}`);
  return {
    epochs: integer('epochs', s.epochs, 1, 1000),
    batchSize: integer('batchSize', s.batchSize, 1, MNIST_TRAIN_COUNT),
    optimizer: s.optimizer,
    learningRate: number('learningRate', s.learningRate, 0, 10, true),
    lrDecay: number('lrDecay', s.lrDecay, 0, 1, true),
    weightDecay: number('weightDecay', s.weightDecay, 0, 1),
    momentum: number('momentum', s.momentum, 0, 0.999),
    beta1: number('beta1', s.beta1, 0, 0.9999),
    beta2: number('beta2', s.beta2, 0, 0.99999),
    eps: number('eps', s.eps, 0, 1, true),
    batchNorm: s.batchNorm,
    dropout: number('dropout', s.dropout, 0, 0.95),
    initScale: s.initScale === null ? null : number('initScale', s.initScale, 0, 10, true),
    seed: integer('seed', s.seed, 0, UINT32_MAX),
    splitSeed: integer('splitSeed', s.splitSeed, 0, UINT32_MAX),
    trainSamples: integer('trainSamples', s.trainSamples, 1, MNIST_TRAIN_COUNT),
    testSamples: integer('testSamples', s.testSamples, 1, MNIST_TEST_COUNT),
  };
}

// Training runs on small seeded subsets (a few hundred digits, well under a second each): the
// loss goes down, a seed fixes every bit of the result, cancelling keeps the best epoch's weights,
// and bad settings are refused before anything runs.
import { describe, expect, it } from 'vitest';
import { homeworkTensorSpecs } from '../../../main/service/network/homework/homeworkArchitecture.js';
import { trainNetwork } from '../../../main/service/network/train/trainNetwork.js';
import type { TrainProgress, TrainResult } from '../../../main/service/network/train/trainResult.js';
import {
  DEFAULT_TRAIN_SETTINGS,
  resolveTrainSettings,
  type TrainOptions,
} from '../../../main/service/network/train/trainSettings.js';

const SMALL: TrainOptions = {
  epochs: 2,
  trainSamples: 600,
  testSamples: 400,
  batchSize: 32,
  learningRate: 0.01,
};

function sameBits(a: TrainResult, b: TrainResult): boolean {
  return Object.keys(a.weights).every((name) => {
    const x = new Uint32Array(a.weights[name].buffer);
    const y = new Uint32Array(b.weights[name].buffer);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  });
}

describe('trainNetwork', () => {
  it('lowers the loss on a fixed seed', () => {
    const batches: TrainProgress[] = [];
    const result = trainNetwork({ ...SMALL, epochs: 3 }, { onBatch: (p) => batches.push(p) });
    expect(result.stopped).toBe('completed');
    expect(result.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    const [first, , last] = result.epochs;
    expect(last.trainLoss).toBeLessThan(0.5 * first.trainLoss);
    expect(last.testLoss).toBeLessThan(first.testLoss);
    // The first batches score like chance (ln 10 = 2.3 for a uniform guess, He init starts higher).
    expect(batches[0].loss).toBeGreaterThan(2);
    expect(last.testAccuracy).toBeGreaterThan(0.8);
    // 600 digits in batches of 32: 18 full batches and one of 24, every epoch.
    expect(batches.length).toBe(3 * 19);
    expect(batches[18]).toMatchObject({ epoch: 1, epochs: 3, batch: 19, batches: 19 });
    expect(result.bestEpoch).toBeGreaterThanOrEqual(1);
    expect(result.testAccuracy).toBe(result.epochs[result.bestEpoch - 1].testAccuracy);
    expect(Object.keys(result.weights)).toEqual(
      homeworkTensorSpecs({ batchNorm: true, dropout: 0.3 }).map((s) => s.name),
    );
  });

  it('gives bitwise the same weights for the same seed, and different ones for another', () => {
    const a = trainNetwork({ ...SMALL, seed: 7 });
    const b = trainNetwork({ ...SMALL, seed: 7 });
    const c = trainNetwork({ ...SMALL, seed: 8 });
    expect(sameBits(a, b)).toBe(true);
    expect(a.epochs.map((e) => [e.trainLoss, e.testLoss, e.testAccuracy])).toEqual(
      b.epochs.map((e) => [e.trainLoss, e.testLoss, e.testAccuracy]),
    );
    expect(sameBits(a, c)).toBe(false);
    // Different in every tensor, not just somewhere.
    for (const name of Object.keys(a.weights))
      if (!name.includes('running') && name !== 'bn1.weight' && name !== 'bn2.weight')
        expect(a.weights[name], name).not.toEqual(c.weights[name]);
  });

  it('is reproducible with SGD, without batch norm and with dropout too', () => {
    const options: TrainOptions = {
      ...SMALL,
      epochs: 1,
      optimizer: 'sgd',
      learningRate: 0.02,
      batchNorm: false,
    };
    expect(sameBits(trainNetwork(options), trainNetwork(options))).toBe(true);
    // Dropout masks come from the seed as well.
    const d1 = trainNetwork({ ...options, dropout: 0.5, seed: 3 });
    expect(sameBits(d1, trainNetwork({ ...options, dropout: 0.5, seed: 3 }))).toBe(true);
    expect(sameBits(d1, trainNetwork({ ...options, dropout: 0.25, seed: 3 }))).toBe(false);
  });

  it('decays the learning rate per epoch', () => {
    const result = trainNetwork({ ...SMALL, epochs: 3, trainSamples: 100, lrDecay: 0.5 });
    expect(result.epochs.map((e) => e.learningRate)).toEqual([0.01, 0.005, 0.0025]);
  });

  it('returns the best weights so far when cancelled, not the last ones', () => {
    // On this seed the test accuracy goes 0.7525, 0.8325, 0.8225: epoch 2 is the best.
    const options: TrainOptions = {
      epochs: 4,
      trainSamples: 400,
      testSamples: 400,
      batchSize: 20,
      learningRate: 0.03,
      lrDecay: 1,
      dropout: 0,
      weightDecay: 0,
      seed: 2,
    };
    let batches = 0;
    const cancelled = trainNetwork(options, {
      onBatch: () => void batches++,
      cancelled: () => batches === 3 * 20 + 5,
    });
    expect(cancelled.stopped).toBe('cancelled');
    expect(cancelled.epochs.map((e) => e.testAccuracy)).toEqual([0.7525, 0.8325, 0.8225]);
    expect(cancelled.bestEpoch).toBe(2);
    expect(cancelled.testAccuracy).toBe(0.8325);
    // The same run stopped after two epochs ends on exactly those weights.
    expect(sameBits(cancelled, trainNetwork({ ...options, epochs: 2 }))).toBe(true);
  });

  it('returns the weights as they are when cancelled inside the first epoch', () => {
    let batches = 0;
    const result = trainNetwork(
      { ...SMALL, trainSamples: 320 },
      {
        onBatch: () => void batches++,
        cancelled: () => batches === 4,
      },
    );
    expect(result).toMatchObject({ stopped: 'cancelled', bestEpoch: 0, epochs: [] });
    // Four Adam steps already beat chance on the test digits.
    expect(result.testAccuracy).toBeGreaterThan(0.2);
    expect(Number.isFinite(result.testLoss)).toBe(true);
  });

  it('stops when the loss diverges and falls back to the initial weights', () => {
    // lr 10 with weight decay 1 multiplies every weight by about -9 per step: float32 overflows
    // within a few steps.
    const options: TrainOptions = {
      ...SMALL,
      optimizer: 'sgd',
      learningRate: 10,
      momentum: 0,
      weightDecay: 1,
      batchNorm: false,
    };
    let batches = 0;
    const result = trainNetwork(options, { onBatch: () => void batches++ });
    expect(result).toMatchObject({ stopped: 'diverged', bestEpoch: 0, epochs: [] });
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThan(19);
    // Cancelled before the first step, the same run returns its initial weights.
    const initial = trainNetwork(options, { cancelled: () => true });
    expect(sameBits(result, initial)).toBe(true);
    expect(result.testAccuracy).toBe(initial.testAccuracy);
  });

  it('draws every weight from N(0, initScale^2) when a scale is given', () => {
    let batches = 0;
    const result = trainNetwork(
      { ...SMALL, initScale: 0.001, batchNorm: false },
      { onBatch: () => void batches++, cancelled: () => batches === 0 },
    );
    const w = result.weights['fc.weight'];
    const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    // 4,900 samples: the sample std is within a few percent of 0.001.
    expect(std).toBeGreaterThan(0.00095);
    expect(std).toBeLessThan(0.00105);
    expect(result.weights['conv1.bias'].every((v) => v === 0)).toBe(true);
  });
});

describe('resolveTrainSettings', () => {
  it('fills in the shipped defaults', () => {
    expect(resolveTrainSettings({})).toEqual(DEFAULT_TRAIN_SETTINGS);
    expect(resolveTrainSettings({ epochs: 3, initScale: 0.1 })).toMatchObject({ epochs: 3, initScale: 0.1 });
  });

  it('refuses unknown keys and out-of-range or mistyped values with what it expected', () => {
    expect(() => resolveTrainSettings({ epoch: 3 } as TrainOptions)).toThrow(/but received "epoch"/);
    // Inherited names are not settings either (options may arrive as parsed JSON).
    expect(() => resolveTrainSettings(JSON.parse('{"__proto__": {}, "toString": 1}'))).toThrow(
      /but received "__proto__", "toString"$/,
    );
    expect(() => resolveTrainSettings({ epochs: 0 })).toThrow(
      'Expected an integer from 1 to 1000 for epochs but received 0',
    );
    expect(() => resolveTrainSettings({ learningRate: 0 })).toThrow(
      'Expected a number > 0 and <= 10 for learningRate but received 0',
    );
    expect(() => resolveTrainSettings({ dropout: 1 })).toThrow(/for dropout but received 1$/);
    expect(() => resolveTrainSettings({ optimizer: 'rmsprop' as 'sgd' })).toThrow(
      `Expected 'sgd' or 'adam' for optimizer but received "rmsprop"`,
    );
    expect(() => resolveTrainSettings({ batchNorm: 'yes' as unknown as boolean })).toThrow(
      'Expected a boolean for batchNorm but received "yes"',
    );
    expect(() => resolveTrainSettings({ seed: 2 ** 32 })).toThrow(/for seed but received 4294967296/);
    expect(() => resolveTrainSettings({ lrDecay: Number.NaN })).toThrow(/for lrDecay but received NaN/);
  });
});

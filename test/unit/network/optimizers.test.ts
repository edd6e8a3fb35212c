// SGD with momentum and Adam against torch.optim's update rules worked by hand on two-element
// tensors, and the per-epoch learning-rate decay. Parameters are float32, so each comparison
// allows a couple of float32 ulps of the value.
import { describe, expect, it } from 'vitest';
import { Adam } from '../../../main/service/network/train/adam.js';
import { epochLearningRate } from '../../../main/service/network/train/learningRate.js';
import { createOptimizer } from '../../../main/service/network/train/optimizer.js';
import { Sgd } from '../../../main/service/network/train/sgd.js';
import { DEFAULT_TRAIN_SETTINGS } from '../../../main/service/network/train/trainSettings.js';

/** Within 2 float32 ulps (relative 2^-22) of the hand-computed value. */
function expectFloat32Close(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    const tolerance = Math.abs(e) * 2 ** -22 + 1e-12;
    expect(Math.abs(actual[i] - e), `element ${i}: ${actual[i]} vs ${e}`).toBeLessThanOrEqual(tolerance);
  });
}

describe('SGD (torch.optim.SGD)', () => {
  it('applies weight decay to the gradient, then momentum, then the step', () => {
    const p = Float32Array.of(1, -2);
    const g = new Float32Array(2);
    const sgd = new Sgd([p], [g], { momentum: 0.9, weightDecay: 0.01 });
    g.set([0.5, 0.25]);
    sgd.step(0.1);
    // step 1: d = g + 0.01 p = [0.51, 0.23]; the buffer starts as d; p -= 0.1 d.
    expectFloat32Close(sgd.buffers[0], [0.51, 0.23]);
    expectFloat32Close(p, [0.949, -2.023]);
    g.set([0.5, -0.5]);
    sgd.step(0.1);
    // step 2: d = [0.5 + 0.00949, -0.5 - 0.02023] = [0.50949, -0.52023];
    // buf = 0.9 buf + d = [0.459 + 0.50949, 0.207 - 0.52023] = [0.96849, -0.31323]; p -= 0.1 buf.
    expectFloat32Close(sgd.buffers[0], [0.96849, -0.31323]);
    expectFloat32Close(p, [0.852151, -1.991677]);
    expect(sgd.steps).toBe(2);
  });

  it('takes the decayed learning rate it is given', () => {
    const p = Float32Array.of(1);
    const g = Float32Array.of(0.5);
    const sgd = new Sgd([p], [g], { momentum: 0.9, weightDecay: 0.01 });
    sgd.step(epochLearningRate(0.1, 0.5, 0));
    sgd.step(epochLearningRate(0.1, 0.5, 1));
    // As above with lr 0.05 in step 2: 0.949 - 0.05 * 0.96849.
    expectFloat32Close(p, [0.9005755]);
  });

  it('is plain gradient descent without momentum and keeps no buffers', () => {
    const p = Float32Array.of(1, 2);
    const sgd = new Sgd([p], [Float32Array.of(0.5, -1)], { momentum: 0, weightDecay: 0 });
    sgd.step(0.1);
    sgd.step(0.1);
    expectFloat32Close(p, [0.9, 2.2]);
    expect(sgd.buffers).toEqual([]);
  });
});

describe('Adam (torch.optim.Adam)', () => {
  it('corrects both moments for their zero start', () => {
    const p = Float32Array.of(1);
    const g = new Float32Array(1);
    const adam = new Adam([p], [g], { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
    g[0] = 0.5;
    adam.step(0.1);
    // m = 0.1 * 0.5 = 0.05, v = 0.001 * 0.25 = 0.00025; corrected 0.5 and 0.25, so the step is
    // 0.1 * 0.5 / (0.5 + 1e-8): one learning rate, whatever the gradient's size.
    expectFloat32Close(adam.m[0], [0.05]);
    expectFloat32Close(adam.v[0], [0.00025]);
    const p1 = 1 - (0.1 * 0.5) / (0.5 + 1e-8);
    expectFloat32Close(p, [p1]);
    g[0] = -0.25;
    adam.step(0.1);
    // m = 0.045 - 0.025 = 0.02, v = 0.00024975 + 0.0000625 = 0.00031225;
    // bias corrections 1 - 0.9^2 = 0.19 and 1 - 0.999^2 = 0.001999.
    expectFloat32Close(adam.m[0], [0.02]);
    expectFloat32Close(adam.v[0], [0.00031225]);
    const p2 = Math.fround(p1) - ((0.1 / 0.19) * 0.02) / (Math.sqrt(0.00031225) / Math.sqrt(0.001999) + 1e-8);
    expectFloat32Close(p, [p2]);
  });

  it('moves a tiny gradient by about one learning rate on the first step', () => {
    const p = Float32Array.of(0, 0);
    const adam = new Adam([p], [Float32Array.of(1e-3, -1e-6)], {
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0,
    });
    adam.step(0.01);
    // 0.01 * g / (|g| + 1e-8): eps only shows for the 1e-6 gradient.
    expectFloat32Close(p, [-0.01 * (1e-3 / (1e-3 + 1e-8)), 0.01 * (1e-6 / (1e-6 + 1e-8))]);
  });

  it('adds weight decay to the gradient before the moments (L2, not AdamW)', () => {
    const p = Float32Array.of(2);
    const g = Float32Array.of(0.5);
    const adam = new Adam([p], [g], { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1 });
    adam.step(0.1);
    // g + 0.1 p = 0.7: m = 0.07, v = 0.00049.
    expectFloat32Close(adam.m[0], [0.07]);
    expectFloat32Close(adam.v[0], [0.00049]);
    const p1 = Math.fround(2 - (0.1 * 0.7) / (0.7 + 1e-8));
    adam.step(0.1);
    // g + 0.1 p1; m = 0.9 * 0.07 + 0.1 d; v = 0.999 * 0.00049 + 0.001 d^2.
    const d = Math.fround(0.5 + 0.1 * p1);
    const m = 0.9 * 0.07 + 0.1 * d;
    const v = 0.999 * 0.00049 + 0.001 * d * d;
    expectFloat32Close(adam.m[0], [m]);
    expectFloat32Close(p, [p1 - ((0.1 / 0.19) * m) / (Math.sqrt(v) / Math.sqrt(0.001999) + 1e-8)]);
  });
});

describe('the optimizer choice and the learning-rate decay', () => {
  it('builds the optimizer the settings name', () => {
    const p = [new Float32Array(3)];
    const g = [new Float32Array(3)];
    expect(createOptimizer({ ...DEFAULT_TRAIN_SETTINGS, optimizer: 'adam' }, p, g)).toBeInstanceOf(Adam);
    expect(createOptimizer({ ...DEFAULT_TRAIN_SETTINGS, optimizer: 'sgd' }, p, g)).toBeInstanceOf(Sgd);
    expect(() => new Sgd(p, [new Float32Array(2)], { momentum: 0, weightDecay: 0 })).toThrow(
      'Expected a gradient of length 3 for parameter 0 but received 2',
    );
  });

  it('multiplies the learning rate by the decay once per finished epoch (StepLR, step 1)', () => {
    expect([0, 1, 2, 3].map((e) => epochLearningRate(0.01, 0.8, e))).toEqual([
      0.01,
      0.01 * 0.8,
      0.01 * 0.8 * 0.8,
      0.01 * 0.8 * 0.8 * 0.8,
    ]);
    expect(epochLearningRate(0.01, 0.8, 3)).toBeCloseTo(0.00512, 15);
    expect(epochLearningRate(0.05, 1, 7)).toBe(0.05);
  });
});

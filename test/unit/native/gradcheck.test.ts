// Every native backward pass against central differences of the native forward pass. The
// forward runs in float32, so the step is large (1e-2) and tolerances are loose (1e-2 relative);
// the tight float64 check of the same formulas is reference-gradcheck.test.ts, and the tight
// native-vs-reference comparisons are in *-vs-reference.test.ts.
import { describe, expect, it } from 'vitest';
import * as native from '../../../native-kernels/index.js';
import type { Conv2dOptions, Pool2dOptions, Tensor } from '../../../native-kernels/types.js';
import { mulberry32, randomTensor } from '../../helpers/random.js';

const STEP = 1e-2;

/** Loss = sum(out * weights), accumulated in double. */
function dot(out: ArrayLike<number>, weights: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < out.length; i++) s += out[i] * weights[i];
  return s;
}

/**
 * Checks analytic[i] against (L(v + h e_i) - L(v - h e_i)) / 2h at up to `samples` coordinates of
 * `values`, which `loss` reads.
 */
function checkGradient(
  label: string,
  values: Float32Array,
  analytic: ArrayLike<number>,
  loss: () => number,
  rng: () => number,
  samples = 24,
): void {
  expect(analytic.length, `${label}: gradient length`).toBe(values.length);
  const picks =
    values.length <= samples
      ? [...values.keys()]
      : Array.from({ length: samples }, () => Math.floor(rng() * values.length));
  let scale = 0;
  for (let i = 0; i < analytic.length; i++) scale = Math.max(scale, Math.abs(analytic[i]));
  for (const i of picks) {
    const saved = values[i];
    values[i] = saved + STEP;
    const up = loss();
    values[i] = saved - STEP;
    const down = loss();
    values[i] = saved;
    const numeric = (up - down) / (2 * STEP);
    const err = Math.abs(numeric - analytic[i]);
    expect(err, `${label}[${i}]: analytic ${analytic[i]} vs numeric ${numeric}`).toBeLessThanOrEqual(
      1e-2 * Math.abs(numeric) + 2e-3 * Math.max(1, scale),
    );
  }
}

describe('native backward passes against numerical gradients', () => {
  const convCases: [number[], number[], Conv2dOptions][] = [
    [[2, 3, 6, 5], [4, 3, 3, 3], { padding: 1 }],
    [[1, 4, 7, 7], [4, 1, 3, 2], { groups: 4, stride: 2, padding: [1, 0], paddingMode: 'reflect' }],
    [[2, 2, 5, 6], [3, 2, 2, 3], { dilation: 2, padding: 2, paddingMode: 'circular', flip: true }],
    [[1, 2, 4, 4], [2, 2, 3, 3], { padding: 2, paddingMode: 'replicate', stride: [2, 1] }],
  ];
  it.each(convCases.map((c, i) => [i, JSON.stringify(c)] as const))('conv2d case %i: %s', (i) => {
    const [xs, ws, options] = convCases[i];
    const rng = mulberry32(40 + i);
    const x = randomTensor(rng, xs);
    const w = randomTensor(rng, ws);
    const b = randomTensor(rng, [ws[0]]).data;
    const r = randomTensor(rng, [...native.conv2d(x, w, b, options).shape]).data;
    const loss = () => dot(native.conv2d(x, w, b, options).data, r);
    const g = native.conv2dBackward(
      x,
      w,
      { data: r, shape: native.conv2d(x, w, b, options).shape },
      options,
      true,
    );
    checkGradient('dx', x.data, g.dx.data, loss, rng);
    checkGradient('dw', w.data, g.dw.data, loss, rng);
    checkGradient('db', b, g.db!.data, loss, rng);
  });

  it.each([[[6, 3]], [[3, 2, 3, 4]]])('batch norm training, shape %j', (shape) => {
    const rng = mulberry32(50);
    const x = randomTensor(rng, shape, -2, 2);
    const c = shape[1];
    const gamma = randomTensor(rng, [c], 0.5, 1.5).data;
    const beta = randomTensor(rng, [c]).data;
    const r = randomTensor(rng, shape).data;
    const loss = () => dot(native.batchNormTrain(x, gamma, beta, null, null).y.data, r);
    const f = native.batchNormTrain(x, gamma, beta, null, null);
    const g = native.batchNormBackwardTrain(x, { data: r, shape }, gamma, f.mean, f.invstd);
    checkGradient('dx', x.data, g.dx.data, loss, rng);
    checkGradient('dgamma', gamma, g.dgamma, loss, rng);
    checkGradient('dbeta', beta, g.dbeta, loss, rng);
  });

  it('batch norm evaluation', () => {
    const rng = mulberry32(51);
    const shape = [3, 2, 2, 3];
    const x = randomTensor(rng, shape);
    const gamma = randomTensor(rng, [2], 0.5, 1.5).data;
    const beta = randomTensor(rng, [2]).data;
    const rm = randomTensor(rng, [2]).data;
    const rv = randomTensor(rng, [2], 0.5, 2).data;
    const r = randomTensor(rng, shape).data;
    const loss = () => dot(native.batchNormEval(x, gamma, beta, rm, rv).data, r);
    const g = native.batchNormBackwardEval(x, { data: r, shape }, gamma, rm, rv);
    checkGradient('dx', x.data, g.dx.data, loss, rng);
    checkGradient('dgamma', gamma, g.dgamma, loss, rng);
    checkGradient('dbeta', beta, g.dbeta, loss, rng);
  });

  const poolOptions: Pool2dOptions[] = [
    { kernel: 2 },
    { kernel: 3, stride: 2, padding: 1 },
    { kernel: [3, 2], stride: [1, 2], padding: [1, 1], countIncludePad: false },
  ];
  it.each(poolOptions.map((o) => [JSON.stringify(o), o] as const))(
    'max and average pooling %s',
    (_, options) => {
      const rng = mulberry32(60);
      // Distinct values spaced well beyond the step, so no perturbation changes an argmax.
      const shape = [2, 2, 6, 5];
      const count = shape.reduce((a, b) => a * b, 1);
      const order = [...Array(count).keys()].sort(() => rng() - 0.5);
      const x: Tensor = { data: Float32Array.from(order, (v) => v * 0.1), shape };
      const max = native.maxPool2d(x, options);
      const r = randomTensor(rng, [...max.y.shape]).data;
      const dy = { data: r, shape: max.y.shape };
      checkGradient(
        'max dx',
        x.data,
        native.maxPool2dBackward(dy, max.indices, shape, options).data,
        () => dot(native.maxPool2d(x, options).y.data, r),
        rng,
      );
      checkGradient(
        'avg dx',
        x.data,
        native.avgPool2dBackward(dy, shape, options).data,
        () => dot(native.avgPool2d(x, options).data, r),
        rng,
      );
    },
  );

  it('global average pooling', () => {
    const rng = mulberry32(61);
    const x = randomTensor(rng, [2, 3, 4, 5]);
    const r = randomTensor(rng, [2, 3, 1, 1]);
    checkGradient(
      'dx',
      x.data,
      native.globalAvgPoolBackward(r, x.shape).data,
      () => dot(native.globalAvgPool(x).data, r.data),
      rng,
    );
  });

  it('relu (inputs away from the kink) and dropout', () => {
    const rng = mulberry32(62);
    const x = randomTensor(rng, [4, 25]);
    for (let i = 0; i < x.data.length; i++) if (Math.abs(x.data[i]) < 0.05) x.data[i] = 0.5;
    const r = randomTensor(rng, [4, 25]);
    const y = native.relu(x);
    checkGradient(
      'relu dx',
      x.data,
      native.reluBackward(r, y).data,
      () => dot(native.relu(x).data, r.data),
      rng,
    );
    const d = native.dropout(x, 0.4, 77);
    checkGradient(
      'dropout dx',
      x.data,
      native.dropoutBackward(r, d.mask, 0.4).data,
      () => dot(native.dropout(x, 0.4, 77).y.data, r.data),
      rng,
    );
  });

  it('linear and softmax cross-entropy', () => {
    const rng = mulberry32(63);
    const x = randomTensor(rng, [5, 7]);
    const w = randomTensor(rng, [4, 7]);
    const b = randomTensor(rng, [4]).data;
    const labels = Int32Array.from([0, 3, 1, 1, 2]);
    const loss = () => native.softmaxCrossEntropy(native.linear(x, w, b), labels).loss;
    const z = native.linear(x, w, b);
    const ce = native.softmaxCrossEntropy(z, labels);
    const dz = native.softmaxCrossEntropyBackward(ce.probs, labels);
    const g = native.linearBackward(x, w, dz, true);
    checkGradient('dx', x.data, g.dx.data, loss, rng);
    checkGradient('dw', w.data, g.dw.data, loss, rng);
    checkGradient('db', b, g.db!.data, loss, rng);
  });
});

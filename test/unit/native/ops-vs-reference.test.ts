// Batch norm, pooling, dropout, ReLU, linear and cross-entropy: native kernels against the
// TypeScript reference over seeded grids of shapes and options.
import { describe, expect, it } from 'vitest';
import * as native from '../../../native-kernels/index.js';
import * as reference from '../../../native-kernels/reference/index.js';
import type { Pool2dOptions } from '../../../native-kernels/types.js';
import { convOutputSize } from '../../../native-kernels/shapes.js';
import { expectArrayClose, expectTensorClose, float32Tolerance } from '../../helpers/compare.js';
import { mulberry32, randomTensor } from '../../helpers/random.js';

const tol = float32Tolerance;

describe('batch norm native vs reference', () => {
  const shapes = [
    [2, 3],
    [7, 1],
    [16, 5],
    [1, 3, 2, 2],
    [3, 4, 5, 7],
    [2, 2, 1, 9],
    [5, 3, 4],
  ];
  it.each(shapes.map((s) => [JSON.stringify(s), s] as const))(
    'training and evaluation, shape %s',
    (_, shape) => {
      const rng = mulberry32(shape.reduce((a, b) => a * 31 + b, 7));
      const c = shape[1];
      const x = randomTensor(rng, shape, -2, 3);
      const gamma = randomTensor(rng, [c], 0.5, 1.5).data;
      const beta = randomTensor(rng, [c]).data;
      const rm = randomTensor(rng, [c]).data;
      const rv = randomTensor(rng, [c], 0.5, 2).data;
      const options = { eps: 1e-5, momentum: 0.3 };

      const g = native.batchNormTrain(x, gamma, beta, rm, rv, options);
      const r = reference.batchNormTrain(x, gamma, beta, rm, rv, options);
      expectTensorClose(g.y, r.y, tol(r.y.data), 'y');
      expectArrayClose(g.mean, r.mean, tol(r.mean), 'mean');
      expectArrayClose(g.invstd, r.invstd, tol(r.invstd), 'invstd');
      expectArrayClose(g.runningMean, r.runningMean, tol(r.runningMean), 'runningMean');
      expectArrayClose(g.runningVar, r.runningVar, tol(r.runningVar), 'runningVar');

      const dy = randomTensor(rng, shape);
      const gb = native.batchNormBackwardTrain(x, dy, gamma, g.mean, g.invstd);
      const rb = reference.batchNormBackwardTrain(x, dy, gamma, g.mean, g.invstd);
      expectTensorClose(gb.dx, rb.dx, tol(rb.dx.data), 'dx');
      expectArrayClose(gb.dgamma, rb.dgamma, tol(rb.dgamma), 'dgamma');
      expectArrayClose(gb.dbeta, rb.dbeta, tol(rb.dbeta), 'dbeta');

      const ge = native.batchNormEval(x, gamma, beta, rm, rv, options);
      const re = reference.batchNormEval(x, gamma, beta, rm, rv, options);
      expectTensorClose(ge, re, tol(re.data), 'eval y');
      const gbe = native.batchNormBackwardEval(x, dy, gamma, rm, rv, options);
      const rbe = reference.batchNormBackwardEval(x, dy, gamma, rm, rv, options);
      expectTensorClose(gbe.dx, rbe.dx, tol(rbe.dx.data), 'eval dx');
      expectArrayClose(gbe.dgamma, rbe.dgamma, tol(rbe.dgamma), 'eval dgamma');
      expectArrayClose(gbe.dbeta, rbe.dbeta, tol(rbe.dbeta), 'eval dbeta');
    },
  );

  it('does not modify the running statistics it is given', () => {
    const rng = mulberry32(3);
    const rm = Float32Array.of(0.25, -1);
    const rv = Float32Array.of(2, 0.5);
    native.batchNormTrain(randomTensor(rng, [4, 2]), Float32Array.of(1, 1), Float32Array.of(0, 0), rm, rv);
    expect(Array.from(rm)).toEqual([0.25, -1]);
    expect(Array.from(rv)).toEqual([2, 0.5]);
  });
});

function poolCases(seed: number): { shape: number[]; options: Pool2dOptions }[] {
  const rng = mulberry32(seed);
  const pick = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const cases: { shape: number[]; options: Pool2dOptions }[] = [
    { shape: [1, 1, 4, 4], options: { kernel: 2 } },
    { shape: [2, 3, 7, 5], options: { kernel: 3, stride: 2, padding: 1 } },
    { shape: [1, 2, 5, 5], options: { kernel: [5, 5] } },
  ];
  while (cases.length < 40) {
    const kh = pick(1, 4);
    const kw = pick(1, 4);
    const options: Pool2dOptions = {
      kernel: [kh, kw],
      stride: [pick(1, 3), pick(1, 3)],
      padding: [pick(0, Math.floor(kh / 2)), pick(0, Math.floor(kw / 2))],
      countIncludePad: rng() < 0.5,
    };
    const shape = [pick(1, 2), pick(1, 3), pick(1, 9), pick(1, 9)];
    const [ph, pw] = options.padding as [number, number];
    const [sh, sw] = options.stride as [number, number];
    if (convOutputSize(shape[2], kh, sh, ph) < 1 || convOutputSize(shape[3], kw, sw, pw) < 1) continue;
    cases.push({ shape, options });
  }
  return cases;
}

describe('pooling native vs reference', () => {
  const cases = poolCases(99);
  it.each(cases.map((c, i) => [i, JSON.stringify(c)] as const))('max and average, case %i: %s', (i) => {
    const { shape, options } = cases[i];
    const rng = mulberry32(500 + i);
    const x = randomTensor(rng, shape);
    const gm = native.maxPool2d(x, options);
    const rmx = reference.maxPool2d(x, options);
    expectTensorClose(gm.y, rmx.y, { atol: 0, rtol: 0 }, 'max y');
    expect(Array.from(gm.indices)).toEqual(Array.from(rmx.indices));
    const dy = randomTensor(rng, [...gm.y.shape]);
    const gmb = native.maxPool2dBackward(dy, gm.indices, shape, options);
    const rmb = reference.maxPool2dBackward(dy, rmx.indices, shape, options);
    expectTensorClose(gmb, rmb, tol(rmb.data), 'max dx');

    const ga = native.avgPool2d(x, options);
    const ra = reference.avgPool2d(x, options);
    expectTensorClose(ga, ra, tol(ra.data), 'avg y');
    const gab = native.avgPool2dBackward(dy, shape, options);
    const rab = reference.avgPool2dBackward(dy, shape, options);
    expectTensorClose(gab, rab, tol(rab.data), 'avg dx');
  });

  it('breaks ties towards the first maximum and propagates NaN, as torch does', () => {
    const x = { data: Float32Array.of(1, 3, 3, 0, 2, NaN, 1, 2, 5), shape: [1, 1, 3, 3] };
    const g = native.maxPool2d(x, { kernel: 2, stride: 1 });
    const r = reference.maxPool2d(x, { kernel: 2, stride: 1 });
    expect(Array.from(g.indices)).toEqual(Array.from(r.indices));
    expect(g.indices[0]).toBe(1); // 3 at flat index 1 wins over the later 3 at index 2
    expect(Number.isNaN(g.y.data[1])).toBe(true);
  });

  it('global average pooling', () => {
    const rng = mulberry32(5);
    const x = randomTensor(rng, [3, 4, 5, 6]);
    const g = native.globalAvgPool(x);
    const r = reference.globalAvgPool(x);
    expectTensorClose(g, r, tol(r.data), 'gap y');
    const dy = randomTensor(rng, [3, 4, 1, 1]);
    const gb = native.globalAvgPoolBackward(dy, [3, 4, 5, 6]);
    const rb = reference.globalAvgPoolBackward(dy, [3, 4, 5, 6]);
    expectTensorClose(gb, rb, tol(rb.data), 'gap dx');
  });
});

describe('element-wise layers native vs reference', () => {
  it('relu forward and backward', () => {
    const rng = mulberry32(8);
    const x = randomTensor(rng, [3, 4, 5]);
    const g = native.relu(x);
    const r = reference.relu(x);
    expectTensorClose(g, r, { atol: 0, rtol: 0 }, 'relu');
    const dy = randomTensor(rng, [3, 4, 5]);
    expectTensorClose(
      native.reluBackward(dy, g),
      reference.reluBackward(dy, r),
      { atol: 0, rtol: 0 },
      'relu dx',
    );
  });

  it.each([0, 0.1, 0.5, 0.9, 1])('dropout p = %f: same mask and values as the reference', (p) => {
    const rng = mulberry32(9);
    const x = randomTensor(rng, [4, 33, 7]);
    const g = native.dropout(x, p, 1234);
    const r = reference.dropout(x, p, 1234);
    expect(Array.from(g.mask)).toEqual(Array.from(r.mask));
    expectTensorClose(g.y, r.y, tol(r.y.data, 1e-6, 1e-7), 'dropout y');
    const dy = randomTensor(rng, [4, 33, 7]);
    expectTensorClose(
      native.dropoutBackward(dy, g.mask, p),
      reference.dropoutBackward(dy, r.mask, p),
      tol(dy.data, 1e-6, 1e-7),
      'dropout dx',
    );
  });

  it('dropout hash is bit-identical in TypeScript and C++', () => {
    const rng = mulberry32(10);
    for (let i = 0; i < 200; i++) {
      const seed = Math.floor(rng() * 2 ** 32);
      const index = Math.floor(rng() * 2 ** 32);
      expect(native.dropoutHash(seed, index)).toBe(reference.dropoutHash(seed, index));
    }
  });
});

describe('linear and cross-entropy native vs reference', () => {
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [1, 490, 10],
    [7, 13, 5],
    [256, 490, 10],
    [33, 300, 17],
  ];
  it.each(shapes.map((s) => [JSON.stringify(s), s] as const))('linear [N, I, O] = %s', (_, [n, i, o]) => {
    const rng = mulberry32(n * 1000 + i + o);
    const x = randomTensor(rng, [n, i]);
    const w = randomTensor(rng, [o, i]);
    const b = randomTensor(rng, [o]).data;
    const g = native.linear(x, w, b);
    const r = reference.linear(x, w, b);
    expectTensorClose(g, r, tol(r.data), 'y');
    const dy = randomTensor(rng, [n, o]);
    const gb = native.linearBackward(x, w, dy, true);
    const rb = reference.linearBackward(x, w, dy, true);
    expectTensorClose(gb.dx, rb.dx, tol(rb.dx.data), 'dx');
    expectTensorClose(gb.dw, rb.dw, tol(rb.dw.data), 'dw');
    expectTensorClose(gb.db!, rb.db!, tol(rb.db!.data), 'db');
  });

  it.each([
    [1, 1],
    [1, 10],
    [9, 3],
    [64, 10],
  ])('softmax cross-entropy N=%i K=%i', (n, k) => {
    const rng = mulberry32(n * 17 + k);
    const logits = randomTensor(rng, [n, k], -8, 8);
    const labels = Int32Array.from({ length: n }, () => Math.floor(rng() * k));
    const g = native.softmaxCrossEntropy(logits, labels);
    const r = reference.softmaxCrossEntropy(logits, labels);
    expect(Math.abs(g.loss - r.loss)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(r.loss)));
    expectTensorClose(g.probs, r.probs, tol(r.probs.data), 'probs');
    const gb = native.softmaxCrossEntropyBackward(g.probs, labels, 0.7);
    const rb = reference.softmaxCrossEntropyBackward(r.probs, labels, 0.7);
    expectTensorClose(gb, rb, tol(rb.data), 'dlogits');
  });
});

describe('dropout of non-finite values', () => {
  it('multiplies by the mask as torch does, so a dropped NaN stays NaN', () => {
    const x = { data: new Float32Array(64).fill(NaN), shape: [64] };
    const g = native.dropout(x, 0.5, 3);
    const r = reference.dropout(x, 0.5, 3);
    expect(Array.from(g.mask)).toEqual(Array.from(r.mask));
    expect(g.mask.includes(0)).toBe(true);
    expect(Array.from(g.y.data).every(Number.isNaN)).toBe(true);
    expect(Array.from(r.y.data).every(Number.isNaN)).toBe(true);
  });
});

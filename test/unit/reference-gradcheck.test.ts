// Every backward pass of the reference kernels against central-difference gradients in float64,
// plus the worked numbers of the homework and hand-computed facts of each op's semantics.
import { describe, expect, it } from 'vitest';
import {
  avgPool2d,
  avgPool2dBackward,
  batchNormBackwardEval,
  batchNormBackwardTrain,
  batchNormEval,
  batchNormTrain,
  conv2d,
  conv2dBackward,
  dropout,
  dropoutBackward,
  dropoutHash,
  globalAvgPool,
  globalAvgPoolBackward,
  linear,
  linearBackward,
  maxPool2d,
  maxPool2dBackward,
  relu,
  reluBackward,
  softmaxCrossEntropy,
  softmaxCrossEntropyBackward,
} from '../../native-kernels/reference/index.js';
import type {
  Conv2dOptions,
  FloatArray,
  PaddingMode,
  Pool2dOptions,
  Tensor,
} from '../../native-kernels/types.js';
import { expectArrayClose, expectTensorClose, maxAbs, type Tolerance } from '../helpers/compare.js';
import { mulberry32, randomTensor } from '../helpers/random.js';
import { HOMEWORK_CONV_CASES, HOMEWORK_H, HOMEWORK_X } from '../helpers/homeworkConvolution.js';

/**
 * Central differences in float64 with h = 1e-6: rounding contributes about 1e-16 * |loss| / h
 * (~1e-9 here) and truncation h^2 * f''' (~1e-12); the ops are linear or smooth near the points
 * tested, so 1e-6 absolute plus 1e-5 relative leaves a wide margin and still catches any wrong
 * term, whose error is of the order of the gradient itself.
 */
const H = 1e-6;
const GRAD_TOL: Tolerance = { atol: 1e-6, rtol: 1e-5 };

type T64 = Tensor<Float64Array>;

function f64(t: Tensor<Float32Array>): T64 {
  return { data: Float64Array.from(t.data), shape: [...t.shape] };
}

function rand(rng: () => number, shape: readonly number[], lo = -1, hi = 1): T64 {
  return f64(randomTensor(rng, shape, lo, hi));
}

/** sum(out * r): a scalar loss whose gradient with respect to `out` is r. */
function dot(out: ArrayLike<number>, r: ArrayLike<number>): number {
  expect(out.length).toBe(r.length);
  let s = 0;
  for (let i = 0; i < out.length; i++) s += out[i] * r[i];
  return s;
}

/** Central-difference gradient of `loss` with respect to every element of `x` (restored after). */
function numericalGradient(loss: () => number, x: Float64Array): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const keep = x[i];
    x[i] = keep + H;
    const up = loss();
    x[i] = keep - H;
    const down = loss();
    x[i] = keep;
    g[i] = (up - down) / (2 * H);
  }
  return g;
}

/** Analytic gradient (shape first) against the numerical one, which must not be all zeros. */
function expectGradient(
  analytic: Tensor<FloatArray> | null,
  x: T64,
  loss: () => number,
  label: string,
): void {
  expect(analytic, `${label}: missing`).not.toBeNull();
  if (analytic === null) return;
  const numeric = numericalGradient(loss, x.data);
  // An all-zero gradient would pass against a backward that returns zeros.
  expect(maxAbs(numeric), `${label}: numerical gradient is zero`).toBeGreaterThan(1e-3);
  expectTensorClose(analytic, { data: numeric, shape: x.shape }, GRAD_TOL, label);
}

function vec(data: Float64Array): T64 {
  return { data, shape: [data.length] };
}

function rows(t: Tensor<FloatArray>): number[][] {
  const [, , oh, ow] = t.shape;
  return Array.from({ length: oh }, (_, r) => Array.from(t.data.subarray(r * ow, (r + 1) * ow)));
}

// ----------------------------------------------------------------------------------- conv2d

describe('conv2d: homework facts (x = 1..25 as 5x5, h = [[-1,-2,-1],[0,0,0],[1,2,1]])', () => {
  const x: T64 = { data: Float64Array.from(HOMEWORK_X), shape: [1, 1, 5, 5] };
  const h: T64 = { data: Float64Array.from(HOMEWORK_H), shape: [1, 1, 3, 3] };

  it.each(HOMEWORK_CONV_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(rows(conv2d(x, h, null, c.options))).toEqual(c.expected);
  });
});

describe('conv2d: padding modes on the row [1, 2, 3] padded by 2 (identity 1x1 kernel)', () => {
  const x: T64 = { data: Float64Array.from([1, 2, 3]), shape: [1, 1, 1, 3] };
  const identity: T64 = { data: Float64Array.from([1]), shape: [1, 1, 1, 1] };
  const cases: [PaddingMode, number[]][] = [
    ['zeros', [0, 0, 1, 2, 3, 0, 0]],
    ['reflect', [3, 2, 1, 2, 3, 2, 1]],
    ['replicate', [1, 1, 1, 2, 3, 3, 3]],
    ['circular', [2, 3, 1, 2, 3, 1, 2]],
  ];
  it.each(cases)('%s', (mode, want) => {
    const y = conv2d(x, identity, null, { padding: [0, 2], paddingMode: mode });
    expect(y.shape).toEqual([1, 1, 1, 7]);
    expect(Array.from(y.data)).toEqual(want);
  });
});

describe('conv2d: flip is cross-correlation with each kernel reversed in both axes', () => {
  it('for groups, dilation, stride and reflect padding', () => {
    const rng = mulberry32(7);
    const x = rand(rng, [2, 4, 6, 7]);
    const w = rand(rng, [6, 2, 3, 2]);
    const reversed = new Float64Array(w.data.length);
    for (let b = 0; b < 6 * 2; b++) {
      for (let t = 0; t < 6; t++) reversed[b * 6 + t] = w.data[b * 6 + (5 - t)];
    }
    const options: Conv2dOptions = {
      groups: 2,
      dilation: [1, 2],
      stride: 2,
      padding: 1,
      paddingMode: 'reflect',
    };
    const flipped = conv2d(x, w, null, { ...options, flip: true });
    const correlated = conv2d(x, { data: reversed, shape: w.shape }, null, options);
    expectTensorClose(flipped, correlated, { atol: 1e-12, rtol: 0 }, 'flip');
  });
});

interface ConvGeometryCase {
  name: string;
  x: number[];
  w: number[];
  options: Conv2dOptions;
}

// Odd sizes and non-square kernels throughout; with the 4 padding modes x flip x bias below.
const convGeometries: ConvGeometryCase[] = [
  { name: '3x3 pad 1', x: [2, 2, 5, 6], w: [3, 2, 3, 3], options: { padding: 1 } },
  {
    name: '3x2 stride 2 pad (1,2)',
    x: [1, 2, 7, 6],
    w: [2, 2, 3, 2],
    options: { stride: 2, padding: [1, 2] },
  },
  { name: 'dilation 2 pad 2', x: [1, 2, 6, 7], w: [2, 2, 3, 3], options: { dilation: 2, padding: 2 } },
  {
    name: '2x3 dilation (1,2) stride (2,1) pad (2,1)',
    x: [2, 2, 7, 5],
    w: [3, 2, 2, 3],
    options: { dilation: [1, 2], stride: [2, 1], padding: [2, 1] },
  },
  { name: 'groups 2', x: [1, 4, 5, 5], w: [6, 2, 3, 3], options: { groups: 2, padding: 1 } },
  {
    name: 'depthwise stride 2',
    x: [2, 3, 5, 4],
    w: [3, 1, 3, 3],
    options: { groups: 3, stride: 2, padding: 1 },
  },
  {
    name: 'depthwise multiplier 2, 3x1',
    x: [1, 2, 5, 5],
    w: [4, 1, 3, 1],
    options: { groups: 2, padding: [1, 0] },
  },
  { name: '1x3 stride (1,2) no padding', x: [1, 3, 5, 7], w: [2, 3, 1, 3], options: { stride: [1, 2] } },
];

const convGrid = convGeometries.flatMap((g, gi) =>
  (['zeros', 'reflect', 'replicate', 'circular'] as const).flatMap((paddingMode) =>
    [false, true].map((flip) => ({
      ...g,
      options: { ...g.options, paddingMode, flip },
      bias: (gi + Number(flip)) % 2 === 0,
    })),
  ),
);

describe('conv2d backward against numerical gradients', () => {
  it.each(convGrid.map((c, i) => [c.name, c.options.paddingMode, c.options.flip, c.bias, i] as const))(
    '%s, %s, flip %s, bias %s',
    (_name, _mode, _flip, _bias, i) => {
      const c = convGrid[i];
      const rng = mulberry32(100 + i);
      const x = rand(rng, c.x);
      const w = rand(rng, c.w);
      const b = c.bias ? rand(rng, [c.w[0]]) : null;
      const y0 = conv2d(x, w, b === null ? null : b.data, c.options);
      expect(y0.shape.slice(0, 2)).toEqual([c.x[0], c.w[0]]);
      const r = rand(rng, y0.shape);
      const loss = () => dot(conv2d(x, w, b === null ? null : b.data, c.options).data, r.data);
      const g = conv2dBackward(x, w, r, c.options, c.bias);
      expectGradient(g.dx, x, loss, 'dx');
      expectGradient(g.dw, w, loss, 'dw');
      if (b === null) expect(g.db).toBeNull();
      else expectGradient(g.db, b, loss, 'db');
    },
  );
});

// ------------------------------------------------------------------------------- batch norm

describe('batch norm', () => {
  it('hand example: N = 2 values 1 and 3, momentum 0.1, running stats 0 and 1', () => {
    const x: T64 = { data: Float64Array.from([1, 3]), shape: [2, 1] };
    const r = batchNormTrain(
      x,
      Float64Array.of(1),
      Float64Array.of(0),
      Float64Array.of(0),
      Float64Array.of(1),
    );
    // mean 2, biased var 1 (normalisation), unbiased var 2 (running estimate)
    expectArrayClose(
      r.y.data,
      [-1 / Math.sqrt(1 + 1e-5), 1 / Math.sqrt(1 + 1e-5)],
      { atol: 1e-15, rtol: 0 },
      'y',
    );
    expectArrayClose(r.mean, [2], { atol: 0, rtol: 0 }, 'mean');
    expectArrayClose(r.invstd, [1 / Math.sqrt(1 + 1e-5)], { atol: 1e-15, rtol: 0 }, 'invstd');
    expectArrayClose(r.runningMean, [0.9 * 0 + 0.1 * 2], { atol: 1e-15, rtol: 0 }, 'running mean');
    expectArrayClose(r.runningVar, [0.9 * 1 + 0.1 * 2], { atol: 1e-15, rtol: 0 }, 'running var');
  });

  it('returns empty running stats when none are given', () => {
    const r = batchNormTrain(
      rand(mulberry32(3), [4, 3]),
      new Float64Array(3).fill(1),
      new Float64Array(3),
      null,
      null,
    );
    expect(r.runningMean.length).toBe(0);
    expect(r.runningVar.length).toBe(0);
    expect(r.mean.length).toBe(3);
  });

  const trainShapes: number[][] = [
    [6, 4],
    [3, 2, 3, 4],
  ];
  it.each(trainShapes.map((s) => [s.join('x'), s] as const))('train backward, shape %s', (_label, shape) => {
    const rng = mulberry32(shape.length);
    const c = shape[1];
    const x = rand(rng, shape, -2, 3);
    const gamma = rand(rng, [c], 0.5, 1.5);
    const beta = rand(rng, [c]);
    const options = { eps: 1e-3 };
    const fwd = batchNormTrain(x, gamma.data, beta.data, null, null, options);
    expect(fwd.y.shape).toEqual(shape);
    const r = rand(rng, shape);
    // The batch statistics depend on x, so each perturbed forward recomputes them.
    const loss = () => dot(batchNormTrain(x, gamma.data, beta.data, null, null, options).y.data, r.data);
    const g = batchNormBackwardTrain(x, r, gamma.data, fwd.mean, fwd.invstd);
    expectGradient(g.dx, x, loss, 'dx');
    expectGradient(vec(g.dgamma), gamma, loss, 'dgamma');
    expectGradient(vec(g.dbeta), beta, loss, 'dbeta');
  });

  it.each(trainShapes.map((s) => [s.join('x'), s] as const))(
    'graph backward equals the closed form per feature, shape %s',
    (_label, shape) => {
      const rng = mulberry32(40 + shape.length);
      const c = shape[1];
      const hw = shape.length === 4 ? shape[2] * shape[3] : 1;
      const m = shape[0] * hw;
      const x = rand(rng, shape, -2, 3);
      const gamma = rand(rng, [c], 0.5, 1.5);
      const dy = rand(rng, shape);
      const fwd = batchNormTrain(x, gamma.data, new Float64Array(c), null, null);
      const g = batchNormBackwardTrain(x, dy, gamma.data, fwd.mean, fwd.invstd);
      const closed = new Float64Array(x.data.length);
      for (let ch = 0; ch < c; ch++) {
        const idx: number[] = [];
        for (let i = 0; i < shape[0]; i++) for (let s = 0; s < hw; s++) idx.push((i * c + ch) * hw + s);
        const xhat = idx.map((k) => (x.data[k] - fwd.mean[ch]) * fwd.invstd[ch]);
        const meanDy = idx.reduce((a, k) => a + dy.data[k], 0) / m;
        const meanDyXhat = idx.reduce((a, k, t) => a + dy.data[k] * xhat[t], 0) / m;
        idx.forEach((k, t) => {
          closed[k] = gamma.data[ch] * fwd.invstd[ch] * (dy.data[k] - meanDy - xhat[t] * meanDyXhat);
        });
      }
      expectTensorClose(g.dx, { data: closed, shape }, { atol: 1e-12, rtol: 1e-10 }, 'dx');
    },
  );

  it('eval backward, shape 2x3x3x2', () => {
    const rng = mulberry32(9);
    const shape = [2, 3, 3, 2];
    const x = rand(rng, shape, -2, 3);
    const gamma = rand(rng, [3], 0.5, 1.5);
    const beta = rand(rng, [3]);
    const rm = rand(rng, [3], -0.5, 0.5).data;
    const rv = rand(rng, [3], 0.5, 2).data;
    const r = rand(rng, shape);
    const loss = () => dot(batchNormEval(x, gamma.data, beta.data, rm, rv).data, r.data);
    const g = batchNormBackwardEval(x, r, gamma.data, rm, rv);
    expectGradient(g.dx, x, loss, 'dx');
    expectGradient(vec(g.dgamma), gamma, loss, 'dgamma');
    expectGradient(vec(g.dbeta), beta, loss, 'dbeta');
  });
});

// ---------------------------------------------------------------------------------- pooling

/** Distinct values 0.01 apart in shuffled order: no ties, and a 1e-6 nudge never moves a max. */
function distinctTensor(rng: () => number, shape: number[]): T64 {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Float64Array.from({ length: n }, (_, i) => (i - n / 2) * 0.01);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [data[i], data[j]] = [data[j], data[i]];
  }
  return { data, shape };
}

const poolConfigs: [string, number[], Pool2dOptions][] = [
  ['2x2', [2, 2, 6, 4], { kernel: 2 }],
  ['3x3 stride 2 pad 1', [1, 2, 7, 5], { kernel: 3, stride: 2, padding: 1 }],
  [
    '3x2 stride (1,2) pad (1,1), overlapping',
    [2, 1, 5, 6],
    { kernel: [3, 2], stride: [1, 2], padding: [1, 1] },
  ],
  ['2x2 stride 1 pad 1, overlapping', [1, 2, 4, 5], { kernel: 2, stride: 1, padding: 1 }],
];

describe('max pool backward against numerical gradients', () => {
  it.each(poolConfigs)('%s', (_name, shape, options) => {
    const rng = mulberry32(shape.length * 31 + shape[3]);
    const x = distinctTensor(rng, shape);
    const fwd = maxPool2d(x, options);
    const r = rand(rng, fwd.y.shape);
    const loss = () => dot(maxPool2d(x, options).y.data, r.data);
    expectGradient(maxPool2dBackward(r, fwd.indices, x.shape, options), x, loss, 'dx');
  });

  it('keeps the first of tied maxima and indexes within the plane', () => {
    const x: T64 = { data: Float64Array.from([5, 1, 5, 5, 0, 0, 0, 0]), shape: [2, 1, 2, 2] };
    const r = maxPool2d(x, { kernel: 2 });
    expect(Array.from(r.y.data)).toEqual([5, 0]);
    expect(Array.from(r.indices)).toEqual([0, 0]);
  });
});

describe('avg pool', () => {
  it.each([true, false])(
    'divisor on a 4x4 of ones, kernel 3 stride 2 pad 1, countIncludePad %s',
    (include) => {
      const ones: T64 = { data: new Float64Array(16).fill(1), shape: [1, 1, 4, 4] };
      const y = avgPool2d(ones, { kernel: 3, stride: 2, padding: 1, countIncludePad: include });
      // Windows hold 2x2, 2x3, 3x2 and 3x3 real pixels of a 3x3 window.
      expect(Array.from(y.data)).toEqual(include ? [4 / 9, 6 / 9, 6 / 9, 1] : [1, 1, 1, 1]);
    },
  );

  const avgConfigs = poolConfigs.flatMap(([name, shape, options]) =>
    [true, false].map(
      (countIncludePad) => [name, countIncludePad, shape, { ...options, countIncludePad }] as const,
    ),
  );
  it.each(avgConfigs)(
    'backward against numerical gradients: %s, countIncludePad %s',
    (_name, _inc, shape, options) => {
      const rng = mulberry32(shape[2] * 17 + Number(options.countIncludePad));
      const x = rand(rng, shape);
      const y0 = avgPool2d(x, options);
      const r = rand(rng, y0.shape);
      const loss = () => dot(avgPool2d(x, options).data, r.data);
      expectGradient(avgPool2dBackward(r, x.shape, options), x, loss, 'dx');
    },
  );
});

describe('global avg pool', () => {
  it('is the plane mean, and its backward matches numerical gradients', () => {
    const rng = mulberry32(5);
    const x = rand(rng, [2, 3, 4, 5]);
    const y = globalAvgPool(x);
    expect(y.shape).toEqual([2, 3, 1, 1]);
    expectArrayClose(
      [y.data[4]],
      [x.data.subarray(80, 100).reduce((a, v) => a + v, 0) / 20],
      GRAD_TOL,
      'mean',
    );
    const r = rand(rng, y.shape);
    const loss = () => dot(globalAvgPool(x).data, r.data);
    expectGradient(globalAvgPoolBackward(r, x.shape), x, loss, 'dx');
  });
});

// --------------------------------------------------------------------------------- dropout

/** dropout_hash of native-kernels/src/elementwise.cc in BigInt arithmetic: an independent path. */
function bigHash(seed: number, index: number): number {
  const M = 0xffffffffn;
  const mix = (v: bigint): bigint => {
    let x = v & M;
    x ^= x >> 16n;
    x = (x * 0x7feb352dn) & M;
    x ^= x >> 15n;
    x = (x * 0x846ca68bn) & M;
    x ^= x >> 16n;
    return x;
  };
  const s = mix((BigInt(seed) & M) ^ 0x9e3779b9n);
  return Number(mix((mix((BigInt(index) & M) ^ s) + s) & M));
}

describe('dropout', () => {
  it('hash equals the C++ dropout_hash', () => {
    // Values printed by dropout_hash in elementwise.cc (compiled with g++).
    expect([dropoutHash(0, 0), dropoutHash(0, 1), dropoutHash(0, 2)]).toEqual([
      632013150, 1092597679, 3947725486,
    ]);
    const rng = mulberry32(77);
    const seeds = [
      0,
      1,
      42,
      0xffffffff,
      2 ** 32 + 5,
      ...Array.from({ length: 20 }, () => Math.floor(rng() * 2 ** 32)),
    ];
    for (const seed of seeds) {
      for (const index of [0, 1, 2, 1000, 2 ** 31, 2 ** 32 - 1, Math.floor(rng() * 2 ** 32)]) {
        expect(dropoutHash(seed, index), `seed ${seed} index ${index}`).toBe(bigHash(seed, index));
      }
    }
  });

  it('keeps element i iff (hash >>> 8) >= p * 2^24, and about 1 - p of them', () => {
    const n = 100_000;
    const x: T64 = { data: new Float64Array(n).fill(1), shape: [n] };
    for (const p of [0.1, 0.5, 0.8]) {
      const r = dropout(x, p, 1234);
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const want = bigHash(1234, i) >>> 8 >= Math.fround(p) * 2 ** 24 ? 1 : 0;
        if (r.mask[i] !== want) expect.fail(`p ${p}: mask[${i}] = ${r.mask[i]}`);
        kept += want;
      }
      expect(Math.abs(kept / n - (1 - p))).toBeLessThan(0.01);
    }
  });

  it('scales kept elements by 1 / (1 - p) rounded to float32; p = 0 keeps all, p = 1 drops all', () => {
    const x: T64 = { data: new Float64Array(64).fill(1), shape: [64] };
    const r = dropout(x, 0.1, 7);
    const kept = Array.from(r.y.data).filter((v, i) => r.mask[i] === 1);
    // float32(1 / float32(0.9)) = 1.11111116...
    expect(new Set(kept)).toEqual(new Set([1.1111111640930176]));
    expect(Array.from(dropout(x, 0, 7).y.data)).toEqual(Array.from(x.data));
    const all = dropout(x, 1, 7);
    expect(all.mask.every((m) => m === 0) && all.y.data.every((v) => v === 0)).toBe(true);
  });

  it('backward against numerical gradients, p = 0.3', () => {
    const rng = mulberry32(13);
    const x = rand(rng, [3, 4, 5]);
    const fwd = dropout(x, 0.3, 99);
    const r = rand(rng, x.shape);
    const loss = () => dot(dropout(x, 0.3, 99).y.data, r.data);
    expectGradient(dropoutBackward(r, fwd.mask, 0.3), x, loss, 'dx');
  });
});

// ------------------------------------------------------------------------------------ relu

describe('relu', () => {
  it('zeroes negatives, passes NaN and -0 like torch; gradient 0 where the output is 0', () => {
    const x: T64 = { data: Float64Array.from([-2, -0, 0, 3, NaN]), shape: [5] };
    const y = relu(x);
    expect(Array.from(y.data)).toEqual([0, -0, 0, 3, NaN]);
    expect(Array.from(reluBackward({ data: new Float64Array(5).fill(1), shape: [5] }, y).data)).toEqual([
      0, 0, 0, 1, 0,
    ]);
  });

  it('backward against numerical gradients (inputs at least 0.1 away from 0)', () => {
    const rng = mulberry32(21);
    const x = rand(rng, [2, 3, 4, 4], 0.1, 1);
    for (let i = 0; i < x.data.length; i += 2) x.data[i] = -x.data[i];
    const r = rand(rng, x.shape);
    const loss = () => dot(relu(x).data, r.data);
    expectGradient(reluBackward(r, relu(x)), x, loss, 'dx');
  });
});

// ---------------------------------------------------------------------------------- linear

describe('linear', () => {
  it.each([true, false])('backward against numerical gradients, bias %s', (hasBias) => {
    const rng = mulberry32(hasBias ? 31 : 32);
    const x = rand(rng, [4, 6]);
    const w = rand(rng, [3, 6]);
    const b = hasBias ? rand(rng, [3]) : null;
    const y = linear(x, w, b === null ? null : b.data);
    expect(y.shape).toEqual([4, 3]);
    const r = rand(rng, y.shape);
    const loss = () => dot(linear(x, w, b === null ? null : b.data).data, r.data);
    const g = linearBackward(x, w, r, hasBias);
    expectGradient(g.dx, x, loss, 'dx');
    expectGradient(g.dw, w, loss, 'dw');
    if (b === null) expect(g.db).toBeNull();
    else expectGradient(g.db, b, loss, 'db');
  });
});

// --------------------------------------------------------------------------- cross-entropy

describe('softmax cross-entropy', () => {
  it('is stable for large logits', () => {
    const logits: T64 = { data: Float64Array.from([1000, 0, 0, 1000]), shape: [2, 2] };
    const r = softmaxCrossEntropy(logits, Int32Array.from([0, 0]));
    // Row 0 is certain of its label (loss 0), row 1 is wrong by 1000.
    expectArrayClose([r.loss], [500], { atol: 1e-9, rtol: 0 }, 'loss');
    expectArrayClose(r.probs.data, [1, 0, 0, 1], { atol: 1e-12, rtol: 0 }, 'probs');
  });

  it.each([1, 0.7])('backward against numerical gradients, dloss %s', (dloss) => {
    const rng = mulberry32(dloss === 1 ? 41 : 42);
    const logits = rand(rng, [5, 4], -3, 3);
    const labels = Int32Array.from([0, 3, 1, 1, 2]);
    const fwd = softmaxCrossEntropy(logits, labels);
    expect(fwd.probs.shape).toEqual([5, 4]);
    const loss = () => dloss * softmaxCrossEntropy(logits, labels).loss;
    expectGradient(softmaxCrossEntropyBackward(fwd.probs, labels, dloss), logits, loss, 'dlogits');
  });
});

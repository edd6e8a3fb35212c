// conv2d forward and backward: native kernels against the TypeScript reference over a seeded grid
// of shapes and options (odd sizes, strides that do not divide, batch 1, one channel, groups and
// depthwise, every padding mode, true convolution, kernels as large as the padded input, and shapes
// large enough to cross every GEMM blocking boundary).
import { describe, expect, it } from 'vitest';
import * as native from '../../../native-kernels/index.js';
import * as reference from '../../../native-kernels/reference/index.js';
import type { Conv2dOptions, PaddingMode } from '../../../native-kernels/types.js';
import { convOutputSize } from '../../../native-kernels/shapes.js';
import { expectTensorClose, float32Tolerance } from '../../helpers/compare.js';
import { mulberry32, randomTensor } from '../../helpers/random.js';

interface Case {
  x: [number, number, number, number];
  w: [number, number, number, number];
  options: Conv2dOptions;
  bias: boolean;
}

const MODES: PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

function randomCase(rng: () => number): Case {
  const pick = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  for (;;) {
    const groups = [1, 1, 1, 2, 3][pick(0, 4)];
    const cg = pick(1, 3);
    const fg = pick(1, 4);
    const h = pick(1, 9);
    const w = pick(1, 9);
    const kh = pick(1, 5);
    const kw = pick(1, 5);
    const stride: [number, number] = [pick(1, 3), pick(1, 3)];
    const padding: [number, number] = [pick(0, 3), pick(0, 3)];
    const dilation: [number, number] = [pick(1, 3), pick(1, 2)];
    const paddingMode = MODES[pick(0, 3)];
    if (paddingMode === 'reflect' && (padding[0] >= h || padding[1] >= w)) continue;
    if (paddingMode === 'circular' && (padding[0] > h || padding[1] > w)) continue;
    if (convOutputSize(h, kh, stride[0], padding[0], dilation[0]) < 1) continue;
    if (convOutputSize(w, kw, stride[1], padding[1], dilation[1]) < 1) continue;
    return {
      x: [pick(1, 3), cg * groups, h, w],
      w: [fg * groups, cg, kh, kw],
      options: { stride, padding, dilation, groups, paddingMode, flip: rng() < 0.3 },
      bias: rng() < 0.7,
    };
  }
}

const fixedCases: Case[] = [
  // Depthwise, 3x3, padding 1.
  { x: [2, 4, 7, 6], w: [4, 1, 3, 3], options: { groups: 4, padding: 1 }, bias: true },
  // Kernel exactly as large as the padded input (one output pixel).
  { x: [1, 2, 4, 5], w: [3, 2, 6, 7], options: { padding: 1 }, bias: true },
  { x: [1, 1, 3, 3], w: [1, 1, 5, 5], options: { padding: 1, paddingMode: 'circular' }, bias: false },
  // One channel, batch 1, stride that does not divide.
  { x: [1, 1, 11, 13], w: [2, 1, 3, 2], options: { stride: [3, 2], padding: [1, 0] }, bias: true },
  // Circular padding equal to the input size.
  { x: [2, 2, 3, 2], w: [2, 2, 2, 2], options: { padding: [3, 2], paddingMode: 'circular' }, bias: true },
  // Crosses every blocking boundary: contraction 32*9 = 288 > 256, 150 filters > 144 rows, 37*37
  // output pixels > 1024 columns.
  { x: [2, 32, 37, 37], w: [150, 32, 3, 3], options: { padding: 1 }, bias: true },
  // Stride 1 takes the "wide rows" GEMM path: with dilation, groups and every padding mode.
  {
    x: [2, 4, 9, 8],
    w: [6, 2, 3, 2],
    options: { groups: 2, dilation: [2, 3], padding: [2, 3], paddingMode: 'reflect' },
    bias: true,
  },
  {
    x: [1, 3, 5, 7],
    w: [4, 3, 3, 3],
    options: { padding: [5, 7], paddingMode: 'circular', flip: true },
    bias: true,
  },
  { x: [3, 2, 6, 40], w: [5, 2, 2, 4], options: { padding: [1, 4], paddingMode: 'replicate' }, bias: false },
  // Wider than one GEMM column block (1024) in a single padded row.
  { x: [1, 3, 3, 1500], w: [4, 3, 3, 3], options: { padding: 1 }, bias: true },
  // Strided and dilated with reflect padding and true convolution on a wider image.
  {
    x: [2, 6, 30, 41],
    w: [8, 3, 3, 5],
    options: { groups: 2, stride: 2, dilation: [2, 1], padding: 2, paddingMode: 'reflect', flip: true },
    bias: true,
  },
];

function run(c: Case, seed: number) {
  const rng = mulberry32(seed);
  const x = randomTensor(rng, c.x);
  const w = randomTensor(rng, c.w);
  const bias = c.bias ? randomTensor(rng, [c.w[0]]).data : null;
  const want = reference.conv2d(x, w, bias, c.options);
  for (const algorithm of ['auto', 'gemm', 'direct'] as const) {
    const got = native.conv2d(x, w, bias, { ...c.options, algorithm });
    expectTensorClose(got, want, float32Tolerance(want.data), `y (${algorithm})`);
  }

  const dy = randomTensor(rng, [...want.shape]);
  const g = native.conv2dBackward(x, w, dy, c.options, c.bias);
  const r = reference.conv2dBackward(x, w, dy, c.options, c.bias);
  expectTensorClose(g.dx, r.dx, float32Tolerance(r.dx.data), 'dx');
  expectTensorClose(g.dw, r.dw, float32Tolerance(r.dw.data), 'dw');
  if (c.bias) {
    expect(g.db).not.toBeNull();
    expectTensorClose(g.db!, r.db!, float32Tolerance(r.db!.data), 'db');
  } else {
    expect(g.db).toBeNull();
  }
}

describe('conv2d native vs reference', () => {
  it.each(fixedCases.map((c, i) => [i, JSON.stringify(c)] as const))('fixed case %i: %s', (i) => {
    run(fixedCases[i], 1000 + i);
  });

  const rng = mulberry32(2024);
  const cases = Array.from({ length: 120 }, () => randomCase(rng));
  it('covers every padding mode, groups, flips and strides in the random grid', () => {
    for (const mode of MODES) expect(cases.some((c) => c.options.paddingMode === mode)).toBe(true);
    expect(cases.some((c) => (c.options.groups ?? 1) > 1)).toBe(true);
    expect(cases.some((c) => c.options.flip)).toBe(true);
    expect(cases.some((c) => c.x[0] === 1 && c.x[1] === 1)).toBe(true);
  });
  it.each(cases.map((c, i) => [i, JSON.stringify(c)] as const))('random case %i: %s', (i) => {
    run(cases[i], i);
  });
});

// Bad input: every argument is validated before native code runs, with a TypeError or RangeError
// that names the parameter, what was expected and what was received; nothing crashes the process.
import { describe, expect, it } from 'vitest';
import * as native from '../../../native-kernels/index.js';
import * as reference from '../../../native-kernels/reference/index.js';
import type { Conv2dOptions } from '../../../native-kernels/types.js';
import { expectTensorClose, float32Tolerance } from '../../helpers/compare.js';
import { mulberry32 } from '../../helpers/random.js';

const t = (shape: number[], fill = 1) => ({
  data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(fill),
  shape,
});

describe('explicit bad inputs', () => {
  const x = t([1, 2, 5, 5]);
  const w = t([3, 2, 3, 3]);
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    [
      'Float64Array data',
      () =>
        native.conv2d(
          { data: new Float64Array(50) as unknown as Float32Array, shape: [1, 2, 5, 5] },
          w,
          null,
        ),
      TypeError,
      /Expected a Float32Array for x\.data but received Float64Array of length 50/,
    ],
    [
      'data length disagrees with shape',
      () => native.conv2d({ data: new Float32Array(49), shape: [1, 2, 5, 5] }, w, null),
      RangeError,
      /Expected a Float32Array of length 50 for x\.data but received Float32Array of length 49/,
    ],
    [
      'wrong rank',
      () => native.conv2d(t([2, 5, 5]), w, null),
      RangeError,
      /Expected a shape of rank 4 for x\.shape but received \[2, 5, 5\]/,
    ],
    [
      'zero dimension',
      () => native.conv2d(t([1, 0, 5, 5]), w, null),
      RangeError,
      /Expected an integer >= 1 for x\.shape\[1\] but received 0/,
    ],
    [
      'non-integer dimension',
      () => native.conv2d({ data: new Float32Array(50), shape: [1, 2, 5, 5.5] }, w, null),
      RangeError,
      /Expected an integer >= 1 for x\.shape\[3\] but received 5\.5/,
    ],
    [
      'zero stride',
      () => native.conv2d(x, w, null, { stride: 0 }),
      RangeError,
      /Expected an integer >= 1 for options\.stride but received 0/,
    ],
    [
      'negative stride',
      () => native.conv2d(x, w, null, { stride: [1, -2] }),
      RangeError,
      /Expected an integer >= 1 for options\.stride\[1\] but received -2/,
    ],
    [
      'negative padding',
      () => native.conv2d(x, w, null, { padding: -1 }),
      RangeError,
      /Expected an integer >= 0 for options\.padding but received -1/,
    ],
    [
      'string stride',
      () => native.conv2d(x, w, null, { stride: '2' as unknown as number }),
      TypeError,
      /options\.stride.*"2"/,
    ],
    [
      'kernel larger than the padded input',
      () => native.conv2d(x, t([1, 2, 8, 3]), null, { padding: 1 }),
      RangeError,
      /kernel no larger than the padded input \(7x7\).*8x3/,
    ],
    [
      'dilated kernel larger than the padded input',
      () => native.conv2d(x, w, null, { dilation: 3 }),
      RangeError,
      /padded input.*extent 7x7/,
    ],
    [
      'non-finite weight',
      () =>
        native.conv2d(x, { ...t([3, 2, 3, 3]), data: new Float32Array(54).fill(0.5).fill(NaN, 7, 8) }, null),
      RangeError,
      /Expected finite values \(index 7 is not\) for w\.data but received NaN/,
    ],
    [
      'infinite bias',
      () => native.conv2d(x, w, Float32Array.of(1, Infinity, 0)),
      RangeError,
      /Expected finite values \(index 1 is not\) for bias but received Infinity/,
    ],
    [
      'bias of the wrong length',
      () => native.conv2d(x, w, new Float32Array(2)),
      RangeError,
      /Expected a Float32Array of length 3 for bias but received Float32Array of length 2/,
    ],
    [
      'channels per group mismatch',
      () => native.conv2d(x, t([3, 1, 3, 3]), null),
      RangeError,
      /Expected 2 input channels per group .* for w\.shape\[1\] but received 1/,
    ],
    [
      'groups not dividing channels',
      () => native.conv2d(t([1, 3, 5, 5]), t([3, 1, 3, 3]), null, { groups: 2 }),
      RangeError,
      /divisible by groups/,
    ],
    [
      'reflect padding as large as the input',
      () => native.conv2d(x, w, null, { padding: 5, paddingMode: 'reflect' }),
      RangeError,
      /reflect padding smaller than the input/,
    ],
    [
      'circular padding larger than the input',
      () => native.conv2d(x, w, null, { padding: 6, paddingMode: 'circular' }),
      RangeError,
      /circular padding/,
    ],
    [
      'unknown padding mode',
      () => native.conv2d(x, w, null, { paddingMode: 'mirror' as Conv2dOptions['paddingMode'] }),
      RangeError,
      /one of 'zeros', 'reflect', 'replicate', 'circular'.*"mirror"/,
    ],
    [
      'dy of the wrong shape',
      () => native.conv2dBackward(x, w, t([1, 3, 4, 3]), {}, true),
      RangeError,
      /Expected shape \[1, 3, 3, 3\] for dy\.shape but received \[1, 3, 4, 3\]/,
    ],
    [
      'null tensor',
      () => native.conv2d(null as unknown as ReturnType<typeof t>, w, null),
      TypeError,
      /tensor \{ data, shape \}.*null/,
    ],
    [
      'pool padding over half the kernel',
      () => native.maxPool2d(x, { kernel: 2, padding: 2 }),
      RangeError,
      /padding at most half the kernel/,
    ],
    [
      'pool window larger than the input',
      () => native.avgPool2d(x, { kernel: 6 }),
      RangeError,
      /pooling window no larger/,
    ],
    [
      'missing pool kernel',
      () => native.maxPool2d(x, {} as { kernel: number }),
      TypeError,
      /options\.kernel/,
    ],
    [
      'max-pool index out of range',
      () =>
        native.maxPool2dBackward(
          t([1, 2, 2, 2]),
          Int32Array.from({ length: 8 }, () => 25),
          [1, 2, 5, 5],
          { kernel: 2 },
        ),
      RangeError,
      /Expected an integer in \[0, 25\) for indices\[0\] but received 25/,
    ],
    [
      'batch norm of one value per channel',
      () => native.batchNormTrain(t([1, 3]), new Float32Array(3), new Float32Array(3), null, null),
      RangeError,
      /more than one value per channel/,
    ],
    [
      'gamma of the wrong length',
      () => native.batchNormTrain(t([4, 3]), new Float32Array(2), new Float32Array(3), null, null),
      RangeError,
      /Expected a Float32Array of length 3 for gamma but received Float32Array of length 2/,
    ],
    [
      'eps of zero',
      () =>
        native.batchNormTrain(t([4, 3]), new Float32Array(3), new Float32Array(3), null, null, { eps: 0 }),
      RangeError,
      /options\.eps/,
    ],
    [
      'momentum above 1',
      () =>
        native.batchNormTrain(t([4, 3]), new Float32Array(3), new Float32Array(3), null, null, {
          momentum: 1.5,
        }),
      RangeError,
      /options\.momentum.*1\.5/,
    ],
    [
      'only one running statistic',
      () =>
        native.batchNormTrain(t([4, 3]), new Float32Array(3), new Float32Array(3), new Float32Array(3), null),
      TypeError,
      /runningMean and runningVar/,
    ],
    ['dropout p above 1', () => native.dropout(x, 1.5, 1), RangeError, /for p.*1\.5/],
    ['dropout negative seed', () => native.dropout(x, 0.5, -1), RangeError, /for seed/],
    [
      'dropout mask of the wrong length',
      () => native.dropoutBackward(x, new Uint8Array(3), 0.5),
      RangeError,
      /mask/,
    ],
    [
      'linear feature mismatch',
      () => native.linear(t([2, 5]), t([3, 4]), null),
      RangeError,
      /Expected 5 input features .* for w\.shape\[1\] but received 4/,
    ],
    [
      'label out of range',
      () => native.softmaxCrossEntropy(t([2, 3]), Int32Array.of(0, 3)),
      RangeError,
      /Expected an integer in \[0, 3\) for labels\[1\] but received 3/,
    ],
    [
      'labels as a plain array',
      () => native.softmaxCrossEntropy(t([2, 3]), [0, 1] as unknown as Int32Array),
      TypeError,
      /Int32Array for labels/,
    ],
  ];
  it.each(cases.map(([name], i) => [name, i] as const))('%s', (_, i) => {
    const [, run, kind, message] = cases[i];
    expect(run).toThrow(kind);
    expect(run).toThrow(message);
  });

  it('the raw addon bounds-checks too, even when the front is bypassed', () => {
    const addon = native.loadAddon();
    const geometry = Int32Array.from([1, 1, 5, 5, 1, 3, 3, 1, 1, 0, 0, 1, 1, 1, 0, 0]);
    const small = new Float32Array(4);
    expect(() => addon.conv2dForward(small, small, null, small, geometry, 0, 3, 0)).toThrow(/too short/);
    expect(() =>
      addon.conv2dForward(
        new Float32Array(25),
        new Float32Array(9),
        null,
        new Float32Array(9),
        geometry,
        0,
        4,
        0,
      ),
    ).toThrow(/range/);
    expect(() =>
      addon.maxPool2dBackward(
        new Float32Array(4),
        Int32Array.of(0, 1, 2, 99),
        new Float32Array(16),
        Int32Array.from([1, 1, 4, 4, 2, 2, 2, 2, 0, 0, 1]),
        0,
        1,
      ),
    ).toThrow(/index out of range/);
    expect(() =>
      addon.reluForward(new Float64Array(4) as unknown as Float32Array, new Float32Array(4), 0, 4),
    ).toThrow(/element type/);
  });
});

/**
 * Draws a conv2d call: about three in four are valid; the rest carry one bad field (a bad shape,
 * option or data array), so most runs compare against the reference and every field gets broken.
 */
function fuzzCase(rng: () => number) {
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const groups = [1, 1, 2][int(0, 2)];
  const k: [number, number] = [int(1, 3), int(1, 3)];
  const xShape: unknown[] = [int(1, 2), groups * int(1, 2), int(3, 8), int(3, 8)];
  const wShape: unknown[] = [groups * int(1, 2), Number(xShape[1]) / groups, ...k];
  const options: Record<string, unknown> = {
    stride: int(1, 3),
    padding: [int(0, 2), int(0, 2)],
    dilation: int(1, 2),
    groups,
    paddingMode: (['zeros', 'reflect', 'replicate', 'circular'] as const)[int(0, 3)],
    flip: rng() < 0.5,
  };
  const size = (shape: unknown[]) =>
    shape.reduce((a: number, b) => a * Math.max(0, Math.trunc(Number(b)) || 0), 1);
  let xData: unknown = Float32Array.from({ length: size(xShape) }, () => rng() - 0.5);
  let wData: unknown = Float32Array.from({ length: size(wShape) }, () => rng() - 0.5);
  if (rng() < 0.25) {
    const bad: (() => void)[] = [
      () => (xShape[int(0, 3)] = [0, -1, 2.5, '3'][int(0, 3)]),
      () => (wShape[int(0, 3)] = [0, -2, NaN][int(0, 2)]),
      () => xShape.pop(),
      () =>
        (options[['stride', 'padding', 'dilation', 'groups'][int(0, 3)]] = [0, -1, 1.5, 'x', [1], Infinity][
          int(0, 5)
        ]),
      () => (options.paddingMode = 'mirror'),
      () => (xData = new Float64Array(size(xShape))),
      () => (wData = new Float32Array(size(wShape) + 1)),
      () => ((wData as Float32Array)[0] = NaN),
    ];
    bad[int(0, bad.length - 1)]();
  }
  return {
    x: { data: xData as Float32Array, shape: xShape as number[] },
    w: { data: wData as Float32Array, shape: wShape as number[] },
    options: options as Conv2dOptions,
  };
}

describe('randomized boundary property', () => {
  it('valid calls match the reference; invalid calls throw a TypeError or RangeError naming a parameter', () => {
    const rng = mulberry32(4242);
    let valid = 0;
    let invalid = 0;
    for (let i = 0; i < 600; i++) {
      const { x, w, options } = fuzzCase(rng);
      let result: ReturnType<typeof native.conv2d> | undefined;
      try {
        result = native.conv2d(x, w, null, options);
      } catch (error) {
        invalid++;
        expect(error instanceof TypeError || error instanceof RangeError, String(error)).toBe(true);
        expect((error as Error).message).toMatch(/^Expected .+ for \S+ but received .+/);
        continue;
      }
      valid++;
      const want = reference.conv2d(x, w, null, options);
      expectTensorClose(result, want, float32Tolerance(want.data), `case ${i}`);
    }
    // Weighted towards valid inputs, so most runs compare against the reference.
    expect(valid).toBeGreaterThan(invalid);
    expect(invalid).toBeGreaterThan(100);
  });
});

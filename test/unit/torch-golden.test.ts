// Every kernel implementation against PyTorch's own answers (test/fixtures/torch-golden.json,
// written by test/golden/make_torch_golden.py). Inputs are float32 as torch saw them; results are
// compared shape first, indices exactly, values within float32 rounding of torch.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as native from '../../native-kernels/index.js';
import * as reference from '../../native-kernels/reference/index.js';
import type {
  BatchNormGrads,
  BatchNormOptions,
  BatchNormTrainResult,
  Conv2dGrads,
  Conv2dOptions,
  ConvAlgorithm,
  CrossEntropyResult,
  FloatArray,
  LinearGrads,
  MaxPoolResult,
  PaddingMode,
  Pool2dOptions,
  Tensor,
} from '../../native-kernels/types.js';

/** The functions under test: the reference (float64) and the native front (float32) both fit. */
interface KernelImpl {
  conv2d(x: Tensor, w: Tensor, bias: Float32Array | null, options?: Conv2dOptions): Tensor<FloatArray>;
  conv2dBackward(
    x: Tensor,
    w: Tensor,
    dy: Tensor,
    options: Conv2dOptions | undefined,
    hasBias: boolean,
  ): Conv2dGrads<FloatArray>;
  batchNormTrain(
    x: Tensor,
    gamma: Float32Array,
    beta: Float32Array,
    runningMean: Float32Array | null,
    runningVar: Float32Array | null,
    options?: BatchNormOptions,
  ): BatchNormTrainResult<FloatArray>;
  batchNormEval(
    x: Tensor,
    gamma: Float32Array,
    beta: Float32Array,
    runningMean: Float32Array,
    runningVar: Float32Array,
    options?: BatchNormOptions,
  ): Tensor<FloatArray>;
  // Each implementation gets back the statistics it saved itself (float32 for the native one).
  batchNormBackwardTrain(
    x: Tensor,
    dy: Tensor,
    gamma: Float32Array,
    mean: FloatArray,
    invstd: FloatArray,
  ): BatchNormGrads<FloatArray>;
  batchNormBackwardEval(
    x: Tensor,
    dy: Tensor,
    gamma: Float32Array,
    runningMean: Float32Array,
    runningVar: Float32Array,
    options?: BatchNormOptions,
  ): BatchNormGrads<FloatArray>;
  maxPool2d(x: Tensor, options: Pool2dOptions): MaxPoolResult<FloatArray>;
  maxPool2dBackward(
    dy: Tensor,
    indices: Int32Array,
    inputShape: readonly number[],
    options: Pool2dOptions,
  ): Tensor<FloatArray>;
  avgPool2d(x: Tensor, options: Pool2dOptions): Tensor<FloatArray>;
  avgPool2dBackward(dy: Tensor, inputShape: readonly number[], options: Pool2dOptions): Tensor<FloatArray>;
  globalAvgPool(x: Tensor): Tensor<FloatArray>;
  globalAvgPoolBackward(dy: Tensor, inputShape: readonly number[]): Tensor<FloatArray>;
  relu(x: Tensor): Tensor<FloatArray>;
  reluBackward(dy: Tensor, y: Tensor<FloatArray>): Tensor<FloatArray>;
  linear(x: Tensor, w: Tensor, bias: Float32Array | null): Tensor<FloatArray>;
  linearBackward(x: Tensor, w: Tensor, dy: Tensor, hasBias: boolean): LinearGrads<FloatArray>;
  softmaxCrossEntropy(logits: Tensor, labels: Int32Array): CrossEntropyResult<FloatArray>;
  softmaxCrossEntropyBackward(
    probs: Tensor<FloatArray>,
    labels: Int32Array,
    dloss?: number,
  ): Tensor<FloatArray>;
}

// ---------------------------------------------------------------------------------- the fixture

/** Non-finite floats are stored as the strings "NaN", "Infinity", "-Infinity". */
interface Encoded {
  shape: number[];
  data: (number | string)[];
}

interface GoldenOptions {
  stride?: [number, number];
  padding?: [number, number];
  dilation?: [number, number];
  groups?: number;
  paddingMode?: PaddingMode;
  flip?: boolean;
  kernel?: [number, number];
  countIncludePad?: boolean;
  eps?: number;
  momentum?: number;
}

interface GoldenCase {
  name: string;
  op: string;
  options: GoldenOptions;
  inputs: Record<string, Encoded | number | null>;
  outputs: Record<string, Encoded | number | null>;
}

interface GoldenFile {
  generator: string;
  torch: string;
  numpy: string;
  seed: number;
  cases: GoldenCase[];
}

const golden: GoldenFile = JSON.parse(
  readFileSync(new URL('../fixtures/torch-golden.json', import.meta.url), 'utf8'),
) as GoldenFile;

function encoded(record: Record<string, Encoded | number | null>, key: string): Encoded {
  const v = record[key];
  if (v === null || v === undefined || typeof v === 'number') throw new Error(`fixture lacks tensor ${key}`);
  return v;
}

function optionalEncoded(record: Record<string, Encoded | number | null>, key: string): Encoded | null {
  return record[key] === null ? null : encoded(record, key);
}

function scalar(record: Record<string, Encoded | number | null>, key: string): number {
  const v = record[key];
  if (typeof v !== 'number') throw new Error(`fixture lacks number ${key}`);
  return v;
}

function values(e: Encoded): number[] {
  return e.data.map((v) => (typeof v === 'number' ? v : Number(v)));
}

function f32(e: Encoded): Tensor {
  return { data: Float32Array.from(values(e)), shape: e.shape };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`fixture lacks option ${what}`);
  return value;
}

// ------------------------------------------------------------------------------- comparisons

/**
 * torch computes in float32, the reference in float64 and the native kernels in float32 with
 * other summation orders: relative 1e-4, absolute 1e-5 of the expected array's scale (sums of
 * terms cancel, so small outputs carry the rounding of their large terms).
 */
const RTOL = 1e-4;
const ATOL = 1e-5;

function scaleOf(expected: number[]): number {
  let m = 1;
  for (const v of expected) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return m;
}

/** Shape first, then every element; equal non-finite values (NaN, ±Infinity) match exactly. */
function expectClose(actual: Tensor<FloatArray> | null, expected: Encoded | null, label: string): void {
  if (expected === null) {
    expect(actual, `${label}: expected null`).toBeNull();
    return;
  }
  expect(actual, `${label}: missing`).not.toBeNull();
  if (actual === null) return;
  expect([...actual.shape], `${label}: shape`).toEqual(expected.shape);
  expectValues(actual.data, values(expected), label);
}

function expectValues(actual: ArrayLike<number>, expected: number[], label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  const atol = ATOL * scaleOf(expected);
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const ok =
      Object.is(a, e) ||
      a === e ||
      (Number.isNaN(a) && Number.isNaN(e)) ||
      Math.abs(a - e) <= atol + RTOL * Math.abs(e);
    if (!ok && bad.length < 5) bad.push(`[${i}] ${a} vs torch ${e}`);
  }
  expect(bad, `${label} (atol ${atol}, rtol ${RTOL})`).toEqual([]);
}

// ------------------------------------------------------------------------------- one case

function convOptions(o: GoldenOptions): Conv2dOptions {
  return {
    stride: o.stride,
    padding: o.padding,
    dilation: o.dilation,
    groups: o.groups,
    paddingMode: o.paddingMode,
    flip: o.flip,
  };
}

function poolOptions(o: GoldenOptions): Pool2dOptions {
  return {
    kernel: required(o.kernel, 'kernel'),
    stride: o.stride,
    padding: o.padding,
    countIncludePad: o.countIncludePad,
  };
}

function runConv2d(impl: KernelImpl, c: GoldenCase): void {
  const x = f32(encoded(c.inputs, 'x'));
  const w = f32(encoded(c.inputs, 'w'));
  const b = optionalEncoded(c.inputs, 'bias');
  const bias = b === null ? null : f32(b).data;
  const options = convOptions(c.options);
  expectClose(impl.conv2d(x, w, bias, options), encoded(c.outputs, 'y'), 'y');
  const g = impl.conv2dBackward(x, w, f32(encoded(c.inputs, 'dy')), options, bias !== null);
  expectClose(g.dx, encoded(c.outputs, 'dx'), 'dx');
  expectClose(g.dw, encoded(c.outputs, 'dw'), 'dw');
  expectClose(g.db, optionalEncoded(c.outputs, 'db'), 'db');
}

function vector(data: FloatArray): Tensor<FloatArray> {
  return { data, shape: [data.length] };
}

function runBatchNormTrain(impl: KernelImpl, c: GoldenCase): void {
  const x = f32(encoded(c.inputs, 'x'));
  const gamma = f32(encoded(c.inputs, 'gamma')).data;
  const beta = f32(encoded(c.inputs, 'beta')).data;
  const rmIn = optionalEncoded(c.inputs, 'runningMean');
  const rvIn = optionalEncoded(c.inputs, 'runningVar');
  const runningMean = rmIn === null ? null : f32(rmIn).data;
  const runningVar = rvIn === null ? null : f32(rvIn).data;
  const before = [runningMean, runningVar].map((a) => (a === null ? null : Array.from(a)));
  const options = { eps: c.options.eps, momentum: c.options.momentum };
  const r = impl.batchNormTrain(x, gamma, beta, runningMean, runningVar, options);
  expectClose(r.y, encoded(c.outputs, 'y'), 'y');
  expectClose(vector(r.mean), encoded(c.outputs, 'mean'), 'mean');
  expectClose(vector(r.invstd), encoded(c.outputs, 'invstd'), 'invstd');
  if (runningMean !== null) {
    expectClose(vector(r.runningMean), encoded(c.outputs, 'runningMean'), 'runningMean');
    expectClose(vector(r.runningVar), encoded(c.outputs, 'runningVar'), 'runningVar');
  }
  // The running estimates come back as new arrays; the caller's are left alone.
  expect([runningMean, runningVar].map((a) => (a === null ? null : Array.from(a)))).toEqual(before);
  const g = impl.batchNormBackwardTrain(x, f32(encoded(c.inputs, 'dy')), gamma, r.mean, r.invstd);
  expectClose(g.dx, encoded(c.outputs, 'dx'), 'dx');
  expectClose(vector(g.dgamma), encoded(c.outputs, 'dgamma'), 'dgamma');
  expectClose(vector(g.dbeta), encoded(c.outputs, 'dbeta'), 'dbeta');
}

function runBatchNormEval(impl: KernelImpl, c: GoldenCase): void {
  const x = f32(encoded(c.inputs, 'x'));
  const [gamma, beta, runningMean, runningVar] = ['gamma', 'beta', 'runningMean', 'runningVar'].map(
    (k) => f32(encoded(c.inputs, k)).data,
  );
  const options = { eps: c.options.eps };
  expectClose(
    impl.batchNormEval(x, gamma, beta, runningMean, runningVar, options),
    encoded(c.outputs, 'y'),
    'y',
  );
  const dy = f32(encoded(c.inputs, 'dy'));
  const g = impl.batchNormBackwardEval(x, dy, gamma, runningMean, runningVar, options);
  expectClose(g.dx, encoded(c.outputs, 'dx'), 'dx');
  expectClose(vector(g.dgamma), encoded(c.outputs, 'dgamma'), 'dgamma');
  expectClose(vector(g.dbeta), encoded(c.outputs, 'dbeta'), 'dbeta');
}

function runMaxPool(impl: KernelImpl, c: GoldenCase): void {
  const x = f32(encoded(c.inputs, 'x'));
  const options = poolOptions(c.options);
  const r = impl.maxPool2d(x, options);
  expectClose(r.y, encoded(c.outputs, 'y'), 'y');
  expect(Array.from(r.indices), 'indices').toEqual(values(encoded(c.outputs, 'indices')));
  const dx = impl.maxPool2dBackward(f32(encoded(c.inputs, 'dy')), r.indices, x.shape, options);
  expectClose(dx, encoded(c.outputs, 'dx'), 'dx');
}

function runAvgPool(impl: KernelImpl, c: GoldenCase): void {
  const x = f32(encoded(c.inputs, 'x'));
  const options = poolOptions(c.options);
  expectClose(impl.avgPool2d(x, options), encoded(c.outputs, 'y'), 'y');
  const dx = impl.avgPool2dBackward(f32(encoded(c.inputs, 'dy')), x.shape, options);
  expectClose(dx, encoded(c.outputs, 'dx'), 'dx');
}

function runGlobalAvgPool(impl: KernelImpl, c: GoldenCase): void {
  const x = f32(encoded(c.inputs, 'x'));
  expectClose(impl.globalAvgPool(x), encoded(c.outputs, 'y'), 'y');
  expectClose(
    impl.globalAvgPoolBackward(f32(encoded(c.inputs, 'dy')), x.shape),
    encoded(c.outputs, 'dx'),
    'dx',
  );
}

function runRelu(impl: KernelImpl, c: GoldenCase): void {
  const y = impl.relu(f32(encoded(c.inputs, 'x')));
  expectClose(y, encoded(c.outputs, 'y'), 'y');
  expectClose(impl.reluBackward(f32(encoded(c.inputs, 'dy')), y), encoded(c.outputs, 'dx'), 'dx');
}

function runLinear(impl: KernelImpl, c: GoldenCase): void {
  const x = f32(encoded(c.inputs, 'x'));
  const w = f32(encoded(c.inputs, 'w'));
  const b = optionalEncoded(c.inputs, 'bias');
  const bias = b === null ? null : f32(b).data;
  expectClose(impl.linear(x, w, bias), encoded(c.outputs, 'y'), 'y');
  const g = impl.linearBackward(x, w, f32(encoded(c.inputs, 'dy')), bias !== null);
  expectClose(g.dx, encoded(c.outputs, 'dx'), 'dx');
  expectClose(g.dw, encoded(c.outputs, 'dw'), 'dw');
  expectClose(g.db, optionalEncoded(c.outputs, 'db'), 'db');
}

function runCrossEntropy(impl: KernelImpl, c: GoldenCase): void {
  const logits = f32(encoded(c.inputs, 'logits'));
  const labels = Int32Array.from(values(encoded(c.inputs, 'labels')));
  const r = impl.softmaxCrossEntropy(logits, labels);
  expectValues([r.loss], [scalar(c.outputs, 'loss')], 'loss');
  expectClose(r.probs, encoded(c.outputs, 'probs'), 'probs');
  const dz = impl.softmaxCrossEntropyBackward(r.probs, labels, scalar(c.inputs, 'dloss'));
  expectClose(dz, encoded(c.outputs, 'dlogits'), 'dlogits');
}

const runners: Record<string, (impl: KernelImpl, c: GoldenCase) => void> = {
  conv2d: runConv2d,
  batchNormTrain: runBatchNormTrain,
  batchNormEval: runBatchNormEval,
  maxPool2d: runMaxPool,
  avgPool2d: runAvgPool,
  globalAvgPool: runGlobalAvgPool,
  relu: runRelu,
  linear: runLinear,
  softmaxCrossEntropy: runCrossEntropy,
};

/** Runs every golden case through `impl`. */
function checkImplementation(name: string, impl: KernelImpl): void {
  describe(`${name} kernels against torch ${golden.torch}`, () => {
    for (const c of golden.cases) {
      it(`${c.op}: ${c.name}`, () => {
        const run = runners[c.op];
        expect(run, `no runner for op ${c.op}`).toBeDefined();
        run(impl, c);
      });
    }
  });
}

describe('torch golden fixture', () => {
  it('was written by the generator with torch recorded, and covers every op', () => {
    expect(golden.generator).toBe('test/golden/make_torch_golden.py');
    expect(golden.torch).toMatch(/^\d+\.\d+/);
    expect(golden.cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(golden.cases.map((c) => c.op))).toEqual(new Set(Object.keys(runners)));
    const modes = new Set(golden.cases.filter((c) => c.op === 'conv2d').map((c) => c.options.paddingMode));
    expect(modes).toEqual(new Set(['zeros', 'reflect', 'replicate', 'circular']));
  });
});

/** The native kernels with the conv2d forward algorithm forced (the reference ignores the option). */
function withConvAlgorithm(algorithm: ConvAlgorithm): KernelImpl {
  return { ...native, conv2d: (x, w, bias, options) => native.conv2d(x, w, bias, { ...options, algorithm }) };
}

// Add an implementation here to hold it to the same goldens.
const implementations: [string, KernelImpl][] = [
  ['reference', reference],
  ['native', native],
  ['native gemm', withConvAlgorithm('gemm')],
  ['native direct', withConvAlgorithm('direct')],
];
for (const [name, impl] of implementations) checkImplementation(name, impl);

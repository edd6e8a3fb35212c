/**
 * Section 4: every op's native kernel (raw addon, float32, preallocated outputs, calling thread)
 * against the float64 TypeScript reference (native-kernels/reference) on the same inputs: median
 * times and the speed-up. Each case also checks once that the two agree, so a wrong argument in
 * the bench cannot make a kernel look fast.
 */
import { loadAddon, type NativeAddon } from '../native-kernels/addon.js';
import * as reference from '../native-kernels/reference/index.js';
import type { Tensor } from '../native-kernels/types.js';
import { relDiff } from './compare.js';
import { measure } from './measure.js';
import type { SectionReport } from './section.js';
import { fillUniform, seededRandom, type Random } from './seededRandom.js';
import { summarize, type Summary } from './stats.js';
import { fmt, printTable } from './table.js';

export interface OpResult {
  op: string;
  shape: string;
  nativeUs: Summary;
  referenceUs: Summary;
  /** Median reference time over median native time. */
  speedup: number;
  /** max |native - reference| / max |reference| over the op's outputs. */
  relDiff: number;
}

interface OpCase {
  op: string;
  shape: string;
  native: () => void;
  reference: () => void;
  /** Runs both once and compares their outputs. */
  check: () => number;
}

function tensor(shape: number[], random: Random, scale = 1): Tensor<Float32Array> {
  const size = shape.reduce((a, b) => a * b, 1);
  return { data: fillUniform(new Float32Array(size), random, scale), shape };
}

function maxOf(...values: number[]): number {
  return Math.max(...values);
}

function convCases(addon: NativeAddon, random: Random): OpCase[] {
  const [n, c, h, w, f, k] = [4, 16, 24, 24, 16, 3];
  const x = tensor([n, c, h, w], random);
  const wt = tensor([f, c, k, k], random, 1 / Math.sqrt(c * k * k));
  const bias = fillUniform(new Float32Array(f), random);
  const dy = tensor([n, f, h, w], random);
  const y = new Float32Array(n * f * h * w);
  const dx = new Float32Array(x.data.length);
  const dw = new Float32Array(wt.data.length);
  const db = new Float32Array(f);
  const geometry = Int32Array.of(n, c, h, w, f, k, k, 1, 1, 1, 1, 1, 1, 1, 0, 0);
  const options = { padding: 1 };
  const shape = `x[${n},${c},${h},${w}] w[${f},${c},${k},${k}] pad 1`;
  const backward = (): void => {
    addon.conv2dBackwardInput(dy.data, wt.data, dx, geometry, 0, n);
    addon.conv2dBackwardWeight(x.data, dy.data, dw, db, geometry, 0, n);
  };
  return [
    {
      op: 'conv2d forward',
      shape,
      native: () => void addon.conv2dForward(x.data, wt.data, bias, y, geometry, 0, n * h, 0),
      reference: () => void reference.conv2d(x, wt, bias, options),
      check: () => {
        addon.conv2dForward(x.data, wt.data, bias, y, geometry, 0, n * h, 0);
        return relDiff(y, reference.conv2d(x, wt, bias, options).data);
      },
    },
    {
      op: 'conv2d backward (dx, dw, db)',
      shape,
      native: backward,
      reference: () => void reference.conv2dBackward(x, wt, dy, options, true),
      check: () => {
        backward();
        const r = reference.conv2dBackward(x, wt, dy, options, true);
        return maxOf(relDiff(dx, r.dx.data), relDiff(dw, r.dw.data), relDiff(db, r.db?.data ?? []));
      },
    },
  ];
}

function batchNormCases(addon: NativeAddon, random: Random): OpCase[] {
  const [n, c, h, w] = [8, 32, 16, 16];
  const hw = h * w;
  const x = tensor([n, c, h, w], random);
  const dy = tensor([n, c, h, w], random);
  const gamma = fillUniform(new Float32Array(c), random);
  const beta = fillUniform(new Float32Array(c), random);
  const runMean = new Float32Array(c);
  const runVar = new Float32Array(c).fill(1);
  const y = new Float32Array(x.data.length);
  const mean = new Float32Array(c);
  const invstd = new Float32Array(c);
  const dx = new Float32Array(x.data.length);
  const dgamma = new Float32Array(c);
  const dbeta = new Float32Array(c);
  // Native running stats are updated in place; fresh copies keep every run identical.
  const rm = runMean.slice();
  const rv = runVar.slice();
  const forward = (): void => {
    rm.set(runMean);
    rv.set(runVar);
    addon.batchNormForwardTrain(x.data, gamma, beta, y, mean, invstd, rm, rv, n, c, hw, 1e-5, 0.1, 0, c);
  };
  forward();
  const saved = reference.batchNormTrain(x, gamma, beta, runMean, runVar);
  const shape = `x[${n},${c},${h},${w}]`;
  const backward = (): void =>
    addon.batchNormBackwardTrain(x.data, dy.data, gamma, mean, invstd, dx, dgamma, dbeta, n, c, hw, 0, c);
  return [
    {
      op: 'batch norm train forward',
      shape,
      native: forward,
      reference: () => void reference.batchNormTrain(x, gamma, beta, runMean, runVar),
      check: () => {
        forward();
        const r = reference.batchNormTrain(x, gamma, beta, runMean, runVar);
        return maxOf(relDiff(y, r.y.data), relDiff(rm, r.runningMean), relDiff(rv, r.runningVar));
      },
    },
    {
      op: 'batch norm train backward',
      shape,
      native: backward,
      reference: () => void reference.batchNormBackwardTrain(x, dy, gamma, saved.mean, saved.invstd),
      check: () => {
        backward();
        const r = reference.batchNormBackwardTrain(x, dy, gamma, saved.mean, saved.invstd);
        return maxOf(relDiff(dx, r.dx.data), relDiff(dgamma, r.dgamma), relDiff(dbeta, r.dbeta));
      },
    },
  ];
}

function poolCases(addon: NativeAddon, random: Random): OpCase[] {
  const [n, c, h, w] = [8, 32, 32, 32];
  const x = tensor([n, c, h, w], random);
  const planes = n * c;
  // Max: 2x2 stride 2. Average: 3x3 stride 2 pad 1 (exercises the padded-window divisor).
  const maxOptions = { kernel: 2 };
  const maxGeometry = Int32Array.of(n, c, h, w, 2, 2, 2, 2, 0, 0, 1);
  const [mh, mw] = [16, 16];
  const avgOptions = { kernel: 3, stride: 2, padding: 1, countIncludePad: true };
  const avgGeometry = Int32Array.of(n, c, h, w, 3, 3, 2, 2, 1, 1, 1);
  const [ah, aw] = [16, 16];
  const my = new Float32Array(planes * mh * mw);
  const indices = new Int32Array(my.length);
  const mdy = tensor([n, c, mh, mw], random);
  const ay = new Float32Array(planes * ah * aw);
  const ady = tensor([n, c, ah, aw], random);
  const dx = new Float32Array(x.data.length);
  addon.maxPool2dForward(x.data, my, indices, maxGeometry, 0, planes);
  const shape = `x[${n},${c},${h},${w}]`;
  return [
    {
      op: 'max pool forward',
      shape: `${shape} 2x2 s2`,
      native: () => addon.maxPool2dForward(x.data, my, indices, maxGeometry, 0, planes),
      reference: () => void reference.maxPool2d(x, maxOptions),
      check: () => {
        addon.maxPool2dForward(x.data, my, indices, maxGeometry, 0, planes);
        const r = reference.maxPool2d(x, maxOptions);
        let sameIndices = true;
        for (let i = 0; i < indices.length; ++i) if (indices[i] !== r.indices[i]) sameIndices = false;
        return sameIndices ? relDiff(my, r.y.data) : Infinity;
      },
    },
    {
      op: 'max pool backward',
      shape: `${shape} 2x2 s2`,
      native: () => addon.maxPool2dBackward(mdy.data, indices, dx, maxGeometry, 0, planes),
      reference: () => void reference.maxPool2dBackward(mdy, indices, x.shape, maxOptions),
      check: () => {
        addon.maxPool2dBackward(mdy.data, indices, dx, maxGeometry, 0, planes);
        return relDiff(dx, reference.maxPool2dBackward(mdy, indices, x.shape, maxOptions).data);
      },
    },
    {
      op: 'avg pool forward',
      shape: `${shape} 3x3 s2 p1`,
      native: () => addon.avgPool2dForward(x.data, ay, avgGeometry, 0, planes),
      reference: () => void reference.avgPool2d(x, avgOptions),
      check: () => {
        addon.avgPool2dForward(x.data, ay, avgGeometry, 0, planes);
        return relDiff(ay, reference.avgPool2d(x, avgOptions).data);
      },
    },
    {
      op: 'avg pool backward',
      shape: `${shape} 3x3 s2 p1`,
      native: () => addon.avgPool2dBackward(ady.data, dx, avgGeometry, 0, planes),
      reference: () => void reference.avgPool2dBackward(ady, x.shape, avgOptions),
      check: () => {
        addon.avgPool2dBackward(ady.data, dx, avgGeometry, 0, planes);
        return relDiff(dx, reference.avgPool2dBackward(ady, x.shape, avgOptions).data);
      },
    },
  ];
}

function elementwiseCases(addon: NativeAddon, random: Random): OpCase[] {
  const shapeDims = [8, 32, 32, 32];
  const size = shapeDims.reduce((a, b) => a * b, 1);
  const x = tensor(shapeDims, random);
  const dy = tensor(shapeDims, random);
  const y = new Float32Array(size);
  const dx = new Float32Array(size);
  const mask = new Uint8Array(size);
  const [p, seed] = [0.5, 1234];
  addon.reluForward(x.data, y, 0, size);
  const yTensor: Tensor<Float32Array> = { data: y.slice(), shape: shapeDims };
  addon.dropoutForward(x.data, dx, mask, p, seed, 0, size);
  const refMask = reference.dropout(x, p, seed).mask;
  const shape = `[${shapeDims.join(',')}] (${fmt(size / 1024, 0)}K elements)`;
  return [
    {
      op: 'relu forward',
      shape,
      native: () => addon.reluForward(x.data, y, 0, size),
      reference: () => void reference.relu(x),
      check: () => {
        addon.reluForward(x.data, y, 0, size);
        return relDiff(y, reference.relu(x).data);
      },
    },
    {
      op: 'relu backward',
      shape,
      native: () => addon.reluBackward(dy.data, yTensor.data, dx, 0, size),
      reference: () => void reference.reluBackward(dy, yTensor),
      check: () => {
        addon.reluBackward(dy.data, yTensor.data, dx, 0, size);
        return relDiff(dx, reference.reluBackward(dy, yTensor).data);
      },
    },
    {
      op: `dropout forward p=${p}`,
      shape,
      native: () => addon.dropoutForward(x.data, y, mask, p, seed, 0, size),
      reference: () => void reference.dropout(x, p, seed),
      check: () => {
        addon.dropoutForward(x.data, y, mask, p, seed, 0, size);
        const r = reference.dropout(x, p, seed);
        for (let i = 0; i < size; ++i) if (mask[i] !== r.mask[i]) return Infinity;
        return relDiff(y, r.y.data);
      },
    },
    {
      op: `dropout backward p=${p}`,
      shape,
      native: () => addon.dropoutBackward(dy.data, refMask, p, dx, 0, size),
      reference: () => void reference.dropoutBackward(dy, refMask, p),
      check: () => {
        addon.dropoutBackward(dy.data, refMask, p, dx, 0, size);
        return relDiff(dx, reference.dropoutBackward(dy, refMask, p).data);
      },
    },
  ];
}

function linearCases(addon: NativeAddon, random: Random): OpCase[] {
  const [n, inF, outF, classes] = [64, 512, 256, 100];
  const x = tensor([n, inF], random);
  const w = tensor([outF, inF], random, 1 / Math.sqrt(inF));
  const bias = fillUniform(new Float32Array(outF), random);
  const dy = tensor([n, outF], random);
  const y = new Float32Array(n * outF);
  const dx = new Float32Array(n * inF);
  const dw = new Float32Array(outF * inF);
  const db = new Float32Array(outF);
  const backward = (): void => {
    addon.linearBackwardInput(dy.data, w.data, dx, n, inF, outF, 0, n);
    addon.linearBackwardWeight(x.data, dy.data, dw, db, n, inF, outF, 0, outF);
  };
  const rows = 256;
  const logits = tensor([rows, classes], random, 5);
  const labels = Int32Array.from({ length: rows }, () => Math.floor(random() * classes));
  const probs = new Float32Array(rows * classes);
  const dlogits = new Float32Array(rows * classes);
  addon.softmaxXentForward(logits.data, labels, probs, rows, classes, 0, rows);
  const probsTensor: Tensor<Float32Array> = { data: probs.slice(), shape: [rows, classes] };
  const linearShape = `x[${n},${inF}] w[${outF},${inF}]`;
  const xentShape = `logits[${rows},${classes}]`;
  return [
    {
      op: 'linear forward',
      shape: linearShape,
      native: () => void addon.linearForward(x.data, w.data, bias, y, n, inF, outF, 0, n),
      reference: () => void reference.linear(x, w, bias),
      check: () => {
        addon.linearForward(x.data, w.data, bias, y, n, inF, outF, 0, n);
        return relDiff(y, reference.linear(x, w, bias).data);
      },
    },
    {
      op: 'linear backward (dx, dw, db)',
      shape: linearShape,
      native: backward,
      reference: () => void reference.linearBackward(x, w, dy, true),
      check: () => {
        backward();
        const r = reference.linearBackward(x, w, dy, true);
        return maxOf(relDiff(dx, r.dx.data), relDiff(dw, r.dw.data), relDiff(db, r.db?.data ?? []));
      },
    },
    {
      op: 'softmax cross-entropy forward',
      shape: xentShape,
      native: () => void addon.softmaxXentForward(logits.data, labels, probs, rows, classes, 0, rows),
      reference: () => void reference.softmaxCrossEntropy(logits, labels),
      check: () => {
        const loss = addon.softmaxXentForward(logits.data, labels, probs, rows, classes, 0, rows) / rows;
        const r = reference.softmaxCrossEntropy(logits, labels);
        return maxOf(relDiff(probs, r.probs.data), Math.abs(loss - r.loss) / Math.abs(r.loss));
      },
    },
    {
      op: 'softmax cross-entropy backward',
      shape: xentShape,
      native: () =>
        addon.softmaxXentBackward(probsTensor.data, labels, 1 / rows, dlogits, rows, classes, 0, rows),
      reference: () => void reference.softmaxCrossEntropyBackward(probsTensor, labels),
      check: () => {
        addon.softmaxXentBackward(probsTensor.data, labels, 1 / rows, dlogits, rows, classes, 0, rows);
        return relDiff(dlogits, reference.softmaxCrossEntropyBackward(probsTensor, labels).data);
      },
    },
  ];
}

export async function runOpsVsReference(): Promise<SectionReport<OpResult[]>> {
  const addon = loadAddon();
  const random = seededRandom(42);
  const cases = [
    ...convCases(addon, random),
    ...batchNormCases(addon, random),
    ...poolCases(addon, random),
    ...elementwiseCases(addon, random),
    ...linearCases(addon, random),
  ];
  const results: OpResult[] = cases.map((c) => {
    const diff = c.check();
    // Native calls take microseconds: many runs. The reference takes milliseconds: a few runs,
    // capped by a time budget so the whole section stays well under a minute.
    const nativeMs = measure(c.native, { warmup: 5, minRuns: 30, budgetMs: 150 });
    const referenceMs = measure(c.reference, { warmup: 1, minRuns: 5, budgetMs: 500, maxRuns: 21 });
    const nativeUs = summarize(nativeMs.map((t) => t * 1000));
    const referenceUs = summarize(referenceMs.map((t) => t * 1000));
    return {
      op: c.op,
      shape: c.shape,
      nativeUs,
      referenceUs,
      speedup: referenceUs.median / nativeUs.median,
      relDiff: diff,
    };
  });
  printTable(
    'Native kernels vs TypeScript reference (float64), calling thread, median (min) microseconds',
    ['op', 'shape', 'native us', 'reference us', 'speed-up', 'rel. diff'],
    results.map((r) => [
      r.op,
      r.shape,
      `${fmt(r.nativeUs.median, 1)} (${fmt(r.nativeUs.min, 1)})`,
      `${fmt(r.referenceUs.median, 0)} (${fmt(r.referenceUs.min, 0)})`,
      `${fmt(r.speedup, r.speedup < 10 ? 1 : 0)}x`,
      r.relDiff.toExponential(1),
    ]),
  );
  return { result: results, workspaceBytes: { main: addon.workspaceBytes(), workers: [] } };
}

/**
 * Reference batch normalisation (torch.nn.functional.batch_norm) over (N, D) or (N, C, H, W)
 * inputs. Statistics are per feature D or per channel C, over the batch and the spatial axes.
 */
import type { BatchNormGrads, BatchNormOptions, BatchNormTrainResult, FloatArray, Tensor } from '../types.js';
import { expectLength, expectShape, zeros } from './tensor.js';

/** (N, D) is treated as (N, D, 1): hw = 1. */
interface Layout {
  n: number;
  c: number;
  hw: number;
}

function layout(x: Tensor<FloatArray>): Layout {
  const s = x.shape;
  if (s.length === 2) return { n: s[0], c: s[1], hw: 1 };
  if (s.length === 3) return { n: s[0], c: s[1], hw: s[2] };
  if (s.length === 4) return { n: s[0], c: s[1], hw: s[2] * s[3] };
  throw new Error(`batch norm expects (N, D), (N, C, L) or (N, C, H, W), got [${s.join(', ')}]`);
}

/** Flat indices of every element of channel c, in memory order. */
function channelIndices(l: Layout, c: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < l.n; i++) {
    for (let s = 0; s < l.hw; s++) out.push((i * l.c + c) * l.hw + s);
  }
  return out;
}

function checkParams(l: Layout, arrays: Record<string, FloatArray>): void {
  for (const [name, a] of Object.entries(arrays)) expectLength(a, l.c, `batch norm ${name}`);
}

/** Training-mode batch norm: normalises with the batch statistics and updates running stats. */
export function batchNormTrain(
  x: Tensor<FloatArray>,
  gamma: FloatArray,
  beta: FloatArray,
  runningMean: FloatArray | null,
  runningVar: FloatArray | null,
  options: BatchNormOptions = {},
): BatchNormTrainResult<Float64Array> {
  const eps = options.eps ?? 1e-5;
  const momentum = options.momentum ?? 0.1;
  const l = layout(x);
  checkParams(l, { gamma, beta });
  if ((runningMean === null) !== (runningVar === null)) {
    throw new Error('batch norm: running mean and running var go together');
  }
  if (runningMean !== null && runningVar !== null) checkParams(l, { runningMean, runningVar });
  const m = l.n * l.hw;
  if (m < 2) throw new Error('batch norm: training needs more than one value per channel');
  const y = zeros(x.shape);
  const mean = new Float64Array(l.c);
  const invstd = new Float64Array(l.c);
  const hasRunning = runningMean !== null && runningVar !== null;
  const newMean = new Float64Array(hasRunning ? l.c : 0);
  const newVar = new Float64Array(hasRunning ? l.c : 0);
  for (let c = 0; c < l.c; c++) {
    const idx = channelIndices(l, c);
    let sum = 0;
    for (const k of idx) sum += x.data[k];
    const mu = sum / m;
    let squares = 0;
    for (const k of idx) squares += (x.data[k] - mu) ** 2;
    // Normalisation uses the biased variance; the running estimate uses the unbiased one.
    const variance = squares / m;
    const inv = 1 / Math.sqrt(variance + eps);
    for (const k of idx) y.data[k] = gamma[c] * (x.data[k] - mu) * inv + beta[c];
    mean[c] = mu;
    invstd[c] = inv;
    if (runningMean !== null && runningVar !== null) {
      newMean[c] = (1 - momentum) * runningMean[c] + momentum * mu;
      newVar[c] = (1 - momentum) * runningVar[c] + momentum * (squares / (m - 1));
    }
  }
  return { y, mean, invstd, runningMean: newMean, runningVar: newVar };
}

/** Evaluation-mode batch norm: normalises with the running statistics. */
export function batchNormEval(
  x: Tensor<FloatArray>,
  gamma: FloatArray,
  beta: FloatArray,
  runningMean: FloatArray,
  runningVar: FloatArray,
  options: BatchNormOptions = {},
): Tensor<Float64Array> {
  const eps = options.eps ?? 1e-5;
  const l = layout(x);
  checkParams(l, { gamma, beta, runningMean, runningVar });
  const y = zeros(x.shape);
  for (let c = 0; c < l.c; c++) {
    const inv = 1 / Math.sqrt(runningVar[c] + eps);
    for (const k of channelIndices(l, c)) y.data[k] = gamma[c] * (x.data[k] - runningMean[c]) * inv + beta[c];
  }
  return y;
}

/**
 * Training-mode backward, by the chain rule through the forward graph
 *   mu = mean(x), d = x - mu, var = mean(d^2), s = (var + eps)^(-1/2), xhat = d * s,
 *   y = gamma * xhat + beta,
 * one node at a time (deliberately not the closed form, so that the two can be compared).
 * `mean` and `invstd` are the statistics saved by batchNormTrain.
 */
export function batchNormBackwardTrain(
  x: Tensor<FloatArray>,
  dy: Tensor<FloatArray>,
  gamma: FloatArray,
  mean: FloatArray,
  invstd: FloatArray,
): BatchNormGrads<Float64Array> {
  const l = layout(x);
  expectShape(dy, x.shape, 'batch norm dy');
  checkParams(l, { gamma, mean, invstd });
  const m = l.n * l.hw;
  const dx = zeros(x.shape);
  const dgamma = new Float64Array(l.c);
  const dbeta = new Float64Array(l.c);
  for (let c = 0; c < l.c; c++) {
    const idx = channelIndices(l, c);
    const s = invstd[c];
    const d = idx.map((k) => x.data[k] - mean[c]);
    // y = gamma * xhat + beta
    const dxhat = idx.map((k) => dy.data[k] * gamma[c]);
    idx.forEach((k, t) => {
      dgamma[c] += dy.data[k] * d[t] * s;
      dbeta[c] += dy.data[k];
    });
    // xhat = d * s: s is shared by the whole channel.
    let ds = 0;
    idx.forEach((_, t) => (ds += dxhat[t] * d[t]));
    // s = (var + eps)^(-1/2)  =>  ds/dvar = -1/2 (var + eps)^(-3/2) = -s^3 / 2
    const dvar = ds * (-0.5 * s * s * s);
    // var = mean(d^2), plus the direct path xhat = d * s.
    const dd = idx.map((_, t) => dxhat[t] * s + (dvar * 2 * d[t]) / m);
    // d = x - mu, mu = mean(x)
    let dmu = 0;
    for (const v of dd) dmu -= v;
    idx.forEach((k, t) => (dx.data[k] = dd[t] + dmu / m));
  }
  return { dx, dgamma, dbeta };
}

/** Evaluation-mode backward: the running statistics are constants. */
export function batchNormBackwardEval(
  x: Tensor<FloatArray>,
  dy: Tensor<FloatArray>,
  gamma: FloatArray,
  runningMean: FloatArray,
  runningVar: FloatArray,
  options: BatchNormOptions = {},
): BatchNormGrads<Float64Array> {
  const eps = options.eps ?? 1e-5;
  const l = layout(x);
  expectShape(dy, x.shape, 'batch norm dy');
  checkParams(l, { gamma, runningMean, runningVar });
  const dx = zeros(x.shape);
  const dgamma = new Float64Array(l.c);
  const dbeta = new Float64Array(l.c);
  for (let c = 0; c < l.c; c++) {
    const inv = 1 / Math.sqrt(runningVar[c] + eps);
    for (const k of channelIndices(l, c)) {
      dx.data[k] = dy.data[k] * gamma[c] * inv;
      dgamma[c] += dy.data[k] * (x.data[k] - runningMean[c]) * inv;
      dbeta[c] += dy.data[k];
    }
  }
  return { dx, dgamma, dbeta };
}

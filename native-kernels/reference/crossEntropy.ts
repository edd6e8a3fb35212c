/**
 * Reference softmax cross-entropy with mean reduction (torch.nn.functional.cross_entropy with
 * class-index targets).
 */
import type { CrossEntropyResult, FloatArray, Tensor } from '../types.js';
import { expectLength, expectRank, zeros } from './tensor.js';

function checkLabels(labels: Int32Array, n: number, k: number): void {
  expectLength(labels, n, 'cross-entropy labels');
  for (const label of labels) {
    if (!(label >= 0 && label < k)) throw new Error(`cross-entropy: label ${label} outside [0, ${k})`);
  }
}

/** loss = mean over rows of logsumexp(z) - z[label]; probs = softmax(z) per row. */
export function softmaxCrossEntropy(
  logits: Tensor<FloatArray>,
  labels: Int32Array,
): CrossEntropyResult<Float64Array> {
  expectRank(logits, 2, 'cross-entropy logits');
  const [n, k] = logits.shape;
  checkLabels(labels, n, k);
  const probs = zeros(logits.shape);
  let total = 0;
  for (let r = 0; r < n; r++) {
    const z = logits.data.subarray(r * k, (r + 1) * k);
    // Subtracting the row maximum keeps exp() from overflowing; the result is unchanged.
    let zmax = -Infinity;
    for (const v of z) zmax = Math.max(zmax, v);
    let sum = 0;
    for (const v of z) sum += Math.exp(v - zmax);
    const lse = zmax + Math.log(sum);
    for (let j = 0; j < k; j++) probs.data[r * k + j] = Math.exp(z[j] - lse);
    total += lse - z[labels[r]];
  }
  return { loss: total / n, probs };
}

/** dlogits = (probs - onehot(label)) * dloss / N. */
export function softmaxCrossEntropyBackward(
  probs: Tensor<FloatArray>,
  labels: Int32Array,
  dloss = 1,
): Tensor<Float64Array> {
  expectRank(probs, 2, 'cross-entropy probs');
  const [n, k] = probs.shape;
  checkLabels(labels, n, k);
  const dz = zeros(probs.shape);
  const scale = dloss / n;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < k; j++) {
      const onehot = j === labels[r] ? 1 : 0;
      dz.data[r * k + j] = (probs.data[r * k + j] - onehot) * scale;
    }
  }
  return dz;
}

// The training network's whole backward pass (every kernel chained: cross-entropy, FC, dropout,
// pooling, ReLU, batch norm, both convolutions) against central differences of the same loss.
// The differences are taken on the float64 reference kernels with a step of 1e-6, where a ReLU
// or a max-pool choice is practically never crossed; the same differences on the float32 network
// with a usable step (1e-3 .. 1e-2) cross many of its thousands of kinks and disagree by 1-5 % of
// the largest gradient, too loose to catch a real mistake. The native gradients are float32 sums
// of up to ~8,000 products, so they may differ from the exact derivative by ~1e-6 of the largest
// gradient; measured 1e-7. The tolerance, 1e-5 of the largest gradient plus 1e-4 relative, is
// 10x that bound and far below any wrong term (a missing factor, a wrong sign or index).
import { describe, expect, it } from 'vitest';
import * as ref from '../../../native-kernels/reference/index.js';
import type { Tensor } from '../../../native-kernels/types.js';
import {
  homeworkTensorSpecs,
  type HomeworkArchitecture,
} from '../../../main/service/network/homework/homeworkArchitecture.js';
import { loadMnist, splitMnist } from '../../../main/service/network/mnist/loadMnist.js';
import { initHomeworkWeights } from '../../../main/service/network/train/initWeights.js';
import { mulberry32 } from '../../../native-kernels/seededRandom.js';
import { TrainingNetwork } from '../../../main/service/network/train/trainingNetwork.js';

const BATCH = 3;
const DROPOUT_SEED = 77;
const STEP = 1e-6;
const SAMPLES_PER_TENSOR = 6;

/** He-initialised weights with biases and batch-norm parameters moved off their exact 0 and 1. */
function weightsFor(arch: HomeworkArchitecture) {
  const weights = initHomeworkWeights(arch, null, mulberry32(5));
  const random = mulberry32(11);
  for (const spec of homeworkTensorSpecs(arch)) {
    const t = weights[spec.name];
    // Zero biases put every blank pixel's pre-activation exactly on ReLU's kink.
    if (spec.role === 'bias' || spec.role === 'bnShift')
      for (let i = 0; i < t.length; i++) t[i] = 0.2 * (random() - 0.5);
    if (spec.role === 'bnScale') for (let i = 0; i < t.length; i++) t[i] = 0.5 + random();
  }
  return weights;
}

/** The training-mode loss in float64 through the reference kernels, as a function of `w`. */
function referenceLoss(
  arch: HomeworkArchitecture,
  w: Record<string, Float64Array>,
  input: Float32Array,
  labels: Int32Array,
): number {
  const t = (name: string, shape: number[]) => ({ data: w[name], shape });
  let h = ref.conv2d(
    { data: input, shape: [BATCH, 1, 28, 28] },
    t('conv1.weight', [10, 1, 3, 3]),
    w['conv1.bias'],
    {
      padding: 1,
    },
  );
  if (arch.batchNorm) h = ref.batchNormTrain(h, w['bn1.weight'], w['bn1.bias'], null, null).y;
  h = ref.maxPool2d(ref.relu(h), { kernel: 2 }).y;
  h = ref.conv2d(h, t('conv2.weight', [10, 10, 3, 3]), w['conv2.bias'], { padding: 1 });
  if (arch.batchNorm) h = ref.batchNormTrain(h, w['bn2.weight'], w['bn2.bias'], null, null).y;
  h = ref.maxPool2d(ref.relu(h), { kernel: 2 }).y;
  let features: Tensor<Float64Array> = { data: h.data, shape: [BATCH, 490] };
  if (arch.dropout > 0) features = ref.dropout(features, arch.dropout, DROPOUT_SEED).y;
  return ref.softmaxCrossEntropy(ref.linear(features, t('fc.weight', [10, 490]), w['fc.bias']), labels).loss;
}

describe.each([
  { batchNorm: false, dropout: 0 },
  { batchNorm: true, dropout: 0 },
  { batchNorm: true, dropout: 0.3 },
])('the whole network gradient, batch norm $batchNorm, dropout $dropout', (arch) => {
  it('matches central differences of the loss for every trainable tensor', () => {
    const weights = weightsFor(arch);
    const net = new TrainingNetwork(arch, weights, BATCH);
    net.loadDigits(loadMnist(), splitMnist(1).train, 0, BATCH);
    const loss = net.forwardTrain(BATCH, DROPOUT_SEED);
    net.backward(BATCH);

    const w64: Record<string, Float64Array> = {};
    for (const [name, tensor] of Object.entries(weights)) w64[name] = Float64Array.from(tensor);
    const at = (): number => referenceLoss(arch, w64, net.input, net.labels);
    // The forward passes agree first (float32 against float64).
    expect(Math.abs(loss - at())).toBeLessThan(1e-5 * at());

    const trainable = homeworkTensorSpecs(arch).filter((s) => s.trainable);
    let largest = 0;
    for (const spec of trainable)
      for (const g of net.grads[spec.name]) largest = Math.max(largest, Math.abs(g));
    expect(largest).toBeGreaterThan(0.1);
    const random = mulberry32(9);
    for (const spec of trainable) {
      const p = w64[spec.name];
      const grad = net.grads[spec.name];
      // Random entries plus the tensor's largest gradient.
      const picks = Array.from({ length: SAMPLES_PER_TENSOR }, () => Math.floor(random() * p.length));
      picks.push(grad.reduce((best, g, i) => (Math.abs(g) > Math.abs(grad[best]) ? i : best), 0));
      for (const i of picks) {
        const old = p[i];
        p[i] = old + STEP;
        const plus = at();
        p[i] = old - STEP;
        const minus = at();
        p[i] = old;
        const numeric = (plus - minus) / (2 * STEP);
        expect(
          Math.abs(grad[i] - numeric),
          `${spec.name}[${i}]: backward ${grad[i]}, central difference ${numeric}`,
        ).toBeLessThanOrEqual(1e-5 * largest + 1e-4 * Math.abs(numeric));
      }
    }
    if (arch.batchNorm) {
      // Batch norm subtracts the batch mean, so a conv bias before it has no effect at all.
      for (const name of ['conv1.bias', 'conv2.bias'])
        for (const g of net.grads[name]) expect(Math.abs(g)).toBeLessThan(1e-5 * largest);
    }
  });
});

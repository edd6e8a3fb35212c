/** Fully connected layer and softmax cross-entropy on the native kernels. */
import { loadAddon } from './addon.js';
import type { CrossEntropyResult, LinearGrads, Tensor } from './types.js';
import {
  expectBoolean,
  expectFinite,
  expectFloat32,
  expectIndices,
  expectNumber,
  expectSameShape,
  expectTensor,
} from './validate.js';

function checkLinear(x: unknown, w: unknown) {
  const xt = expectTensor('x', x, [2]);
  const wt = expectTensor('w', w, [2]);
  expectFinite('w.data', wt.data);
  const [n, inFeatures] = xt.shape;
  const [outFeatures, wIn] = wt.shape;
  if (wIn !== inFeatures)
    throw new RangeError(
      `Expected ${inFeatures} input features (x is [${n}, ${inFeatures}]) for w.shape[1] but received ${wIn}`,
    );
  return { xt, wt, n, inFeatures, outFeatures };
}

/** torch.nn.functional.linear: y = x W^T + b with x [N, I], W [O, I]. */
export function linear(x: Tensor, w: Tensor, bias: Float32Array | null): Tensor {
  const { xt, wt, n, inFeatures, outFeatures } = checkLinear(x, w);
  if (bias !== null) expectFinite('bias', expectFloat32('bias', bias, outFeatures));
  const y = new Float32Array(n * outFeatures);
  loadAddon().linearForward(xt.data, wt.data, bias, y, n, inFeatures, outFeatures, 0, n);
  return { data: y, shape: [n, outFeatures] };
}

/** Gradients of linear with respect to input, weights and (when hasBias) bias. */
export function linearBackward(x: Tensor, w: Tensor, dy: Tensor, hasBias: boolean): LinearGrads {
  const { xt, wt, n, inFeatures, outFeatures } = checkLinear(x, w);
  const dyt = expectTensor('dy', dy, [2]);
  expectSameShape('dy.shape', dyt.shape, [n, outFeatures]);
  expectBoolean('hasBias', hasBias);
  const addon = loadAddon();
  const dx = new Float32Array(n * inFeatures);
  const dw = new Float32Array(outFeatures * inFeatures);
  const db = hasBias ? new Float32Array(outFeatures) : null;
  addon.linearBackwardInput(dyt.data, wt.data, dx, n, inFeatures, outFeatures, 0, n);
  addon.linearBackwardWeight(xt.data, dyt.data, dw, db, n, inFeatures, outFeatures, 0, outFeatures);
  return {
    dx: { data: dx, shape: [n, inFeatures] },
    dw: { data: dw, shape: [outFeatures, inFeatures] },
    db: db === null ? null : { data: db, shape: [outFeatures] },
  };
}

/** torch.nn.functional.cross_entropy with mean reduction; also returns softmax for backward. */
export function softmaxCrossEntropy(logits: Tensor, labels: Int32Array): CrossEntropyResult {
  const zt = expectTensor('logits', logits, [2]);
  const [n, k] = zt.shape;
  expectIndices('labels', labels, n, 0, k);
  const probs = new Float32Array(n * k);
  const sum = loadAddon().softmaxXentForward(zt.data, labels, probs, n, k, 0, n);
  return { loss: sum / n, probs: { data: probs, shape: [n, k] } };
}

/** Gradient of the mean cross-entropy: (softmax - onehot(label)) * dloss / N. */
export function softmaxCrossEntropyBackward(probs: Tensor, labels: Int32Array, dloss = 1): Tensor {
  const pt = expectTensor('probs', probs, [2]);
  const [n, k] = pt.shape;
  expectIndices('labels', labels, n, 0, k);
  expectNumber('dloss', dloss, -Number.MAX_VALUE, Number.MAX_VALUE);
  const d = new Float32Array(n * k);
  loadAddon().softmaxXentBackward(pt.data, labels, dloss / n, d, n, k, 0, n);
  return { data: d, shape: [n, k] };
}

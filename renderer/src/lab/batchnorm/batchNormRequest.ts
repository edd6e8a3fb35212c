/**
 * The lab's batch-norm kernel requests: batchNormTrain over a [n, c] tensor (statistics per
 * column over the n rows) and batchNormBackwardTrain from the forward pass's saved statistics.
 * Built here, not in the components, so the app tests send exactly what the instruments send.
 */
import type { LabKernelRequest, LabKernelResult } from '../../../../preload/contract.js';

/** torch's default ε, which the kernel library also uses. */
export const BN_EPS = 1e-5;

export function batchNormTrainRequest(
  data: Float32Array,
  n: number,
  c: number,
  gamma: number,
  beta: number,
  eps = BN_EPS,
): LabKernelRequest {
  return {
    op: 'batchNormTrain',
    x: { shape: [n, c], data },
    gamma: new Float32Array(c).fill(gamma),
    beta: new Float32Array(c).fill(beta),
    eps,
  };
}

/** The backward request for `forward`'s input and answer, with upstream gradient `dy`. */
export function batchNormBackwardRequest(
  x: Float32Array,
  n: number,
  c: number,
  dy: Float32Array,
  gamma: number,
  forward: LabKernelResult,
): LabKernelRequest {
  return {
    op: 'batchNormBackwardTrain',
    x: { shape: [n, c], data: x },
    dy: { shape: [n, c], data: dy },
    gamma: new Float32Array(c).fill(gamma),
    mean: forward.mean.data,
    invstd: forward.invstd.data,
  };
}

/** The batch variance behind a saved 1/√(σ² + ε). */
export function varianceFromInvstd(invstd: number, eps = BN_EPS): number {
  return 1 / (invstd * invstd) - eps;
}

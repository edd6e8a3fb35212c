/**
 * The optimizers training uses, with torch.optim's semantics: parameters and their gradient
 * arrays are bound once (as torch binds param groups), and each step reads the gradients and
 * updates the parameters in place without allocating. Weight decay is L2 added to the gradient
 * (g + weight_decay * p) before anything else, as torch.optim.SGD and Adam (not AdamW) do.
 * Arithmetic is in double per element, each stored value rounded once to float32; torch rounds
 * after every float32 operation, so the two agree to a few float32 ulps per step.
 */
import { Adam } from './adam.js';
import { Sgd } from './sgd.js';
import type { TrainSettings } from './trainSettings.js';

export interface Optimizer {
  /** Applies one update with this step's learning rate (the schedule is the caller's). */
  step(learningRate: number): void;
  /** Steps taken so far. */
  readonly steps: number;
}

/** The optimizer `settings` names, over `params` and the matching `grads`. */
export function createOptimizer(
  settings: Pick<TrainSettings, 'optimizer' | 'momentum' | 'beta1' | 'beta2' | 'eps' | 'weightDecay'>,
  params: Float32Array[],
  grads: Float32Array[],
): Optimizer {
  return settings.optimizer === 'adam'
    ? new Adam(params, grads, {
        beta1: settings.beta1,
        beta2: settings.beta2,
        eps: settings.eps,
        weightDecay: settings.weightDecay,
      })
    : new Sgd(params, grads, { momentum: settings.momentum, weightDecay: settings.weightDecay });
}

/** Checks that every parameter has a gradient array of its length. */
export function checkParamGrads(params: Float32Array[], grads: Float32Array[]): void {
  if (params.length !== grads.length)
    throw new RangeError(`Expected ${params.length} gradient arrays but received ${grads.length}`);
  params.forEach((p, i) => {
    if (grads[i].length !== p.length)
      throw new RangeError(
        `Expected a gradient of length ${p.length} for parameter ${i} but received ${grads[i].length}`,
      );
  });
}

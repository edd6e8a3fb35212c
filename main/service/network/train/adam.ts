/**
 * torch.optim.Adam (amsgrad off), at step t = 1, 2, ...:
 *   g = grad + weight_decay * p
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 */
import { checkParamGrads, type Optimizer } from './optimizer.js';

export interface AdamSettings {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

export class Adam implements Optimizer {
  private readonly params: Float32Array[];
  private readonly grads: Float32Array[];
  private readonly settings: AdamSettings;
  /** First and second moment estimates (torch's exp_avg and exp_avg_sq). */
  readonly m: Float32Array[];
  readonly v: Float32Array[];
  private taken = 0;

  constructor(params: Float32Array[], grads: Float32Array[], settings: AdamSettings) {
    checkParamGrads(params, grads);
    this.params = params;
    this.grads = grads;
    this.settings = { ...settings };
    this.m = params.map((p) => new Float32Array(p.length));
    this.v = params.map((p) => new Float32Array(p.length));
  }

  get steps(): number {
    return this.taken;
  }

  step(learningRate: number): void {
    const { beta1, beta2, eps, weightDecay } = this.settings;
    const t = ++this.taken;
    const stepSize = learningRate / (1 - beta1 ** t);
    const sqrtCorrection2 = Math.sqrt(1 - beta2 ** t);
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k];
      const grad = this.grads[k];
      const m = this.m[k];
      const v = this.v[k];
      for (let i = 0; i < p.length; i++) {
        const g = Math.fround(grad[i] + weightDecay * p[i]);
        // Read back after storing: the moments are float32 state, as in torch.
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        p[i] = p[i] - (stepSize * m[i]) / (Math.sqrt(v[i]) / sqrtCorrection2 + eps);
      }
    }
  }
}

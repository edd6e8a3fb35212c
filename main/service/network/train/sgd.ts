/**
 * torch.optim.SGD (dampening 0, no Nesterov):
 *   g = grad + weight_decay * p
 *   buf = g on the first step, else momentum * buf + g     (when momentum != 0)
 *   p = p - lr * buf                                        (p - lr * g without momentum)
 */
import { checkParamGrads, type Optimizer } from './optimizer.js';

export interface SgdSettings {
  momentum: number;
  weightDecay: number;
}

export class Sgd implements Optimizer {
  private readonly params: Float32Array[];
  private readonly grads: Float32Array[];
  private readonly settings: SgdSettings;
  /** The momentum buffers (torch's momentum_buffer), created with the first step's gradient. */
  readonly buffers: Float32Array[];
  private taken = 0;

  constructor(params: Float32Array[], grads: Float32Array[], settings: SgdSettings) {
    checkParamGrads(params, grads);
    this.params = params;
    this.grads = grads;
    this.settings = { ...settings };
    this.buffers = settings.momentum === 0 ? [] : params.map((p) => new Float32Array(p.length));
  }

  get steps(): number {
    return this.taken;
  }

  step(learningRate: number): void {
    const { momentum, weightDecay } = this.settings;
    const first = this.taken === 0;
    for (let t = 0; t < this.params.length; t++) {
      const p = this.params[t];
      const grad = this.grads[t];
      const buf = momentum === 0 ? null : this.buffers[t];
      for (let i = 0; i < p.length; i++) {
        const g = Math.fround(grad[i] + weightDecay * p[i]);
        let d = g;
        if (buf !== null) {
          d = first ? g : Math.fround(momentum * buf[i] + g);
          buf[i] = d;
        }
        p[i] = p[i] - learningRate * d;
      }
    }
    this.taken++;
  }
}

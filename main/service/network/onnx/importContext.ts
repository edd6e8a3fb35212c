/** What the decoders of one import share: the limits, and the running total of float elements. */
import { OnnxError } from './onnxError.js';
import type { OnnxLimits } from './onnxLimits.js';

export class ImportContext {
  private floatElements = 0;

  constructor(readonly limits: Readonly<OnnxLimits>) {}

  /** Counts n more float elements against maxTotalElements, before they are allocated. */
  chargeFloats(n: number, label: string): void {
    this.floatElements += n;
    if (this.floatElements > this.limits.maxTotalElements) {
      throw new OnnxError(
        `Expected at most ${this.limits.maxTotalElements} float elements in all tensors together but ${label} ` +
          `brings the total to ${this.floatElements}`,
      );
    }
  }
}

/**
 * What the decoders of one import share: the limits, the running total of float elements, and the
 * integer tensors holding values past ±(2^53 - 1) (refused unless constant folding consumes them).
 */
import type { GraphTensor } from '../modelGraph.js';
import { OnnxError } from './onnxError.js';
import type { OnnxLimits } from './onnxLimits.js';

export class ImportContext {
  private floatElements = 0;
  private readonly wide = new Map<GraphTensor, string>();

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

  /** Notes that `tensor` holds an INT64 past ±(2^53 - 1) (as ±Infinity); `message` refuses it. */
  deferWide(tensor: GraphTensor, message: string): void {
    this.wide.set(tensor, message);
  }

  /** The message refusing `tensor`'s too-large values, if the decoder noted any. */
  wideMessage(tensor: GraphTensor): string | undefined {
    return this.wide.get(tensor);
  }
}

/**
 * What the instrument says about cutting an infinitely long signal before it reaches the kernel:
 * where, and why that cannot change (window) or can only change by the dropped tail (float32)
 * what is shown.
 */
import type { SignalCut } from './firKernelPlan.js';
import { formatValue } from './formatValue.js';
import type { SignalKind } from './signalDefinition.js';

export function firCutNotes(
  cuts: readonly SignalCut[],
  kinds: { x: SignalKind; h: SignalKind },
  tail: number,
) {
  return cuts.map((cut) => {
    const what = kinds[cut.signal] === 'step' ? 'u(n)' : '(1/2)^n u(n)';
    const head = `${cut.signal}(n) = ${what} never ends; the kernel gets n = 0..${cut.at}`;
    return cut.reason === 'window'
      ? `${head}: no y(n) shown here reads a later sample, so the cut changes nothing shown.`
      : `${head}: beyond, (1/2)^n < 2^−23 (float32's resolution at 1). The dropped tail sums to ` +
          `${formatValue(tail, 3)}, the most any y(n) shown can differ from the infinite sum.`;
  });
}

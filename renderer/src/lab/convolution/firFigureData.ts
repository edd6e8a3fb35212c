/**
 * Everything the FIR instrument draws and prints for one settled kernel answer, from the job that
 * produced it: the signals over the window, y and y2 = x(n − N) * h from the kernel, the closed
 * form beside y (and beside y2 at n − N), their comparison, and the shift property's difference
 * y2(n) − y(n − N), which is computed from two different rows of the kernel's output.
 */
import type { Stem } from '../charts/StemPlot.js';
import { compareWithClosedForm, type ClosedFormComparison } from './compareWithClosedForm.js';
import { firClosedForm } from './firClosedForm.js';
import { firOutputAt, type FirKernelPlan } from './firKernelPlan.js';
import { droppedTail } from './float32Cutoff.js';
import { sampleSignal } from './sampleSignal.js';
import { signalDefinition, type SignalSpec } from './signalDefinition.js';

export interface FirSettings {
  x: SignalSpec;
  h: SignalSpec;
  window: readonly [number, number];
  shift: number;
}

export interface FirFigureData {
  ns: number[];
  x: Stem[];
  h: Stem[];
  /** y(n) from the kernel. */
  y: Stem[];
  closedText: string | null;
  /** The closed form at the same n (null when the pair has none). */
  closed: Stem[] | null;
  comparison: ClosedFormComparison | null;
  /** x2(n) = x(n − N). */
  x2: Stem[];
  /** y2(n) = (x2 * h)(n) from the kernel. */
  y2: Stem[];
  /** y(n − N) from the kernel, at n. */
  yShifted: Stem[];
  /** y2(n) − y(n − N). */
  diff: Stem[];
  maxShiftDiff: number;
  /** y2 against the closed form at n − N. */
  shiftComparison: ClosedFormComparison | null;
  /** The most a shown y(n) can lose to a float32 cut of (1/2)^n u(n); 0 without such a cut. */
  droppedTail: number;
}

export function firFigureData(
  settings: FirSettings,
  plan: FirKernelPlan,
  y: ArrayLike<number>,
): FirFigureData {
  const [lo, hi] = settings.window;
  const N = settings.shift;
  const xd = signalDefinition(settings.x);
  const hd = signalDefinition(settings.h);
  const ns = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const yAt = (n: number) => firOutputAt(plan, y, 0, n);
  const y2At = (n: number) => firOutputAt(plan, y, 1, n);
  const closed = firClosedForm(settings.x, settings.h);
  const tail = plan.cuts
    .filter((c) => c.reason === 'float32')
    .reduce((sum, c) => sum + droppedTail((c.signal === 'x' ? xd : hd).decay ?? 0, c.at), 0);
  // Each y(n) is a float32 sum of up to min(len x, len h) products.
  const roundings = Math.max(8, Math.min(plan.xLength, plan.hLength) + 2);
  const diff = ns.map((n) => ({ n, v: y2At(n) - yAt(n - N) }));
  return {
    ns,
    x: sampleSignal(xd.at, lo, hi),
    h: sampleSignal(hd.at, lo, hi),
    y: sampleSignal(yAt, lo, hi),
    closedText: closed?.text ?? null,
    closed: closed ? sampleSignal(closed.at, lo, hi) : null,
    comparison: closed ? compareWithClosedForm(ns, yAt, closed.at, tail, roundings) : null,
    x2: sampleSignal((n) => xd.at(n - N), lo, hi),
    y2: sampleSignal(y2At, lo, hi),
    yShifted: sampleSignal((n) => yAt(n - N), lo, hi),
    diff,
    maxShiftDiff: diff.reduce((m, d) => Math.max(m, Math.abs(d.v)), 0),
    shiftComparison: closed
      ? compareWithClosedForm(ns, y2At, (n) => closed.at(n - N), tail, roundings)
      : null,
    droppedTail: tail,
  };
}

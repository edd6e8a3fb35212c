/** A signal's stems at every integer n of [lo, hi] (zeros included: a stem plot shows them). */
import type { Stem } from '../charts/StemPlot.js';

export function sampleSignal(at: (n: number) => number, lo: number, hi: number): Stem[] {
  return Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => ({ n: lo + i, v: at(lo + i) }));
}

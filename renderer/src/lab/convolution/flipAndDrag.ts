/**
 * One output sample by the definition (1), y(n) = Σ_k x(k) h(n − k): h flipped and shifted to n,
 * multiplied with x sample by sample, summed. Only the k where both factors may be nonzero are
 * listed; both signals start somewhere, so there are finitely many even for u(n) or (1/2)^n u(n)
 * (the exact definitions, not the kernel's cut copies). Summed in float64.
 */
import type { SignalDefinition } from './signalDefinition.js';

export interface FlipTerm {
  k: number;
  x: number;
  /** h(n − k): h flipped and shifted to n. */
  h: number;
  product: number;
}

export interface FlipAndDrag {
  n: number;
  terms: FlipTerm[];
  sum: number;
}

export function flipAndDrag(x: SignalDefinition, h: SignalDefinition, n: number): FlipAndDrag {
  const terms: FlipTerm[] = [];
  // x(k) != 0 needs x.start <= k <= x.end; h(n - k) != 0 needs h.start <= n - k <= h.end.
  const from = Math.max(x.start, n - h.end);
  const to = Math.min(x.end, n - h.start);
  let sum = 0;
  for (let k = from; k <= to; k++) {
    const xv = x.at(k);
    const hv = h.at(n - k);
    terms.push({ k, x: xv, h: hv, product: xv * hv });
    sum += xv * hv;
  }
  return { n, terms, sum };
}

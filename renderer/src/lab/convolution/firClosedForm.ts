/**
 * Closed forms of y = x * h for every pair of the instrument's standard signals (a custom signal
 * only with the impulse), written as closed arithmetic, not as the sum they come from, so that
 * they check the kernel's sum independently. Convolution commutes, so each pair is handled once.
 *
 * The homework's pair, boxcar L with (1/2)^n u(n):
 *   y(n) = sum_{i=max(0, n-L+1)}^{n} (1/2)^i = 2 (1/2)^max(0, n-L+1) - (1/2)^n, that is
 *   y(n) = 2 - (1/2)^n for 0 <= n < L and y(n) = (1/2)^(n-L) - (1/2)^n for n >= L: it decays.
 */
import type { SignalSpec } from './signalDefinition.js';

export interface ClosedForm {
  /** The formula as plain text, with L filled in. */
  text: string;
  at(n: number): number;
}

/** Canonical order of the pair (the first is the "simpler" signal). */
const ORDER = ['impulse', 'boxcar', 'step', 'halfPower', 'custom'] as const;

/** The homework's statement of boxcar L * (1/2)^n u(n), with L filled in, in its three parts. */
export function boxcarHalfPowerParts(L: number) {
  return {
    sum: `y(n) = Σ_{i=max(0, n−${L - 1})}^{n} (1/2)^i`,
    rising: `y(n) = 2 − (1/2)^n for 0 ≤ n < ${L}`,
    decaying: `y(n) = (1/2)^(n−${L}) − (1/2)^n for n ≥ ${L}`,
  };
}

/** The same as one line. */
export function boxcarHalfPowerText(L: number): string {
  const p = boxcarHalfPowerParts(L);
  return `${p.sum}:  ${p.rising},  ${p.decaying},  0 for n < 0`;
}

/** y = x * h in closed form, or null when there is none here (custom with anything but δ). */
export function firClosedForm(x: SignalSpec, h: SignalSpec): ClosedForm | null {
  const [a, b] = ORDER.indexOf(x.kind) <= ORDER.indexOf(h.kind) ? [x, h] : [h, x];
  const causal = (f: (n: number) => number) => (n: number) => (n < 0 ? 0 : f(n));
  if (a.kind === 'impulse') {
    // δ is convolution's identity.
    const other = b.kind === 'boxcar' ? `boxcar_${b.length}(n)` : label(b);
    return { text: `y(n) = ${other}  (δ * s = s)`, at: valueOf(b) };
  }
  if (a.kind === 'boxcar') {
    const L = a.length;
    switch (b.kind) {
      case 'boxcar': {
        const M = b.length;
        return {
          text:
            `y(n) = #{i : 0 ≤ i < ${L}, 0 ≤ n − i < ${M}} = min(n, ${L - 1}) − max(0, n − ${M - 1}) + 1 ` +
            `for 0 ≤ n ≤ ${L + M - 2}, else 0 (a trapezoid)`,
          at: (n) => (n < 0 || n > L + M - 2 ? 0 : Math.min(n, L - 1) - Math.max(0, n - M + 1) + 1),
        };
      }
      case 'step':
        return { text: `y(n) = min(n + 1, ${L}) for n ≥ 0, else 0`, at: causal((n) => Math.min(n + 1, L)) };
      case 'halfPower':
        return {
          text: boxcarHalfPowerText(L),
          at: causal((n) => (n < L ? 2 - 0.5 ** n : 0.5 ** (n - L) - 0.5 ** n)),
        };
      default:
        return null;
    }
  }
  if (a.kind === 'step' && b.kind === 'step')
    return { text: 'y(n) = n + 1 for n ≥ 0, else 0', at: causal((n) => n + 1) };
  if (a.kind === 'step' && b.kind === 'halfPower')
    return { text: 'y(n) = 2 − (1/2)^n for n ≥ 0, else 0', at: causal((n) => 2 - 0.5 ** n) };
  if (a.kind === 'halfPower' && b.kind === 'halfPower')
    return { text: 'y(n) = (n + 1)(1/2)^n for n ≥ 0, else 0', at: causal((n) => (n + 1) * 0.5 ** n) };
  return null;
}

function label(s: SignalSpec): string {
  return s.kind === 'halfPower'
    ? '(1/2)^n u(n)'
    : s.kind === 'step'
      ? 'u(n)'
      : s.kind === 'impulse'
        ? 'δ(n)'
        : 'the custom signal';
}

/** The signal itself, in closed form (what δ * s is). */
function valueOf(s: SignalSpec): (n: number) => number {
  switch (s.kind) {
    case 'boxcar':
      return (n) => (n >= 0 && n < s.length ? 1 : 0);
    case 'halfPower':
      return (n) => (n >= 0 ? 0.5 ** n : 0);
    case 'impulse':
      return (n) => (n === 0 ? 1 : 0);
    case 'step':
      return (n) => (n >= 0 ? 1 : 0);
    case 'custom':
      return (n) => s.custom[n] ?? 0;
  }
}

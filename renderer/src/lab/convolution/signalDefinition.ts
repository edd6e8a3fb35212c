/**
 * The 1-D signals of the FIR instrument (homework question 2): the boxcar of length L, (1/2)^n u(n),
 * the unit impulse, the unit step and a custom signal drawn stem by stem. A definition knows its
 * support (where it may be nonzero; `end` is Infinity for the two infinitely long ones) so that the
 * flip-and-drag sum and the kernel's input can be cut to finitely many samples on purpose.
 */

export type SignalKind = 'boxcar' | 'halfPower' | 'impulse' | 'step' | 'custom';

export interface SignalSpec {
  kind: SignalKind;
  /** The boxcar's length L (used by 'boxcar' only). */
  length: number;
  /** A custom signal's stems: value at n; a missing n is 0. */
  custom: Readonly<Record<number, number>>;
}

export interface SignalDefinition {
  /** The first n where the signal may be nonzero. */
  start: number;
  /** The last n where it may be nonzero: Infinity for u(n) and (1/2)^n u(n); start - 1 when it is 0. */
  end: number;
  /** Geometric decay ratio of an infinitely long signal ((1/2)^n: 0.5), else null. */
  decay: number | null;
  at(n: number): number;
}

export const SIGNAL_LABELS: Record<SignalKind, string> = {
  boxcar: 'boxcar of length L',
  halfPower: '(1/2)^n u(n)',
  impulse: 'impulse δ(n)',
  step: 'step u(n)',
  custom: 'custom (drag the stems)',
};

/** The definition of `spec` as a function of n with its support. */
export function signalDefinition(spec: SignalSpec): SignalDefinition {
  switch (spec.kind) {
    case 'boxcar': {
      const L = spec.length;
      return { start: 0, end: L - 1, decay: null, at: (n) => (n >= 0 && n < L ? 1 : 0) };
    }
    case 'halfPower':
      return { start: 0, end: Infinity, decay: 0.5, at: (n) => (n >= 0 ? 0.5 ** n : 0) };
    case 'impulse':
      return { start: 0, end: 0, decay: null, at: (n) => (n === 0 ? 1 : 0) };
    case 'step':
      return { start: 0, end: Infinity, decay: null, at: (n) => (n >= 0 ? 1 : 0) };
    case 'custom': {
      const stems = Object.entries(spec.custom)
        .map(([n, v]) => [Number(n), v] as const)
        .filter(([, v]) => v !== 0);
      const ns = stems.map(([n]) => n);
      const start = ns.length ? Math.min(...ns) : 0;
      const end = ns.length ? Math.max(...ns) : -1;
      const values = new Map(stems);
      return { start, end, decay: null, at: (n) => values.get(n) ?? 0 };
    }
  }
}

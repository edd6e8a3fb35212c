// The FIR instrument's pure arithmetic against independent computations: the signal definitions,
// the float32 cut of (1/2)^n u(n), every closed form against a direct float64 sum (including the
// homework's L = 7 statement), the flip-and-drag terms, and the comparison that must flag a wrong y.
import { describe, expect, it } from 'vitest';
import { compareWithClosedForm } from '../../../renderer/src/lab/convolution/compareWithClosedForm.js';
import { boxcarHalfPowerText, firClosedForm } from '../../../renderer/src/lab/convolution/firClosedForm.js';
import { flipAndDrag } from '../../../renderer/src/lab/convolution/flipAndDrag.js';
import {
  droppedTail,
  float32Cutoff,
  FLOAT32_EPSILON,
} from '../../../renderer/src/lab/convolution/float32Cutoff.js';
import { formatValue } from '../../../renderer/src/lab/convolution/formatValue.js';
import {
  signalDefinition,
  type SignalKind,
  type SignalSpec,
} from '../../../renderer/src/lab/convolution/signalDefinition.js';

const spec = (kind: SignalKind, length = 7, custom: Record<number, number> = {}): SignalSpec => ({
  kind,
  length,
  custom,
});

/** The signals written out independently, as sample lists from n = 0 (long enough for any test). */
function samples(s: SignalSpec, count = 400): number[] {
  return Array.from({ length: count }, (_, n) =>
    s.kind === 'boxcar'
      ? Number(n < s.length)
      : s.kind === 'halfPower'
        ? Math.pow(2, -n)
        : s.kind === 'impulse'
          ? Number(n === 0)
          : s.kind === 'step'
            ? 1
            : (s.custom[n] ?? 0),
  );
}

/** y(n) = Σ_k x(k) h(n − k) over causal sample lists, in float64. */
function directSum(x: number[], h: number[], n: number): number {
  let sum = 0;
  for (let k = 0; k <= n; k++) sum += (x[k] ?? 0) * (h[n - k] ?? 0);
  return sum;
}

describe('signalDefinition', () => {
  it('defines the four standard signals and a custom one with their supports', () => {
    const box = signalDefinition(spec('boxcar', 7));
    expect([box.start, box.end]).toEqual([0, 6]);
    expect([-1, 0, 6, 7].map(box.at)).toEqual([0, 1, 1, 0]);
    const half = signalDefinition(spec('halfPower'));
    expect(half.end).toBe(Infinity);
    expect([-1, 0, 3].map(half.at)).toEqual([0, 1, 0.125]);
    expect(signalDefinition(spec('impulse')).at(0)).toBe(1);
    expect(signalDefinition(spec('step')).at(100)).toBe(1);
    const custom = signalDefinition(spec('custom', 1, { [-3]: 0.5, 2: -1, 5: 0 }));
    expect([custom.start, custom.end]).toEqual([-3, 2]);
    expect(custom.at(-3)).toBe(0.5);
    const empty = signalDefinition(spec('custom', 1, {}));
    expect(empty.end).toBeLessThan(empty.start);
  });
});

describe('float32Cutoff', () => {
  it('keeps (1/2)^n while it is at least float32 epsilon: n = 0..23', () => {
    expect(FLOAT32_EPSILON).toBe(Math.fround(1 + 2 ** -23) - 1);
    const N = float32Cutoff(0.5);
    expect(N).toBe(23);
    expect(0.5 ** N).toBeGreaterThanOrEqual(FLOAT32_EPSILON);
    expect(0.5 ** (N + 1)).toBeLessThan(FLOAT32_EPSILON);
    let tail = 0;
    for (let n = N + 1; n < 200; n++) tail += 0.5 ** n;
    expect(droppedTail(0.5, N)).toBeCloseTo(tail, 20);
  });
});

describe('firClosedForm', () => {
  const kinds: SignalSpec[] = [
    spec('impulse'),
    spec('boxcar', 7),
    spec('boxcar', 3),
    spec('boxcar', 1),
    spec('step'),
    spec('halfPower'),
  ];
  for (const x of kinds)
    for (const h of kinds) {
      const name = (s: SignalSpec) => (s.kind === 'boxcar' ? `boxcar ${s.length}` : s.kind);
      it(`${name(x)} * ${name(h)} equals the direct sum for n = -6..60`, () => {
        const form = firClosedForm(x, h);
        expect(form).not.toBeNull();
        const xs = samples(x);
        const hs = samples(h);
        for (let n = -6; n <= 60; n++) {
          const direct = n < 0 ? 0 : directSum(xs, hs, n);
          expect(Math.abs(form!.at(n) - direct)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(direct)));
        }
      });
    }

  it('states the homework answer for L = 7: 2 − (1/2)^n, then (1/2)^(n−7) − (1/2)^n, decaying', () => {
    const form = firClosedForm(spec('boxcar', 7), spec('halfPower'))!;
    for (let n = 0; n < 7; n++) expect(form.at(n)).toBe(2 - 0.5 ** n);
    for (let n = 7; n < 40; n++) expect(form.at(n)).toBeCloseTo(0.5 ** (n - 7) - 0.5 ** n, 15);
    // Not constant after L: it halves each step.
    expect(form.at(12)).toBeLessThan(form.at(8));
    expect(form.at(8) / form.at(7)).toBeCloseTo(0.5, 12);
    expect(form.text).toBe(boxcarHalfPowerText(7));
    expect(form.text).toContain('y(n) = 2 − (1/2)^n for 0 ≤ n < 7');
    expect(form.text).toContain('y(n) = (1/2)^(n−7) − (1/2)^n for n ≥ 7');
    // Commutes: (1/2)^n u(n) * boxcar is the same closed form.
    expect(firClosedForm(spec('halfPower'), spec('boxcar', 7))!.at(9)).toBe(form.at(9));
  });

  it('has a closed form for a custom signal only with the impulse', () => {
    const custom = spec('custom', 1, { [-2]: 1.5, 3: -0.25 });
    expect(firClosedForm(custom, spec('boxcar', 4))).toBeNull();
    const withImpulse = firClosedForm(spec('impulse'), custom)!;
    expect([-2, 0, 3].map(withImpulse.at)).toEqual([1.5, 0, -0.25]);
  });
});

describe('flipAndDrag', () => {
  it('lists h flipped and shifted under x, and sums the products to y(n)', () => {
    const x = signalDefinition(spec('boxcar', 7));
    const h = signalDefinition(spec('halfPower'));
    const at4 = flipAndDrag(x, h, 4);
    expect(at4.terms.map((t) => t.k)).toEqual([0, 1, 2, 3, 4]);
    expect(at4.terms.map((t) => t.h)).toEqual([1 / 16, 1 / 8, 1 / 4, 1 / 2, 1]);
    expect(at4.sum).toBe(2 - 1 / 16);
    const at9 = flipAndDrag(x, h, 9);
    expect(at9.terms.map((t) => t.k)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(at9.sum).toBeCloseTo(0.5 ** 2 - 0.5 ** 9, 15);
    expect(flipAndDrag(x, h, -1).terms).toEqual([]);
    expect(flipAndDrag(x, h, -1).sum).toBe(0);
  });

  it('handles two infinite signals and signals at negative n', () => {
    const u = signalDefinition(spec('step'));
    expect(flipAndDrag(u, u, 10).sum).toBe(11);
    const custom = signalDefinition(spec('custom', 1, { [-3]: 2, [-1]: 1 }));
    const box = signalDefinition(spec('boxcar', 3));
    // y(-2) = x(-3) h(1) + x(-2) h(0) = 2.
    expect(flipAndDrag(custom, box, -2).sum).toBe(2);
    // y(0) = x(-1) h(1) + x(-2) h(2)... = 1 (x(-2) = 0) + x(-3)·h(3) = 0.
    expect(flipAndDrag(custom, box, 0).sum).toBe(1);
  });
});

describe('compareWithClosedForm', () => {
  const closed = (n: number) => (n < 0 ? 0 : 2 - 0.5 ** n);
  const ns = Array.from({ length: 19 }, (_, i) => i - 6);
  it('accepts float32 rounding of the closed form', () => {
    const c = compareWithClosedForm(ns, (n) => Math.fround(closed(n)), closed);
    expect(c.agrees).toBe(true);
    expect(c.maxAbsDiff).toBeLessThan(1e-7);
  });
  it('flags a y that is off by more than rounding, and says where', () => {
    const c = compareWithClosedForm(ns, (n) => closed(n) + (n === 9 ? 1e-4 : 0), closed);
    expect(c.agrees).toBe(false);
    expect(c.worstN).toBe(9);
    expect(c.maxAbsDiff).toBeCloseTo(1e-4, 10);
  });
  it('flags NaN (a y the kernel did not compute)', () => {
    expect(compareWithClosedForm(ns, (n) => (n === 3 ? Number.NaN : closed(n)), closed).agrees).toBe(false);
  });
});

describe('formatValue', () => {
  it('prints integers as integers, −0 as 0, a true minus sign and 6 significant digits', () => {
    expect(formatValue(-40)).toBe('−40');
    expect(formatValue(-0)).toBe('0');
    expect(formatValue(1.984375)).toBe('1.98438');
    expect(formatValue(2 ** -23, 3)).toBe('1.19e-7');
  });
});

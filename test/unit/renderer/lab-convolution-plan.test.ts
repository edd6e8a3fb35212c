// The FIR instrument's kernel bookkeeping (firKernelPlan): its conv2d request, run through the
// float64 reference kernel, must give y(n) = Σ_k x(k) h(n − k) of the exact definitions at every
// shown n, for signals that start at negative n, for shifts either way, and with infinite signals
// cut where the plan says (the window, or float32's resolution for (1/2)^n, within its tail).
import { describe, expect, it } from 'vitest';
import { conv2d } from '../../../native-kernels/reference/index.js';
import { firFigureData } from '../../../renderer/src/lab/convolution/firFigureData.js';
import { firKernelPlan, firOutputAt } from '../../../renderer/src/lab/convolution/firKernelPlan.js';
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

/** Independent direct sum of the exact definitions over a wide range of k. */
function direct(x: SignalSpec, h: SignalSpec, n: number): number {
  const xd = signalDefinition(x);
  const hd = signalDefinition(h);
  let sum = 0;
  for (let k = -200; k <= 200; k++) sum += xd.at(k) * hd.at(n - k);
  return sum;
}

function runPlan(x: SignalSpec, h: SignalSpec, window: [number, number], shift: number) {
  const plan = firKernelPlan(signalDefinition(x), signalDefinition(h), window, shift);
  if (plan.request.op !== 'conv2d') throw new Error('expected conv2d');
  const { x: xt, w, options } = plan.request;
  expect(options).toEqual({ padding: [0, plan.hLength - 1], flip: true });
  expect(xt.shape).toEqual([2, 1, 1, plan.xLength]);
  const y = conv2d(xt, w, null, options);
  expect(y.shape).toEqual([2, 1, 1, plan.yLength]);
  return { plan, y: y.data };
}

const SIGNALS: SignalSpec[] = [
  spec('boxcar', 7),
  spec('halfPower'),
  spec('impulse'),
  spec('step'),
  spec('custom', 1, { [-4]: 1.5, [-1]: -0.5, 2: 1 }),
];

describe('firKernelPlan', () => {
  for (const x of SIGNALS)
    for (const h of SIGNALS)
      for (const shift of [5, -3])
        it(`${x.kind} * ${h.kind}, shift ${shift}: y and y2 equal the direct sums over n = -6..12`, () => {
          const { plan, y } = runPlan(x, h, [-6, 12], shift);
          const shifted: SignalSpec =
            x.kind === 'custom'
              ? spec(
                  'custom',
                  1,
                  Object.fromEntries(Object.entries(x.custom).map(([n, v]) => [Number(n) + shift, v])),
                )
              : x;
          for (let n = -6; n <= 12; n++) {
            expect(firOutputAt(plan, y, 0, n)).toBeCloseTo(direct(x, h, n), 12);
            // y(n - N) is also covered (the shift's difference reads it).
            expect(firOutputAt(plan, y, 1, n)).toBeCloseTo(
              x.kind === 'custom' ? direct(shifted, h, n) : direct(x, h, n - shift),
              12,
            );
            expect(Number.isNaN(firOutputAt(plan, y, 0, n - shift))).toBe(false);
          }
        });

  it('cuts u(n) at the window and says so; cuts (1/2)^n at n = 23 when the window reaches past it', () => {
    const near = firKernelPlan(
      signalDefinition(spec('boxcar', 7)),
      signalDefinition(spec('step')),
      [-6, 12],
      5,
    );
    expect(near.cuts).toEqual([{ signal: 'h', at: 12, reason: 'window' }]);
    const far = firKernelPlan(
      signalDefinition(spec('boxcar', 7)),
      signalDefinition(spec('halfPower')),
      [-6, 40],
      0,
    );
    expect(far.cuts).toEqual([{ signal: 'h', at: 23, reason: 'float32' }]);
  });

  it('with (1/2)^n cut at 23, y over n = 0..40 stays within the dropped tail of the infinite sum', () => {
    const x = spec('boxcar', 7);
    const h = spec('halfPower');
    const { plan, y } = runPlan(x, h, [0, 40], 0);
    let worst = 0;
    for (let n = 0; n <= 40; n++)
      worst = Math.max(worst, Math.abs(firOutputAt(plan, y, 0, n) - direct(x, h, n)));
    expect(worst).toBeGreaterThan(0); // the cut is real...
    expect(worst).toBeLessThanOrEqual(2 ** -23); // ...and bounded by the tail, 2^-23
  });

  it('reports NaN outside what the kernel computed', () => {
    const { plan, y } = runPlan(spec('impulse'), spec('impulse'), [-6, 12], 0);
    expect(Number.isNaN(firOutputAt(plan, y, 0, plan.yStart - 1))).toBe(true);
    expect(Number.isNaN(firOutputAt(plan, y, 0, plan.yStart + plan.yLength))).toBe(true);
  });

  it('handles an all-zero custom signal and a window entirely before the signals start', () => {
    const { plan, y } = runPlan(spec('custom', 1, {}), spec('halfPower'), [-6, 12], 5);
    for (let n = -6; n <= 12; n++) expect(firOutputAt(plan, y, 0, n)).toBe(0);
    const early = runPlan(spec('boxcar', 3), spec('step'), [-20, -10], 2);
    for (let n = -20; n <= -10; n++) expect(firOutputAt(early.plan, early.y, 0, n)).toBe(0);
  });
});

describe('firFigureData', () => {
  it('puts kernel, closed form and the shift difference side by side', () => {
    const settings = { x: spec('boxcar', 7), h: spec('halfPower'), window: [-6, 12] as const, shift: 5 };
    const { plan, y } = runPlan(settings.x, settings.h, [-6, 12], 5);
    const data = firFigureData(settings, plan, Float32Array.from(y));
    expect(data.ns).toHaveLength(19);
    expect(data.comparison!.agrees).toBe(true);
    expect(data.maxShiftDiff).toBe(0);
    expect(data.shiftComparison!.agrees).toBe(true);
    expect(data.y.find((s) => s.n === 7)!.v).toBeCloseTo(1 - 0.5 ** 7, 6);
    expect(data.x2.find((s) => s.n === 5)!.v).toBe(1);
    expect(data.x2.find((s) => s.n === 4)!.v).toBe(0);
    // A kernel answer off by one sample at n = 3 is caught.
    const wrong = Float32Array.from(y);
    wrong[3 - plan.yStart] += 0.01;
    const bad = firFigureData(settings, plan, wrong);
    expect(bad.comparison!.agrees).toBe(false);
    expect(bad.comparison!.worstN).toBe(3);
    expect(bad.maxShiftDiff).toBeCloseTo(0.01, 6);
  });
});

// The convolution instruments' kernel calls through the shared API handlers and a real compute
// process ('lab:kernel', native kernels): the FIR result of every signal pair against a direct
// float64 sum, the shift property, the homework's 2-D answers (test/helpers), and every output
// cell's products (the window the instrument highlights) against the kernel for all padding modes.
import { describe, expect, it } from 'vitest';
import { browserApi } from './browserApi.js';
import { conv2dRequest } from '../../../renderer/src/lab/convolution/conv2dRequest.js';
import { firKernelPlan, firOutputAt } from '../../../renderer/src/lab/convolution/firKernelPlan.js';
import { droppedTail } from '../../../renderer/src/lab/convolution/float32Cutoff.js';
import { HOMEWORK_H, HOMEWORK_X } from '../../../renderer/src/lab/convolution/homeworkConv2d.js';
import { outputCellProducts } from '../../../renderer/src/lab/convolution/outputCellProducts.js';
import { paddedInput } from '../../../renderer/src/lab/convolution/paddedInput.js';
import {
  signalDefinition,
  type SignalKind,
  type SignalSpec,
} from '../../../renderer/src/lab/convolution/signalDefinition.js';
import { HOMEWORK_CONV_CASES, planeRows } from '../../helpers/homeworkConvolution.js';

const api = browserApi();

const spec = (kind: SignalKind, length = 7, custom: Record<number, number> = {}): SignalSpec => ({
  kind,
  length,
  custom,
});

/** y(n) = Σ_k x(k) h(n − k) of the exact definitions in float64, k over a wide range. */
function direct(x: SignalSpec, h: SignalSpec, n: number, shift = 0): number {
  const xd = signalDefinition(x);
  const hd = signalDefinition(h);
  let sum = 0;
  for (let k = -300; k <= 300; k++) sum += xd.at(k - shift) * hd.at(n - k);
  return sum;
}

const SIGNALS: SignalSpec[] = [
  spec('boxcar', 7),
  spec('boxcar', 3),
  spec('halfPower'),
  spec('impulse'),
  spec('step'),
  spec('custom', 1, { [-5]: 1.25, [-2]: -0.75, 0: 0.5, 4: 2 }),
];

async function fir(x: SignalSpec, h: SignalSpec, window: [number, number], shift: number) {
  const plan = firKernelPlan(signalDefinition(x), signalDefinition(h), window, shift);
  const { y } = await api['lab:kernel'](plan.request);
  expect(y.shape).toEqual([2, 1, 1, plan.yLength]);
  return { plan, y: y.data };
}

describe('FIR through the kernel', () => {
  for (const x of SIGNALS)
    for (const h of SIGNALS)
      it(`${x.kind}${x.kind === 'boxcar' ? x.length : ''} * ${h.kind}${h.kind === 'boxcar' ? h.length : ''}: every shown y(n) is the direct sum`, async () => {
        const window: [number, number] = [-6, 12];
        const { plan, y } = await fir(x, h, window, 5);
        const tail = plan.cuts.some((c) => c.reason === 'float32') ? droppedTail(0.5, 23) : 0;
        let peak = 1;
        for (let n = window[0]; n <= window[1]; n++) peak = Math.max(peak, Math.abs(direct(x, h, n)));
        for (let n = window[0]; n <= window[1]; n++) {
          const d = Math.abs(firOutputAt(plan, y, 0, n) - direct(x, h, n));
          // float32: a few units in the last place of the largest value, plus any cut tail.
          expect(d).toBeLessThanOrEqual(16 * 2 ** -23 * peak + tail);
        }
      });

  it('boxcar 7 * (1/2)^n u(n) decays after n = 6 as 2 − (1/2)^n, then (1/2)^(n−7) − (1/2)^n', async () => {
    const { plan, y } = await fir(spec('boxcar', 7), spec('halfPower'), [-6, 12], 5);
    for (let n = -6; n <= 12; n++) {
      const closed = n < 0 ? 0 : n < 7 ? 2 - 0.5 ** n : 0.5 ** (n - 7) - 0.5 ** n;
      expect(firOutputAt(plan, y, 0, n)).toBeCloseTo(closed, 6);
    }
    expect(firOutputAt(plan, y, 0, 12)).toBeLessThan(firOutputAt(plan, y, 0, 7) / 10);
  });

  it('with the window at 40, (1/2)^n is cut at 23 and y stays within 2^-23 of the infinite sum', async () => {
    const x = spec('boxcar', 7);
    const h = spec('halfPower');
    const { plan, y } = await fir(x, h, [0, 40], 0);
    expect(plan.cuts).toEqual([{ signal: 'h', at: 23, reason: 'float32' }]);
    for (let n = 0; n <= 40; n++)
      expect(Math.abs(firOutputAt(plan, y, 0, n) - direct(x, h, n))).toBeLessThanOrEqual(2 ** -23 + 2 ** -21);
  });

  for (const N of [5, -3, 11])
    it(`shifting x by ${N} shifts y by ${N} (every pair; y2 is computed from the shifted input)`, async () => {
      for (const x of SIGNALS)
        for (const h of SIGNALS) {
          const { plan, y } = await fir(x, h, [-6, 12], N);
          for (let n = -6; n <= 12; n++) {
            const y2 = firOutputAt(plan, y, 1, n);
            expect(y2).toBeCloseTo(firOutputAt(plan, y, 0, n - N), 6);
            expect(y2).toBeCloseTo(direct(x, h, n, N), 5);
          }
        }
    });
});

describe('2-D convolution through the kernel', () => {
  for (const hw of HOMEWORK_CONV_CASES)
    it(`gives the homework's answer: ${hw.name}`, async () => {
      const settings = {
        stride: Number(hw.options.stride ?? 1),
        padding: Number(hw.options.padding ?? 0),
        dilation: 1,
        mode: 'zeros' as const,
        flip: hw.options.flip ?? false,
      };
      const { y } = await api['lab:kernel'](conv2dRequest(HOMEWORK_X, HOMEWORK_H, settings));
      expect(planeRows(y)).toEqual(hw.expected);
    });

  const x = Array.from({ length: 5 }, (_, r) =>
    Array.from({ length: 6 }, (_, c) => (((r * 6 + c) * 29) % 13) - 6),
  );
  const h = [
    [2, -1, 0],
    [0.5, 3, -2],
    [1, 0, -1],
  ];
  for (const mode of ['zeros', 'reflect', 'replicate', 'circular'] as const)
    it(`every cell's products sum to the kernel's output: ${mode}, strides 1-2, dilations 1-2`, async () => {
      for (const [stride, padding, dilation] of [
        [1, 1, 1],
        [2, 2, 1],
        [1, 2, 2],
        [2, 3, 2],
      ])
        for (const flip of [true, false]) {
          const settings = { stride, padding, dilation, mode, flip };
          const { y } = await api['lab:kernel'](conv2dRequest(x, h, settings));
          const padded = paddedInput(x, padding, mode);
          const rows = planeRows(y);
          rows.forEach((row, r) =>
            row.forEach((v, c) =>
              expect(outputCellProducts(padded, h, settings, r, c).sum).toBeCloseTo(v, 4),
            ),
          );
        }
    });

  it('refuses reflect padding as large as the input, with the kernel library’s message', async () => {
    await expect(
      api['lab:kernel'](
        conv2dRequest([[1, 2]], [[1]], { stride: 1, padding: 2, dilation: 1, mode: 'reflect', flip: true }),
      ),
    ).rejects.toThrow(/reflect padding smaller than the input/);
  });
});

// The 2-D instrument's pure arithmetic: padded inputs against numpy.pad's documented results, the
// products of every output cell summed against the homework's worked answers (test/helpers) and
// against the float64 reference kernel for every padding mode, stride and dilation; the output size
// formula's text and value; stepping through the cells.
import { describe, expect, it } from 'vitest';
import { conv2d } from '../../../native-kernels/reference/index.js';
import type { PaddingMode } from '../../../native-kernels/types.js';
import { conv2dRequest } from '../../../renderer/src/lab/convolution/conv2dRequest.js';
import {
  HOMEWORK_CASES,
  HOMEWORK_H as UI_H,
  HOMEWORK_X as UI_X,
} from '../../../renderer/src/lab/convolution/homeworkConv2d.js';
import {
  appliedKernel,
  outputCellProducts,
} from '../../../renderer/src/lab/convolution/outputCellProducts.js';
import { outputSizeFormula } from '../../../renderer/src/lab/convolution/outputSizeFormula.js';
import { paddedInput } from '../../../renderer/src/lab/convolution/paddedInput.js';
import { arrowStep, rasterStep } from '../../../renderer/src/lab/convolution/rasterStep.js';
import { resizeMatrix } from '../../../renderer/src/lab/convolution/resizeMatrix.js';
import { HOMEWORK_CONV_CASES, HOMEWORK_H, HOMEWORK_X } from '../../helpers/homeworkConvolution.js';

const rows = (flat: number[], w: number) =>
  Array.from({ length: flat.length / w }, (_, r) => flat.slice(r * w, (r + 1) * w));

/** Every output cell by products, as the instrument steps through them. */
function byProducts(
  x: number[][],
  h: number[][],
  o: { stride: number; padding: number; dilation: number; mode: PaddingMode; flip: boolean },
) {
  const padded = paddedInput(x, o.padding, o.mode);
  const span = (n: number, k: number) =>
    Math.floor((n + 2 * o.padding - o.dilation * (k - 1) - 1) / o.stride) + 1;
  const oh = span(x.length, h.length);
  const ow = span(x[0].length, h[0].length);
  return Array.from({ length: oh }, (_, r) =>
    Array.from({ length: ow }, (_, c) => outputCellProducts(padded, h, o, r, c).sum),
  );
}

describe('the homework inputs', () => {
  it('are the fixture’s x = 1..25 and h = [[-1,-2,-1],[0,0,0],[1,2,1]]', () => {
    expect(UI_X.flat()).toEqual(HOMEWORK_X);
    expect(UI_H.flat()).toEqual(HOMEWORK_H);
  });
});

describe('paddedInput', () => {
  // numpy.pad([1, 2, 3], 2, mode) per numpy's documentation: reflect [3 2 1 2 3 2 1],
  // edge [1 1 1 2 3 3 3], wrap [2 3 1 2 3 1 2], constant [0 0 1 2 3 0 0].
  const cases: [PaddingMode, number[]][] = [
    ['reflect', [3, 2, 1, 2, 3, 2, 1]],
    ['replicate', [1, 1, 1, 2, 3, 3, 3]],
    ['circular', [2, 3, 1, 2, 3, 1, 2]],
    ['zeros', [0, 0, 1, 2, 3, 0, 0]],
  ];
  for (const [mode, expected] of cases)
    it(`pads like numpy: ${mode}`, () => {
      const p = paddedInput([[1, 2, 3]], 2, mode);
      // The middle row is the input row itself (row padding uses the same rule).
      expect(p.values[2]).toEqual(expected);
      expect(p.values).toHaveLength(5);
    });

  it('records which input cell each padded cell copies (null for zeros)', () => {
    const x = [
      [1, 2],
      [3, 4],
    ];
    const z = paddedInput(x, 1, 'zeros');
    expect(z.values).toEqual([
      [0, 0, 0, 0],
      [0, 1, 2, 0],
      [0, 3, 4, 0],
      [0, 0, 0, 0],
    ]);
    expect(z.source[0][0]).toBeNull();
    expect(z.source[1][1]).toEqual([0, 0]);
    const c = paddedInput(x, 1, 'circular');
    expect(c.values[0]).toEqual([4, 3, 4, 3]);
    expect(c.source[0][0]).toEqual([1, 1]);
  });
});

describe('outputCellProducts', () => {
  for (const hw of HOMEWORK_CONV_CASES)
    it(`sums to the homework's worked answer: ${hw.name}`, () => {
      const o = {
        stride: Number(hw.options.stride ?? 1),
        padding: Number(hw.options.padding ?? 0),
        dilation: 1,
        mode: 'zeros' as const,
        flip: hw.options.flip ?? false,
      };
      expect(byProducts(UI_X, UI_H, o)).toEqual(hw.expected);
    });

  it('the instrument’s homework cases are 2(c) and 2(d) i, ii of the fixture', () => {
    const expected = HOMEWORK_CONV_CASES.filter((c) => c.options.flip);
    expect(HOMEWORK_CASES.map((c) => byProducts(UI_X, UI_H, c.settings))).toEqual(
      expected.map((c) => c.expected),
    );
  });

  it('shows the 2(d) i corner cell y[0, 0] as the window times h rotated: −19', () => {
    const cell = outputCellProducts(
      paddedInput(UI_X, 1, 'zeros'),
      UI_H,
      { stride: 1, dilation: 1, flip: true },
      0,
      0,
    );
    expect(cell.taps.map((t) => t.weight)).toEqual([1, 2, 1, 0, 0, 0, -1, -2, -1]);
    expect(cell.taps.map((t) => t.value)).toEqual([0, 0, 0, 0, 1, 2, 0, 6, 7]);
    expect(cell.taps.map((t) => t.product)).toEqual([0, 0, 0, 0, 0, 0, -0, -12, -7]);
    expect(cell.sum).toBe(-19);
  });

  it('rotates h by 180° for convolution only', () => {
    expect(
      appliedKernel(
        [
          [1, 2],
          [3, 4],
        ],
        true,
      ),
    ).toEqual([
      [4, 3],
      [2, 1],
    ]);
    expect(
      appliedKernel(
        [
          [1, 2],
          [3, 4],
        ],
        false,
      ),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  // A deterministic, non-symmetric x and h so a wrong orientation or offset cannot hide.
  const x = Array.from({ length: 6 }, (_, r) =>
    Array.from({ length: 7 }, (_, c) => (((r * 7 + c) * 37) % 11) - 5),
  );
  const h = [
    [1, -2, 0.5],
    [3, 0, -1],
  ];
  for (const mode of ['zeros', 'reflect', 'replicate', 'circular'] as const)
    for (const [stride, padding, dilation] of [
      [1, 1, 1],
      [2, 2, 1],
      [1, 2, 2],
      [3, 1, 2],
    ])
      for (const flip of [true, false])
        it(`equals the reference kernel: ${mode}, S ${stride}, P ${padding}, D ${dilation}, flip ${flip}`, () => {
          const settings = { stride, padding, dilation, mode, flip };
          const req = conv2dRequest(x, h, settings);
          if (req.op !== 'conv2d') throw new Error('conv2d expected');
          const ref = conv2d(req.x, req.w, null, req.options);
          const got = byProducts(x, h, settings);
          expect(ref.shape).toEqual([1, 1, got.length, got[0].length]);
          rows(Array.from(ref.data), got[0].length).forEach((row, r) =>
            row.forEach((v, c) => expect(got[r][c]).toBeCloseTo(v, 12)),
          );
        });
});

describe('outputSizeFormula', () => {
  it('evaluates floor((H + 2P − D(K−1) − 1)/S) + 1 step by step', () => {
    expect(outputSizeFormula(5, 3, 2, 1, 1)).toEqual({
      text: 'floor((5 + 2·1 − 1·(3−1) − 1)/2) + 1 = floor(4/2) + 1 = 2 + 1 = 3',
      value: 3,
    });
    expect(outputSizeFormula(5, 3, 1, 0, 1).value).toBe(3);
    expect(outputSizeFormula(7, 2, 3, 1, 2).value).toBe(Math.floor((7 + 2 - 2 - 1) / 3) + 1);
    // Too small: the formula says so (the kernel refuses).
    expect(outputSizeFormula(2, 5, 1, 0, 1).value).toBeLessThanOrEqual(0);
  });
});

describe('stepping', () => {
  it('walks the cells in reading order and clamps at the ends', () => {
    expect(rasterStep(0, 2, 1, 3, 3)).toEqual([1, 0]);
    expect(rasterStep(1, 0, -1, 3, 3)).toEqual([0, 2]);
    expect(rasterStep(2, 2, 1, 3, 3)).toEqual([2, 2]);
    expect(rasterStep(0, 0, -1, 3, 3)).toEqual([0, 0]);
  });
  it('moves by arrow keys, Home and End, and ignores other keys', () => {
    expect(arrowStep(1, 1, 'ArrowUp', 3, 3)).toEqual([0, 1]);
    expect(arrowStep(0, 1, 'ArrowUp', 3, 3)).toEqual([0, 1]);
    expect(arrowStep(1, 1, 'ArrowRight', 3, 4)).toEqual([1, 2]);
    expect(arrowStep(1, 1, 'End', 3, 4)).toEqual([2, 3]);
    expect(arrowStep(1, 1, 'Home', 3, 4)).toEqual([0, 0]);
    expect(arrowStep(1, 1, 'a', 3, 4)).toBeNull();
  });
  it('resizes a matrix keeping its values', () => {
    expect(
      resizeMatrix(
        [
          [1, 2],
          [3, 4],
        ],
        3,
        1,
      ),
    ).toEqual([[1], [3], [0]]);
  });
});

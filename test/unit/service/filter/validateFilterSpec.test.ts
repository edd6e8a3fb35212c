// FilterSpec validation: one message template, TypeError for kinds and RangeError for values.
import { describe, expect, it } from 'vitest';
import type { FilterSpec } from '../../../../main/service/filter/filterSpec.js';
import { kernelFromRows } from '../../../../main/service/filter/kernelMatrix.js';
import { effectiveScale, validateFilterSpec } from '../../../../main/service/filter/validateFilterSpec.js';

function spec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: FilterSpec = {
    kernel: kernelFromRows([
      [1, 2, 1],
      [2, 4, 2],
      [1, 2, 1],
    ]),
    mode: 'correlation',
    border: 'reflect',
    normalize: false,
    scale: 1,
    offset: 0,
    mapping: 'clamp',
    channels: 'per-channel',
  };
  return { ...base, ...overrides };
}

const kernel = (rows: number, cols: number, fill = 1): Record<string, unknown> => ({
  rows,
  cols,
  data: new Float32Array(rows * cols).fill(fill),
});

describe('validateFilterSpec', () => {
  it('accepts a valid spec and returns the same object', () => {
    const s = spec();
    expect(validateFilterSpec(s)).toBe(s);
  });

  it('accepts odd, even and non-square sides from 1 to 31', () => {
    for (const [r, c] of [
      [1, 1],
      [2, 2],
      [4, 3],
      [1, 31],
      [31, 31],
      [30, 2],
    ]) {
      expect(() => validateFilterSpec(spec({ kernel: kernel(r, c) }))).not.toThrow();
    }
  });

  it('accepts a gradient pair of equal sizes', () => {
    expect(() => validateFilterSpec(spec({ kernel: kernel(2, 3), kernelY: kernel(2, 3) }))).not.toThrow();
  });

  const cases: [string, Record<string, unknown>, ErrorConstructor, string][] = [
    [
      'spec not an object',
      { __replace: 42 },
      TypeError,
      'Expected a filter spec object for spec but received 42',
    ],
    [
      'kernel missing',
      { kernel: undefined },
      TypeError,
      'Expected a kernel { rows, cols, data } for kernel but received undefined',
    ],
    [
      'rows 0',
      { kernel: kernel(0, 3) },
      RangeError,
      'Expected an integer between 1 and 31 for kernel.rows but received 0',
    ],
    [
      'cols 32',
      { kernel: kernel(3, 32) },
      RangeError,
      'Expected an integer between 1 and 31 for kernel.cols but received 32',
    ],
    [
      'rows fractional',
      { kernel: { rows: 1.5, cols: 1, data: new Float32Array(1) } },
      RangeError,
      'Expected an integer between 1 and 31 for kernel.rows but received 1.5',
    ],
    [
      'cols a string',
      { kernel: { rows: 1, cols: '3', data: new Float32Array(3) } },
      TypeError,
      'Expected a number for kernel.cols but received "3"',
    ],
    [
      'data a plain array',
      { kernel: { rows: 1, cols: 2, data: [1, 2] } },
      TypeError,
      'Expected a Float32Array for kernel.data but received [1, 2]',
    ],
    [
      'data float64',
      { kernel: { rows: 1, cols: 2, data: new Float64Array(2) } },
      TypeError,
      'Expected a Float32Array for kernel.data but received Float64Array of length 2',
    ],
    [
      'data too short',
      { kernel: { rows: 2, cols: 2, data: new Float32Array(3) } },
      RangeError,
      'Expected a Float32Array of length 4 (2x2) for kernel.data but received Float32Array of length 3',
    ],
    [
      'NaN weight',
      { kernel: { rows: 1, cols: 2, data: Float32Array.from([1, NaN]) } },
      RangeError,
      'Expected finite values (index 1 is not) for kernel.data but received NaN',
    ],
    [
      'infinite kernelY weight',
      { kernelY: { rows: 3, cols: 3, data: new Float32Array(9).fill(Infinity) } },
      RangeError,
      'Expected finite values (index 0 is not) for kernelY.data but received Infinity',
    ],
    [
      'kernelY of another size',
      { kernelY: kernel(5, 5) },
      RangeError,
      'Expected a 3x3 kernel (the size of kernel) for kernelY but received a 5x5 kernel',
    ],
    [
      'kernelY null',
      { kernelY: null },
      TypeError,
      'Expected a kernel { rows, cols, data } for kernelY but received null',
    ],
    [
      'mode',
      { mode: 'conv' },
      RangeError,
      `Expected one of 'convolution', 'correlation' for mode but received "conv"`,
    ],
    [
      'border',
      { border: 'mirror' },
      RangeError,
      `Expected one of 'zero', 'replicate', 'reflect', 'circular' for border but received "mirror"`,
    ],
    [
      'mapping a number',
      { mapping: 1 },
      TypeError,
      `Expected one of 'clamp', 'abs', 'shift128', 'stretch' for mapping but received 1`,
    ],
    [
      'channels',
      { channels: 'rgb' },
      RangeError,
      `Expected one of 'per-channel', 'luminance' for channels but received "rgb"`,
    ],
    ['normalize', { normalize: 'yes' }, TypeError, 'Expected a boolean for normalize but received "yes"'],
    ['scale NaN', { scale: NaN }, RangeError, 'Expected a finite number for scale but received NaN'],
    [
      'offset infinite',
      { offset: -Infinity },
      RangeError,
      'Expected a finite number for offset but received -Infinity',
    ],
    [
      'offset missing',
      { offset: undefined },
      TypeError,
      'Expected a number for offset but received undefined',
    ],
  ];

  it.each(cases)('%s', (_label, overrides, kind, message) => {
    const value = '__replace' in overrides ? overrides.__replace : spec(overrides);
    let caught: unknown;
    try {
      validateFilterSpec(value);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(kind);
    expect((caught as Error).message).toBe(message);
  });
});

describe('effectiveScale', () => {
  const s = (overrides: Record<string, unknown>): FilterSpec => validateFilterSpec(spec(overrides));

  it('is 1/sum when normalizing a kernel with a non-zero sum', () => {
    expect(effectiveScale(s({ normalize: true, scale: 7 }))).toBe(1 / 16);
    expect(effectiveScale(s({ normalize: true, kernel: kernelFromRows([[-1, -1]]) }))).toBe(-0.5);
  });

  it('is scale when not normalizing', () => {
    expect(effectiveScale(s({ normalize: false, scale: 7 }))).toBe(7);
  });

  it('is scale when the sum is zero, or zero to float32 rounding', () => {
    expect(effectiveScale(s({ normalize: true, scale: 3, kernel: kernelFromRows([[-1, 0, 1]]) }))).toBe(3);
    const residue = kernelFromRows([[0.1, 0.2, -0.3]]);
    expect(residue.data.reduce((a, b) => a + b, 0)).not.toBe(0);
    expect(effectiveScale(s({ normalize: true, scale: 2, kernel: residue }))).toBe(2);
    expect(effectiveScale(s({ normalize: true, scale: 2, kernel: kernelFromRows([[0, 0]]) }))).toBe(2);
  });
});

// Kernel text and kernel files: what parses, what round-trips, and every error message.
import { describe, expect, it } from 'vitest';
import type { FilterSpec } from '../../../../main/service/filter/filterSpec.js';
import { kernelFromRows, kernelToRows } from '../../../../main/service/filter/kernelMatrix.js';
import {
  DEFAULT_KERNEL_FILE_OPTIONS,
  KernelParseError,
  MAX_KERNEL_TEXT_LENGTH,
  formatKernelFile,
  formatKernelText,
  kernelFileToSpec,
  parseKernelFile,
  parseKernelText,
  shortestFloat32,
  specToKernelFile,
} from '../../../../main/service/filter/parseKernel.js';
import { PRESETS, presetSpec } from '../../../../main/service/filter/presets.js';
import { mulberry32 } from '../../../helpers/random.js';

function parseError(f: () => unknown): KernelParseError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(KernelParseError);
    expect((err as Error).message).not.toContain('\n');
    return err as KernelParseError;
  }
  return expect.fail('expected a KernelParseError');
}

describe('parseKernelText', () => {
  it('parses the homework kernel', () => {
    const k = parseKernelText('1,2,1;0,0,0;-1,-2,-1');
    expect([k.rows, k.cols]).toEqual([3, 3]);
    expect(kernelToRows(k)).toEqual([
      [1, 2, 1],
      [0, 0, 0],
      [-1, -2, -1],
    ]);
  });

  it('accepts whitespace, mixed separators, newlines as rows, a trailing ";" and fractions', () => {
    const expected = [
      [1, 2],
      [3, 4],
    ];
    for (const text of [
      '1 2; 3 4',
      ' 1,  2 ;\n 3 ,4 ',
      '1\t2;3 4;',
      '1 2\n3 4',
      '\n1, 2\r\n3, 4\n\n',
      '+1 2e0; 0.3e1 4.',
      '2/2 4/2; 9/3 16/4',
    ]) {
      expect(kernelToRows(parseKernelText(text)), JSON.stringify(text)).toEqual(expected);
    }
    expect(kernelToRows(parseKernelText('1/16 .5 -1e-3'))).toEqual([
      [Math.fround(1 / 16), 0.5, Math.fround(-1e-3)],
    ]);
  });

  it('accepts even and non-square sizes up to 31 x 31', () => {
    expect(parseKernelText('1 2 3 4').cols).toBe(4);
    const big = Array.from({ length: 31 }, () => Array(31).fill('1').join(',')).join(';');
    const k = parseKernelText(big);
    expect([k.rows, k.cols]).toEqual([31, 31]);
  });

  const errors: [string, string, string][] = [
    ['empty', '', 'kernel text is empty'],
    ['blank', '  \n ', 'kernel text is empty'],
    ['short row', '1,2,1;0,0;1,2,1', 'row 2 has 2 values, expected 3'],
    ['long row', '1;2 3', 'row 2 has 2 values, expected 1'],
    ['empty row', '1,2;;3,4', 'row 2 is empty'],
    ['empty value', '1,,2', 'row 1 value 2 is empty (two commas in a row?)'],
    ['leading comma', '1,2;,3,4', 'row 2 value 1 is empty (two commas in a row?)'],
    ['word', '1,2;3,abc', 'row 2 value 2 is not a number: "abc"'],
    ['hex', '0x10', 'row 1 value 1 is not a number: "0x10"'],
    ['Infinity word', 'Infinity', 'row 1 value 1 is not a number: "Infinity"'],
    ['NaN word', '1 NaN', 'row 1 value 2 is not a number: "NaN"'],
    ['two slashes', '1/2/3', 'row 1 value 1 is not a number: "1/2/3"'],
    ['long token', `1 ${'9'.repeat(30)}x`, `row 1 value 2 is not a number: "${'9'.repeat(24)}…"`],
    ['overflow', '1 1e999', 'row 1 value 2 is not finite: 1e999'],
    ['divide by zero', '1/0', 'row 1 value 1 is not finite: 1/0'],
    ['float32 overflow', '1e39', 'row 1 value 1 is outside the float32 range: 1e39'],
    ['too many rows', Array(32).fill('1').join(';'), 'kernel has 32 rows; at most 31 are allowed'],
    [
      'too many values',
      Array(32).fill('1').join(','),
      'row 1 has more than 31 values; at most 31 are allowed',
    ],
    [
      'too long',
      '1,'.repeat(60_000),
      `kernel text is 120000 characters long; at most ${MAX_KERNEL_TEXT_LENGTH} are allowed`,
    ],
  ];

  it.each(errors)('%s', (_label, text, message) => {
    expect(parseError(() => parseKernelText(text)).message).toBe(message);
  });

  it('a non-string', () => {
    expect(parseError(() => parseKernelText(42 as unknown as string)).message).toBe(
      'kernel text must be a string, not number',
    );
  });
});

describe('formatKernelText', () => {
  it('writes the shortest decimals and round-trips float32 weights exactly', () => {
    const k = kernelFromRows([
      [1 / 9, -2.5],
      [1e-7, 3],
    ]);
    const text = formatKernelText(k);
    expect(text).toBe('0.11111111, -2.5; 1e-7, 3');
    expect(parseKernelText(text).data).toEqual(k.data);
  });

  it('round-trips random float32 kernels', () => {
    const rand = mulberry32(11);
    for (let t = 0; t < 20; t++) {
      const rows = 1 + Math.floor(rand() * 8);
      const cols = 1 + Math.floor(rand() * 8);
      const data = Float32Array.from({ length: rows * cols }, () => (rand() - 0.5) * 10 ** (rand() * 12 - 6));
      const k = { rows, cols, data };
      expect(parseKernelText(formatKernelText(k))).toEqual(k);
    }
  });

  it('shortestFloat32 returns the fewest digits that read back as the same float32', () => {
    expect(shortestFloat32(Math.fround(0.1))).toBe(0.1);
    expect(shortestFloat32(Math.fround(1 / 3))).toBe(0.33333334);
    expect(shortestFloat32(16)).toBe(16);
  });
});

describe('kernel files', () => {
  it.each(PRESETS.map((p) => p.id))('round-trips the %s preset spec', (id) => {
    const spec = presetSpec(id);
    expect(parseKernelFile(formatKernelFile(spec))).toEqual(spec);
    expect(kernelFileToSpec(JSON.parse(JSON.stringify(specToKernelFile(spec))))).toEqual(spec);
  });

  it('round-trips every option', () => {
    const spec: FilterSpec = {
      kernel: kernelFromRows([
        [0.1, -0.2],
        [0.3, 1e-6],
      ]),
      kernelY: kernelFromRows([
        [1, 2],
        [3, 4],
      ]),
      mode: 'convolution',
      border: 'circular',
      normalize: true,
      scale: 0.25,
      offset: -12.5,
      mapping: 'stretch',
      channels: 'luminance',
    };
    expect(parseKernelFile(formatKernelFile(spec))).toEqual(spec);
  });

  it('writes one row per line with every option explicit', () => {
    expect(formatKernelFile(presetSpec('sobel-x'))).toBe(
      [
        '{',
        '  "version": 1,',
        '  "kernel": [',
        '    [-1, 0, 1],',
        '    [-2, 0, 2],',
        '    [-1, 0, 1]',
        '  ],',
        '  "mode": "correlation",',
        '  "border": "reflect",',
        '  "normalize": false,',
        '  "scale": 1,',
        '  "offset": 0,',
        '  "mapping": "abs",',
        '  "channels": "per-channel"',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('fills missing options with the defaults', () => {
    const spec = parseKernelFile('{"kernel": [[1, 2, 1]]}');
    expect(spec).toEqual({ ...DEFAULT_KERNEL_FILE_OPTIONS, kernel: kernelFromRows([[1, 2, 1]]) });
    expect(spec.kernelY).toBeUndefined();
  });

  const errors: [string, string, string][] = [
    ['not JSON', '{kernel: 1}', 'kernel file is not valid JSON: '],
    ['an array', '[[1]]', 'kernel file must be a JSON object, not an array'],
    ['null', 'null', 'kernel file must be a JSON object, not null'],
    ['no kernel', '{"mode": "convolution"}', 'kernel file has no "kernel"'],
    [
      'unknown key',
      '{"kernel": [[1]], "mapings": "abs"}',
      'kernel file has an unknown key "mapings" (allowed: ',
    ],
    ['prototype key', '{"kernel": [[1]], "__proto__": {}}', 'kernel file has an unknown key "__proto__"'],
    ['version', '{"version": 2, "kernel": [[1]]}', 'kernel file version 2 is not supported (expected 1)'],
    ['kernel a string', '{"kernel": "1,2,1"}', 'kernel must be an array of rows, not the string "1,2,1"'],
    ['no rows', '{"kernel": []}', 'kernel has no rows'],
    ['row not array', '{"kernel": [[1], 2]}', 'kernel row 2 is not an array: 2'],
    ['empty row', '{"kernel": [[]]}', 'kernel row 1 is empty'],
    ['string value', '{"kernel": [[1, "2"]]}', 'kernel row 1 value 2 is not a number: the string "2"'],
    ['null value', '{"kernel": [[1], [null]]}', 'kernel row 2 value 1 is not a number: null'],
    ['unequal rows', '{"kernel": [[1, 2, 1], [0, 0]]}', 'kernel row 2 has 2 values, expected 3'],
    ['overflow', '{"kernel": [[1e999]]}', 'kernel row 1 value 1 is not finite: Infinity'],
    ['float32 overflow', '{"kernel": [[1e39]]}', 'kernel row 1 value 1 is outside the float32 range: 1e+39'],
    [
      'too many rows',
      `{"kernel": ${JSON.stringify(Array(32).fill([1]))}}`,
      'kernel has 32 rows; at most 31 are allowed',
    ],
    [
      'too many values',
      `{"kernel": [${JSON.stringify(Array(40).fill(1))}]}`,
      'kernel row 1 has 40 values; at most 31 are allowed',
    ],
    ['kernelY rows', '{"kernel": [[1]], "kernelY": [[1], [2, 3]]}', 'kernelY row 2 has 2 values, expected 1'],
    [
      'kernelY size',
      '{"kernel": [[1, 2]], "kernelY": [[1], [2]]}',
      'Expected a 1x2 kernel (the size of kernel) for kernelY but received a 2x1 kernel',
    ],
    [
      'bad mode',
      '{"kernel": [[1]], "mode": "conv"}',
      `Expected one of 'convolution', 'correlation' for mode but received "conv"`,
    ],
    [
      'bad border',
      '{"kernel": [[1]], "border": "mirror"}',
      `Expected one of 'zero', 'replicate', 'reflect', 'circular' for border but received "mirror"`,
    ],
    ['bad normalize', '{"kernel": [[1]], "normalize": 1}', 'Expected a boolean for normalize but received 1'],
    ['bad scale', '{"kernel": [[1]], "scale": "2"}', 'Expected a number for scale but received "2"'],
    [
      'infinite offset',
      '{"kernel": [[1]], "offset": -1e999}',
      'Expected a finite number for offset but received -Infinity',
    ],
    [
      'bad mapping',
      '{"kernel": [[1]], "mapping": null}',
      `Expected one of 'clamp', 'abs', 'shift128', 'stretch' for mapping but received null`,
    ],
    [
      'bad channels',
      '{"kernel": [[1]], "channels": "rgb"}',
      `Expected one of 'per-channel', 'luminance' for channels but received "rgb"`,
    ],
    [
      'too long',
      `{"kernel": [[1]], "pad": "${' '.repeat(MAX_KERNEL_TEXT_LENGTH)}"}`,
      `kernel file is ${MAX_KERNEL_TEXT_LENGTH + 28} characters long; at most ${MAX_KERNEL_TEXT_LENGTH} are allowed`,
    ],
  ];

  it.each(errors)('%s', (_label, text, message) => {
    const got = parseError(() => parseKernelFile(text)).message;
    expect(got.slice(0, message.length)).toBe(message);
  });

  it('wraps validation failures with the original error as the cause', () => {
    const err = parseError(() => parseKernelFile('{"kernel": [[1]], "scale": "2"}'));
    expect(err.cause).toBeInstanceOf(TypeError);
  });

  it('kernelFileToSpec rejects non-JSON values it may be handed directly', () => {
    expect(parseError(() => kernelFileToSpec(undefined)).message).toBe(
      'kernel file must be a JSON object, not undefined',
    );
    expect(parseError(() => kernelFileToSpec({ kernel: [[new Float32Array(1)]] })).message).toBe(
      'kernel row 1 value 1 is not a number: an object',
    );
  });

  it('specToKernelFile refuses an invalid spec', () => {
    expect(() => specToKernelFile({ ...presetSpec('identity'), scale: NaN })).toThrow(RangeError);
  });
});

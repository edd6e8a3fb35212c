import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KERNEL_FILE_OPTIONS,
  KERNEL_FILE_VERSION as BACKEND_VERSION,
  MAX_KERNEL_TEXT_LENGTH,
  formatKernelFile as backendFormat,
  parseKernelFile,
  specToKernelFile,
} from '../../../main/service/filter/parseKernel.js';
import { MAX_KERNEL_SIDE as BACKEND_MAX_SIDE } from '../../../main/service/filter/kernelMatrix.js';
import {
  BORDER_MODES as BACKEND_BORDERS,
  CHANNEL_MODES as BACKEND_CHANNELS,
  FILTER_MODES as BACKEND_MODES,
  OUTPUT_MAPPINGS as BACKEND_MAPPINGS,
} from '../../../main/service/filter/validateFilterSpec.js';
import { formatKernelFile } from '../../../renderer/src/studio/kernel/formatKernelFile.js';
import {
  BORDER_MODES,
  CHANNEL_MODES,
  FILTER_MODES,
  KERNEL_FILE_DEFAULTS,
  KERNEL_FILE_VERSION,
  MAX_KERNEL_FILE_LENGTH,
  MAX_KERNEL_SIDE,
  OUTPUT_MAPPINGS,
  completeKernelFile,
} from '../../../renderer/src/studio/kernel/kernelFileDefaults.js';
import { KernelFileError } from '../../../renderer/src/studio/kernel/kernelFileError.js';
import {
  parseKernelFileText,
  validateKernelFile,
} from '../../../renderer/src/studio/kernel/validateKernelFile.js';

const sobel = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];

/** The message the renderer gives, or null when it accepts the file. */
function rendererVerdict(json: unknown): string | null {
  try {
    validateKernelFile(json);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(KernelFileError);
    return (err as Error).message;
  }
}

function backendAccepts(json: unknown): boolean {
  try {
    parseKernelFile(JSON.stringify(json));
    return true;
  } catch {
    return false;
  }
}

const BAD: [string, unknown, RegExp][] = [
  ['not an object', [[1]], /must be a JSON object, not an array/],
  ['null', null, /not null/],
  ['no kernel', { mode: 'convolution' }, /has no "kernel"/],
  ['unknown key', { kernel: [[1]], mapings: 'abs' }, /unknown key "mapings"/],
  ['future version', { version: 2, kernel: [[1]] }, /version 2 is not supported/],
  ['kernel not rows', { kernel: [1, 2, 3] }, /kernel row 1 is not an array: 1/],
  ['kernel a string', { kernel: '1,2,3' }, /kernel must be an array of rows, not the string/],
  ['no rows', { kernel: [] }, /kernel has no rows/],
  ['empty row', { kernel: [[]] }, /kernel row 1 is empty/],
  ['ragged', { kernel: [[1, 2], [3]] }, /kernel row 2 has 1 values, expected 2/],
  ['string value', { kernel: [[1, '2']] }, /kernel row 1 value 2 is not a number: the string "2"/],
  ['null value', { kernel: [[1, null]] }, /value 2 is not a number: null/],
  ['beyond float32', { kernel: [[1e39]] }, /outside the float32 range/],
  ['too many rows', { kernel: Array.from({ length: 32 }, () => [1]) }, /32 rows; at most 31/],
  ['too many columns', { kernel: [new Array(32).fill(1)] }, /32 values; at most 31/],
  [
    'kernelY size',
    { kernel: sobel, kernelY: [[1]] },
    /kernelY is 1x1 but must be the size of kernel \(3x3\)/,
  ],
  ['kernelY ragged', { kernel: sobel, kernelY: [[1, 2, 3], [1]] }, /kernelY row 2/],
  ['mode', { kernel: [[1]], mode: 'conv' }, /"mode" must be one of/],
  ['border', { kernel: [[1]], border: 'wrap' }, /"border" must be one of/],
  ['mapping', { kernel: [[1]], mapping: 1 }, /"mapping" must be one of .*, not 1/],
  ['channels', { kernel: [[1]], channels: 'rgb' }, /"channels" must be one of/],
  ['normalize', { kernel: [[1]], normalize: 'yes' }, /"normalize" must be true or false/],
  ['scale', { kernel: [[1]], scale: '2' }, /"scale" must be a finite number/],
  ['offset', { kernel: [[1]], offset: null }, /"offset" must be a finite number, not null/],
];

describe('validateKernelFile', () => {
  it.each(BAD)('rejects %s with a clear one-line message, as the back end does', (_, json, message) => {
    const verdict = rendererVerdict(json);
    expect(verdict).toMatch(message);
    expect(verdict).not.toContain('\n');
    expect(backendAccepts(json)).toBe(false);
  });

  it('accepts what the back end accepts and fills in its defaults', () => {
    const good: unknown[] = [
      { kernel: [[1]] },
      { version: 1, kernel: sobel, kernelY: sobel, mapping: 'abs', normalize: false },
      {
        kernel: [[1, 2]],
        mode: 'convolution',
        border: 'circular',
        scale: 0.5,
        offset: -3,
        channels: 'luminance',
      },
      { kernel: Array.from({ length: 31 }, () => new Array(31).fill(0.001)) },
    ];
    for (const json of good) {
      expect(rendererVerdict(json)).toBeNull();
      expect(backendAccepts(json)).toBe(true);
      const spec = parseKernelFile(JSON.stringify(json));
      const { version: _v, kernel: _k, kernelY: _ky, ...options } = validateKernelFile(json);
      const { kernel: _sk, kernelY: _sky, ...backendOptions } = spec;
      expect(options).toEqual(backendOptions);
    }
  });

  it('returns every option written out', () => {
    expect(validateKernelFile({ kernel: [[2]] })).toEqual({
      version: 1,
      kernel: [[2]],
      ...KERNEL_FILE_DEFAULTS,
    });
  });

  it('parses text, reporting bad JSON and overlong files', () => {
    expect(parseKernelFileText('{"kernel": [[1, 2, 1]]}').kernel).toEqual([[1, 2, 1]]);
    expect(() => parseKernelFileText('{kernel: 1}')).toThrow(/^the kernel file is not valid JSON: /);
    expect(() => parseKernelFileText(' '.repeat(MAX_KERNEL_FILE_LENGTH + 1))).toThrow(/at most 100000/);
  });
});

describe('the renderer mirrors the back end', () => {
  it('uses the same defaults, limits and option values', () => {
    expect(KERNEL_FILE_DEFAULTS).toEqual(DEFAULT_KERNEL_FILE_OPTIONS);
    expect(MAX_KERNEL_SIDE).toBe(BACKEND_MAX_SIDE);
    expect(KERNEL_FILE_VERSION).toBe(BACKEND_VERSION);
    expect(MAX_KERNEL_FILE_LENGTH).toBe(MAX_KERNEL_TEXT_LENGTH);
    expect([...FILTER_MODES].sort()).toEqual([...BACKEND_MODES].sort());
    expect([...BORDER_MODES].sort()).toEqual([...BACKEND_BORDERS].sort());
    expect([...OUTPUT_MAPPINGS].sort()).toEqual([...BACKEND_MAPPINGS].sort());
    expect([...CHANNEL_MODES].sort()).toEqual([...BACKEND_CHANNELS].sort());
  });

  it('saves files the back end reads and writes the same way', () => {
    const file = completeKernelFile({
      kernel: sobel,
      kernelY: [
        [1, 2, 1],
        [0, 0, 0],
        [-1, -2, -0.5],
      ],
      mapping: 'abs',
    });
    const text = formatKernelFile(file);
    expect(parseKernelFileText(text)).toEqual(file);
    const spec = parseKernelFile(text);
    expect(specToKernelFile(spec)).toEqual(file);
    expect(text).toBe(backendFormat(spec));
  });
});

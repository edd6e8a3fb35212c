/**
 * The renderer's check of a kernel file before it becomes the draft: the same rules as the back
 * end's kernelFileToSpec (JSON object, known keys, version 1, rectangular rows of finite float32
 * numbers, sides 1..31, kernelY the size of kernel, known option values), so a bad file is
 * reported where it was chosen, in one line, instead of failing later in a preview call.
 */
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
} from './kernelFileDefaults.js';
import { KernelFileError } from './kernelFileError.js';
import type { CompleteKernelFile, Grid } from './types.js';

const FILE_KEYS = ['version', 'kernel', 'kernelY', ...Object.keys(KERNEL_FILE_DEFAULTS)];

function fail(message: string): never {
  throw new KernelFileError(message);
}

/** A JSON value described without echoing large content. */
function describe(v: unknown): string {
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 24 ? `${v.slice(0, 24)}…` : v)}`;
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object' && v !== null) return 'an object';
  return String(v);
}

function gridFromJson(value: unknown, label: string): Grid {
  if (!Array.isArray(value)) fail(`${label} must be an array of rows, not ${describe(value)}`);
  if (value.length === 0) fail(`${label} has no rows`);
  if (value.length > MAX_KERNEL_SIDE)
    fail(`${label} has ${value.length} rows; at most ${MAX_KERNEL_SIDE} are allowed`);
  let cols = 0;
  return value.map((row: unknown, r) => {
    if (!Array.isArray(row)) fail(`${label} row ${r + 1} is not an array: ${describe(row)}`);
    if (row.length === 0) fail(`${label} row ${r + 1} is empty`);
    if (row.length > MAX_KERNEL_SIDE)
      fail(`${label} row ${r + 1} has ${row.length} values; at most ${MAX_KERNEL_SIDE} are allowed`);
    if (r === 0) cols = row.length;
    else if (row.length !== cols) fail(`${label} row ${r + 1} has ${row.length} values, expected ${cols}`);
    return row.map((v: unknown, c) => {
      const where = `${label} row ${r + 1} value ${c + 1}`;
      if (typeof v !== 'number') fail(`${where} is not a number: ${describe(v)}`);
      if (!Number.isFinite(v)) fail(`${where} is not finite: ${v}`);
      // The back end stores weights as float32, where 1e39 is no longer finite.
      if (!Number.isFinite(Math.fround(v))) fail(`${where} is outside the float32 range: ${v}`);
      return v;
    });
  });
}

function oneOf<T extends string>(key: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    fail(`"${key}" must be one of ${allowed.join(', ')}, not ${describe(value)}`);
  return value as T;
}

function finite(key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(`"${key}" must be a finite number, not ${describe(value)}`);
  return value;
}

/** Checks a parsed kernel file (any JSON value) and returns it with every option written out. */
export function validateKernelFile(json: unknown): CompleteKernelFile {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    fail(`a kernel file must be a JSON object, not ${describe(json)}`);
  const record = json as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    // Unknown keys are usually typos ("mapings") that would otherwise be silently ignored.
    if (!FILE_KEYS.includes(key))
      fail(`the kernel file has an unknown key ${JSON.stringify(key)} (allowed: ${FILE_KEYS.join(', ')})`);
  }
  if (record.version !== undefined && record.version !== KERNEL_FILE_VERSION)
    fail(
      `kernel file version ${describe(record.version)} is not supported (expected ${KERNEL_FILE_VERSION})`,
    );
  if (record.kernel === undefined) fail('the kernel file has no "kernel"');
  const kernel = gridFromJson(record.kernel, 'kernel');
  const kernelY = record.kernelY === undefined ? undefined : gridFromJson(record.kernelY, 'kernelY');
  if (kernelY && (kernelY.length !== kernel.length || kernelY[0].length !== kernel[0].length))
    fail(
      `kernelY is ${kernelY.length}x${kernelY[0].length} but must be the size of kernel (${kernel.length}x${kernel[0].length})`,
    );
  const optional = <T>(key: string, check: (key: string, v: unknown) => T): T | undefined =>
    record[key] === undefined ? undefined : check(key, record[key]);
  const normalize = optional('normalize', (key, v) => {
    if (typeof v !== 'boolean') fail(`"${key}" must be true or false, not ${describe(v)}`);
    return v;
  });
  return completeKernelFile({
    kernel,
    kernelY,
    mode: optional('mode', (k, v) => oneOf(k, v, FILTER_MODES)),
    border: optional('border', (k, v) => oneOf(k, v, BORDER_MODES)),
    normalize,
    scale: optional('scale', finite),
    offset: optional('offset', finite),
    mapping: optional('mapping', (k, v) => oneOf(k, v, OUTPUT_MAPPINGS)),
    channels: optional('channels', (k, v) => oneOf(k, v, CHANNEL_MODES)),
  });
}

/** Parses and checks the text of a kernel file (JSON, at most MAX_KERNEL_FILE_LENGTH characters). */
export function parseKernelFileText(text: string): CompleteKernelFile {
  if (text.length > MAX_KERNEL_FILE_LENGTH)
    fail(`the kernel file is ${text.length} characters long; at most ${MAX_KERNEL_FILE_LENGTH} are allowed`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    fail(
      `the kernel file is not valid JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    );
  }
  return validateKernelFile(json);
}

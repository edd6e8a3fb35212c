/**
 * Kernels from text the user types or pastes, and the JSON kernel file the app saves and loads.
 * Input may be hostile (any pasted text, any file), so length is capped before any work and every
 * failure is a KernelParseError with a one-line message naming the row and value at fault.
 *
 * Text: rows separated by ';' (newlines then act as spaces), or by newlines when there is no ';';
 * values separated by ',' or whitespace; a value is a decimal number ("-2", "0.25", "1e-3") or a
 * fraction of two ("1/16"). Example: "1,2,1;0,0,0;-1,-2,-1".
 *
 * File (JSON): { "version"?: 1, "kernel": number[][], "kernelY"?: number[][], "mode"?, "border"?,
 * "normalize"?, "scale"?, "offset"?, "mapping"?, "channels"? } with FilterSpec's field meanings;
 * missing options take DEFAULT_KERNEL_FILE_OPTIONS, unknown keys are rejected (a typo such as
 * "mapings" would otherwise be silently ignored).
 */
import {
  KERNEL_FILE_DEFAULTS,
  KERNEL_FILE_VERSION,
  MAX_KERNEL_SIDE,
  MAX_KERNEL_TEXT_LENGTH,
  kernelFileText,
  type KernelFile,
} from '../../../preload/kernelFile.js';
import type { FilterSpec, KernelMatrix } from './filterSpec.js';
import { kernelToRows } from './kernelMatrix.js';
import { validateFilterSpec } from './validateFilterSpec.js';

// The file's fields, limits and defaults are defined once, with the contract (preload/kernelFile.ts).
export { KERNEL_FILE_VERSION, MAX_KERNEL_TEXT_LENGTH };
export type { KernelFile };

/** Every failure to parse kernel text or a kernel file; the message is one line. */
export class KernelParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KernelParseError';
  }
}

/** Options a kernel file may leave out, and what they mean (KERNEL_FILE_DEFAULTS). */
export const DEFAULT_KERNEL_FILE_OPTIONS: Omit<FilterSpec, 'kernel' | 'kernelY'> = KERNEL_FILE_DEFAULTS;

const FILE_KEYS = ['version', 'kernel', 'kernelY', ...Object.keys(DEFAULT_KERNEL_FILE_OPTIONS)];

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function fail(message: string, cause?: unknown): never {
  throw new KernelParseError(message, cause === undefined ? undefined : { cause });
}

function quote(token: string): string {
  return JSON.stringify(token.length > 24 ? `${token.slice(0, 24)}…` : token);
}

/** A JSON value described for a message, without echoing large or multi-line content. */
function describeJson(v: unknown): string {
  if (typeof v === 'string') return `the string ${quote(v)}`;
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object' && v !== null) return 'an object';
  return String(v);
}

function checkLength(text: unknown, what: string): string {
  if (typeof text !== 'string') fail(`${what} must be a string, not ${text === null ? 'null' : typeof text}`);
  if (text.length > MAX_KERNEL_TEXT_LENGTH)
    fail(`${what} is ${text.length} characters long; at most ${MAX_KERNEL_TEXT_LENGTH} are allowed`);
  return text;
}

/** A value that will be stored as float32: finite there too (1e39 is finite only in float64). */
function checkValue(value: number, where: string, token: string): number {
  if (!Number.isFinite(value)) fail(`${where} is not finite: ${token}`);
  if (!Number.isFinite(Math.fround(value))) fail(`${where} is outside the float32 range: ${token}`);
  return value;
}

function parseToken(token: string, where: string): number {
  const parts = token.split('/');
  if (parts.length > 2 || !parts.every((p) => NUMBER.test(p)))
    fail(`${where} is not a number: ${quote(token)}`);
  const value = parts.length === 2 ? Number(parts[0]) / Number(parts[1]) : Number(parts[0]);
  return checkValue(value, where, token);
}

/** Checks row count, row lengths and sides, and packs the rows into a KernelMatrix. */
function packRows(rows: readonly number[][], label: string): KernelMatrix {
  const prefix = label ? `${label} ` : '';
  if (rows.length === 0) fail(`${label || 'kernel'} has no rows`);
  if (rows.length > MAX_KERNEL_SIDE)
    fail(`${label || 'kernel'} has ${rows.length} rows; at most ${MAX_KERNEL_SIDE} are allowed`);
  const cols = rows[0].length;
  rows.forEach((row, r) => {
    if (row.length === 0) fail(`${prefix}row ${r + 1} is empty`);
    if (row.length > MAX_KERNEL_SIDE)
      fail(`${prefix}row ${r + 1} has ${row.length} values; at most ${MAX_KERNEL_SIDE} are allowed`);
    if (row.length !== cols) fail(`${prefix}row ${r + 1} has ${row.length} values, expected ${cols}`);
  });
  const data = new Float32Array(rows.length * cols);
  rows.forEach((row, r) => data.set(row, r * cols));
  return { rows: rows.length, cols, data };
}

function splitRows(text: string): string[] {
  if (text.includes(';')) {
    const rows = text.split(';');
    // One trailing ';' ("1,2;3,4;") is a common habit, not an empty row.
    if (rows.length > 1 && rows[rows.length - 1].trim() === '') rows.pop();
    return rows;
  }
  const lines = text.split(/\r?\n|\r/);
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

function parseRow(row: string, r: number): number[] {
  const pieces = row.split(',');
  const values: number[] = [];
  if (row.trim() === '') fail(`row ${r} is empty`);
  for (const piece of pieces) {
    const tokens = piece.trim() === '' ? [] : piece.trim().split(/\s+/);
    if (tokens.length === 0) fail(`row ${r} value ${values.length + 1} is empty (two commas in a row?)`);
    for (const token of tokens) values.push(parseToken(token, `row ${r} value ${values.length + 1}`));
    // Stop at the side limit: a hostile 100 kB row is reported without parsing all of it.
    if (values.length > MAX_KERNEL_SIDE)
      fail(`row ${r} has more than ${MAX_KERNEL_SIDE} values; at most ${MAX_KERNEL_SIDE} are allowed`);
  }
  return values;
}

/** Parses kernel text such as "1,2,1;0,0,0;-1,-2,-1" (sides 1..31, finite values). */
export function parseKernelText(text: string): KernelMatrix {
  checkLength(text, 'kernel text');
  if (text.trim() === '') fail('kernel text is empty');
  const rows = splitRows(text);
  if (rows.length > MAX_KERNEL_SIDE)
    fail(`kernel has ${rows.length} rows; at most ${MAX_KERNEL_SIDE} are allowed`);
  return packRows(
    rows.map((row, r) => parseRow(row, r + 1)),
    '',
  );
}

/** The shortest decimal that reads back as the same float32 (1/9 is written 0.11111111). */
export function shortestFloat32(v: number): number {
  for (let p = 1; p <= 9; p++) {
    const n = Number(v.toPrecision(p));
    if (Math.fround(n) === v) return n;
  }
  return v;
}

/** Kernel text that parseKernelText reads back to the same float32 weights: "1, 2, 1; 0, 0, 0". */
export function formatKernelText(kernel: KernelMatrix): string {
  return kernelToRows(kernel)
    .map((row) => row.map((v) => String(shortestFloat32(v))).join(', '))
    .join('; ');
}

function matrixFromJson(value: unknown, label: string): KernelMatrix {
  if (!Array.isArray(value)) fail(`${label} must be an array of rows, not ${describeJson(value)}`);
  if (value.length > MAX_KERNEL_SIDE)
    fail(`${label} has ${value.length} rows; at most ${MAX_KERNEL_SIDE} are allowed`);
  const rows = value.map((row: unknown, r) => {
    if (!Array.isArray(row)) fail(`${label} row ${r + 1} is not an array: ${describeJson(row)}`);
    if (row.length > MAX_KERNEL_SIDE)
      fail(`${label} row ${r + 1} has ${row.length} values; at most ${MAX_KERNEL_SIDE} are allowed`);
    return row.map((v: unknown, c) => {
      const where = `${label} row ${r + 1} value ${c + 1}`;
      if (typeof v !== 'number') fail(`${where} is not a number: ${describeJson(v)}`);
      return checkValue(v, where, String(v));
    });
  });
  return packRows(rows, label);
}

/** Turns a parsed kernel file (any JSON value) into a validated FilterSpec. */
export function kernelFileToSpec(file: unknown): FilterSpec {
  if (typeof file !== 'object' || file === null || Array.isArray(file))
    fail(`kernel file must be a JSON object, not ${describeJson(file)}`);
  const record = file as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!FILE_KEYS.includes(key))
      fail(`kernel file has an unknown key ${quote(key)} (allowed: ${FILE_KEYS.join(', ')})`);
  }
  if (record.version !== undefined && record.version !== KERNEL_FILE_VERSION)
    fail(
      `kernel file version ${describeJson(record.version)} is not supported (expected ${KERNEL_FILE_VERSION})`,
    );
  if (record.kernel === undefined) fail('kernel file has no "kernel"');
  const spec: Record<string, unknown> = { ...DEFAULT_KERNEL_FILE_OPTIONS };
  for (const key of Object.keys(DEFAULT_KERNEL_FILE_OPTIONS)) {
    if (record[key] !== undefined) spec[key] = record[key];
  }
  spec.kernel = matrixFromJson(record.kernel, 'kernel');
  if (record.kernelY !== undefined) spec.kernelY = matrixFromJson(record.kernelY, 'kernelY');
  try {
    return validateFilterSpec(spec);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err), err);
  }
}

/** Parses the text of a kernel file (JSON, at most MAX_KERNEL_TEXT_LENGTH characters). */
export function parseKernelFile(text: string): FilterSpec {
  checkLength(text, 'kernel file');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    fail(
      `kernel file is not valid JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      err,
    );
  }
  return kernelFileToSpec(json);
}

/** The kernel file for a spec (validated first); every option is written out explicitly. */
export function specToKernelFile(spec: FilterSpec): KernelFile {
  validateFilterSpec(spec);
  const rows = (k: KernelMatrix): number[][] => kernelToRows(k).map((row) => row.map(shortestFloat32));
  const file: KernelFile = { version: KERNEL_FILE_VERSION, kernel: rows(spec.kernel) };
  if (spec.kernelY) file.kernelY = rows(spec.kernelY);
  file.mode = spec.mode;
  file.border = spec.border;
  file.normalize = spec.normalize;
  file.scale = spec.scale;
  file.offset = spec.offset;
  file.mapping = spec.mapping;
  file.channels = spec.channels;
  return file;
}

/** The kernel file's text: JSON with one kernel row per line, ending in a newline. */
export function formatKernelFile(spec: FilterSpec): string {
  return kernelFileText(specToKernelFile(spec));
}

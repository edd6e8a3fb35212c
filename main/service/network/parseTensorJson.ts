/**
 * A JSON tensor file, {"shape": [1, 3, 32, 32], "data": [...]}, read as hostile: its size is capped
 * before it is read, its nesting depth before it is parsed, its shape (rank, each dimension, the
 * element count) before any tensor is allocated; the data must hold exactly the shape's count of
 * finite float32 numbers, flat in row-major order or nested exactly as the shape says.
 */
import { basename } from 'node:path';
import { ModelInputError } from './modelInputError.js';
import { readCappedFile } from './readCappedFile.js';

/** A 1x3x224x224 tensor written with full float precision is about 3.5 MB. */
export const MAX_TENSOR_FILE_BYTES = 64 * 1024 * 1024;
/** The object, then arrays nested at most as deep as the largest rank. */
export const MAX_TENSOR_JSON_DEPTH = 8;
export const MAX_TENSOR_RANK = 6;
export const MAX_TENSOR_DIM = 1 << 24;
export const MAX_TENSOR_FILE_ELEMENTS = 1 << 24;

export interface ParsedTensor {
  dims: number[];
  data: Float32Array;
}

function fail(name: string, message: string): never {
  throw new ModelInputError(`${name}: ${message}`);
}

/** The deepest [ or { nesting outside strings, stopping as soon as it passes `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Parses and checks the text of a tensor file; `name` labels the messages. */
export function parseTensorJson(text: string, name = 'tensor'): ParsedTensor {
  const depth = nestingDepth(text, MAX_TENSOR_JSON_DEPTH);
  if (depth > MAX_TENSOR_JSON_DEPTH)
    fail(name, `Expected JSON nested at most ${MAX_TENSOR_JSON_DEPTH} deep but received deeper nesting`);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    fail(name, `Expected JSON but received a parse error: ${(error as Error).message}`);
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root))
    fail(name, `Expected an object {"shape": [...], "data": [...]} but received ${describe(root)}`);
  const extra = Object.keys(root).filter((k) => k !== 'shape' && k !== 'data');
  if (extra.length > 0) fail(name, `Expected only the keys "shape" and "data" but received "${extra[0]}"`);
  const { shape, data } = root as { shape?: unknown; data?: unknown };
  if (!Array.isArray(shape) || shape.length < 1 || shape.length > MAX_TENSOR_RANK)
    fail(
      name,
      `Expected "shape" as an array of 1 to ${MAX_TENSOR_RANK} dimensions but received ${describe(shape)}`,
    );
  shape.forEach((d, i) => {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > MAX_TENSOR_DIM)
      fail(
        name,
        `Expected shape[${i}] to be an integer from 1 to ${MAX_TENSOR_DIM} but received ${describe(d)}`,
      );
  });
  const dims = shape as number[];
  const count = dims.reduce((a, b) => a * b, 1);
  if (count > MAX_TENSOR_FILE_ELEMENTS)
    fail(
      name,
      `Expected at most ${MAX_TENSOR_FILE_ELEMENTS} elements but received shape [${dims.join(', ')}] (${count})`,
    );
  if (!Array.isArray(data))
    fail(name, `Expected "data" as an array of numbers but received ${describe(data)}`);
  const nested = data.length > 0 && Array.isArray(data[0]);
  if (!nested && data.length !== count)
    fail(
      name,
      `Expected ${count} values in "data" for shape [${dims.join(', ')}] but received ${data.length}`,
    );
  const out = new Float32Array(count);
  let k = 0;
  const take = (value: unknown, where: string): void => {
    if (typeof value !== 'number' || !Number.isFinite(Math.fround(value)))
      fail(name, `Expected a finite float32 number at ${where} but received ${describe(value)}`);
    out[k++] = value;
  };
  if (!nested) data.forEach((v, i) => take(v, `data[${i}]`));
  else {
    // Nested exactly as the shape: each level an array of that dimension's length.
    const walk = (value: unknown, level: number, where: string): void => {
      if (level === dims.length) return take(value, where);
      if (!Array.isArray(value) || value.length !== dims[level])
        fail(
          name,
          `Expected an array of ${dims[level]} at ${where} (shape [${dims.join(', ')}]) but received ${describe(value)}`,
        );
      value.forEach((v, i) => walk(v, level + 1, `${where}[${i}]`));
    };
    walk(data, 0, 'data');
  }
  return { dims: [...dims], data: out };
}

/** Reads a tensor file from disk (capped at MAX_TENSOR_FILE_BYTES before reading) and parses it. */
export async function readTensorFile(path: string): Promise<ParsedTensor> {
  const name = basename(path);
  const bytes = await readCappedFile(path, MAX_TENSOR_FILE_BYTES, 'a JSON tensor file');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    fail(name, 'Expected UTF-8 text but received bytes that are not UTF-8');
  }
  return parseTensorJson(text, name);
}

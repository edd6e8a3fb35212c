/**
 * Checks for requests from the renderer, which is untrusted: every field's type, size and allowed
 * values, in the kernel library's one error template ("Expected <what> for <field> but received
 * <value>"): a TypeError for the wrong kind of value, a RangeError for a bad value.
 */
import { isAbsolute } from 'node:path';

import { describe, expectBoolean, expectInteger, expectOneOf } from '../../native-kernels/validate.js';
import { kernelFileToSpec, type KernelFile } from '../service/filter/parseKernel.js';
import type { Region } from '../../preload/contract.js';

/** The largest file accepted as bytes (a drop or upload). */
export const MAX_REQUEST_BYTES = 512 * 1024 * 1024;
/** The longest path accepted (Linux PATH_MAX). */
export const MAX_PATH_LENGTH = 4096;
/** The longest file name accepted. */
export const MAX_NAME_LENGTH = 255;
/** The largest preview scale (output pixels per image pixel). */
export const MAX_SCALE = 64;

function fail(kind: 'type' | 'range', name: string, expected: string, received: unknown): never {
  const message = `Expected ${expected} for ${name} but received ${describe(received)}`;
  throw kind === 'type' ? new TypeError(message) : new RangeError(message);
}

/** No request: null (or undefined, what a call without an argument sends). */
export function expectNoRequest(name: string, value: unknown): null {
  if (value !== null && value !== undefined) fail('type', name, 'null', value);
  return null;
}

/**
 * A plain object with only `allowed` keys and every `required` one. Unknown keys are refused: a
 * misspelt option would otherwise be silently ignored.
 */
export function expectRecord(
  name: string,
  value: unknown,
  allowed: readonly string[],
  required: readonly string[] = [],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value))
    fail('type', name, 'an object', value);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail('type', name, 'a plain object', value);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key))
      throw new RangeError(
        `Expected only the fields ${allowed.join(', ')} for ${name} but received a field ${JSON.stringify(key.slice(0, 40))}`,
      );
  }
  for (const key of required) {
    if (record[key] === undefined) fail('type', `${name}.${key}`, 'a value', undefined);
  }
  return record;
}

/** Image and model ids are UUIDs; the cap only keeps a hostile string short. */
export const MAX_ID_LENGTH = 100;

/** A renderer-chosen task id: short, and plain characters only (it is a map key and log text). */
export function expectTaskId(name: string, value: unknown): string {
  const id = expectString(name, value, 64);
  if (!/^[A-Za-z0-9_-]+$/.test(id))
    throw new RangeError(
      `Expected letters, digits, '-' or '_' for ${name} but received ${JSON.stringify(id)}`,
    );
  return id;
}

/** A request that names a task and nothing else ('task:progress', 'task:cancel', 'train:status'). */
export function expectTaskRequest(value: unknown): { taskId: string } {
  const r = expectRecord('request', value, ['taskId'], ['taskId']);
  return { taskId: expectTaskId('request.taskId', r.taskId) };
}

/** A non-empty string of at most `maxLength` characters, without NUL. */
export function expectString(name: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string') fail('type', name, 'a string', value);
  if (value.length === 0 || value.length > maxLength || value.includes('\0'))
    fail('range', name, `a string of 1 to ${maxLength} characters without NUL`, value);
  return value;
}

/** An absolute file path. */
export function expectPath(name: string, value: unknown): string {
  const path = expectString(name, value, MAX_PATH_LENGTH);
  if (!isAbsolute(path)) fail('range', name, 'an absolute path', path);
  return path;
}

/** File bytes: a Uint8Array of 1 to MAX_REQUEST_BYTES bytes. */
export function expectBytes(name: string, value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) fail('type', name, 'a Uint8Array', value);
  if (value.length === 0 || value.length > MAX_REQUEST_BYTES)
    fail('range', name, `1 to ${MAX_REQUEST_BYTES} bytes`, value);
  return value;
}

/** A rectangle of whole, non-negative pixels (checked against the image by the handler). */
export function expectRegion(name: string, value: unknown): Region {
  const r = expectRecord(name, value, ['x', 'y', 'width', 'height'], ['x', 'y', 'width', 'height']);
  return {
    x: expectInteger(`${name}.x`, r.x, 0),
    y: expectInteger(`${name}.y`, r.y, 0),
    width: expectInteger(`${name}.width`, r.width, 1),
    height: expectInteger(`${name}.height`, r.height, 1),
  };
}

/** A preview scale in (0, MAX_SCALE]. */
export function expectScale(name: string, value: unknown): number {
  if (typeof value !== 'number') fail('type', name, 'a number', value);
  if (!(value > 0 && value <= MAX_SCALE))
    fail('range', name, `a number above 0 and at most ${MAX_SCALE}`, value);
  return value;
}

/** A kernel file that parses to a valid filter (the parser's message says what is wrong). */
export function expectKernelFile(name: string, value: unknown): KernelFile {
  try {
    kernelFileToSpec(value);
  } catch (err) {
    throw new RangeError(
      `Expected a valid kernel file for ${name}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return value as KernelFile;
}

/** An optional boolean. */
export function optionalBoolean(name: string, value: unknown): boolean | undefined {
  return value === undefined ? undefined : expectBoolean(name, value);
}

/** An optional integer in [min, max]. */
export function optionalInteger(name: string, value: unknown, min: number, max: number): number | undefined {
  return value === undefined ? undefined : expectInteger(name, value, min, max);
}

/** One of the allowed strings. */
export function expectEnum<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  return expectOneOf(name, value, allowed);
}

/** A plain object of at most 16 finite numbers (preset parameters). */
export function expectNumberMap(name: string, value: unknown): Record<string, number> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    throw new TypeError(
      `Expected an object of numbers for ${name} but received ${value === null ? 'null' : typeof value}`,
    );
  const entries = Object.entries(value);
  if (entries.length > 16)
    throw new RangeError(`Expected at most 16 entries for ${name} but received ${entries.length}`);
  const out: Record<string, number> = {};
  for (const [key, v] of entries) {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new TypeError(`Expected a finite number for ${name}.${key} but received ${String(v)}`);
    out[key] = v;
  }
  return out;
}

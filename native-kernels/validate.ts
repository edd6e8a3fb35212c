/**
 * Argument checks run before any native code: every failure is a TypeError (wrong kind of value)
 * or RangeError (right kind, bad value) whose message names the parameter, what was expected and
 * what was received, in one template: "Expected <what> for <name> but received <value>".
 */
import { numel } from './shapes.js';
import type { Pair, Tensor } from './types.js';

/** A short description of a received value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (ArrayBuffer.isView(value)) {
    const ctor = (value as object).constructor.name;
    return 'length' in value ? `${ctor} of length ${(value as { length: number }).length}` : ctor;
  }
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

function fail(kind: 'type' | 'range', name: string, expected: string, received: unknown): never {
  const message = `Expected ${expected} for ${name} but received ${describe(received)}`;
  throw kind === 'type' ? new TypeError(message) : new RangeError(message);
}

/** An integer >= min (and <= max). */
export function expectInteger(name: string, value: unknown, min: number, max = 2 ** 31 - 1): number {
  if (typeof value !== 'number') fail('type', name, 'a number', value);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === 2 ** 31 - 1 ? `>= ${min}` : `between ${min} and ${max}`;
    fail('range', name, `an integer ${range}`, value);
  }
  return value;
}

/** A finite number in [min, max]. */
export function expectNumber(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number') fail('type', name, 'a number', value);
  if (!Number.isFinite(value) || value < min || value > max)
    fail('range', name, `a finite number between ${min} and ${max}`, value);
  return value;
}

/** A boolean. */
export function expectBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail('type', name, 'a boolean', value);
  return value;
}

/** An integer or [height, width] pair of integers >= min; returns [h, w]. */
export function expectPair(name: string, value: unknown, min: number): [number, number] {
  if (typeof value === 'number') {
    const v = expectInteger(name, value, min);
    return [v, v];
  }
  if (!Array.isArray(value) || value.length !== 2)
    fail('type', name, 'an integer or an [height, width] pair', value);
  return [expectInteger(`${name}[0]`, value[0], min), expectInteger(`${name}[1]`, value[1], min)];
}

/** One of the listed strings. */
export function expectOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    fail(
      typeof value === 'string' ? 'range' : 'type',
      name,
      `one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
      value,
    );
  return value as T;
}

/** A Float32Array of the given length (any length when omitted). */
export function expectFloat32(name: string, value: unknown, length?: number): Float32Array {
  if (!(value instanceof Float32Array)) fail('type', name, 'a Float32Array', value);
  if (length !== undefined && value.length !== length)
    fail('range', name, `a Float32Array of length ${length}`, value);
  return value;
}

/** Every element finite (weights, biases, scales). */
export function expectFinite(name: string, data: Float32Array): Float32Array {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) fail('range', name, `finite values (index ${i} is not)`, data[i]);
  }
  return data;
}

/** An Int32Array of the given length with every value in [min, max). */
export function expectIndices(
  name: string,
  value: unknown,
  length: number,
  min: number,
  max: number,
): Int32Array {
  if (!(value instanceof Int32Array)) fail('type', name, 'an Int32Array', value);
  if (value.length !== length) fail('range', name, `an Int32Array of length ${length}`, value);
  for (let i = 0; i < value.length; i++) {
    if (value[i] < min || value[i] >= max)
      fail('range', `${name}[${i}]`, `an integer in [${min}, ${max})`, value[i]);
  }
  return value;
}

/** A valid shape: an array of positive integers, of one of the allowed ranks. */
export function expectShape(name: string, value: unknown, ranks: readonly number[]): number[] {
  if (!Array.isArray(value)) fail('type', name, 'an array of dimensions', value);
  if (!ranks.includes(value.length)) fail('range', name, `a shape of rank ${ranks.join(' or ')}`, value);
  return value.map((d, i) => expectInteger(`${name}[${i}]`, d, 1));
}

/** A tensor { data: Float32Array, shape } whose data length matches its shape. */
export function expectTensor(name: string, value: unknown, ranks: readonly number[]): Tensor {
  if (typeof value !== 'object' || value === null || !('data' in value) || !('shape' in value))
    fail('type', name, 'a tensor { data, shape }', value);
  const { data, shape } = value as { data: unknown; shape: unknown };
  const dims = expectShape(`${name}.shape`, shape, ranks);
  expectFloat32(`${name}.data`, data, numel(dims));
  return { data: data as Float32Array, shape: dims };
}

/** Two shapes equal, dimension by dimension. */
export function expectSameShape(name: string, shape: readonly number[], expected: readonly number[]): void {
  if (shape.length !== expected.length || shape.some((d, i) => d !== expected[i]))
    fail('range', name, `shape [${expected.join(', ')}]`, [...shape]);
}

/** Options object or undefined. */
export function expectOptions(name: string, value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('type', name, 'an options object', value);
  return value as Record<string, unknown>;
}

/** Pair option with a default. */
export function pairOption(
  name: string,
  value: Pair | undefined,
  fallback: number,
  min: number,
): [number, number] {
  return value === undefined ? [fallback, fallback] : expectPair(name, value, min);
}

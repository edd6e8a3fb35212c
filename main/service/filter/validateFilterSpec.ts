/**
 * Checks a FilterSpec (typically one that crossed IPC or came from a file) before any filtering.
 * Every failure is a TypeError (wrong kind of value) or RangeError (right kind, bad value) in the
 * kernel library's template: "Expected <what> for <name> but received <value>".
 */
import { describe, expectBoolean, expectFinite, expectOneOf } from '../../../native-kernels/validate.js';
import type { BorderMode, FilterSpec, KernelMatrix, OutputMapping } from './filterSpec.js';
import { MAX_KERNEL_SIDE, kernelAbsSum, kernelSum } from './kernelMatrix.js';

export const FILTER_MODES: readonly FilterSpec['mode'][] = ['convolution', 'correlation'];
export const BORDER_MODES: readonly BorderMode[] = ['zero', 'replicate', 'reflect', 'circular'];
export const OUTPUT_MAPPINGS: readonly OutputMapping[] = ['clamp', 'abs', 'shift128', 'stretch'];
export const CHANNEL_MODES: readonly FilterSpec['channels'][] = ['per-channel', 'luminance'];

/** Throws a TypeError or RangeError in the shared template; `received` is described, not quoted. */
export function filterErrorText(
  kind: 'type' | 'range',
  name: string,
  expected: string,
  received: string,
): never {
  const message = `Expected ${expected} for ${name} but received ${received}`;
  throw kind === 'type' ? new TypeError(message) : new RangeError(message);
}

/** Throws a TypeError or RangeError in the shared message template. */
export function filterError(
  kind: 'type' | 'range',
  name: string,
  expected: string,
  received: unknown,
): never {
  return filterErrorText(kind, name, expected, describe(received));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectSide(name: string, value: unknown): number {
  if (typeof value !== 'number') filterError('type', name, 'a number', value);
  if (!Number.isInteger(value) || value < 1 || value > MAX_KERNEL_SIDE)
    filterError('range', name, `an integer between 1 and ${MAX_KERNEL_SIDE}`, value);
  return value;
}

/** A kernel { rows, cols, data } with sides 1..31 (odd or even), matching length, finite weights. */
export function validateKernel(name: string, value: unknown): KernelMatrix {
  if (!isRecord(value)) filterError('type', name, 'a kernel { rows, cols, data }', value);
  const rows = expectSide(`${name}.rows`, value.rows);
  const cols = expectSide(`${name}.cols`, value.cols);
  const data = value.data;
  if (!(data instanceof Float32Array)) filterError('type', `${name}.data`, 'a Float32Array', data);
  if (data.length !== rows * cols)
    filterError('range', `${name}.data`, `a Float32Array of length ${rows * cols} (${rows}x${cols})`, data);
  expectFinite(`${name}.data`, data);
  return { rows, cols, data };
}

function expectFiniteNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') filterError('type', name, 'a number', value);
  if (!Number.isFinite(value)) filterError('range', name, 'a finite number', value);
  return value;
}

/** Validates every field of a FilterSpec and returns it typed (the same object, not a copy). */
export function validateFilterSpec(spec: unknown): FilterSpec {
  if (!isRecord(spec)) filterError('type', 'spec', 'a filter spec object', spec);
  const kernel = validateKernel('kernel', spec.kernel);
  if (spec.kernelY !== undefined) {
    const kernelY = validateKernel('kernelY', spec.kernelY);
    // A gradient pair is combined tap by tap, so both kernels must cover the same window.
    if (kernelY.rows !== kernel.rows || kernelY.cols !== kernel.cols)
      filterErrorText(
        'range',
        'kernelY',
        `a ${kernel.rows}x${kernel.cols} kernel (the size of kernel)`,
        `a ${kernelY.rows}x${kernelY.cols} kernel`,
      );
  }
  expectOneOf('mode', spec.mode, FILTER_MODES);
  expectOneOf('border', spec.border, BORDER_MODES);
  expectBoolean('normalize', spec.normalize);
  expectFiniteNumber('scale', spec.scale);
  expectFiniteNumber('offset', spec.offset);
  expectOneOf('mapping', spec.mapping, OUTPUT_MAPPINGS);
  expectOneOf('channels', spec.channels, CHANNEL_MODES);
  return spec as unknown as FilterSpec;
}

/**
 * The factor applied to the raw filter response: 1 / sum(kernel) when `normalize` is set and the
 * sum is not zero, otherwise `scale`. A sum within 1e-6 of the weights' absolute sum counts as
 * zero: zero-sum kernels stored in float32 (LoG, unsharp differences) rarely sum to exactly 0, and
 * dividing by their rounding residue would amplify the response a millionfold. For a gradient pair
 * only `kernel` is summed (both halves of a pair are zero-sum in practice, so `scale` is used).
 */
export function effectiveScale(spec: FilterSpec): number {
  if (!spec.normalize) return spec.scale;
  const sum = kernelSum(spec.kernel);
  return Math.abs(sum) <= 1e-6 * kernelAbsSum(spec.kernel) ? spec.scale : 1 / sum;
}

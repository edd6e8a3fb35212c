/**
 * The FilterSpec of a `convscope filter` command line: the kernel argument is a preset id (with
 * --param values), a kernel JSON file, or a matrix typed inline; explicit options override what
 * the preset or file says.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { FilterSpec } from '../service/filter/filterSpec.js';
import {
  DEFAULT_KERNEL_FILE_OPTIONS,
  KernelParseError,
  parseKernelFile,
  parseKernelText,
} from '../service/filter/parseKernel.js';
import { PRESETS, presetSpec } from '../service/filter/presets.js';
import { validateFilterSpec } from '../service/filter/validateFilterSpec.js';
import { UsageError } from './usageError.js';

/** The filter options as commander parses them. */
export interface FilterCliOptions {
  kernel: string;
  kernelY?: string;
  param?: string[];
  mode?: string;
  correlate?: boolean;
  border?: string;
  normalize?: boolean;
  scale?: string;
  offset?: string;
  mapping?: string;
  luminance?: boolean;
}

function parseParams(pairs: readonly string[] = []): Record<string, number> {
  const params: Record<string, number> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z][\w-]*)=(.+)$/.exec(pair);
    const value = match ? Number(match[2]) : NaN;
    if (!match || !Number.isFinite(value))
      throw new UsageError(`--param expects name=number (for example sigma=2), got '${pair}'`);
    params[match[1]] = value;
  }
  return params;
}

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new UsageError(`${name} expects a number, got '${text}'`);
  return value;
}

/** The spec named by the kernel argument, before overrides. */
function baseSpec(kernel: string, params: Record<string, number>): FilterSpec {
  if (PRESETS.some((p) => p.id === kernel)) return presetSpec(kernel, params);
  if (Object.keys(params).length > 0)
    throw new UsageError(`--param only applies to a preset, and '${kernel}' is not one`);
  if (/\.json$/i.test(kernel)) {
    if (!existsSync(kernel)) throw new UsageError(`kernel file ${kernel} does not exist`);
    return parseKernelFile(readFileSync(kernel, 'utf8'));
  }
  if (!/[\d]/.test(kernel))
    throw new UsageError(
      `'${kernel}' is not a preset (see 'convscope presets'), a .json kernel file or a matrix like "1,2,1;0,0,0;-1,-2,-1"`,
    );
  return { ...DEFAULT_KERNEL_FILE_OPTIONS, kernel: parseKernelText(kernel) };
}

/** Builds and validates the spec; malformed input becomes a UsageError (exit code 2). */
export function filterSpecFromOptions(opts: FilterCliOptions): FilterSpec {
  try {
    const spec: FilterSpec = { ...baseSpec(opts.kernel, parseParams(opts.param)) };
    if (opts.kernelY !== undefined) spec.kernelY = baseSpec(opts.kernelY, {}).kernel;
    if (opts.correlate) spec.mode = 'correlation';
    if (opts.mode !== undefined) spec.mode = opts.mode as FilterSpec['mode'];
    if (opts.border !== undefined) spec.border = opts.border as FilterSpec['border'];
    if (opts.normalize !== undefined) spec.normalize = opts.normalize;
    const scale = number('--scale', opts.scale);
    if (scale !== undefined) {
      spec.scale = scale;
      spec.normalize = false;
    }
    const offset = number('--offset', opts.offset);
    if (offset !== undefined) spec.offset = offset;
    if (opts.mapping !== undefined) spec.mapping = opts.mapping as FilterSpec['mapping'];
    if (opts.luminance) spec.channels = 'luminance';
    return validateFilterSpec(spec);
  } catch (error) {
    if (error instanceof UsageError || error instanceof KernelParseError) throw new UsageError(error.message);
    if (error instanceof TypeError || error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The kernel file's limits and defaults (one definition, shared with the back end through
 * preload/kernelFile.ts) and the editor's menus, starting kernel and completion.
 */
import {
  KERNEL_FILE_DEFAULTS,
  KERNEL_FILE_VERSION,
  MAX_KERNEL_SIDE,
  MAX_KERNEL_TEXT_LENGTH as MAX_KERNEL_FILE_LENGTH,
} from '../../../../preload/kernelFile.js';
import type {
  BorderMode,
  ChannelMode,
  CompleteKernelFile,
  FilterMode,
  KernelFile,
  OutputMapping,
} from './types.js';

export { KERNEL_FILE_DEFAULTS, KERNEL_FILE_VERSION, MAX_KERNEL_FILE_LENGTH, MAX_KERNEL_SIDE };

/** Convolution or correlation, in menu order. */
export const FILTER_MODES: readonly FilterMode[] = ['correlation', 'convolution'];

/** Border modes, in menu order. */
export const BORDER_MODES: readonly BorderMode[] = ['reflect', 'replicate', 'zero', 'circular'];

/** Output mappings, in menu order. */
export const OUTPUT_MAPPINGS: readonly OutputMapping[] = ['clamp', 'abs', 'shift128', 'stretch'];

/** Channel modes, in menu order. */
export const CHANNEL_MODES: readonly ChannelMode[] = ['per-channel', 'luminance'];

/** The editor's starting point: the identity kernel with the default options. */
export const IDENTITY_KERNEL_FILE: CompleteKernelFile = {
  version: KERNEL_FILE_VERSION,
  kernel: [[1]],
  ...KERNEL_FILE_DEFAULTS,
};

/** The file with every missing option filled in from the defaults (rows are copied). */
export function completeKernelFile(file: KernelFile): CompleteKernelFile {
  // Key order is the back end's (version, kernel, kernelY, options), so saved files read the same.
  return {
    version: KERNEL_FILE_VERSION,
    kernel: file.kernel.map((row) => [...row]),
    ...(file.kernelY ? { kernelY: file.kernelY.map((row) => [...row]) } : {}),
    mode: file.mode ?? KERNEL_FILE_DEFAULTS.mode,
    border: file.border ?? KERNEL_FILE_DEFAULTS.border,
    normalize: file.normalize ?? KERNEL_FILE_DEFAULTS.normalize,
    scale: file.scale ?? KERNEL_FILE_DEFAULTS.scale,
    offset: file.offset ?? KERNEL_FILE_DEFAULTS.offset,
    mapping: file.mapping ?? KERNEL_FILE_DEFAULTS.mapping,
    channels: file.channels ?? KERNEL_FILE_DEFAULTS.channels,
  };
}

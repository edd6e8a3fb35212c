/**
 * The kernel file format's limits, option values and defaults, mirrored from the back end
 * (main/service/filter/parseKernel.ts and validateFilterSpec.ts), which the renderer may not import;
 * test/unit/renderer/validateKernelFile.test.ts checks the two stay equal.
 */
import type {
  BorderMode,
  ChannelMode,
  CompleteKernelFile,
  FilterMode,
  KernelFile,
  OutputMapping,
} from './types.js';

/** The largest kernel side the filter layer accepts. */
export const MAX_KERNEL_SIDE = 31;

/** The kernel file version the back end writes and reads. */
export const KERNEL_FILE_VERSION = 1;

/** The longest kernel file accepted, in characters. */
export const MAX_KERNEL_FILE_LENGTH = 100_000;

/** Convolution or correlation, in menu order. */
export const FILTER_MODES: readonly FilterMode[] = ['correlation', 'convolution'];

/** Border modes, in menu order. */
export const BORDER_MODES: readonly BorderMode[] = ['reflect', 'replicate', 'zero', 'circular'];

/** Output mappings, in menu order. */
export const OUTPUT_MAPPINGS: readonly OutputMapping[] = ['clamp', 'abs', 'shift128', 'stretch'];

/** Channel modes, in menu order. */
export const CHANNEL_MODES: readonly ChannelMode[] = ['per-channel', 'luminance'];

/** What a kernel file's missing options mean (DEFAULT_KERNEL_FILE_OPTIONS in the back end). */
export const KERNEL_FILE_DEFAULTS: Omit<CompleteKernelFile, 'kernel' | 'kernelY' | 'version'> = {
  mode: 'correlation',
  border: 'reflect',
  normalize: true,
  scale: 1,
  offset: 0,
  mapping: 'clamp',
  channels: 'per-channel',
};

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

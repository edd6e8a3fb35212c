/**
 * The kernel editor's types, derived from the contract (the renderer may import nothing from main/,
 * and the contract is the one place its shapes come from).
 */
import type { PreviewRequest, ResponseOf } from '../../../../preload/contract.js';

/** The kernel file format filters travel in (preload/kernelFile.ts). */
export type KernelFile = PreviewRequest['filter'];

/** One preset as the back end lists it. */
export type PresetInfo = ResponseOf<'filter:presets'>[number];

/** One slider of a preset. */
export type PresetParam = PresetInfo['params'][number];

/** Convolution (kernel flipped) or correlation. */
export type FilterMode = NonNullable<KernelFile['mode']>;

/** How the image is extended beyond its edges. */
export type BorderMode = NonNullable<KernelFile['border']>;

/** How values before mapping become samples. */
export type OutputMapping = NonNullable<KernelFile['mapping']>;

/** Every colour channel, or the luminance only. */
export type ChannelMode = NonNullable<KernelFile['channels']>;

/** A kernel file with every option written out (what the editor works on). */
export type CompleteKernelFile = Required<Omit<KernelFile, 'kernelY' | 'version'>> &
  Pick<KernelFile, 'kernelY' | 'version'>;

/** A kernel as nested rows of numbers. */
export type Grid = number[][];

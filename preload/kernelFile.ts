/**
 * The kernel file: the form filters travel in between the renderer and the back end, and the JSON
 * users save and load. Pure (no Node, no DOM), so the contract, the back end's parser and the
 * renderer's editor share one definition of its fields, limits, defaults and saved layout.
 */

export type FilterMode = 'convolution' | 'correlation';
export type BorderMode = 'zero' | 'replicate' | 'reflect' | 'circular';
/**
 * How filtered values (in the image's sample range, 0..255 or 0..65535) become samples:
 * 'clamp' to the range; 'abs' absolute value then clamp; 'shift128' adds half the range
 * (128 or 32768) so signed responses are visible, then clamps; 'stretch' maps the result's own
 * min..max linearly onto the full range.
 */
export type OutputMapping = 'clamp' | 'abs' | 'shift128' | 'stretch';
export type ChannelMode = 'per-channel' | 'luminance';

/** A kernel file: FilterSpec with the kernels as nested arrays of numbers (options may be left out). */
export interface KernelFile {
  version?: number;
  kernel: number[][];
  kernelY?: number[][];
  mode?: FilterMode;
  border?: BorderMode;
  normalize?: boolean;
  scale?: number;
  offset?: number;
  mapping?: OutputMapping;
  channels?: ChannelMode;
}

/** The kernel file version written and read. */
export const KERNEL_FILE_VERSION = 1;

/** The largest kernel side (the UI's, the filter layer's and the native kernel's limit). */
export const MAX_KERNEL_SIDE = 31;

/** The longest kernel text or file accepted, in characters (a 31x31 kernel needs well under 20 kB). */
export const MAX_KERNEL_TEXT_LENGTH = 100_000;

/**
 * What a file's missing options mean. normalize defaults to true: it is ignored for zero-sum (edge)
 * kernels and makes integer blur kernels such as [[1,2,1],[2,4,2],[1,2,1]] work as written.
 */
export const KERNEL_FILE_DEFAULTS: Readonly<Required<Omit<KernelFile, 'version' | 'kernel' | 'kernelY'>>> = {
  mode: 'correlation',
  border: 'reflect',
  normalize: true,
  scale: 1,
  offset: 0,
  mapping: 'clamp',
  channels: 'per-channel',
};

/** The saved text of a kernel file: JSON in the file's key order, one kernel row per line. */
export function kernelFileText(file: KernelFile): string {
  const lines = Object.entries(file).map(([key, value]) => {
    if (!Array.isArray(value)) return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    const rows = (value as number[][]).map((row) => `    [${row.map((v) => JSON.stringify(v)).join(', ')}]`);
    return `  ${JSON.stringify(key)}: [\n${rows.join(',\n')}\n  ]`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

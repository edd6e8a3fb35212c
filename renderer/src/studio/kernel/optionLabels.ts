/** What the option menus say for each kernel file option value. */
import type { BorderMode, ChannelMode, FilterMode, OutputMapping } from './types.js';

/** Menu text of each filter mode. */
export const MODE_LABELS: Record<FilterMode, string> = {
  correlation: 'Correlation (as CNN layers compute)',
  convolution: 'Convolution (kernel flipped)',
};

/** Menu text of each border mode. */
export const BORDER_LABELS: Record<BorderMode, string> = {
  reflect: 'Reflect',
  replicate: 'Replicate edge',
  zero: 'Zeros',
  circular: 'Circular (wrap around)',
};

/** Menu text of each output mapping. */
export const MAPPING_LABELS: Record<OutputMapping, string> = {
  clamp: 'Clamp to the sample range',
  abs: 'Absolute value, then clamp',
  shift128: 'Add half the range (128 for 8-bit), then clamp',
  stretch: 'Stretch min..max to the full range',
};

/** Menu text of each channel mode. */
export const CHANNEL_LABELS: Record<ChannelMode, string> = {
  'per-channel': 'Each colour channel',
  luminance: 'Luminance (gray output)',
};

/**
 * The picture of question 3(c): L stacked K×K stride-1 convolutions without padding, on an input
 * exactly as large as the last unit's receptive field, so the one unit of layer L sees the whole
 * grid. For every layer l the window is that of the layer-l unit in the middle (nested inside the
 * next layer's window), as architecture.ts's receptiveFieldOf walks it back to the input; the
 * sizes are architecture.ts's, the closed form L(K−1)+1 is what they are checked against.
 */
import {
  computeLayerTable,
  parseArchitecture,
  receptiveFieldOf,
} from '../../../../native-kernels/architecture.js';

export interface NestedWindow {
  /** 0 is one input pixel, l the l-th convolution. */
  layer: number;
  /** Side of the window in input pixels, from architecture.ts's layer table. */
  size: number;
  /** Inclusive input coordinates of the window. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface NestedWindows {
  /** Input side: the receptive field of the last layer, L(K−1)+1. */
  grid: number;
  /** The architecture string the table was computed from. */
  architecture: string;
  windows: NestedWindow[];
}

export function nestedWindows(layers: number, kernel: number): NestedWindows {
  if (!Number.isInteger(layers) || layers < 1)
    throw new RangeError(`L must be an integer ≥ 1, got ${layers}`);
  if (!Number.isInteger(kernel) || kernel < 1)
    throw new RangeError(`K must be an integer ≥ 1, got ${kernel}`);
  const grid = layers * (kernel - 1) + 1;
  const architecture = [`input ${grid}x${grid}x1`, ...Array<string>(layers).fill(`conv${kernel}-1/p0`)].join(
    ', ',
  );
  const table = computeLayerTable(parseArchitecture(architecture));
  const windows = table.layers.map((row, l) => {
    // Layer l has grid − l(K−1) units a side; the middle one's window is nested in layer l+1's.
    const unit = Math.floor(((layers - l) * (kernel - 1)) / 2);
    const { unclipped } = receptiveFieldOf(table, l, { row: unit, col: unit });
    return { layer: l, size: row.receptiveField.size, ...unclipped };
  });
  return { grid, architecture, windows };
}

/** The stepper's label of a layer, e.g. '4 / 8 · Conv conv2 · 1×10×14×14'. */
import type { LayerInfo } from '../../../preload/networkTypes.js';

export function layerLabel(layer: LayerInfo, count: number): string {
  return `${layer.index} / ${count - 1} · ${layer.op} ${layer.name} · ${layer.dims.join('×')}`;
}

/** Dims as 'C×H×W' without the batch axis, for tables. */
export function dimsText(dims: readonly number[]): string {
  return (dims.length > 1 ? dims.slice(1) : dims).join('×');
}

/** Large counts with thin separators: 12 345. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US').replace(/,/g, '\u202f');
}

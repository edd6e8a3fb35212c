/**
 * Which colour scale each activation map is drawn with: 'map' stretches every channel over its
 * own range (shape within a map), 'layer' shares one scale over the layer's channels (which
 * channel responds most), 'global' one scale over every layer of the run (how values grow or
 * shrink through the network). Signed data gets the diverging scale, non-negative the sequential.
 */
import type { ColorScale } from './colorScale.js';

export type ScaleMode = 'map' | 'layer' | 'global';

export const SCALE_MODES: readonly ScaleMode[] = ['map', 'layer', 'global'];

export const SCALE_MODE_LABELS: Record<ScaleMode, string> = {
  map: 'Per map',
  layer: 'Per layer',
  global: 'Global (all layers)',
};

export interface ValueRange {
  min: number;
  max: number;
}

/** The range of `count` values from `offset`, ignoring non-finite ones ({0, 0} when none is finite). */
export function rangeOf(data: ArrayLike<number>, offset = 0, count = data.length - offset): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = offset; i < offset + count; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

/** Each channel's range of an N×C×… tensor's first item, `plane` values per channel. */
export function channelRanges(data: ArrayLike<number>, channels: number, plane: number): ValueRange[] {
  return Array.from({ length: channels }, (_, c) => rangeOf(data, c * plane, plane));
}

/** The union of ranges ({0, 0} for none). */
export function unionRange(ranges: readonly ValueRange[]): ValueRange {
  if (ranges.length === 0) return { min: 0, max: 0 };
  return {
    min: Math.min(...ranges.map((r) => r.min)),
    max: Math.max(...ranges.map((r) => r.max)),
  };
}

/**
 * The scale for one map. Whether the data is signed is decided by `reference` (the layer's range,
 * or the whole run's in global mode), so all maps of a layer share one kind of colours.
 */
export function mapScale(mode: ScaleMode, map: ValueRange, layer: ValueRange, all: ValueRange): ColorScale {
  const reference = mode === 'global' ? all : layer;
  const range = mode === 'map' ? map : reference;
  if (reference.min < 0)
    return { kind: 'diverging', maxAbs: Math.max(Math.abs(range.min), Math.abs(range.max)) };
  return { kind: 'sequential', min: range.min, max: range.max };
}

/** A value for labels: up to 3 significant digits, no exponent for everyday magnitudes. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

/** The input layer is a picture: its non-negative values are drawn in gray, like the photo or digit. */
export function asLayerScale(op: string, scale: ColorScale): ColorScale {
  return op === 'Input' && scale.kind === 'sequential' ? { ...scale, kind: 'gray' } : scale;
}

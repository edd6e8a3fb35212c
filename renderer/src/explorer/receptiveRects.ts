/**
 * A hovered unit's receptive field on every earlier layer, through the one shared geometry
 * function (preload/networkTypes.ts unitReceptiveRect), so the renderer never re-derives it.
 */
import type { LayerInfo, Rect, UnitReceptiveRect } from '../../../preload/networkTypes.js';
import { unitReceptiveRect } from '../../../preload/networkTypes.js';

/** A unit of a layer: channel c at (y, x) of an N×C×H×W map, or element x (y 0) of anything else. */
export interface UnitRef {
  layer: number;
  channel: number;
  y: number;
  x: number;
}

/** Where `unit` reads layer `on`, or null when its layer does not depend on that one. */
export function receptiveRectOn(
  layers: readonly LayerInfo[],
  unit: UnitRef,
  on: number,
): UnitReceptiveRect | null {
  const field = layers[unit.layer]?.fields[on];
  if (field === null || field === undefined || on >= unit.layer) return null;
  return unitReceptiveRect(field, { y: unit.y, x: unit.x }, layers[on].grid);
}

/** Rows × columns of a rectangle. */
export function rectSize(rect: Rect): [number, number] {
  return [rect.bottom - rect.top + 1, rect.right - rect.left + 1];
}

/**
 * The receptive field in words, e.g. 'receptive field 6×6 on the input' (the window, padding
 * included), with the clipped part when the border cuts it.
 */
export function describeReceptiveField(rect: UnitReceptiveRect | null): string {
  if (rect === null) return 'no receptive field on the input';
  const [h, w] = rect.size;
  const window = `receptive field ${h}×${w} on the input`;
  if (rect.clipped === null) return `${window}, all of it padding`;
  const [ch, cw] = rectSize(rect.clipped);
  return ch === h && cw === w ? window : `${window} (${ch}×${cw} inside the image)`;
}

/** Whether a layer's values are maps (N×C×H×W) that are drawn as heatmaps per channel. */
export function isMapLayer(layer: LayerInfo): boolean {
  return layer.dims.length === 4;
}

/** Channels and plane size of a layer as drawn: maps per channel, or one vector. */
export function layerPlanes(layer: LayerInfo): { channels: number; height: number; width: number } {
  if (isMapLayer(layer)) return { channels: layer.dims[1], height: layer.dims[2], width: layer.dims[3] };
  return { channels: 1, height: layer.grid[0], width: layer.grid[1] };
}

/**
 * The network explorer's layer table as it travels from the back end to the renderer, and the one
 * function both sides use to turn a layer's receptive-field geometry into the rectangle a unit
 * sees. Pure (no Node, no DOM): the renderer imports it to outline fields under the mouse.
 *
 * Conventions are native-kernels/architecture.ts's (receptiveFieldOf): a unit sees a window of
 * `size` rows starting at `start + i * jump`, padding included, so the unclipped window may reach
 * outside the layer; a dilated kernel counts as its bounding window; the clipped rectangle keeps
 * only units that exist, at every layer on the way.
 */
import type { Rect } from '../native-kernels/architecture.js';

export type { Rect };

/** An inclusive range per axis, [y, x]: rows first[0]..last[0], columns first[1]..last[1]. */
export interface AxisRanges {
  first: [number, number];
  last: [number, number];
}

/**
 * Where unit (y, x) of a layer reads an earlier layer, exactly, as long as one path connects them:
 *
 * 1. With `unflatten` [h, w] the layer is a flattened view of an h×w map (Flatten, or a Reshape
 *    to a vector) and unit (0, x) is that map's unit (floor(x / w) mod h, x mod w); go on with it.
 * 2. The window: rows start[0] + y·jump[0] .. + size[0] − 1, columns likewise (padding included).
 * 3. If y is outside live rows or x outside live columns, the unit reads nothing but padding on
 *    some layer in between (a pure bias unit): its clipped field is empty.
 * 4. Otherwise the clipped field is the window cut to `reach`, the rows and columns that units
 *    which exist on every layer in between can reach (so pixels a floor-mode layer drops and
 *    padding are left out), and to the earlier layer's bounds.
 *
 * Where paths join (Add of two branches) the window is the bounding window of the branches'.
 * Reflect and edge Pad count their padded units as padding.
 */
export interface WindowField {
  start: [number, number];
  jump: [number, number];
  size: [number, number];
  unflatten?: [number, number];
  /** Units of this layer (after unflatten) that read at least one real unit at every layer. */
  live: AxisRanges;
  /** Rows and columns of the earlier layer reachable through real units. */
  reach: AxisRanges;
}

/** 'whole': every unit depends on all of the earlier layer (after Gemm, MatMul, global pooling). */
export type FieldGeometry = 'whole' | WindowField;

/** One layer of a loaded model: index 0 is the input, then one per node output (Constants aside). */
export interface LayerInfo {
  index: number;
  /** The node's name ('input' layer: the graph input's name). */
  name: string;
  /** The ONNX op, 'Input' for layer 0. */
  op: string;
  /** The tensor the layer's values are stored under (GraphRun.tensors). */
  tensor: string;
  dims: number[];
  /** The units one hovers: [H, W] of an N×C×H×W map; [1, elements] for anything else. */
  grid: [number, number];
  /** Learnable parameters: the count and how it is made up, '3×3×1×10 + 10'. */
  parameters: { count: number; text: string };
  /** Multiply-accumulates for one input (Conv, Gemm, MatMul; 0 for the rest). */
  macs: number;
  /**
   * fields[j], for each earlier layer j < index: where this layer's units read layer j, or null
   * when this layer does not depend on layer j. fields[0] is the receptive field on the input.
   */
  fields: (FieldGeometry | null)[];
}

/** What a unit sees on an earlier layer. */
export interface UnitReceptiveRect {
  /** The window, padding included (may reach outside the layer). */
  unclipped: Rect;
  /** The part the unit really reads, or null when it reads only padding. */
  clipped: Rect | null;
  /** The window's size in rows and columns (the layer's whole size for 'whole'). */
  size: [number, number];
}

function intersect(lo: number, hi: number, a: number, b: number): [number, number] | null {
  const first = Math.max(lo, a);
  const last = Math.min(hi, b);
  return first <= last ? [first, last] : null;
}

/**
 * The rectangle unit {y, x} of a layer sees on an earlier layer of `onDims` [rows, cols], from
 * the layer's `fields` entry for that earlier layer.
 */
export function unitReceptiveRect(
  field: FieldGeometry,
  unit: { y: number; x: number },
  onDims: [number, number],
): UnitReceptiveRect {
  const [h, w] = onDims;
  if (field === 'whole') {
    const all: Rect = { top: 0, left: 0, bottom: h - 1, right: w - 1 };
    return { unclipped: all, clipped: { ...all }, size: [h, w] };
  }
  let { y, x } = unit;
  if (field.unflatten !== undefined) {
    const [uh, uw] = field.unflatten;
    y = Math.floor(x / uw) % uh;
    x = x % uw;
  }
  const top = field.start[0] + y * field.jump[0];
  const left = field.start[1] + x * field.jump[1];
  const unclipped: Rect = { top, left, bottom: top + field.size[0] - 1, right: left + field.size[1] - 1 };
  const { live, reach } = field;
  let clipped: Rect | null = null;
  if (y >= live.first[0] && y <= live.last[0] && x >= live.first[1] && x <= live.last[1]) {
    const rows = intersect(
      Math.max(0, reach.first[0]),
      Math.min(h - 1, reach.last[0]),
      unclipped.top,
      unclipped.bottom,
    );
    const cols = intersect(
      Math.max(0, reach.first[1]),
      Math.min(w - 1, reach.last[1]),
      unclipped.left,
      unclipped.right,
    );
    if (rows !== null && cols !== null)
      clipped = { top: rows[0], left: cols[0], bottom: rows[1], right: cols[1] };
  }
  return { unclipped, clipped, size: [field.size[0], field.size[1]] };
}

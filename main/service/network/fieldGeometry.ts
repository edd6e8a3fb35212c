/**
 * Receptive-field geometry through a graph (see preload/networkTypes.ts for what a WindowField
 * means): each node's own window on each of its inputs, and the composition and union rules that
 * carry windows back through a chain and across joining branches. Per axis, a window is affine in
 * the unit index, which is why composing two is exact; `live` and `reach` carry what clipping at
 * every layer on the way would remove, so the clipped rectangle is exact too.
 */
import type { FieldGeometry, WindowField } from '../../../preload/networkTypes.js';
import type { PlanStep } from './graphPlan.js';
import { numel } from './tensorDims.js';

type Pair = [number, number];

/** The units a layer of `dims` is hovered by: [H, W] of a 4-D map, [1, elements] otherwise. */
export function layerGrid(dims: readonly number[]): Pair {
  return dims.length === 4 ? [dims[2], dims[3]] : [1, numel(dims)];
}

/** One axis of a window: unit i reads start + i·jump .. + size − 1. */
interface Axis {
  start: number;
  jump: number;
  size: number;
}

const IDENTITY_AXIS: Axis = { start: 0, jump: 1, size: 1 };

/** The units i in [0, units − 1] whose window meets [lo, hi] (an empty range when first > last). */
function unitsMeeting(a: Axis, units: number, lo: number, hi: number): Pair {
  if (lo > hi) return [0, -1];
  if (a.jump === 0) return a.start <= hi && a.start + a.size - 1 >= lo ? [0, units - 1] : [0, -1];
  const first = Math.ceil((lo - a.start - a.size + 1) / a.jump);
  const last = Math.floor((hi - a.start) / a.jump);
  return [Math.max(0, first), Math.min(units - 1, last)];
}

/** A node's own window on one input: L's grid `out` over A's grid `on`. */
function local(axes: [Axis, Axis], out: Pair, on: Pair, unflatten?: Pair): WindowField {
  const units = unflatten ?? out;
  const y = unitsMeeting(axes[0], units[0], 0, on[0] - 1);
  const x = unitsMeeting(axes[1], units[1], 0, on[1] - 1);
  return {
    start: [axes[0].start, axes[1].start],
    jump: [axes[0].jump, axes[1].jump],
    size: [axes[0].size, axes[1].size],
    ...(unflatten === undefined ? {} : { unflatten }),
    live: { first: [y[0], x[0]], last: [y[1], x[1]] },
    reach: { first: [0, 0], last: [on[0] - 1, on[1] - 1] },
  };
}

/** A layer's field on itself. */
export function identityField(grid: Pair): WindowField {
  return local([IDENTITY_AXIS, IDENTITY_AXIS], grid, grid);
}

function isIdentity(g: WindowField): boolean {
  return (
    g.unflatten === undefined &&
    g.start.every((v) => v === 0) &&
    g.jump.every((v) => v === 1) &&
    g.size.every((v) => v === 1)
  );
}

/** Per spatial axis of a 4-D → 4-D broadcast: equal sizes map 1:1, a size of 1 is read by every unit. */
function broadcastAxis(inSize: number, outSize: number): Axis | null {
  if (inSize === outSize) return IDENTITY_AXIS;
  return inSize === 1 ? { start: 0, jump: 0, size: 1 } : null;
}

/**
 * Where the step's output units read its input `input` (of dims inDims), or 'whole'. Inputs that
 * are not layers (weights, constants) are never asked about.
 */
export function localGeometry(step: PlanStep, input: string, inDims: number[]): FieldGeometry {
  const out = layerGrid(step.outDims);
  const on = layerGrid(inDims);
  const spatialIn = inDims.length === 4;
  const spatialOut = step.outDims.length === 4;
  const same = (): FieldGeometry => local([IDENTITY_AXIS, IDENTITY_AXIS], out, on);
  switch (step.kind) {
    case 'conv':
    case 'maxPool':
    case 'avgPool': {
      const [kh, kw] =
        step.kind === 'conv' ? [step.weight.shape[2], step.weight.shape[3]] : step.options.kernel;
      const [sh, sw] = step.kind === 'conv' ? step.stride : step.options.stride;
      const [ph, pw] = step.kind === 'conv' ? step.padding : step.options.padding;
      const [dh, dw] = step.kind === 'conv' ? step.dilation : [1, 1];
      return local(
        [
          { start: -ph, jump: sh, size: (kh - 1) * dh + 1 },
          { start: -pw, jump: sw, size: (kw - 1) * dw + 1 },
        ],
        out,
        on,
      );
    }
    case 'batchNorm':
    case 'relu':
      return same();
    case 'globalAvgPool':
    case 'linear':
      return 'whole';
    case 'view':
      if (spatialIn && spatialOut) return on[0] === out[0] && on[1] === out[1] ? same() : 'whole';
      // A flattened map: unit (0, x) is element x of the (C, H, W) order, a unit of its channel.
      if (spatialIn) return local([IDENTITY_AXIS, IDENTITY_AXIS], out, on, on);
      // Vector to vector keeps the element order; a vector cannot be laid out as a map unit by unit.
      return spatialOut ? 'whole' : same();
    case 'add': {
      const dims = input === step.a ? step.aDims : step.bDims;
      if (spatialIn && spatialOut) {
        const y = broadcastAxis(dims[2], step.outDims[2]);
        const x = broadcastAxis(dims[3], step.outDims[3]);
        return y === null || x === null ? 'whole' : local([y, x], out, on);
      }
      if (!spatialIn && !spatialOut) {
        const n = numel(dims);
        if (n === numel(step.outDims)) return same();
        if (n === 1) return local([IDENTITY_AXIS, { start: 0, jump: 0, size: 1 }], out, on);
      }
      return 'whole';
    }
    case 'pad': {
      if (spatialIn)
        return local(
          [
            { start: -step.begins[2], jump: 1, size: 1 },
            { start: -step.begins[3], jump: 1, size: 1 },
          ],
          out,
          on,
        );
      // A vector padded only along its last axis (leading dims all 1 and unpadded) stays a row.
      const last = inDims.length - 1;
      const rowOnly = inDims.every(
        (d, i) => i === last || (d === 1 && step.begins[i] === 0 && step.ends[i] === 0),
      );
      return rowOnly
        ? local([IDENTITY_AXIS, { start: -step.begins[last], jump: 1, size: 1 }], out, on)
        : 'whole';
    }
    case 'softmax': {
      if (spatialIn) {
        // Normalising over H or W makes each unit read its whole column or row; over N or C, no spread.
        const y = step.axes.includes(2) ? { start: 0, jump: 0, size: on[0] } : IDENTITY_AXIS;
        const x = step.axes.includes(3) ? { start: 0, jump: 0, size: on[1] } : IDENTITY_AXIS;
        return local([y, x], out, on);
      }
      return step.axes.every((a) => inDims[a] === 1) ? same() : 'whole';
    }
    case 'constant':
      return 'whole';
  }
}

/**
 * g (layer L on layer A) after f (A on E): L on E. Exact for chains: the window composes
 * affinely; L's live units are those whose window meets A's live units; E's reach shrinks to what
 * A's live units reach.
 */
export function composeFields(g: FieldGeometry, f: FieldGeometry): FieldGeometry {
  if (g === 'whole' || f === 'whole') return 'whole';
  if (f.unflatten !== undefined) return isIdentity(g) ? f : 'whole';
  const axis = (a: 0 | 1) => {
    const ga: Axis = { start: g.start[a], jump: g.jump[a], size: g.size[a] };
    const [fl, fh] = [f.live.first[a], f.live.last[a]];
    const [gl, gh] = [g.live.first[a], g.live.last[a]];
    // L units meeting A's live units (the unit count bound is g's own live range).
    const [ml, mh] = unitsMeeting(ga, Number.MAX_SAFE_INTEGER, fl, fh);
    const live: Pair = fl > fh ? [0, -1] : [Math.max(gl, ml), Math.min(gh, mh)];
    // Rows of E that A's live units reach.
    const reach: Pair = [
      Math.max(f.reach.first[a], f.start[a] + fl * f.jump[a]),
      Math.min(f.reach.last[a], f.start[a] + fh * f.jump[a] + f.size[a] - 1),
    ];
    return {
      start: f.start[a] + g.start[a] * f.jump[a],
      jump: g.jump[a] * f.jump[a],
      size: (g.size[a] - 1) * f.jump[a] + f.size[a],
      live,
      reach,
    };
  };
  const [y, x] = [axis(0), axis(1)];
  return {
    start: [y.start, x.start],
    jump: [y.jump, x.jump],
    size: [y.size, x.size],
    ...(g.unflatten === undefined ? {} : { unflatten: g.unflatten }),
    live: { first: [y.live[0], x.live[0]], last: [y.live[1], x.live[1]] },
    reach: { first: [y.reach[0], x.reach[0]], last: [y.reach[1], x.reach[1]] },
  };
}

/**
 * Two paths from L to E (branches joined by Add): the bounding window when the jumps agree, else
 * 'whole' (no single window describes it).
 */
export function unionFields(a: FieldGeometry, b: FieldGeometry): FieldGeometry {
  if (a === 'whole' || b === 'whole') return 'whole';
  const sameUnflatten =
    (a.unflatten === undefined && b.unflatten === undefined) ||
    (a.unflatten !== undefined &&
      b.unflatten !== undefined &&
      a.unflatten.every((v, i) => v === b.unflatten?.[i]));
  if (!sameUnflatten || a.jump.some((j, i) => j !== b.jump[i])) return 'whole';
  // A path whose units all read only padding adds nothing.
  const dead = (f: WindowField): boolean => f.live.first.some((v, i) => v > f.live.last[i]);
  if (dead(a)) return b;
  if (dead(b)) return a;
  const both = (f: (i: 0 | 1) => number): Pair => [f(0), f(1)];
  const start = both((i) => Math.min(a.start[i], b.start[i]));
  const end = both((i) => Math.max(a.start[i] + a.size[i], b.start[i] + b.size[i]));
  return {
    start,
    jump: [a.jump[0], a.jump[1]],
    size: [end[0] - start[0], end[1] - start[1]],
    ...(a.unflatten === undefined ? {} : { unflatten: a.unflatten }),
    live: {
      first: both((i) => Math.min(a.live.first[i], b.live.first[i])),
      last: both((i) => Math.max(a.live.last[i], b.live.last[i])),
    },
    reach: {
      first: both((i) => Math.min(a.reach.first[i], b.reach.first[i])),
      last: both((i) => Math.max(a.reach.last[i], b.reach.last[i])),
    },
  };
}

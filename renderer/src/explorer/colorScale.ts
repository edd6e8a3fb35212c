/**
 * Colour scales for activation maps and weights: diverging (blue-white-red, symmetric around 0) for
 * signed data, sequential (inferno: black through red to pale yellow) for non-negative data, and
 * gray for input images. Painting goes through a 256-entry lookup table per scale kind, so a map
 * of any size costs one multiply and one table read per value.
 */
import { divergingColor } from '../studio/analysis/divergingColormap.js';

/** How values become colours. */
export type ColorScale =
  | { kind: 'diverging'; maxAbs: number }
  | { kind: 'sequential'; min: number; max: number }
  | { kind: 'gray'; min: number; max: number };

/** Inferno at nine evenly spaced stops (matplotlib's values, rounded to bytes). */
const INFERNO: readonly (readonly [number, number, number])[] = [
  [0, 0, 4],
  [31, 12, 72],
  [85, 15, 109],
  [136, 34, 106],
  [186, 54, 85],
  [227, 89, 51],
  [249, 140, 10],
  [249, 201, 50],
  [252, 255, 164],
];

/** The sequential colour at t in [0, 1] (clamped), interpolated between inferno's stops. */
export function sequentialColor(t: number): [number, number, number] {
  const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const pos = u * (INFERNO.length - 1);
  const i = Math.min(INFERNO.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = INFERNO[i];
  const b = INFERNO[i + 1];
  return [0, 1, 2].map((k) => Math.round(a[k] + f * (b[k] - a[k]))) as [number, number, number];
}

// Odd, so the diverging table has an entry exactly at 0 (white).
const LUT_SIZE = 257;

function buildLut(color: (t: number) => readonly number[]): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) lut.set(color(i / (LUT_SIZE - 1)), i * 3);
  return lut;
}

// t in [0, 1] maps -maxAbs..+maxAbs for the diverging table.
const LUTS = {
  diverging: buildLut((t) => divergingColor(2 * t - 1, 1)),
  sequential: buildLut(sequentialColor),
  gray: buildLut((t) => [Math.round(255 * t), Math.round(255 * t), Math.round(255 * t)]),
};

/** The position of `value` on the scale, 0..1 (clamped); 0.5 / 0 when the scale has no extent. */
export function scalePosition(value: number, scale: ColorScale): number {
  if (!Number.isFinite(value)) return scale.kind === 'diverging' ? 0.5 : 0;
  if (scale.kind === 'diverging') {
    if (!(scale.maxAbs > 0)) return 0.5;
    return Math.min(1, Math.max(0, (value / scale.maxAbs + 1) / 2));
  }
  const span = scale.max - scale.min;
  if (!(span > 0)) return value > scale.min ? 1 : 0;
  return Math.min(1, Math.max(0, (value - scale.min) / span));
}

/** The colour of one value. */
export function colorOf(value: number, scale: ColorScale): [number, number, number] {
  const lut = LUTS[scale.kind];
  const i = Math.round(scalePosition(value, scale) * (LUT_SIZE - 1)) * 3;
  return [lut[i], lut[i + 1], lut[i + 2]];
}

/**
 * Paints `count` values of `data` from `offset` into `out` as opaque RGBA (4 bytes per value);
 * `out` must hold at least count * 4 bytes.
 */
export function paintValues(
  data: ArrayLike<number>,
  offset: number,
  count: number,
  scale: ColorScale,
  out: Uint8ClampedArray,
): void {
  const lut = LUTS[scale.kind];
  for (let i = 0; i < count; i++) {
    const k = Math.round(scalePosition(data[offset + i], scale) * (LUT_SIZE - 1)) * 3;
    const o = i * 4;
    out[o] = lut[k];
    out[o + 1] = lut[k + 1];
    out[o + 2] = lut[k + 2];
    out[o + 3] = 255;
  }
}

/** CSS linear-gradient stops for a legend of the scale kind, left (low) to right (high). */
export function legendGradient(kind: ColorScale['kind']): string {
  const stops = [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1];
  return stops
    .map((t) => {
      const [r, g, b] =
        kind === 'diverging' ? colorOf(2 * t - 1, { kind, maxAbs: 1 }) : colorOf(t, { kind, min: 0, max: 1 });
      return `rgb(${r} ${g} ${b}) ${t * 100}%`;
    })
    .join(', ');
}

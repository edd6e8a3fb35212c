/**
 * How the fed input tensor is shown: one channel as gray, three as colour, over [0, 1] widened
 * to the data's range (the explorer's inputs are value / 255; an imported model may differ).
 */
import { paintValues, type ColorScale } from './colorScale.js';
import { rangeOf } from './mapScales.js';

/** The input's picture: a gray scale for one channel, else RGBA of its first three channels. */
export function inputPicture(
  dims: readonly number[],
  data: Float32Array,
): {
  height: number;
  width: number;
  scale: ColorScale;
  rgba?: Uint8ClampedArray;
} {
  const [c, h, w] = dims.length === 4 ? [dims[1], dims[2], dims[3]] : [1, 1, data.length];
  const r = rangeOf(data);
  const scale: ColorScale = { kind: 'gray', min: Math.min(0, r.min), max: Math.max(1, r.max) };
  if (c < 3) return { height: h, width: w, scale };
  const plane = h * w;
  const rgba = new Uint8ClampedArray(plane * 4);
  const channel = new Uint8ClampedArray(plane * 4);
  for (let k = 0; k < 3; k++) {
    paintValues(data, k * plane, plane, scale, channel);
    for (let i = 0; i < plane; i++) rgba[i * 4 + k] = channel[i * 4];
  }
  for (let i = 0; i < plane; i++) rgba[i * 4 + 3] = 255;
  return { height: h, width: w, scale, rgba };
}

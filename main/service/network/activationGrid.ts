/**
 * One layer's output as a picture for `--activations`: each channel's map side by side in a
 * near-square grid, each map scaled to its own min..max (so a weak channel is as visible as a
 * strong one; the .npy next to it holds the values), with a 1-pixel separator between maps. Maps
 * are gray; separators and empty cells are a dark blue no gray value can be mistaken for.
 */
import type { RasterImage } from '../image/index.js';

const SEPARATOR = [20, 40, 110];

/** The maps of a tensor: [N·C maps of H×W] for 4-D, one 1×(all elements) strip otherwise. */
function mapsOf(dims: readonly number[], length: number): { count: number; height: number; width: number } {
  if (dims.length === 4) return { count: dims[0] * dims[1], height: dims[2], width: dims[3] };
  return { count: 1, height: 1, width: length };
}

/** The RGB grid image of one tensor. */
export function activationGrid(dims: readonly number[], data: Float32Array): RasterImage {
  const { count, height, width } = mapsOf(dims, data.length);
  const cols = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / cols);
  const imageWidth = cols * width + (cols - 1);
  const imageHeight = rows * height + (rows - 1);
  const pixels = new Uint8Array(imageWidth * imageHeight * 3);
  for (let p = 0; p < imageWidth * imageHeight; p++) pixels.set(SEPARATOR, 3 * p);
  const plane = height * width;
  for (let m = 0; m < count; m++) {
    const values = data.subarray(m * plane, (m + 1) * plane);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    // A constant (or non-finite) map has no range to show: black.
    const scale = hi > lo && Number.isFinite(hi - lo) ? 255 / (hi - lo) : 0;
    const top = Math.floor(m / cols) * (height + 1);
    const left = (m % cols) * (width + 1);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const v = values[y * width + x];
        const g = Number.isFinite(v) ? Math.round((v - lo) * scale) : 0;
        pixels.fill(g, 3 * ((top + y) * imageWidth + left + x), 3 * ((top + y) * imageWidth + left + x) + 3);
      }
  }
  return {
    width: imageWidth,
    height: imageHeight,
    channels: 3,
    depth: 8,
    data: pixels,
    hasAlpha: false,
    metadata: { format: 'raw' },
  };
}

/**
 * Reference image filter: the definition of filter2d (native-kernels/filter2d.ts) as plain loops in
 * float64. Border reads follow padding.ts, the same rule as conv2d padding.
 */
import type { Filter2dOptions, ImageView } from '../filter2d.js';
import { sourceIndex } from '../padding.js';

/** Round half up after clamping to [0, max], as the kernel stores samples. */
function toSample(v: number, max: number): number {
  return Math.floor(Math.min(Math.max(v, 0), max) + 0.5);
}

/** Filters the whole image; returns samples and the pre-mapping [min, max] of colour channels. */
export function filter2dReference(
  image: ImageView,
  options: Filter2dOptions,
): { data: Float64Array; min: number; max: number } {
  const { width: w, height: h, channels: c, hasAlpha } = image;
  const k = options.kernel;
  const [ay, ax] = options.anchor ?? [Math.floor(k.rows / 2), Math.floor(k.cols / 2)];
  const luminance = options.luminance ?? false;
  const colour = luminance ? 1 : hasAlpha ? c - 1 : c;
  const dstC = luminance ? (hasAlpha ? 2 : 1) : c;
  const maxv = image.depth === 8 ? 255 : 65535;
  const scale = options.scale ?? 1;
  const offset = options.offset ?? 0;
  const sample = (y: number, x: number, ch: number): number => {
    const sy = sourceIndex(y, h, options.border);
    const sx = sourceIndex(x, w, options.border);
    if (sy < 0 || sx < 0) return 0;
    const p = (sy * w + sx) * c;
    if (!luminance) return image.data[p + ch];
    if (c < 3) return image.data[p];
    return 0.2126 * image.data[p] + 0.7152 * image.data[p + 1] + 0.0722 * image.data[p + 2];
  };
  const correlate = (kernel: Float32Array, y: number, x: number, ch: number): number => {
    let s = 0;
    for (let i = 0; i < k.rows; i++)
      for (let j = 0; j < k.cols; j++) s += kernel[i * k.cols + j] * sample(y - ay + i, x - ax + j, ch);
    return s;
  };
  const values = new Float64Array(w * h * colour);
  let min = Infinity;
  let max = -Infinity;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let ch = 0; ch < colour; ch++) {
        const gx = correlate(k.data, y, x, ch);
        const g = options.kernelY ? Math.hypot(gx, correlate(options.kernelY.data, y, x, ch)) : gx;
        const v = g * scale + offset;
        values[(y * w + x) * colour + ch] = v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
  const data = new Float64Array(w * h * dstC);
  const half = image.depth === 8 ? 128 : 32768;
  for (let p = 0; p < w * h; p++) {
    for (let ch = 0; ch < colour; ch++) {
      const v = values[p * colour + ch];
      let m: number;
      switch (options.mapping) {
        case 'abs':
          m = Math.abs(v);
          break;
        case 'shift':
          m = v + half;
          break;
        case 'stretch':
          m = max > min ? ((v - min) * maxv) / (max - min) : 0;
          break;
        default:
          m = v;
      }
      data[p * dstC + ch] = toSample(m, maxv);
    }
    if (hasAlpha) data[p * dstC + dstC - 1] = image.data[p * c + c - 1];
  }
  return { data, min, max };
}

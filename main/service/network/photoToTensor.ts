/**
 * A photo as a model input: the largest centred crop with the input's aspect ratio, converted to
 * gray (Rec. 709 luminance of the stored values) for one-channel models or kept RGB for three,
 * resized by area averaging (every source pixel counts with the fraction of it a target pixel
 * covers), scaled to [0, 1]. MNIST digits are light on dark, so a one-channel input whose border is
 * mostly light (a dark digit on paper) is inverted. Every step is stated in `conversion`.
 */
import { maxSample, type RasterImage } from '../image/rasterImage.js';

export interface PhotoTensor {
  dims: number[];
  data: Float32Array;
  conversion: string;
  crop: { x: number; y: number; width: number; height: number };
}

/** Area-averaging resize of one plane (values as stored) from (w, h) to (W, H). */
function resizePlane(src: Float64Array, w: number, h: number, W: number, H: number): Float64Array {
  const out = new Float64Array(W * H);
  const sx = w / W;
  const sy = h / H;
  for (let Y = 0; Y < H; Y++) {
    const y0 = Y * sy;
    const y1 = y0 + sy;
    for (let X = 0; X < W; X++) {
      const x0 = X * sx;
      const x1 = x0 + sx;
      let acc = 0;
      for (let y = Math.floor(y0); y < Math.min(h, Math.ceil(y1)); y++) {
        const fy = Math.min(y + 1, y1) - Math.max(y, y0);
        for (let x = Math.floor(x0); x < Math.min(w, Math.ceil(x1)); x++) {
          const fx = Math.min(x + 1, x1) - Math.max(x, x0);
          acc += fx * fy * src[y * w + x];
        }
      }
      out[Y * W + X] = acc / (sx * sy);
    }
  }
  return out;
}

/** Converts `image` to a [1, C, H, W] tensor for an input of dims `inputDims` (C 1 or 3). */
export function photoToTensor(image: RasterImage, inputDims: readonly number[]): PhotoTensor {
  if (inputDims.length !== 4 || inputDims[0] !== 1 || (inputDims[1] !== 1 && inputDims[1] !== 3))
    throw new RangeError(
      `Expected a model input of 1x1xHxW or 1x3xHxW for a photo but the model takes ${inputDims.join('x')}`,
    );
  const [, C, H, W] = inputDims;
  // The largest centred crop with the input's aspect ratio.
  const scale = Math.min(image.width / W, image.height / H);
  const cw = Math.max(1, Math.min(image.width, Math.round(W * scale)));
  const ch = Math.max(1, Math.min(image.height, Math.round(H * scale)));
  const crop = {
    x: Math.floor((image.width - cw) / 2),
    y: Math.floor((image.height - ch) / 2),
    width: cw,
    height: ch,
  };
  const colour = image.channels - (image.hasAlpha ? 1 : 0);
  const top = maxSample(image.depth);
  const plane = (c: number | 'gray') => {
    const p = new Float64Array(cw * ch);
    for (let y = 0; y < ch; y++)
      for (let x = 0; x < cw; x++) {
        const at = ((crop.y + y) * image.width + crop.x + x) * image.channels;
        const d = image.data;
        const v =
          c === 'gray'
            ? colour >= 3
              ? 0.2126 * d[at] + 0.7152 * d[at + 1] + 0.0722 * d[at + 2]
              : d[at]
            : d[at + Math.min(c, colour - 1)];
        p[y * cw + x] = v / top;
      }
    return resizePlane(p, cw, ch, W, H);
  };
  const planes = C === 1 ? [plane('gray')] : [plane(0), plane(1), plane(2)];
  const steps = [
    `centre crop ${cw}x${ch} at (${crop.x}, ${crop.y}) of the ${image.width}x${image.height} photo`,
    C === 1
      ? colour >= 3
        ? 'gray (Rec. 709 luminance)'
        : 'gray'
      : colour >= 3
        ? 'RGB'
        : 'gray copied to R, G and B',
    `area-averaged to ${W}x${H}`,
    `scaled to [0, 1] (value / ${top})`,
  ];
  if (C === 1) {
    // Mean of the border ring: a light border means a dark figure on a light ground.
    const g = planes[0];
    let sum = 0;
    let n = 0;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++)
        if (y === 0 || x === 0 || y === H - 1 || x === W - 1) {
          sum += g[y * W + x];
          n++;
        }
    if (sum / n > 0.5) {
      for (let i = 0; i < g.length; i++) g[i] = 1 - g[i];
      steps.push('inverted (light background; MNIST digits are light on dark)');
    }
  }
  const data = new Float32Array(C * H * W);
  planes.forEach((p, c) => data.set(Float32Array.from(p), c * H * W));
  return { dims: [1, C, H, W], data, conversion: steps.join(', '), crop };
}

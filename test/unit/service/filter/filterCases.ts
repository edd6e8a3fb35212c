/**
 * The filter golden cases: real photos (cropped so the float64 reference stays quick) through
 * presets and options that cover every border mode, mapping, channel layout, bit depth, true
 * convolution and gradient magnitude. Shared by the golden test and test/golden/make-filter-golden.ts.
 */
import sharp from 'sharp';
import { loadImage } from '../../../../main/service/image/loadImage.js';
import type { RasterImage } from '../../../../main/service/image/rasterImage.js';
import type { FilterSpec } from '../../../../main/service/filter/filterSpec.js';
import { presetSpec } from '../../../../main/service/filter/presets.js';

export const PHOTOS = new URL('../../../fixtures/photos/', import.meta.url);

export interface FilterCase {
  name: string;
  photo: string;
  /** Crop [left, top, width, height]. */
  crop: [number, number, number, number];
  /** Add an alpha channel (a radial ramp) to test pass-through. */
  alpha?: boolean;
  spec: FilterSpec;
}

const base = (id: string, params: Record<string, number> = {}) => presetSpec(id, params);

export const FILTER_CASES: FilterCase[] = [
  { name: 'camera sobel-x abs', photo: 'camera.png', crop: [180, 90, 120, 100], spec: base('sobel-x') },
  {
    name: 'camera homework-h conv shift128 zero',
    photo: 'camera.png',
    crop: [100, 100, 90, 70],
    spec: { ...base('homework-h'), mode: 'convolution', border: 'zero' },
  },
  {
    name: 'camera gaussian 2.5 reflect',
    photo: 'camera.png',
    crop: [0, 0, 64, 48],
    spec: { ...base('gaussian', { sigma: 2.5 }), border: 'reflect' },
  },
  {
    name: 'camera laplacian-8 stretch circular',
    photo: 'camera.png',
    crop: [300, 300, 80, 80],
    spec: { ...base('laplacian-8'), mapping: 'stretch', border: 'circular' },
  },
  {
    name: 'chelsea box 5 replicate',
    photo: 'chelsea.png',
    crop: [120, 60, 100, 80],
    spec: { ...base('box', { size: 5 }), border: 'replicate' },
  },
  {
    name: 'chelsea sobel-magnitude luminance',
    photo: 'chelsea.png',
    crop: [150, 80, 96, 64],
    spec: { ...base('sobel-magnitude'), channels: 'luminance' },
  },
  {
    name: 'chelsea motion blur 9 at 30 degrees',
    photo: 'chelsea.png',
    crop: [10, 10, 80, 60],
    spec: base('motion-blur', { length: 9, angle: 30 }),
  },
  {
    name: 'chelsea emboss rgba',
    photo: 'chelsea.png',
    crop: [200, 100, 64, 64],
    alpha: true,
    spec: base('emboss'),
  },
  {
    name: 'rocket unsharp mask',
    photo: 'rocket.jpg',
    crop: [250, 100, 90, 90],
    spec: base('unsharp-mask', { sigma: 1.5, amount: 1 }),
  },
  {
    name: 'rocket laplacian of gaussian abs luminance',
    photo: 'rocket.jpg',
    crop: [200, 150, 70, 70],
    spec: { ...base('laplacian-of-gaussian', { sigma: 1.4 }), mapping: 'abs', channels: 'luminance' },
  },
  {
    name: 'chessboard 16-bit scharr-y abs',
    photo: 'chessboard_GRAY_U16.tif',
    crop: [20, 20, 80, 80],
    spec: base('scharr-y'),
  },
  {
    name: 'chessboard 16-bit even 4x2 kernel conv',
    photo: 'chessboard_GRAY_U16.tif',
    crop: [0, 0, 60, 50],
    spec: {
      ...base('identity'),
      kernel: { rows: 4, cols: 2, data: Float32Array.of(1, -1, 2, 0.5, -3, 1, 0.25, 2) },
      mode: 'convolution',
      normalize: false,
      mapping: 'shift128',
      border: 'reflect',
    },
  },
  {
    name: 'hubble dense 15x15',
    photo: 'hubble_deep_field.jpg',
    crop: [400, 400, 48, 40],
    spec: {
      ...base('identity'),
      kernel: {
        rows: 15,
        cols: 15,
        data: Float32Array.from({ length: 225 }, (_, i) => Math.sin(i * 0.7) / 40),
      },
      normalize: false,
      mapping: 'shift128',
    },
  },
];

/** Loads a case's photo through the app's loader, cropped (and with alpha added when asked). */
export async function caseImage(c: FilterCase): Promise<RasterImage> {
  const [left, top, width, height] = c.crop;
  let pipeline = sharp(new URL(c.photo, PHOTOS).pathname).extract({ left, top, width, height });
  const is16 = c.photo.includes('U16');
  if (c.alpha) pipeline = pipeline.ensureAlpha(0.6);
  const bytes = await (is16 ? pipeline.toColourspace('grey16').png() : pipeline.png()).toBuffer();
  return loadImage(new Uint8Array(bytes), { name: c.photo });
}

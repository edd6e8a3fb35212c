/**
 * A photo as a model's input: centre-cropped to the input's aspect, made gray (ITU-R BT.601
 * luma, as PIL's convert('L') and torchvision's Grayscale) for one channel or kept RGB for three,
 * resized with an antialiased bilinear filter, and scaled to [0, 1]. The steps taken are returned
 * as one line, since a model's answer means little without knowing what it was shown.
 */
import { basename } from 'node:path';
import { loadImage, maxSample, type RasterImage } from '../image/index.js';
import { ModelInputError } from './modelInputError.js';
import { resamplePlane } from './resamplePlane.js';

/** A photo larger than this is refused before decoding (a 50-megapixel camera is well inside). */
export const MAX_INPUT_PIXELS = 100_000_000;

export interface ConvertedInput {
  dims: number[];
  data: Float32Array;
  conversion: string;
}

/** The largest centred window of the image with the aspect width:height. */
export function centreCrop(
  imageWidth: number,
  imageHeight: number,
  width: number,
  height: number,
): { left: number; top: number; width: number; height: number } {
  let w = imageWidth;
  let h = imageHeight;
  // Compare width/height ratios in integers: imageWidth/imageHeight > width/height means too wide.
  if (imageWidth * height > imageHeight * width) w = Math.max(1, Math.round((imageHeight * width) / height));
  else h = Math.max(1, Math.round((imageWidth * height) / width));
  return {
    left: Math.floor((imageWidth - w) / 2),
    top: Math.floor((imageHeight - h) / 2),
    width: w,
    height: h,
  };
}

const LUMA = [0.299, 0.587, 0.114];

/**
 * The crop's planes in sample units: one gray plane or three RGB planes. Alpha is composited onto
 * black (value times alpha), which keeps a drawn digit on a transparent canvas bright on dark.
 */
function planesOf(image: RasterImage, crop: ReturnType<typeof centreCrop>, channels: 1 | 3): Float64Array[] {
  const { width, channels: n, hasAlpha, data } = image;
  const colours = hasAlpha ? n - 1 : n;
  const max = maxSample(image.depth);
  const planes = Array.from({ length: channels }, () => new Float64Array(crop.width * crop.height));
  for (let y = 0; y < crop.height; y++)
    for (let x = 0; x < crop.width; x++) {
      const p = ((crop.top + y) * width + crop.left + x) * n;
      const alpha = hasAlpha ? data[p + n - 1] / max : 1;
      const i = y * crop.width + x;
      if (colours === 1) for (const plane of planes) plane[i] = data[p] * alpha;
      else if (channels === 3) for (let c = 0; c < 3; c++) planes[c][i] = data[p + c] * alpha;
      else planes[0][i] = (LUMA[0] * data[p] + LUMA[1] * data[p + 1] + LUMA[2] * data[p + 2]) * alpha;
    }
  return planes;
}

/** A decoded image converted, and the crop it was taken from. */
export interface ConvertedImage extends ConvertedInput {
  crop: ReturnType<typeof centreCrop>;
}

/** Converts an image file to `inputDims` ([1, 1 or 3, H, W]). */
export async function imageToModelInput(path: string, inputDims: readonly number[]): Promise<ConvertedInput> {
  checkImageInputDims(basename(path), inputDims);
  const image = await loadImage(path, { maxPixels: MAX_INPUT_PIXELS });
  const { dims, data, conversion } = imageToTensor(image, basename(path), inputDims);
  return { dims, data, conversion };
}

function checkImageInputDims(name: string, inputDims: readonly number[]): void {
  const [n, c] = inputDims;
  if (inputDims.length !== 4 || n !== 1 || (c !== 1 && c !== 3))
    throw new ModelInputError(
      `Expected a model whose input is [1, 1 or 3, H, W] to convert ${name} to, but the model takes [${inputDims.join(', ')}]; give a JSON tensor file instead`,
    );
}

/** Converts a decoded image (called `name` in the conversion text) to `inputDims`. */
export function imageToTensor(
  image: RasterImage,
  name: string,
  inputDims: readonly number[],
): ConvertedImage {
  checkImageInputDims(name, inputDims);
  const [, c, h, w] = inputDims as [number, 1 | 3, number, number];
  const crop = centreCrop(image.width, image.height, w, h);
  const planes = planesOf(image, crop, c);
  const data = new Float32Array(c * h * w);
  const max = maxSample(image.depth);
  planes.forEach((plane, k) => {
    const resized = resamplePlane(plane, crop.height, crop.width, h, w);
    for (let i = 0; i < resized.length; i++) data[k * h * w + i] = Math.min(1, Math.max(0, resized[i] / max));
  });
  const colours = image.hasAlpha ? image.channels - 1 : image.channels;
  const source = `${name} ${image.width}×${image.height} ${colours === 1 ? 'gray' : 'RGB'}${image.hasAlpha ? ' with alpha' : ''} ${image.depth}-bit`;
  const steps = [
    source,
    ...(image.hasAlpha ? ['alpha composited onto black'] : []),
    crop.width === image.width && crop.height === image.height
      ? 'no crop (same aspect)'
      : `centre-cropped to ${crop.width}×${crop.height} at (${crop.left}, ${crop.top})`,
    ...(c === 1 && colours === 3 ? ['gray (0.299 R + 0.587 G + 0.114 B)'] : []),
    ...(c === 3 && colours === 1 ? ['gray copied to R, G and B'] : []),
    crop.width === w && crop.height === h ? 'not resized' : `resized to ${w}×${h} (bilinear, antialiased)`,
    `divided by ${max} into [0, 1]`,
    `[${inputDims.join(', ')}]`,
  ];
  return { dims: [...inputDims], data, conversion: steps.join(' → '), crop };
}

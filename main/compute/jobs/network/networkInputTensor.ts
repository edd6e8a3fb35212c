/**
 * What the explorer feeds a model, as the tensor it gets: a test digit or a drawn digit (28x28
 * bytes, value / 255) for a 1x1x28x28 input, or a photo converted by photoToTensor (any 1- or
 * 3-channel input), with a thumbnail and the crop so the preprocessing can be shown. MNIST digits
 * are light on dark, so a one-channel photo whose border is mostly light (a dark digit on paper)
 * is inverted, and the conversion says so.
 */
import type { NetworkInput, NetworkRun } from '../../../../preload/networkContract.js';
import { loadImage } from '../../../service/image/loadImage.js';
import { imageToTensor, MAX_INPUT_PIXELS } from '../../../service/network/imageInput.js';
import { sampleCoordinates } from '../../preview/sampleCoordinates.js';
import { toDisplayRgba } from '../../preview/toDisplayRgba.js';
import { mnistTestDigit } from './mnistTestDigits.js';

const THUMBNAIL_SIDE = 256;

export interface FedInput {
  dims: number[];
  data: Float32Array;
  conversion: string;
  photo: NetworkRun['input']['photo'];
}

function digitTensor(pixels: Uint8Array, inputDims: readonly number[], what: string): FedInput {
  const wanted = [1, 1, 28, 28];
  if (inputDims.length !== 4 || inputDims.some((d, i) => d !== wanted[i]))
    throw new RangeError(
      `Expected a model with a 1x1x28x28 input for ${what} but this one takes ${inputDims.join('x')} (feed it a photo)`,
    );
  if (!(pixels instanceof Uint8Array) || pixels.length !== 28 * 28)
    throw new RangeError(`Expected 784 gray bytes for ${what} but received ${pixels?.length}`);
  return {
    dims: [...wanted],
    data: Float32Array.from(pixels, (v) => v / 255),
    conversion: `${what}: 28x28 gray bytes scaled to [0, 1] (value / 255)`,
    photo: null,
  };
}

/** Inverts a one-channel input in place when its border ring is mostly light; true if it did. */
function invertLightBackground(t: { dims: number[]; data: Float32Array }): boolean {
  const [, c, h, w] = t.dims;
  if (c !== 1) return false;
  let sum = 0;
  let n = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (y === 0 || x === 0 || y === h - 1 || x === w - 1) {
        sum += t.data[y * w + x];
        n++;
      }
  if (sum / n <= 0.5) return false;
  for (let i = 0; i < t.data.length; i++) t.data[i] = 1 - t.data[i];
  return true;
}

export async function networkInputTensor(
  input: NetworkInput,
  inputDims: readonly number[],
): Promise<FedInput> {
  switch (input.kind) {
    case 'digit': {
      const digit = mnistTestDigit(input.index);
      return digitTensor(digit.pixels, inputDims, `test digit ${input.index} (a ${digit.label})`);
    }
    case 'drawn':
      return digitTensor(input.pixels, inputDims, 'the drawn digit');
    case 'photo': {
      const image = await loadImage(input.bytes, { name: input.name, maxPixels: MAX_INPUT_PIXELS });
      const t = imageToTensor(image, input.name, inputDims);
      const conversion = invertLightBackground(t)
        ? `${t.conversion} → inverted (light background)`
        : t.conversion;
      const k = Math.min(1, THUMBNAIL_SIDE / Math.max(image.width, image.height));
      const tw = Math.max(1, Math.round(image.width * k));
      const th = Math.max(1, Math.round(image.height * k));
      const rgba = toDisplayRgba(
        image,
        sampleCoordinates(0, image.width, tw),
        sampleCoordinates(0, image.height, th),
      );
      return {
        dims: t.dims,
        data: t.data,
        conversion,
        photo: {
          width: image.width,
          height: image.height,
          crop: { x: t.crop.left, y: t.crop.top, width: t.crop.width, height: t.crop.height },
          thumbnail: { width: tw, height: th, rgba },
        },
      };
    }
    default:
      throw new RangeError(
        `Expected an input of kind digit, drawn or photo but received ${JSON.stringify((input as { kind?: unknown }).kind)}`,
      );
  }
}

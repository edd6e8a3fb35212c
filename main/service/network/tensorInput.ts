/**
 * The input of `convscope predict`: a JSON tensor file ({"shape": [...], "data": [...]}, used
 * exactly as given and parsed as hostile, see parseTensorJson.ts) or an image file converted to the
 * model's input shape (see imageInput.ts). Either way the result says what was done to it.
 */
import { basename, extname } from 'node:path';
import { imageToModelInput, type ConvertedInput } from './imageInput.js';
import { readTensorFile } from './parseTensorJson.js';

export type ModelInput = ConvertedInput;

/** Reads `path` as the input of a model whose input dims are `inputDims` ('.json': a tensor file). */
export async function readModelInput(path: string, inputDims: readonly number[]): Promise<ModelInput> {
  if (extname(path).toLowerCase() === '.json') {
    const tensor = await readTensorFile(path);
    return {
      ...tensor,
      conversion: `${basename(path)}: a JSON tensor [${tensor.dims.join(', ')}], used as given`,
    };
  }
  return imageToModelInput(path, inputDims);
}

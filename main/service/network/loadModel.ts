/**
 * The model argument of `convscope predict` (and of anything else that opens a model by name):
 * 'builtin' for the shipped homework network, a weights .json file written by `convscope train`,
 * or an .onnx file. Each path ends in a checked ModelGraph.
 */
import { basename, extname } from 'node:path';
import { BUILTIN_WEIGHTS_PATH } from './homework/builtinModel.js';
import { readWeightsFile } from './homework/weightsFile.js';
import type { ModelGraph } from './modelGraph.js';
import { ModelInputError } from './modelInputError.js';
import { importOnnx } from './onnx/importOnnx.js';
import { DEFAULT_ONNX_LIMITS } from './onnx/onnxLimits.js';
import { readCappedFile } from './readCappedFile.js';

export type ModelKind = 'builtin' | 'weights' | 'onnx';

export interface LoadedModel {
  kind: ModelKind;
  /** The file the model came from (the shipped weights file for 'builtin'). */
  path: string;
  graph: ModelGraph;
}

/** What a model argument names, or null when it is none of the three. */
export function modelKind(arg: string): ModelKind | null {
  if (arg === 'builtin') return 'builtin';
  const ext = extname(arg).toLowerCase();
  if (ext === '.onnx') return 'onnx';
  if (ext === '.json') return 'weights';
  return null;
}

/** Loads and checks the model; failures name the file and say what was wrong. */
export async function loadModel(arg: string): Promise<LoadedModel> {
  const kind = modelKind(arg);
  switch (kind) {
    case 'builtin':
      return { kind, path: BUILTIN_WEIGHTS_PATH, graph: readWeightsFile(BUILTIN_WEIGHTS_PATH).graph };
    case 'weights':
      return { kind, path: arg, graph: readWeightsFile(arg).graph };
    case 'onnx': {
      // The importer caps the size too, but only once the bytes are in memory.
      const bytes = await readCappedFile(arg, DEFAULT_ONNX_LIMITS.maxBytes, 'an ONNX file');
      try {
        return { kind, path: arg, graph: importOnnx(bytes) };
      } catch (error) {
        if (error instanceof Error) error.message = `${basename(arg)}: ${error.message}`;
        throw error;
      }
    }
    case null:
      throw new ModelInputError(
        `Expected 'builtin', a weights .json file or an .onnx file for the model but received '${arg}'`,
      );
  }
}

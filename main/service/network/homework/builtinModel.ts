/**
 * The network the app opens with: the homework CNN trained by `convscope train` with the default
 * settings (see trainSettings.ts and the file's own manifest), shipped as
 * main/assets/network/homework-cnn.json. The path is resolved from this module's location, so it
 * holds for the CLI, the tests and the unbundled back end; a bundled build must copy the assets
 * folder next to its output the same way.
 */
import { fileURLToPath } from 'node:url';
import { readWeightsFile, type WeightsFile } from './weightsFile.js';

export const BUILTIN_WEIGHTS_PATH = fileURLToPath(
  new URL('../../../assets/network/homework-cnn.json', import.meta.url),
);

/** Reads and checks the shipped weights (about 1 ms); each call returns its own copy. */
export function loadBuiltinModel(): WeightsFile {
  return readWeightsFile(BUILTIN_WEIGHTS_PATH);
}

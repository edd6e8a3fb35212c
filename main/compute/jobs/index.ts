/** The jobs every compute process has. Adding a job: write jobs/<name>.ts and add one line here. */
import { registerJob } from '../jobRegistry.js';
import { conv2dBands } from './conv2dBands.js';
import { crash } from './crash.js';
import { encodeImageJob } from './encodeImage.js';
import { filter } from './filter.js';
import { kernelOp } from './kernelOp.js';
import { exportImageJob, getImageJob, loadImageJob, releaseImageJob } from './images.js';
import { preview } from './preview.js';
import { processStats } from './processStats.js';
import {
  exportModel,
  listModelsJob,
  mnistDigits,
  modelGradient,
  modelWeights,
  openModel,
  runModel,
} from './network/modelJobs.js';
import { train } from './network/trainJob.js';
import { spin } from './spin.js';

/** Registers the built-in jobs (called once by computeProcess.ts). */
export function registerBuiltinJobs(): void {
  registerJob('conv2dBands', conv2dBands);
  registerJob('spin', spin);
  registerJob('crash', crash);
  registerJob('loadImage', loadImageJob);
  registerJob('getImage', getImageJob);
  registerJob('exportImage', exportImageJob);
  registerJob('releaseImage', releaseImageJob);
  registerJob('filter', filter);
  registerJob('processStats', processStats);
  registerJob('preview', preview);
  registerJob('encodeImage', encodeImageJob);
  registerJob('openModel', openModel);
  registerJob('listModels', listModelsJob);
  registerJob('mnistDigits', mnistDigits);
  registerJob('runModel', runModel);
  registerJob('modelWeights', modelWeights);
  registerJob('modelGradient', modelGradient);
  registerJob('exportModel', exportModel);
  registerJob('train', train);
  registerJob('kernelOp', kernelOp);
}

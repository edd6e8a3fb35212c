/**
 * What a training run reports: plain objects and typed arrays only, so that every value can
 * cross a worker boundary by structured clone (the app runs each run in its own worker thread).
 */
import type { HomeworkArchitecture, HomeworkWeights } from '../homework/homeworkArchitecture.js';
import type { TrainSettings } from './trainSettings.js';

/** One finished epoch. Accuracies are fractions in [0, 1]. */
export interface TrainEpoch {
  /** 1-based. */
  epoch: number;
  learningRate: number;
  /**
   * Mean cross-entropy and accuracy over the epoch's mini-batches as they were trained, in
   * training mode (dropout on, batch statistics): the usual running figure, and the one that
   * shows dropout's gap to the test figures.
   */
  trainLoss: number;
  trainAccuracy: number;
  /** Over the test digits after the epoch, in inference mode (running statistics, no dropout). */
  testLoss: number;
  testAccuracy: number;
  /** Wall time from the start of the run to the end of this epoch's evaluation. */
  elapsedSeconds: number;
  /** Training images per second of this epoch's training part (evaluation excluded). */
  trainImagesPerSecond: number;
}

/** Sent after every mini-batch. */
export interface TrainProgress {
  /** 1-based, of `epochs`. */
  epoch: number;
  epochs: number;
  /** 1-based, of `batches` in this epoch. */
  batch: number;
  batches: number;
  /** This batch's mean loss and accuracy (training mode). */
  loss: number;
  accuracy: number;
  elapsedSeconds: number;
}

export interface TrainHooks {
  onBatch?(progress: TrainProgress): void;
  onEpoch?(epoch: TrainEpoch): void;
  /**
   * Polled before every mini-batch; true stops the run, which returns the best weights so far.
   * Training runs synchronously, so in a worker thread back this by shared memory (say Atomics.load
   * on a SharedArrayBuffer flag): a message event would not be seen until the run ends.
   */
  cancelled?(): boolean;
}

/** How the run ended: all epochs, cancelled, or stopped because the loss became NaN or infinite. */
export type TrainStop = 'completed' | 'cancelled' | 'diverged';

export interface TrainResult {
  settings: TrainSettings;
  architecture: HomeworkArchitecture;
  epochs: TrainEpoch[];
  /**
   * The epoch whose weights are returned: the best by test accuracy (ties to the lower test loss).
   * 0 when the run stopped before finishing an epoch: then the weights are those at the stop (or
   * the initial ones if training diverged).
   */
  bestEpoch: number;
  /** Test loss and accuracy of the returned weights. */
  testLoss: number;
  testAccuracy: number;
  weights: HomeworkWeights;
  stopped: TrainStop;
  elapsedSeconds: number;
}

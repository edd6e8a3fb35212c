/**
 * The training settings and curves as the contract shows them (preload/networkContract.ts), from
 * the training code's own records: a subset of its settings (Adam's betas, the split and the
 * sample counts keep their defaults in the app) and epochs with their wall time.
 */
import type { EpochStats, TrainingRecord, TrainSettings } from '../../../../preload/networkContract.js';
import type { WeightsManifest } from '../../../service/network/homework/weightsManifest.js';
import type { TrainEpoch } from '../../../service/network/train/trainResult.js';
import type {
  TrainOptions,
  TrainSettings as FullTrainSettings,
} from '../../../service/network/train/trainSettings.js';

/** The contract's view of a full settings record. */
export function contractSettings(s: FullTrainSettings): TrainSettings {
  return {
    epochs: s.epochs,
    optimizer: s.optimizer,
    learningRate: s.learningRate,
    momentum: s.momentum,
    weightDecay: s.weightDecay,
    lrDecay: s.lrDecay,
    batchSize: s.batchSize,
    batchNorm: s.batchNorm,
    dropout: s.dropout,
    initScale: s.initScale,
    seed: s.seed,
  };
}

/** The training code's options for the contract's settings (it checks every value itself). */
export function trainOptions(s: TrainSettings): TrainOptions {
  return { ...s };
}

export function epochStats(e: TrainEpoch): EpochStats {
  return {
    epoch: e.epoch,
    trainLoss: e.trainLoss,
    trainAccuracy: e.trainAccuracy,
    testLoss: e.testLoss,
    testAccuracy: e.testAccuracy,
    learningRate: e.learningRate,
    seconds: e.elapsedSeconds,
  };
}

/** A weights file's provenance for the explorer. */
export function trainingRecord(manifest: WeightsManifest): TrainingRecord {
  const { data } = manifest;
  return {
    settings: contractSettings(manifest.settings),
    data: `${data.source}: ${data.trainDigits} train / ${data.testDigits} test digits, split seed ${data.splitSeed}`,
    epochs: manifest.epochs.map(epochStats),
    testAccuracy: manifest.testAccuracy,
  };
}

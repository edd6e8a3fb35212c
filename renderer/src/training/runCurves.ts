/**
 * A training run's curves as chart series: loss and accuracy per epoch, train and test
 * (validation), plus the mini-batch loss history the back end keeps (so the loss chart moves before
 * the first epoch ends). Epochs are 1-based; batch b of epoch e sits at e − 1 + b / batches.
 */
import type { EpochStats, TrainStatus } from '../../../preload/networkContract.js';

export interface Point {
  x: number;
  y: number;
}

/** The run's mini-batch loss history as a series (non-finite losses of a diverged run left out). */
export function batchLossSeries(history: TrainStatus['batchLoss']): Point[] {
  return history.filter((p) => Number.isFinite(p.loss)).map((p) => ({ x: p.x, y: p.loss }));
}

/** Per-epoch series, each point at its epoch number. */
export function epochSeries(epochs: readonly EpochStats[]) {
  const at = (pick: (e: EpochStats) => number): Point[] => epochs.map((e) => ({ x: e.epoch, y: pick(e) }));
  return {
    trainLoss: at((e) => e.trainLoss),
    testLoss: at((e) => e.testLoss),
    trainAccuracy: at((e) => e.trainAccuracy * 100),
    testAccuracy: at((e) => e.testAccuracy * 100),
  };
}

/** The last epoch's gap between train and test accuracy, in percentage points (null before one). */
export function accuracyGap(epochs: readonly EpochStats[]): number | null {
  const last = epochs[epochs.length - 1];
  return last === undefined ? null : (last.trainAccuracy - last.testAccuracy) * 100;
}

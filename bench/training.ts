/**
 * Section `training`: how long the shipped settings take to train the homework CNN to 97 % test
 * accuracy on the 2,000 test digits, on the calling thread (the app runs each training run in its
 * own worker, one core each, so two runs fit side by side on the 2-core machine). Three runs with
 * seeds 1 (the shipped network's), 2 and 3, each stopped at the end of the first epoch that
 * reaches 97 % (or after the shipped 12 epochs); the headline is the median time. Training speed
 * is images/s of the training part of every epoch (evaluation excluded).
 */
import { loadAddon } from '../native-kernels/addon.js';
import { loadMnist } from '../main/service/network/mnist/loadMnist.js';
import { trainNetwork } from '../main/service/network/train/trainNetwork.js';
import { DEFAULT_TRAIN_SETTINGS } from '../main/service/network/train/trainSettings.js';
import type { SectionReport } from './section.js';
import { median, summarizeRates, type RateSummary } from './stats.js';
import { fmt, printTable, verdict } from './table.js';

export const TARGET_ACCURACY = 0.97;
/** The target: 97 % within 2 minutes on 2 cores. */
export const TARGET_SECONDS = 120;
const SEEDS = [1, 2, 3];

export interface TrainingRun {
  seed: number;
  /** The first epoch at or above 97 %, or null if none within the shipped epochs. */
  reachedEpoch: number | null;
  /** Wall time from the start of the run to the end of that epoch's evaluation. */
  secondsToTarget: number | null;
  testAccuracy: number;
  epochsRun: number;
}

export interface TrainingResult {
  settings: typeof DEFAULT_TRAIN_SETTINGS;
  runs: TrainingRun[];
  /** Median over the runs (a run that never reached 97 % counts as infinitely slow). */
  medianSecondsToTarget: number;
  /** Training images/s over every epoch of every run. */
  trainImagesPerSecond: RateSummary;
  targetSeconds: number;
  verdict: string;
}

export async function runTraining(): Promise<SectionReport<TrainingResult>> {
  const mnist = loadMnist();
  const runs: TrainingRun[] = [];
  const imagesPerSecond: number[] = [];
  for (const seed of SEEDS) {
    let reached: { epoch: number; seconds: number } | null = null;
    const result = trainNetwork(
      { seed },
      {
        onEpoch: (e) => {
          imagesPerSecond.push(e.trainImagesPerSecond);
          if (reached === null && e.testAccuracy >= TARGET_ACCURACY)
            reached = { epoch: e.epoch, seconds: e.elapsedSeconds };
        },
        cancelled: () => reached !== null,
      },
      { mnist },
    );
    const hit = reached as { epoch: number; seconds: number } | null;
    runs.push({
      seed,
      reachedEpoch: hit?.epoch ?? null,
      secondsToTarget: hit?.seconds ?? null,
      testAccuracy: result.epochs.at(-1)?.testAccuracy ?? result.testAccuracy,
      epochsRun: result.epochs.length,
    });
  }
  const medianSeconds = median(runs.map((r) => r.secondsToTarget ?? Number.POSITIVE_INFINITY));
  const result: TrainingResult = {
    settings: DEFAULT_TRAIN_SETTINGS,
    runs,
    medianSecondsToTarget: medianSeconds,
    trainImagesPerSecond: summarizeRates(imagesPerSecond),
    targetSeconds: TARGET_SECONDS,
    // verdict() passes values at or above the target; here lower is better.
    verdict: verdict(TARGET_SECONDS, medianSeconds),
  };

  const s = DEFAULT_TRAIN_SETTINGS;
  printTable(
    `Training to ${100 * TARGET_ACCURACY} % test accuracy, shipped settings (${s.optimizer} lr ${s.learningRate} decay ${s.lrDecay}/epoch, batch ${s.batchSize}, BN, dropout ${s.dropout}, weight decay ${s.weightDecay}), 8,000 train / 2,000 test digits, calling thread`,
    ['seed', 'epoch reaching 97 %', 'seconds to 97 %', 'test accuracy then'],
    runs.map((r) => [
      String(r.seed),
      r.reachedEpoch === null ? `not in ${r.epochsRun}` : String(r.reachedEpoch),
      r.secondsToTarget === null ? '-' : fmt(r.secondsToTarget, 1),
      `${fmt(100 * r.testAccuracy, 2)}%`,
    ]),
  );
  printTable(
    'Training summary',
    ['figure', 'value', 'target'],
    [
      [
        `median seconds to 97 % (${runs.length} runs)`,
        fmt(medianSeconds, 1),
        `<= ${TARGET_SECONDS}: ${result.verdict}`,
      ],
      [
        `training images/s (median / best of ${imagesPerSecond.length} epochs)`,
        `${fmt(result.trainImagesPerSecond.median, 0)} / ${fmt(result.trainImagesPerSecond.best, 0)}`,
        '',
      ],
    ],
  );
  return { result, workspaceBytes: { main: loadAddon().workspaceBytes(), workers: [] } };
}

/**
 * 'train': one training run of the homework network on a thread of the background pool (two runs
 * go side by side on two cores, and previews keep the main pool). The run is synchronous there, so it talks through shared memory: it
 * writes each finished epoch and the latest mini-batch into a SharedArrayBuffer and reads the job's
 * cancel flag before every batch; this job samples the buffer and posts new epochs as details.
 * Cancelling keeps the best weights so far: they become a model before the job ends as cancelled
 * (a cancelled job delivers no result, so the model's id travels as a detail).
 */
import {
  TRAIN_LOSS_BUCKETS,
  type EpochStats,
  type ModelInfo,
  type TrainSettings,
  type TrainStatus,
} from '../../../../preload/networkContract.js';
import { homeworkGraph } from '../../../service/network/homework/homeworkGraph.js';
import { weightsFileText } from '../../../service/network/homework/weightsFile.js';
import { manifestOf } from '../../../service/network/homework/weightsManifest.js';
import { trainNetwork } from '../../../service/network/train/trainNetwork.js';
import type { TrainResult } from '../../../service/network/train/trainResult.js';
import type { JobHandler } from '../../jobRegistry.js';
import type { JobIO } from '../../jobTypes.js';
import { defineTask, type TaskContext } from '../../task.js';
import { storeModel } from './modelStore.js';
import { epochStats, trainingRecord, trainOptions } from './trainingRecord.js';

export interface TrainPayload {
  name: string;
  settings: TrainSettings;
}

/** What 'train' posts while it runs. */
export type TrainDetail =
  | {
      kind: 'progress';
      epochs: EpochStats[];
      batch: { epoch: number; batch: number; batches: number; loss: number } | null;
      /** The whole mini-batch loss history so far (TrainStatus.batchLoss). */
      batchLoss: TrainStatus['batchLoss'];
    }
  | { kind: 'model'; model: ModelInfo };

declare module '../../jobTypes.js' {
  interface ComputeJobs {
    train: JobIO<TrainPayload, { model: ModelInfo; stopped: TrainResult['stopped'] }>;
  }
}

/** Floats per epoch record in the shared buffer, and where the records start. */
const EPOCH_FIELDS = 7;
const HEADER = 4;
const SAMPLE_MS = 200;

export interface TrainRunArgs {
  settings: TrainSettings;
  /** Per loss bucket: [sum of losses, mini-batches, end x] (TRAIN_LOSS_BUCKETS x 3). */
  losses: Float64Array;
  /** [epochs written] (Atomics: the records before it are complete). */
  count: Int32Array;
  /** [batch epoch, batch, batches, loss, then EPOCH_FIELDS per epoch]. */
  log: Float64Array;
}

/** Worker thread: the whole run. */
export function trainRun(args: TrainRunArgs, context: TaskContext): TrainResult {
  const { log, count } = args;
  return trainNetwork(trainOptions(args.settings), {
    cancelled: () => context.cancelled(),
    onBatch: (p) => {
      log.set([p.epoch, p.batch, p.batches, p.loss], 0);
      // The run's mini-batches in TRAIN_LOSS_BUCKETS equal spans of its epochs.
      const x = p.epoch - 1 + p.batch / p.batches;
      const k = Math.min(TRAIN_LOSS_BUCKETS - 1, Math.floor(((x - 1e-9) / p.epochs) * TRAIN_LOSS_BUCKETS));
      args.losses[k * 3] += p.loss;
      args.losses[k * 3 + 1] += 1;
      args.losses[k * 3 + 2] = x;
      context.advance(1);
    },
    onEpoch: (e) => {
      const n = Atomics.load(count, 0);
      const s = epochStats(e);
      log.set(
        [s.epoch, s.trainLoss, s.trainAccuracy, s.testLoss, s.testAccuracy, s.learningRate, s.seconds],
        HEADER + n * EPOCH_FIELDS,
      );
      Atomics.store(count, 0, n + 1);
    },
  });
}

const trainRunTask = defineTask(import.meta.url, 'trainRun', trainRun, { background: true });

/** The filled loss buckets, in order (one being written may be a batch behind; the next sample catches up). */
function lossHistory(losses: Float64Array): TrainStatus['batchLoss'] {
  const out: TrainStatus['batchLoss'] = [];
  for (let k = 0; k < TRAIN_LOSS_BUCKETS; k++) {
    const batches = losses[k * 3 + 1];
    if (batches > 0) out.push({ x: losses[k * 3 + 2], loss: losses[k * 3] / batches, batches });
  }
  return out;
}

function readEpochs(log: Float64Array, from: number, to: number): EpochStats[] {
  const out: EpochStats[] = [];
  for (let n = from; n < to; n++) {
    const [epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, learningRate, seconds] = log.subarray(
      HEADER + n * EPOCH_FIELDS,
      HEADER + (n + 1) * EPOCH_FIELDS,
    );
    out.push({ epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, learningRate, seconds });
  }
  return out;
}

export const train: JobHandler<TrainPayload, { model: ModelInfo; stopped: TrainResult['stopped'] }> = async (
  { name, settings },
  context,
) => {
  const epochs = settings?.epochs;
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > 1000)
    throw new RangeError(`Expected an integer from 1 to 1000 for settings.epochs but received ${epochs}`);
  const args: TrainRunArgs = {
    settings,
    losses: new Float64Array(new SharedArrayBuffer(TRAIN_LOSS_BUCKETS * 3 * 8)),
    count: new Int32Array(new SharedArrayBuffer(4)),
    log: new Float64Array(new SharedArrayBuffer((HEADER + epochs * EPOCH_FIELDS) * 8)),
  };
  let sent = 0;
  const sample = () => {
    const n = Atomics.load(args.count, 0);
    const [epoch, batch, batches, loss] = args.log;
    context.reportDetail({
      kind: 'progress',
      epochs: readEpochs(args.log, sent, n),
      batch: batches > 0 ? { epoch, batch, batches, loss } : null,
      batchLoss: lossHistory(args.losses),
    } satisfies TrainDetail);
    sent = n;
    if (batches > 0) context.reportProgress((epoch - 1) * batches + batch, epochs * batches);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  let result: TrainResult;
  try {
    result = await context.background.run(trainRunTask, args);
  } finally {
    clearInterval(timer);
  }
  sample();
  // Stopped inside the first epoch: there are no trained weights worth keeping.
  if (result.bestEpoch === 0 && result.stopped === 'cancelled') context.throwIfCancelled();
  const manifest = manifestOf(result);
  const model = storeModel(
    homeworkGraph(result.weights, result.architecture),
    name,
    'trained',
    trainingRecord(manifest),
    weightsFileText(result),
  );
  context.reportDetail({ kind: 'model', model } satisfies TrainDetail);
  return { model, stopped: result.stopped };
};

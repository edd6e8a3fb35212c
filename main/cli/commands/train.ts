/**
 * `convscope train`: trains the homework CNN on the MNIST split with the kernel library and
 * writes a weights file (manifest + tensors). Without options it repeats the shipped network's
 * run. A progress bar goes to stderr (when it is a terminal), one line per epoch to stdout, and
 * the file is written once at the end, atomically. Training runs synchronously: Ctrl-C ends the
 * process without writing anything.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { writeWeightsFile } from '../../service/network/homework/weightsFile.js';
import { sweepTempFiles } from '../../service/image/sweepTempFiles.js';
import { trainNetwork } from '../../service/network/train/trainNetwork.js';
import type { TrainEpoch } from '../../service/network/train/trainResult.js';
import {
  DEFAULT_TRAIN_SETTINGS,
  resolveTrainSettings,
  type OptimizerName,
  type TrainOptions,
  type TrainSettings,
} from '../../service/network/train/trainSettings.js';
import type { CliIo } from '../cliIo.js';
import { parseInteger } from '../parseInteger.js';
import { UsageError } from '../usageError.js';

interface TrainCliOptions {
  out: string;
  epochs?: number;
  optimizer?: OptimizerName;
  lr?: number;
  momentum?: number;
  weightDecay?: number;
  lrDecay?: number;
  batchSize?: number;
  batchNorm?: boolean;
  dropout?: number;
  initScale?: number;
  seed?: number;
  splitSeed?: number;
  trainSamples?: number;
  testSamples?: number;
  quiet?: boolean;
}

/** Which flag sets which setting, to name the flag in range errors. */
const FLAGS: Partial<Record<keyof TrainSettings, string>> = {
  epochs: '--epochs',
  optimizer: '--optimizer',
  learningRate: '--lr',
  momentum: '--momentum',
  weightDecay: '--weight-decay',
  lrDecay: '--lr-decay',
  batchSize: '--batch-size',
  dropout: '--dropout',
  initScale: '--init-scale',
  seed: '--seed',
  splitSeed: '--split-seed',
  trainSamples: '--train-samples',
  testSamples: '--test-samples',
};

/** A commander parser for plain decimal numbers ('1e-3' and '.5' included; '', '0x10', 'NaN' not). */
function parseNumber(value: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim()))
    throw new InvalidArgumentError('Expected a number.');
  return Number(value);
}

const percent = (fraction: number): string => `${(100 * fraction).toFixed(2)}%`;

/** The per-epoch line on stdout. */
export function formatEpochLine(e: TrainEpoch, epochs: number): string {
  return (
    `epoch ${e.epoch}/${epochs}  lr ${Number(e.learningRate.toPrecision(4))}  ` +
    `train loss ${e.trainLoss.toFixed(4)} acc ${percent(e.trainAccuracy)}  ` +
    `test loss ${e.testLoss.toFixed(4)} acc ${percent(e.testAccuracy)}  ` +
    `${e.elapsedSeconds.toFixed(1)} s (${Math.round(e.trainImagesPerSecond)} images/s)`
  );
}

/** Registers `train` on the program. */
export function registerTrain(program: Command, io: CliIo): void {
  const d = DEFAULT_TRAIN_SETTINGS;
  program
    .command('train')
    .description(
      "train the homework CNN (CONV3-10, POOL2, CONV3-10, POOL2, FC-10) on 8,000 of the mnist package's digits " +
        "and score it on the other 2,000; the defaults are the shipped network's settings",
    )
    .requiredOption('-o, --out <file>', 'where to write the weights file (JSON with its manifest)')
    .option('--epochs <n>', `passes over the training digits (default ${d.epochs})`, parseInteger(1))
    .addOption(
      new Option('--optimizer <name>', `SGD with momentum or Adam (default ${d.optimizer})`).choices([
        'sgd',
        'adam',
      ]),
    )
    .option('--lr <x>', `first epoch's learning rate (default ${d.learningRate})`, parseNumber)
    .option('--momentum <x>', `SGD's momentum (default ${d.momentum})`, parseNumber)
    .option('--weight-decay <x>', `L2 penalty added to the gradients (default ${d.weightDecay})`, parseNumber)
    .option('--lr-decay <x>', `learning-rate factor per epoch (default ${d.lrDecay})`, parseNumber)
    .option('--batch-size <n>', `digits per mini-batch (default ${d.batchSize})`, parseInteger(1))
    .option('--batch-norm', `batch norm after each convolution (default ${d.batchNorm ? 'on' : 'off'})`)
    .option('--no-batch-norm', 'no batch norm')
    .option(
      '--dropout <p>',
      `dropout probability before the FC layer, 0 for none (default ${d.dropout})`,
      parseNumber,
    )
    .option('--init-scale <x>', 'std of N(0, x^2) for every weight (default: He/Kaiming normal)', parseNumber)
    .option(
      '--seed <n>',
      `seed of initialisation, shuffling and dropout (default ${d.seed})`,
      parseInteger(0),
    )
    .option('--split-seed <n>', `seed of the train/test split (default ${d.splitSeed})`, parseInteger(0))
    .option('--train-samples <n>', 'train on only the first n training digits (quick runs)', parseInteger(1))
    .option('--test-samples <n>', 'score on only the first n test digits', parseInteger(1))
    .option('-q, --quiet', 'no progress bar and no per-epoch lines')
    .action(async (opts: TrainCliOptions) => runTrain(opts, io));
}

async function runTrain(opts: TrainCliOptions, io: CliIo): Promise<void> {
  const options: TrainOptions = {
    epochs: opts.epochs,
    optimizer: opts.optimizer,
    learningRate: opts.lr,
    momentum: opts.momentum,
    weightDecay: opts.weightDecay,
    lrDecay: opts.lrDecay,
    batchSize: opts.batchSize,
    batchNorm: opts.batchNorm,
    dropout: opts.dropout,
    initScale: opts.initScale,
    seed: opts.seed,
    splitSeed: opts.splitSeed,
    trainSamples: opts.trainSamples,
    testSamples: opts.testSamples,
  };
  let settings: TrainSettings;
  try {
    settings = resolveTrainSettings(options);
  } catch (error) {
    const message = (error as Error).message.replace(/ for (\w+) /, (match, key: keyof TrainSettings) =>
      FLAGS[key] === undefined ? match : ` for ${FLAGS[key]} `,
    );
    throw new UsageError(message);
  }
  const target = path.resolve(opts.out);
  const folder = path.dirname(target);
  if (!existsSync(folder)) throw new UsageError(`the output folder ${folder} does not exist`);
  if (existsSync(target) && statSync(target).isDirectory())
    throw new UsageError(`${opts.out} is a folder; --out takes a file name`);
  await sweepTempFiles(folder);

  const quiet = opts.quiet === true;
  const bar = quiet
    ? null
    : new SingleBar({
        stream: process.stderr,
        format: 'epoch {epoch}/{epochs} [{bar}] {percentage}% | batch {value}/{total} | loss {loss}',
        hideCursor: true,
      });
  const result = trainNetwork(settings, {
    onBatch: (p) => {
      if (bar === null) return;
      if (p.batch === 1) bar.start(p.batches, 0, { epoch: p.epoch, epochs: p.epochs, loss: '-' });
      bar.update(p.batch, { loss: p.loss.toFixed(4) });
    },
    onEpoch: (e) => {
      bar?.stop();
      if (!quiet) io.out(`${formatEpochLine(e, settings.epochs)}\n`);
    },
  });
  bar?.stop();
  if (result.stopped === 'diverged')
    io.err(
      `warning: the loss became NaN or infinite in epoch ${result.epochs.length + 1}; ` +
        `keeping ${result.bestEpoch === 0 ? 'the initial weights' : `epoch ${result.bestEpoch}`}\n`,
    );
  await writeWeightsFile(target, result);
  io.out(
    `best epoch ${result.bestEpoch}: test accuracy ${percent(result.testAccuracy)} (loss ${result.testLoss.toFixed(4)}) ` +
      `on ${settings.testSamples} digits, ${result.elapsedSeconds.toFixed(1)} s\n`,
  );
  io.err(`wrote ${opts.out}\n`);
}

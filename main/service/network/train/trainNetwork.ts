/**
 * Trains the homework network on the MNIST split: seeded initialisation, a seeded shuffle every
 * epoch, mini-batches through the kernel library's forward and backward passes, SGD with momentum
 * or Adam with a per-epoch learning-rate decay, and an evaluation on the test digits after every
 * epoch; the best weights by test accuracy are kept. Runs synchronously on the calling thread.
 *
 * Reproducibility: one seed makes three independent streams (initialisation, shuffling, dropout
 * seeds), every kernel is single-threaded and deterministic, so the same settings give bitwise
 * the same weights on the same machine and build (the GEMM's SIMD path is picked per CPU, so
 * another CPU may round differently).
 */
import { performance } from 'node:perf_hooks';
import {
  homeworkTensorSpecs,
  type HomeworkArchitecture,
  type HomeworkWeights,
} from '../homework/homeworkArchitecture.js';
import { loadMnist, type MnistData } from '../mnist/loadMnist.js';
import { splitMnist } from '../mnist/splitMnist.js';
import { initHomeworkWeights } from './initWeights.js';
import { epochLearningRate } from './learningRate.js';
import { createOptimizer } from './optimizer.js';
import { mulberry32, nextUint32, shuffleInPlace } from '../../../../native-kernels/seededRandom.js';
import { TrainingNetwork } from './trainingNetwork.js';
import type { TrainEpoch, TrainHooks, TrainResult, TrainStop } from './trainResult.js';
import { resolveTrainSettings, type TrainOptions } from './trainSettings.js';
import { betterScore } from './betterScore.js';

interface Best {
  epoch: number;
  loss: number;
  accuracy: number;
  weights: HomeworkWeights;
}

/** The digits to train on; tests and the benchmark may pass them to skip the file. */
export interface TrainData {
  mnist?: MnistData;
}

export function trainNetwork(
  options: TrainOptions = {},
  hooks: TrainHooks = {},
  data: TrainData = {},
): TrainResult {
  const start = performance.now();
  const seconds = (): number => (performance.now() - start) / 1000;
  const settings = resolveTrainSettings(options);
  const architecture: HomeworkArchitecture = { batchNorm: settings.batchNorm, dropout: settings.dropout };
  const mnist = data.mnist ?? loadMnist();
  const split = splitMnist(settings.splitSeed);
  const train = split.train.slice(0, settings.trainSamples);
  const test = split.test.subarray(0, settings.testSamples);

  const streams = mulberry32(settings.seed);
  const initRandom = mulberry32(nextUint32(streams));
  const shuffleRandom = mulberry32(nextUint32(streams));
  const dropoutRandom = mulberry32(nextUint32(streams));

  const weights = initHomeworkWeights(architecture, settings.initScale, initRandom);
  const initial = cloneWeights(weights);
  const net = new TrainingNetwork(architecture, weights, Math.min(settings.batchSize, train.length));
  const trainable = homeworkTensorSpecs(architecture).filter((s) => s.trainable);
  const optimizer = createOptimizer(
    settings,
    trainable.map((s) => weights[s.name]),
    trainable.map((s) => net.grads[s.name]),
  );

  const epochs: TrainEpoch[] = [];
  let best: Best | null = null;
  let stopped: TrainStop = 'completed';
  const batches = Math.ceil(train.length / net.batch);

  run: for (let e = 0; e < settings.epochs; e++) {
    const learningRate = epochLearningRate(settings.learningRate, settings.lrDecay, e);
    shuffleInPlace(train, shuffleRandom);
    const epochStart = performance.now();
    let lossSum = 0;
    let right = 0;
    for (let b = 0; b < batches; b++) {
      if (hooks.cancelled?.() === true) {
        stopped = 'cancelled';
        break run;
      }
      const first = b * net.batch;
      const count = Math.min(net.batch, train.length - first);
      net.loadDigits(mnist, train, first, count);
      const loss = net.forwardTrain(count, nextUint32(dropoutRandom));
      if (!Number.isFinite(loss)) {
        stopped = 'diverged';
        break run;
      }
      const batchRight = net.correct(count);
      net.backward(count);
      optimizer.step(learningRate);
      lossSum += loss * count;
      right += batchRight;
      hooks.onBatch?.({
        epoch: e + 1,
        epochs: settings.epochs,
        batch: b + 1,
        batches,
        loss,
        accuracy: batchRight / count,
        elapsedSeconds: seconds(),
      });
    }
    const trainSeconds = (performance.now() - epochStart) / 1000;
    const score = evaluate(net, mnist, test);
    if (!Number.isFinite(score.loss)) {
      stopped = 'diverged';
      break;
    }
    const record: TrainEpoch = {
      epoch: e + 1,
      learningRate,
      trainLoss: lossSum / train.length,
      trainAccuracy: right / train.length,
      testLoss: score.loss,
      testAccuracy: score.accuracy,
      elapsedSeconds: seconds(),
      trainImagesPerSecond: train.length / trainSeconds,
    };
    epochs.push(record);
    if (betterScore(score, best))
      best = {
        epoch: e + 1,
        loss: score.loss,
        accuracy: score.accuracy,
        weights: cloneWeights(weights, best === null ? undefined : best.weights),
      };
    hooks.onEpoch?.(record);
  }

  if (best === null) {
    // Stopped inside the first epoch: the weights as they are (the initial ones if they diverged).
    const usable = stopped === 'diverged' ? initial : weights;
    const at = usable === weights ? net : new TrainingNetwork(architecture, usable, net.batch);
    const score = evaluate(at, mnist, test);
    best = { epoch: 0, loss: score.loss, accuracy: score.accuracy, weights: cloneWeights(usable) };
  }
  return {
    settings,
    architecture,
    epochs,
    bestEpoch: best.epoch,
    testLoss: best.loss,
    testAccuracy: best.accuracy,
    weights: best.weights,
    stopped,
    elapsedSeconds: seconds(),
  };
}

/** Mean cross-entropy and accuracy of the network in inference mode over `indices`. */
export function evaluate(
  net: TrainingNetwork,
  mnist: MnistData,
  indices: ArrayLike<number>,
): { loss: number; accuracy: number } {
  let lossSum = 0;
  let right = 0;
  for (let first = 0; first < indices.length; first += net.batch) {
    const count = Math.min(net.batch, indices.length - first);
    net.loadDigits(mnist, indices, first, count);
    lossSum += net.forwardEval(count);
    right += net.correct(count);
  }
  return { loss: lossSum / indices.length, accuracy: right / indices.length };
}

/** A copy of every tensor, into `into`'s arrays when given (no allocation for later snapshots). */
function cloneWeights<T extends Record<string, Float32Array>>(weights: T, into?: T): T {
  const out = (into ?? {}) as Record<string, Float32Array>;
  for (const [name, tensor] of Object.entries(weights)) {
    if (into !== undefined) out[name].set(tensor);
    else out[name] = tensor.slice();
  }
  return out as T;
}

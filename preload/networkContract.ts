/**
 * The network explorer's and the training panel's requests and answers (channels 'network:*' and
 * 'train:*' in contract.ts). Layers are described by networkTypes.ts's LayerInfo; tensors travel
 * as float32 arrays with their dims (row-major, NCHW).
 */
import type { TaskProgress } from './contract.js';
import type { LayerInfo } from './networkTypes.js';

/** A loaded model. */
export interface ModelInfo {
  id: string;
  name: string;
  /** 'builtin': the shipped homework network; 'trained': a run of the training panel. */
  source: 'builtin' | 'trained' | 'onnx' | 'weights';
  /** [1, C, H, W] (or [1, features]). */
  inputDims: number[];
  /** Class names of a classifier's outputs, else null. */
  classes: string[] | null;
  /** Index 0 is the input, then every node's output (networkTypes.ts). */
  layers: LayerInfo[];
  /** How the weights were made, for the homework network and trained runs; null for ONNX. */
  training: TrainingRecord | null;
}

/** The weights' provenance: architecture, data, optimizer, and the curves that led to them. */
export interface TrainingRecord {
  settings: TrainSettings;
  /** e.g. 'mnist 1.1.0: 8000 train / 2000 test, split seed 1'. */
  data: string;
  epochs: EpochStats[];
  testAccuracy: number;
}

/** One MNIST test digit. */
export interface DigitSample {
  /** Index within the test split. */
  index: number;
  label: number;
  /** 28 x 28 gray bytes, white digit on black (as MNIST). */
  pixels: Uint8Array;
}

/** What the network is fed. */
export type NetworkInput =
  | { kind: 'digit'; index: number }
  /** 28 x 28 gray bytes drawn by hand, white on black. */
  | { kind: 'drawn'; pixels: Uint8Array }
  /** A photo's file bytes: centre-cropped, gray, resized to the model's input. */
  | { kind: 'photo'; name: string; bytes: Uint8Array };

/** A model's answer for one input, with every layer's values. */
export interface NetworkRun {
  input: {
    dims: number[];
    data: Float32Array;
    /** How the input became the tensor, in words ('centre crop 512x512 of 640x512, gray, ...'). */
    conversion: string;
    /** For a photo: the original's size, the crop taken, and a thumbnail (RGBA, at most 256 px). */
    photo: {
      width: number;
      height: number;
      crop: { x: number; y: number; width: number; height: number };
      thumbnail: { width: number; height: number; rgba: Uint8Array };
    } | null;
  };
  /** activations[i]: layer i's values (layers[i].tensor); activations[0] is the input. */
  activations: { dims: number[]; data: Float32Array; min: number; max: number }[];
  /** softmax of the output for classifiers, else null. */
  probabilities: number[] | null;
  /** Forward time in the compute process, ms. */
  ms: number;
}

/** Training settings (the homework network; its optional batch norm and dropout). */
export interface TrainSettings {
  epochs: number;
  optimizer: 'sgd' | 'adam';
  learningRate: number;
  /** SGD only. */
  momentum: number;
  weightDecay: number;
  /** Learning rate multiplied by this after each epoch. */
  lrDecay: number;
  batchSize: number;
  batchNorm: boolean;
  /** Dropout probability before the FC layer; 0 for none. */
  dropout: number;
  /** Std of N(0, std^2) for every weight; null for He (Kaiming) initialisation. */
  initScale: number | null;
  seed: number;
}

/** One epoch's curves. */
export interface EpochStats {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  learningRate: number;
  /** Seconds since the run started, at the end of this epoch. */
  seconds: number;
}

/** A training run as the panel polls it. */
export interface TrainStatus {
  taskId: string;
  progress: TaskProgress;
  settings: TrainSettings;
  epochs: EpochStats[];
  /** The latest mini-batch, while running. */
  batch: { epoch: number; batch: number; batches: number; loss: number } | null;
  /**
   * Every mini-batch's training loss so far, averaged in at most TRAIN_LOSS_BUCKETS equal spans of
   * the run: `x` the end of the span in epochs (batch b of epoch e ends at e − 1 + b / batches),
   * `loss` the mean over its `batches` mini-batches.
   */
  batchLoss: { x: number; loss: number; batches: number }[];
  /** The best epoch by test accuracy so far (its weights are kept). */
  best: { epoch: number; testAccuracy: number } | null;
  /** Once the run ends (finished or cancelled with an epoch done): its best weights as a model. */
  modelId: string | null;
}

/** Spans the mini-batch loss history of a run is averaged in (TrainStatus.batchLoss). */
export const TRAIN_LOSS_BUCKETS = 400;

export type ModelExportFormat = 'onnx' | 'weights';

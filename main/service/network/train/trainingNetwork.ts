/**
 * The homework network's forward and backward passes for training, as raw kernel-library calls
 * over buffers allocated once for the largest batch (the front in native-kernels/index.ts
 * allocates every output; a training step here allocates nothing). The shapes are validated once
 * through the front's planConv2d/planPool2d; a smaller final batch runs the same geometry over a
 * smaller batch range, which every raw kernel takes. Batch norm's running statistics are updated in
 * place by the training forward pass, as torch does.
 */
import { loadAddon, planConv2d, planPool2d, type NativeAddon } from '../../../../native-kernels/index.js';
import {
  BN_EPS,
  BN_MOMENTUM,
  CHANNELS,
  CLASSES,
  FC_INPUTS,
  homeworkTensorSpecs,
  INPUT_SIZE,
  type HomeworkArchitecture,
  type HomeworkWeights,
} from '../homework/homeworkArchitecture.js';
import type { MnistData } from '../mnist/loadMnist.js';

const PIXELS = INPUT_SIZE * INPUT_SIZE;
const PLANE1 = PIXELS; // 28x28 after conv1
const PLANE2 = (INPUT_SIZE / 2) ** 2; // 14x14 after pool1 and conv2
/** Pixel byte b becomes the float32 nearest b / 255, as torchvision's ToTensor gives. */
const PIXEL_SCALE = Float32Array.from({ length: 256 }, (_, b) => b / 255);

export class TrainingNetwork {
  /** The largest batch the buffers hold. */
  readonly batch: number;
  readonly architecture: HomeworkArchitecture;
  /** The live parameters and running statistics (updated in place by training). */
  readonly weights: HomeworkWeights;
  /** Gradients of the batch's mean loss for every trainable tensor, by the same names. */
  readonly grads: HomeworkWeights;
  /** The batch: [batch, 1, 28, 28] inputs and their labels. */
  readonly input: Float32Array;
  readonly labels: Int32Array;
  /** [batch, 10] logits of the last forward pass. */
  readonly logits: Float32Array;

  private readonly addon: NativeAddon;
  private readonly conv1: Int32Array;
  private readonly conv2: Int32Array;
  private readonly pool1: Int32Array;
  private readonly pool2: Int32Array;
  // Activations, each sized for the whole batch.
  private readonly z1: Float32Array; // conv1 output (before batch norm)
  private readonly n1: Float32Array; // batch-norm output (before ReLU)
  private readonly a1: Float32Array; // ReLU output
  private readonly p1: Float32Array;
  private readonly i1: Int32Array;
  private readonly z2: Float32Array;
  private readonly n2: Float32Array;
  private readonly a2: Float32Array;
  private readonly p2: Float32Array; // [batch, 490], the flattened features
  private readonly i2: Int32Array;
  private readonly dropped: Float32Array;
  private readonly mask: Uint8Array;
  private readonly probs: Float32Array;
  // Batch statistics saved for the backward pass.
  private readonly mean1 = new Float32Array(CHANNELS);
  private readonly invstd1 = new Float32Array(CHANNELS);
  private readonly mean2 = new Float32Array(CHANNELS);
  private readonly invstd2 = new Float32Array(CHANNELS);
  // Gradients of activations.
  private readonly dLogits: Float32Array;
  private readonly dFeatures: Float32Array;
  private readonly dP2: Float32Array;
  private readonly dA2: Float32Array;
  private readonly dN2: Float32Array;
  private readonly dZ2: Float32Array;
  private readonly dP1: Float32Array;
  private readonly dA1: Float32Array;
  private readonly dN1: Float32Array;
  private readonly dZ1: Float32Array;

  constructor(architecture: HomeworkArchitecture, weights: HomeworkWeights, batch: number) {
    if (!Number.isInteger(batch) || batch < 1)
      throw new RangeError(`Expected a batch size of at least 1 but received ${batch}`);
    this.batch = batch;
    this.architecture = architecture;
    this.weights = weights;
    this.grads = {};
    for (const spec of homeworkTensorSpecs(architecture)) {
      const tensor = weights[spec.name];
      const size = spec.dims.reduce((a, b) => a * b, 1);
      if (!(tensor instanceof Float32Array) || tensor.length !== size)
        throw new RangeError(
          `Expected a Float32Array of ${size} values for ${spec.name} but received ${tensor === undefined ? 'none' : tensor.length}`,
        );
      if (spec.trainable) this.grads[spec.name] = new Float32Array(size);
    }
    this.addon = loadAddon();
    this.conv1 = planConv2d([batch, 1, INPUT_SIZE, INPUT_SIZE], [CHANNELS, 1, 3, 3], { padding: 1 }).geometry;
    this.conv2 = planConv2d([batch, CHANNELS, 14, 14], [CHANNELS, CHANNELS, 3, 3], { padding: 1 }).geometry;
    this.pool1 = planPool2d([batch, CHANNELS, INPUT_SIZE, INPUT_SIZE], { kernel: 2 }).geometry;
    this.pool2 = planPool2d([batch, CHANNELS, 14, 14], { kernel: 2 }).geometry;
    const f = (perImage: number): Float32Array => new Float32Array(batch * perImage);
    const bn = architecture.batchNorm;
    this.input = f(PIXELS);
    this.labels = new Int32Array(batch);
    this.logits = f(CLASSES);
    this.z1 = bn ? f(CHANNELS * PLANE1) : new Float32Array(0);
    this.n1 = bn ? f(CHANNELS * PLANE1) : new Float32Array(0);
    this.a1 = f(CHANNELS * PLANE1);
    this.p1 = f(CHANNELS * PLANE2);
    this.i1 = new Int32Array(batch * CHANNELS * PLANE2);
    this.z2 = bn ? f(CHANNELS * PLANE2) : new Float32Array(0);
    this.n2 = bn ? f(CHANNELS * PLANE2) : new Float32Array(0);
    this.a2 = f(CHANNELS * PLANE2);
    this.p2 = f(FC_INPUTS);
    this.i2 = new Int32Array(batch * FC_INPUTS);
    this.dropped = architecture.dropout > 0 ? f(FC_INPUTS) : this.p2;
    this.mask = new Uint8Array(architecture.dropout > 0 ? batch * FC_INPUTS : 0);
    this.probs = f(CLASSES);
    this.dLogits = f(CLASSES);
    this.dFeatures = f(FC_INPUTS);
    this.dP2 = architecture.dropout > 0 ? f(FC_INPUTS) : this.dFeatures;
    this.dA2 = f(CHANNELS * PLANE2);
    this.dN2 = f(CHANNELS * PLANE2);
    this.dZ2 = bn ? f(CHANNELS * PLANE2) : this.dN2;
    this.dP1 = f(CHANNELS * PLANE2);
    this.dA1 = f(CHANNELS * PLANE1);
    this.dN1 = f(CHANNELS * PLANE1);
    this.dZ1 = bn ? f(CHANNELS * PLANE1) : this.dN1;
  }

  /** Copies digits indices[start .. start + count) into the batch, pixels scaled to [0, 1]. */
  loadDigits(data: MnistData, indices: ArrayLike<number>, start: number, count: number): void {
    this.checkCount(count);
    const { input, labels } = this;
    const { pixels } = data;
    for (let b = 0; b < count; b++) {
      const digit = indices[start + b];
      labels[b] = data.labels[digit];
      const from = digit * PIXELS;
      const to = b * PIXELS;
      for (let j = 0; j < PIXELS; j++) input[to + j] = PIXEL_SCALE[pixels[from + j]];
    }
  }

  /**
   * Training-mode forward pass over the first `count` images: batch statistics (running
   * estimates updated), dropout with `dropoutSeed`. Returns the batch's mean cross-entropy.
   */
  forwardTrain(count: number, dropoutSeed: number): number {
    this.checkCount(count);
    const { addon, architecture } = this;
    this.features(count, true);
    if (architecture.dropout > 0)
      addon.dropoutForward(
        this.p2,
        this.dropped,
        this.mask,
        architecture.dropout,
        dropoutSeed,
        0,
        count * FC_INPUTS,
      );
    return this.classify(this.dropped, count) / count;
  }

  /** Gradients of the last forwardTrain's mean loss into `grads` (overwritten). */
  backward(count: number): void {
    this.checkCount(count);
    const { addon, weights: w, grads: g, architecture } = this;
    addon.softmaxXentBackward(this.probs, this.labels, 1 / count, this.dLogits, count, CLASSES, 0, count);
    addon.linearBackwardWeight(
      this.dropped,
      this.dLogits,
      g['fc.weight'],
      g['fc.bias'],
      count,
      FC_INPUTS,
      CLASSES,
      0,
      CLASSES,
    );
    addon.linearBackwardInput(
      this.dLogits,
      w['fc.weight'],
      this.dFeatures,
      count,
      FC_INPUTS,
      CLASSES,
      0,
      count,
    );
    if (architecture.dropout > 0)
      addon.dropoutBackward(this.dFeatures, this.mask, architecture.dropout, this.dP2, 0, count * FC_INPUTS);
    addon.maxPool2dBackward(this.dP2, this.i2, this.dA2, this.pool2, 0, count * CHANNELS);
    addon.reluBackward(this.dA2, this.a2, this.dN2, 0, count * CHANNELS * PLANE2);
    if (architecture.batchNorm)
      this.batchNormBackward(2, this.z2, this.dN2, this.dZ2, this.mean2, this.invstd2, count, PLANE2);
    addon.conv2dBackwardWeight(this.p1, this.dZ2, g['conv2.weight'], g['conv2.bias'], this.conv2, 0, count);
    addon.conv2dBackwardInput(this.dZ2, w['conv2.weight'], this.dP1, this.conv2, 0, count);
    addon.maxPool2dBackward(this.dP1, this.i1, this.dA1, this.pool1, 0, count * CHANNELS);
    addon.reluBackward(this.dA1, this.a1, this.dN1, 0, count * CHANNELS * PLANE1);
    if (architecture.batchNorm)
      this.batchNormBackward(1, this.z1, this.dN1, this.dZ1, this.mean1, this.invstd1, count, PLANE1);
    // The input needs no gradient: conv1's backward-to-input pass is skipped.
    addon.conv2dBackwardWeight(
      this.input,
      this.dZ1,
      g['conv1.weight'],
      g['conv1.bias'],
      this.conv1,
      0,
      count,
    );
  }

  /**
   * Inference-mode forward pass (running statistics, no dropout): the function the exported graph
   * computes. Returns the sum (not the mean) of the batch's cross-entropy; logits in `logits`.
   */
  forwardEval(count: number): number {
    this.checkCount(count);
    this.features(count, false);
    return this.classify(this.p2, count);
  }

  /** Both conv blocks, input to the flattened 490 features in p2. */
  private features(count: number, train: boolean): void {
    this.convBlock(1, this.input, this.z1, this.n1, this.a1, this.mean1, this.invstd1, count, train);
    this.addon.maxPool2dForward(this.a1, this.p1, this.i1, this.pool1, 0, count * CHANNELS);
    this.convBlock(2, this.p1, this.z2, this.n2, this.a2, this.mean2, this.invstd2, count, train);
    this.addon.maxPool2dForward(this.a2, this.p2, this.i2, this.pool2, 0, count * CHANNELS);
  }

  /** conv -> [batch norm] -> ReLU into `a` (z: conv output, n: normalised, both unused without BN). */
  private convBlock(
    layer: 1 | 2,
    x: Float32Array,
    z: Float32Array,
    n: Float32Array,
    a: Float32Array,
    mean: Float32Array,
    invstd: Float32Array,
    count: number,
    train: boolean,
  ): void {
    const { addon, weights: w } = this;
    const bn = this.architecture.batchNorm;
    const plane = layer === 1 ? PLANE1 : PLANE2;
    const rows = layer === 1 ? INPUT_SIZE : INPUT_SIZE / 2;
    const geometry = layer === 1 ? this.conv1 : this.conv2;
    // Without batch norm the ReLU is fused into the convolution's output pass.
    addon.conv2dForward(
      x,
      w[`conv${layer}.weight`],
      w[`conv${layer}.bias`],
      bn ? z : a,
      geometry,
      0,
      count * rows,
      bn ? 0 : 1,
    );
    if (!bn) return;
    const prefix = `bn${layer}`;
    if (train)
      addon.batchNormForwardTrain(
        z,
        w[`${prefix}.weight`],
        w[`${prefix}.bias`],
        n,
        mean,
        invstd,
        w[`${prefix}.running_mean`],
        w[`${prefix}.running_var`],
        count,
        CHANNELS,
        plane,
        BN_EPS,
        BN_MOMENTUM,
        0,
        CHANNELS,
      );
    else
      addon.batchNormForwardEval(
        z,
        w[`${prefix}.weight`],
        w[`${prefix}.bias`],
        w[`${prefix}.running_mean`],
        w[`${prefix}.running_var`],
        n,
        count,
        CHANNELS,
        plane,
        BN_EPS,
        0,
        CHANNELS,
      );
    addon.reluForward(n, a, 0, count * CHANNELS * plane);
  }

  /** The FC layer on `features` and the cross-entropy: returns the batch's summed loss. */
  private classify(features: Float32Array, count: number): number {
    const { addon, weights: w } = this;
    addon.linearForward(
      features,
      w['fc.weight'],
      w['fc.bias'],
      this.logits,
      count,
      FC_INPUTS,
      CLASSES,
      0,
      count,
    );
    return addon.softmaxXentForward(this.logits, this.labels, this.probs, count, CLASSES, 0, count);
  }

  /** How many of the first `count` images the last forward pass classified right (argmax, first on ties). */
  correct(count: number): number {
    let right = 0;
    for (let b = 0; b < count; b++) {
      const row = b * CLASSES;
      let best = 0;
      for (let k = 1; k < CLASSES; k++) if (this.logits[row + k] > this.logits[row + best]) best = k;
      if (best === this.labels[b]) right++;
    }
    return right;
  }

  private batchNormBackward(
    layer: 1 | 2,
    x: Float32Array,
    dy: Float32Array,
    dx: Float32Array,
    mean: Float32Array,
    invstd: Float32Array,
    count: number,
    plane: number,
  ): void {
    this.addon.batchNormBackwardTrain(
      x,
      dy,
      this.weights[`bn${layer}.weight`],
      mean,
      invstd,
      dx,
      this.grads[`bn${layer}.weight`],
      this.grads[`bn${layer}.bias`],
      count,
      CHANNELS,
      plane,
      0,
      CHANNELS,
    );
  }

  private checkCount(count: number): void {
    if (!Number.isInteger(count) || count < 1 || count > this.batch)
      throw new RangeError(`Expected an image count from 1 to ${this.batch} but received ${count}`);
  }
}

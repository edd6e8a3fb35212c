/**
 * Types shared by the native kernel front (index.ts) and the TypeScript reference kernels
 * (reference/). Both take the same arguments; the native kernels return float32 results, the
 * reference returns float64 results so that it can serve as an oracle and for numerical gradients.
 */

/** Row-major float data: Float32Array for the kernels; the reference also accepts Float64Array. */
export type FloatArray = Float32Array | Float64Array;

/** A dense row-major tensor. Activations are NCHW, conv weights [F, C / groups, KH, KW]. */
export interface Tensor<T extends FloatArray = Float32Array> {
  readonly data: T;
  readonly shape: readonly number[];
}

/** A number for both spatial axes, or [height, width]. */
export type Pair = number | readonly [number, number];

export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** torch.nn.functional.conv2d options, plus `flip` for true convolution. */
export interface Conv2dOptions {
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  groups?: number;
  /** How the border is padded (torch.nn.Conv2d's padding_mode). Default 'zeros'. */
  paddingMode?: PaddingMode;
  /**
   * True convolution, y[m,n] = sum x[m-i, n-j] h[i,j]: the kernel is flipped in both spatial axes.
   * Default false: cross-correlation, which is what CNN layers (and torch) compute.
   */
  flip?: boolean;
  /**
   * Convscope's own switch (torch has none): how the native forward pass is computed. 'auto'
   * (default) picks by shape; 'gemm' (im2col + GEMM) and 'direct' are there to compare them. The
   * reference ignores it. Every algorithm computes the same function, to float32 rounding.
   */
  algorithm?: ConvAlgorithm;
}

export type ConvAlgorithm = 'auto' | 'gemm' | 'direct';

export interface Conv2dGrads<T extends FloatArray = Float32Array> {
  dx: Tensor<T>;
  dw: Tensor<T>;
  /** Null when the layer has no bias. */
  db: Tensor<T> | null;
}

export interface BatchNormOptions {
  /** Default 1e-5, as in torch. */
  eps?: number;
  /** Weight of the batch statistic in the running estimates. Default 0.1, as in torch. */
  momentum?: number;
}

export interface BatchNormTrainResult<T extends FloatArray = Float32Array> {
  y: Tensor<T>;
  /** Per-channel batch mean (saved for backward). */
  mean: T;
  /** Per-channel 1 / sqrt(biased batch variance + eps) (saved for backward). */
  invstd: T;
  /** The running estimates after this step (new arrays; inputs are not modified). */
  runningMean: T;
  runningVar: T;
}

export interface BatchNormGrads<T extends FloatArray = Float32Array> {
  dx: Tensor<T>;
  dgamma: T;
  dbeta: T;
}

export interface Pool2dOptions {
  kernel: Pair;
  /** Default: the kernel size (torch's default). */
  stride?: Pair;
  padding?: Pair;
  /** Average pooling only: count padded zeros in the divisor. Default true, as in torch. */
  countIncludePad?: boolean;
}

export interface MaxPoolResult<T extends FloatArray = Float32Array> {
  y: Tensor<T>;
  /** Argmax per output as a flat index into its input plane (torch's return_indices). */
  indices: Int32Array;
}

export interface DropoutResult<T extends FloatArray = Float32Array> {
  y: Tensor<T>;
  /** 1 where the element was kept. */
  mask: Uint8Array;
}

export interface LinearGrads<T extends FloatArray = Float32Array> {
  dx: Tensor<T>;
  dw: Tensor<T>;
  db: Tensor<T> | null;
}

export interface CrossEntropyResult<T extends FloatArray = Float32Array> {
  /** Mean over the batch of -log softmax(logits)[label]. */
  loss: number;
  /** softmax(logits), saved for backward. */
  probs: Tensor<T>;
}

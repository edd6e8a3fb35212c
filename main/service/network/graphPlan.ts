/**
 * A validated, resolved graph: what planGraph makes of a ModelGraph. Every attribute default,
 * opset rule and auto_pad is settled here once, so the float32 runner, the float64 reference, the
 * backward pass and the layer table all read the same numbers and none of them re-validates.
 */
import type { Pool2dOptions } from '../../../native-kernels/types.js';
import type { GraphNode, GraphTensor, ModelGraph } from './modelGraph.js';

/** What planning knows about a tensor. */
export interface TensorInfo {
  dims: number[];
  kind: 'float' | 'int';
  /** The value of an initializer or a Constant node's output; null for computed tensors. */
  value: GraphTensor | null;
  /** True when the tensor is computed from the graph input (gradients flow only through these). */
  fromInput: boolean;
}

/** A float32 weight tensor. */
export interface WeightTensor {
  data: Float32Array;
  shape: number[];
}

interface StepBase {
  node: GraphNode;
  /** The one output tensor's name. */
  output: string;
  outDims: number[];
}

export interface ConvStep extends StepBase {
  kind: 'conv';
  x: string;
  inDims: number[];
  weight: WeightTensor;
  bias: Float32Array | null;
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  groups: number;
}

/** A conv step's options for the kernel library's conv2d and conv2dBackward. */
export function convOptions(step: ConvStep) {
  return { stride: step.stride, padding: step.padding, dilation: step.dilation, groups: step.groups };
}

export interface BatchNormStep extends StepBase {
  kind: 'batchNorm';
  x: string;
  scale: Float32Array;
  bias: Float32Array;
  mean: Float32Array;
  variance: Float32Array;
  epsilon: number;
}

export interface ReluStep extends StepBase {
  kind: 'relu';
  x: string;
}

export interface PoolStep extends StepBase {
  kind: 'maxPool' | 'avgPool';
  x: string;
  inDims: number[];
  /** kernel, stride and padding as [h, w]; countIncludePad for average pooling. */
  options: Required<Pool2dOptions> & {
    kernel: [number, number];
    stride: [number, number];
    padding: [number, number];
  };
}

export interface GlobalAvgPoolStep extends StepBase {
  kind: 'globalAvgPool';
  x: string;
  inDims: number[];
}

/** Flatten, Reshape, Identity and inference-mode Dropout: the same elements under new dims. */
export interface ViewStep extends StepBase {
  kind: 'view';
  x: string;
  inDims: number[];
}

/**
 * Gemm and MatMul as y = x' W^T + bias (+ addAfter): x' is x viewed as [M, K] (transposed first
 * when Gemm's transA is set), W is [N, K] with alpha folded in, bias is beta * C when C is a row
 * of N values, addAfter is beta * C broadcast to [M, N] otherwise.
 */
export interface LinearStep extends StepBase {
  kind: 'linear';
  x: string;
  inDims: number[];
  transposeX: boolean;
  m: number;
  k: number;
  n: number;
  weight: WeightTensor;
  bias: Float32Array | null;
  addAfter: Float32Array | null;
}

/** Add with numpy broadcasting. */
export interface AddStep extends StepBase {
  kind: 'add';
  a: string;
  b: string;
  aDims: number[];
  bDims: number[];
}

export type PadMode = 'constant' | 'reflect' | 'edge';

/** Pad over any axes; negative amounts crop, as in ONNX. */
export interface PadStep extends StepBase {
  kind: 'pad';
  x: string;
  inDims: number[];
  begins: number[];
  ends: number[];
  mode: PadMode;
  value: number;
}

/**
 * Softmax over groups of `size` elements spaced `inner` apart, `outer` groups of them (opset < 13
 * coerces to 2-D at the axis: inner = 1 and size = the product of the trailing dims).
 */
export interface SoftmaxStep extends StepBase {
  kind: 'softmax';
  x: string;
  outer: number;
  size: number;
  inner: number;
  /** The axes the normalisation runs over (for the receptive field). */
  axes: number[];
}

export interface ConstantStep extends StepBase {
  kind: 'constant';
  value: GraphTensor;
}

export type PlanStep =
  | ConvStep
  | BatchNormStep
  | ReluStep
  | PoolStep
  | GlobalAvgPoolStep
  | ViewStep
  | LinearStep
  | AddStep
  | PadStep
  | SoftmaxStep
  | ConstantStep;

export interface GraphPlan {
  graph: ModelGraph;
  /** Every tensor: the input, initializers and node outputs. */
  tensors: Map<string, TensorInfo>;
  /** One step per node, in the graph's (topological) order. */
  steps: PlanStep[];
}

/** The float tensors a step reads (constants included). */
export function stepInputs(step: PlanStep): string[] {
  switch (step.kind) {
    case 'constant':
      return [];
    case 'add':
      return [step.a, step.b];
    default:
      return [step.x];
  }
}

/**
 * The forward pass over a plan, written once for two sets of kernels: the native float32 kernels
 * (runGraph) and the float64 TypeScript reference (referenceRunGraph). Every node output is kept,
 * since the explorer shows them all, and max pooling's argmax indices are kept for the backward
 * pass.
 */
import type {
  BatchNormOptions,
  Conv2dOptions,
  FloatArray,
  Pool2dOptions,
  Tensor,
} from '../../../native-kernels/types.js';
import { GraphError } from './graphError.js';
import { convOptions, type GraphPlan, type PlanStep } from './graphPlan.js';
import { show } from './nodeReader.js';
import { numel, sameDims } from './tensorDims.js';
import { addBroadcast, padForward, softmaxForward, transpose2d } from './tensorOps.js';

/** A tensor value as the runner holds it. */
export interface GraphValue<T extends FloatArray = Float32Array> {
  dims: number[];
  data: T;
}

/** The kernels a forward pass needs; the native front and the reference both fit. */
export interface GraphKernels<T extends FloatArray> {
  alloc(length: number): T;
  /** Takes the caller's input or a stored float32 constant into the kernels' precision. */
  adopt(data: FloatArray): T;
  conv2d(x: Tensor<T>, w: Tensor, bias: Float32Array | null, options: Conv2dOptions): Tensor<T>;
  batchNormEval(
    x: Tensor<T>,
    gamma: Float32Array,
    beta: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    options: BatchNormOptions,
  ): Tensor<T>;
  relu(x: Tensor<T>): Tensor<T>;
  maxPool2d(x: Tensor<T>, options: Pool2dOptions): { y: Tensor<T>; indices: Int32Array };
  avgPool2d(x: Tensor<T>, options: Pool2dOptions): Tensor<T>;
  globalAvgPool(x: Tensor<T>): Tensor<T>;
  linear(x: Tensor<T>, w: Tensor, bias: Float32Array | null): Tensor<T>;
}

export interface Execution<T extends FloatArray> {
  /** The graph input and every float node output, by tensor name, in execution order. */
  tensors: Map<string, GraphValue<T>>;
  /** Each MaxPool step's argmax indices (flat offsets into each input plane). */
  poolIndices: Map<PlanStep, Int32Array>;
}

/** Checks the caller's input against the graph's input dims. */
export function checkGraphInput(plan: GraphPlan, input: { dims: number[]; data: FloatArray }): void {
  const expected = plan.graph.input.dims;
  const name = plan.graph.input.name;
  if (!Array.isArray(input?.dims) || !sameDims(input.dims, expected))
    throw new GraphError(
      `Expected input dims ${show(expected)} for graph input '${name}' but received ${show(input?.dims)}`,
    );
  if (input.data.length !== numel(expected))
    throw new GraphError(
      `Expected ${numel(expected)} values for graph input '${name}' ${show(expected)} but received ${input.data.length}`,
    );
}

function runStep<T extends FloatArray>(
  step: PlanStep,
  read: (name: string) => GraphValue<T>,
  k: GraphKernels<T>,
  poolIndices: Map<PlanStep, Int32Array>,
): T | null {
  switch (step.kind) {
    case 'conv': {
      const x = read(step.x);
      const options = convOptions(step);
      return k.conv2d({ data: x.data, shape: x.dims }, step.weight, step.bias, options).data;
    }
    case 'batchNorm': {
      const x = read(step.x);
      return k.batchNormEval(
        { data: x.data, shape: x.dims },
        step.scale,
        step.bias,
        step.mean,
        step.variance,
        {
          eps: step.epsilon,
        },
      ).data;
    }
    case 'relu': {
      const x = read(step.x);
      return k.relu({ data: x.data, shape: [x.data.length] }).data;
    }
    case 'maxPool': {
      const x = read(step.x);
      const { y, indices } = k.maxPool2d({ data: x.data, shape: x.dims }, step.options);
      poolIndices.set(step, indices);
      return y.data;
    }
    case 'avgPool': {
      const x = read(step.x);
      return k.avgPool2d({ data: x.data, shape: x.dims }, step.options).data;
    }
    case 'globalAvgPool': {
      const x = read(step.x);
      return k.globalAvgPool({ data: x.data, shape: x.dims }).data;
    }
    case 'view':
      // The same elements in the same order: the buffer is shared (values are never written after).
      return read(step.x).data;
    case 'linear': {
      const x = read(step.x);
      const rows = step.transposeX ? transpose2d(x.data, step.k, step.m, k.alloc(x.data.length)) : x.data;
      const y = k.linear({ data: rows, shape: [step.m, step.k] }, step.weight, step.bias).data;
      const after = step.addAfter;
      if (after !== null) for (let i = 0; i < y.length; i++) y[i] += after[i];
      return y;
    }
    case 'add': {
      const a = read(step.a);
      const b = read(step.b);
      return addBroadcast(a.data, a.dims, b.data, b.dims, step.outDims, k.alloc(numel(step.outDims)));
    }
    case 'pad': {
      const x = read(step.x);
      const out = k.alloc(numel(step.outDims));
      return padForward(x.data, step.inDims, step.outDims, step.begins, step.mode, step.value, out);
    }
    case 'softmax': {
      const x = read(step.x);
      return softmaxForward(x.data, step.outer, step.size, step.inner, k.alloc(x.data.length));
    }
    case 'constant':
      return step.value.kind === 'float' ? k.adopt(step.value.data) : null;
  }
}

/** Runs every step; kernel errors come back as GraphErrors naming the node. */
export function executePlan<T extends FloatArray>(
  plan: GraphPlan,
  input: { dims: number[]; data: FloatArray },
  k: GraphKernels<T>,
): Execution<T> {
  checkGraphInput(plan, input);
  const tensors = new Map<string, GraphValue<T>>();
  tensors.set(plan.graph.input.name, { dims: [...input.dims], data: k.adopt(input.data) });
  const constants = new Map<string, GraphValue<T>>();
  const read = (name: string): GraphValue<T> => {
    const known = tensors.get(name) ?? constants.get(name);
    if (known !== undefined) return known;
    // An initializer read as an operand (Add's bias, say): taken into the kernels' precision once.
    const value = plan.tensors.get(name)?.value;
    if (value?.kind !== 'float')
      throw new GraphError(`Expected a float tensor named '${name}' but received none`);
    const adopted = { dims: [...value.dims], data: k.adopt(value.data) };
    constants.set(name, adopted);
    return adopted;
  };
  const poolIndices = new Map<PlanStep, Int32Array>();
  for (const step of plan.steps) {
    let data: T | null;
    try {
      data = runStep(step, read, k, poolIndices);
    } catch (error) {
      if (error instanceof GraphError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new GraphError(`${message} (running ${step.node.op} node '${step.node.name}')`, step.node.name);
    }
    if (data !== null) tensors.set(step.output, { dims: step.outDims, data });
  }
  return { tensors, poolIndices };
}

/**
 * runGraph: a model's forward pass on the native float32 kernels, keeping every node output (the
 * explorer draws them all). Tensors are read-only: ops that only relabel dims (Flatten, Reshape,
 * Identity, inference-mode Dropout) share their input's buffer, and the input is the caller's.
 */
import {
  avgPool2d,
  batchNormEval,
  conv2d,
  globalAvgPool,
  linear,
  maxPool2d,
  relu,
} from '../../../native-kernels/index.js';
import type { FloatArray } from '../../../native-kernels/types.js';
import { executePlan, type GraphKernels, type GraphValue } from './executePlan.js';
import { GraphError } from './graphError.js';
import type { GraphPlan } from './graphPlan.js';
import type { ModelGraph } from './modelGraph.js';
import { planGraph } from './planGraph.js';

export interface GraphRun {
  /** The graph input and every float node output, by tensor name, in execution order. */
  tensors: Map<string, GraphValue<Float32Array>>;
  /** The graph output. */
  output: GraphValue<Float32Array>;
}

/** The native kernels as the executor takes them. */
export const NATIVE_KERNELS: GraphKernels<Float32Array> = {
  alloc: (n) => new Float32Array(n),
  adopt: (data: FloatArray) => (data instanceof Float32Array ? data : Float32Array.from(data)),
  conv2d,
  batchNormEval,
  relu,
  maxPool2d,
  avgPool2d,
  globalAvgPool,
  linear,
};

/** Runs a planned graph (planGraph once, run many times). */
export function runPlan(plan: GraphPlan, input: { dims: number[]; data: Float32Array }): GraphRun {
  if (!(input?.data instanceof Float32Array))
    throw new GraphError(`Expected a Float32Array for the input data but received ${typeof input?.data}`);
  const { tensors } = executePlan(plan, input, NATIVE_KERNELS);
  const output = tensors.get(plan.graph.output);
  if (output === undefined)
    throw new GraphError(`Expected the graph output '${plan.graph.output}' to be computed`);
  return { tensors, output };
}

/** Validates the graph, checks the input's dims against graph.input.dims and runs the forward pass. */
export function runGraph(graph: ModelGraph, input: { dims: number[]; data: Float32Array }): GraphRun {
  return runPlan(planGraph(graph), input);
}

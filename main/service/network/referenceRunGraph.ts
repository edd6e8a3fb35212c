/**
 * referenceRunGraph: the same forward pass as runGraph in float64 on the TypeScript reference
 * kernels, the oracle the shipped network and every imported model are checked against (and the
 * function numerical gradients are taken of).
 */
import * as reference from '../../../native-kernels/reference/index.js';
import type { FloatArray } from '../../../native-kernels/types.js';
import { executePlan, type GraphKernels, type GraphValue } from './executePlan.js';
import { GraphError } from './graphError.js';
import type { ModelGraph } from './modelGraph.js';
import { planGraph } from './planGraph.js';

export interface ReferenceGraphRun {
  tensors: Map<string, GraphValue<Float64Array>>;
  output: GraphValue<Float64Array>;
}

const REFERENCE_KERNELS: GraphKernels<Float64Array> = {
  alloc: (n) => new Float64Array(n),
  adopt: (data: FloatArray) => Float64Array.from(data),
  conv2d: reference.conv2d,
  batchNormEval: reference.batchNormEval,
  relu: reference.relu,
  maxPool2d: reference.maxPool2d,
  avgPool2d: reference.avgPool2d,
  globalAvgPool: reference.globalAvgPool,
  linear: reference.linear,
};

/** The float64 forward pass; the input may be float32 or float64 (for numerical gradients). */
export function referenceRunGraph(
  graph: ModelGraph,
  input: { dims: number[]; data: FloatArray },
): ReferenceGraphRun {
  const { tensors } = executePlan(planGraph(graph), input, REFERENCE_KERNELS);
  const output = tensors.get(graph.output);
  if (output === undefined)
    throw new GraphError(`Expected the graph output '${graph.output}' to be computed`);
  return { tensors, output };
}

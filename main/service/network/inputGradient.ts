/**
 * inputGradient: the gradient of one unit of any tensor with respect to the graph input, by each
 * op's backward pass in reverse order on the native kernels (the explorer's effective receptive
 * field: where in the input a change moves that unit, and how much). Max pooling routes through the
 * forward pass's argmax; batch norm is in inference mode, so its statistics are constants.
 */
import {
  avgPool2dBackward,
  batchNormBackwardEval,
  conv2dBackward,
  globalAvgPoolBackward,
  linearBackward,
  maxPool2dBackward,
  reluBackward,
} from '../../../native-kernels/index.js';
import { executePlan, type GraphValue } from './executePlan.js';
import { GraphError } from './graphError.js';
import { convOptions, type GraphPlan, type PlanStep } from './graphPlan.js';
import type { ModelGraph } from './modelGraph.js';
import { show } from './nodeReader.js';
import { planGraph } from './planGraph.js';
import { NATIVE_KERNELS } from './runGraph.js';
import { numel, stridesOf } from './tensorDims.js';
import { padBackward, reduceToDims, softmaxBackward, transpose2d } from './tensorOps.js';

/** One unit: a tensor's name and its full index (one entry per dimension). */
export interface UnitTarget {
  tensor: string;
  index: number[];
}

/** The flat offset of the target unit, after checking the tensor and the index. */
function targetOffset(plan: GraphPlan, target: UnitTarget): number {
  const info = plan.tensors.get(target?.tensor);
  if (info === undefined || info.kind !== 'float')
    throw new GraphError(
      `Expected the name of a float tensor of graph '${plan.graph.name}' but received ${show(target?.tensor)}`,
    );
  const { dims } = info;
  const index = target.index;
  if (
    !Array.isArray(index) ||
    index.length !== dims.length ||
    !index.every((v, i) => Number.isInteger(v) && v >= 0 && v < dims[i])
  )
    throw new GraphError(
      `Expected an index of ${dims.length} integers within ${show(dims)} for tensor '${target.tensor}' but received ${show(index)}`,
    );
  const strides = stridesOf(dims);
  return index.reduce((sum, v, i) => sum + v * strides[i], 0);
}

/** The gradients a step sends to each of its inputs, given its output's gradient. */
function backwardStep(
  step: PlanStep,
  dy: Float32Array,
  read: (name: string) => GraphValue,
  poolIndices: Map<PlanStep, Int32Array>,
): [string, Float32Array][] {
  const dyOf = (dims: number[]) => ({ data: dy, shape: dims });
  switch (step.kind) {
    case 'conv': {
      const x = read(step.x);
      const options = convOptions(step);
      return [
        [
          step.x,
          conv2dBackward({ data: x.data, shape: x.dims }, step.weight, dyOf(step.outDims), options, false).dx
            .data,
        ],
      ];
    }
    case 'batchNorm': {
      const x = read(step.x);
      const grads = batchNormBackwardEval(
        { data: x.data, shape: x.dims },
        dyOf(step.outDims),
        step.scale,
        step.mean,
        step.variance,
        {
          eps: step.epsilon,
        },
      );
      return [[step.x, grads.dx.data]];
    }
    case 'relu': {
      const y = read(step.output).data;
      return [[step.x, reluBackward({ data: dy, shape: [dy.length] }, { data: y, shape: [y.length] }).data]];
    }
    case 'maxPool': {
      const indices = poolIndices.get(step);
      if (indices === undefined)
        throw new GraphError(`Expected saved argmax indices for MaxPool node '${step.node.name}'`);
      return [[step.x, maxPool2dBackward(dyOf(step.outDims), indices, step.inDims, step.options).data]];
    }
    case 'avgPool':
      return [[step.x, avgPool2dBackward(dyOf(step.outDims), step.inDims, step.options).data]];
    case 'globalAvgPool':
      return [[step.x, globalAvgPoolBackward(dyOf(step.outDims), step.inDims).data]];
    case 'view':
      return [[step.x, dy]];
    case 'linear': {
      const x = read(step.x).data;
      const rows = step.transposeX ? transpose2d(x, step.k, step.m, new Float32Array(x.length)) : x;
      const drows = linearBackward(
        { data: rows, shape: [step.m, step.k] },
        step.weight,
        { data: dy, shape: [step.m, step.n] },
        false,
      ).dx.data;
      return [
        [
          step.x,
          step.transposeX ? transpose2d(drows, step.m, step.k, new Float32Array(drows.length)) : drows,
        ],
      ];
    }
    case 'add':
      return [
        [step.a, reduceToDims(dy, step.outDims, step.aDims, new Float32Array(numel(step.aDims)))],
        [step.b, reduceToDims(dy, step.outDims, step.bDims, new Float32Array(numel(step.bDims)))],
      ];
    case 'pad':
      return [
        [
          step.x,
          padBackward(
            dy,
            step.inDims,
            step.outDims,
            step.begins,
            step.mode,
            new Float32Array(numel(step.inDims)),
          ),
        ],
      ];
    case 'softmax': {
      const y = read(step.output).data;
      return [
        [step.x, softmaxBackward(y, dy, step.outer, step.size, step.inner, new Float32Array(dy.length))],
      ];
    }
    case 'constant':
      return [];
  }
}

/**
 * d(target unit) / d(input), float32, with the input's dims. A tensor that does not depend on the
 * input (a constant) has a zero gradient.
 */
export function inputGradient(
  graph: ModelGraph,
  input: { dims: number[]; data: Float32Array },
  target: UnitTarget,
): { dims: number[]; data: Float32Array } {
  const plan = planGraph(graph);
  const offset = targetOffset(plan, target);
  const { tensors, poolIndices } = executePlan(plan, input, NATIVE_KERNELS);
  const read = (name: string): GraphValue => {
    const value = tensors.get(name);
    if (value !== undefined) return value;
    const stored = plan.tensors.get(name)?.value;
    if (stored?.kind !== 'float')
      throw new GraphError(`Expected a float tensor named '${name}' but received none`);
    return { dims: stored.dims, data: stored.data };
  };

  const grads = new Map<string, Float32Array>();
  const seed = new Float32Array(numel(plan.tensors.get(target.tensor)?.dims ?? []));
  seed[offset] = 1;
  grads.set(target.tensor, seed);
  for (let s = plan.steps.length - 1; s >= 0; s--) {
    const step = plan.steps[s];
    const dy = grads.get(step.output);
    if (dy === undefined || !plan.tensors.get(step.output)?.fromInput) continue;
    let sent: [string, Float32Array][];
    try {
      sent = backwardStep(step, dy, read, poolIndices);
    } catch (error) {
      if (error instanceof GraphError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new GraphError(
        `${message} (backward of ${step.node.op} node '${step.node.name}')`,
        step.node.name,
      );
    }
    for (const [name, g] of sent) {
      if (!plan.tensors.get(name)?.fromInput) continue;
      const before = grads.get(name);
      if (before === undefined) grads.set(name, g);
      else {
        // A tensor read by several nodes (a residual branch): the gradients add, into a new array
        // because `before` may be shared with a view's output.
        const sum = new Float32Array(g.length);
        for (let i = 0; i < g.length; i++) sum[i] = before[i] + g[i];
        grads.set(name, sum);
      }
    }
  }
  const inputDims = [...plan.graph.input.dims];
  return { dims: inputDims, data: grads.get(plan.graph.input.name) ?? new Float32Array(numel(inputDims)) };
}

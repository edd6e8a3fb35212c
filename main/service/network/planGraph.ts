/**
 * planGraph: checks a ModelGraph against everything Convscope can run and settles every node's
 * numbers (see graphPlan.ts). The one place that says what is runnable: the importer, the runner,
 * the reference, the backward pass and the layer table all start here.
 */
import { GraphError } from './graphError.js';
import { MAX_RANK, MAX_TENSOR_ELEMENTS } from './graphLimits.js';
import type { GraphPlan, PlanStep, TensorInfo } from './graphPlan.js';
import { SUPPORTED_OPS, type GraphTensor, type ModelGraph } from './modelGraph.js';
import { NodeReader, show } from './nodeReader.js';
import { planGemm, planMatMul } from './planLinearNode.js';
import { planAdd, planPad, planSoftmax } from './planElementNode.js';
import {
  planConstant,
  planDropout,
  planFlatten,
  planIdentity,
  planRelu,
  planReshape,
} from './planShapeNode.js';
import { planBatchNorm, planConv, planGlobalAvgPool, planPool } from './planSpatialNode.js';
import { numel } from './tensorDims.js';

export const MIN_OPSET = 9;
export const MAX_OPSET = 18;

function fail(message: string, node?: string): never {
  throw new GraphError(message, node);
}

/** Checks a tensor's dims against the caps: rank, every dimension >= 1, the element count. */
export function checkDims(dims: unknown, subject: string, node?: string): number[] {
  if (!Array.isArray(dims) || dims.length > MAX_RANK || !dims.every((d) => Number.isSafeInteger(d) && d >= 1))
    fail(
      `Expected dims of rank at most ${MAX_RANK}, each an integer of at least 1, for ${subject} but received ${show(dims)}`,
      node,
    );
  const count = numel(dims);
  if (count > MAX_TENSOR_ELEMENTS)
    fail(
      `Expected at most ${MAX_TENSOR_ELEMENTS} elements for ${subject} but received ${show(dims)} (${count})`,
      node,
    );
  return [...dims];
}

/** Checks a stored tensor: its dims, its data's type and length, ints as safe integers. */
export function checkTensor(t: GraphTensor, subject: string, node?: string): GraphTensor {
  const dims = checkDims(t?.dims, subject, node);
  const count = numel(dims);
  if (t.kind === 'float') {
    if (!(t.data instanceof Float32Array) || t.data.length !== count)
      fail(
        `Expected ${count} float32 values for ${subject} ${show(dims)} but received ${describeData(t.data)}`,
        node,
      );
  } else if (t.kind === 'int') {
    if (!Array.isArray(t.data) || t.data.length !== count || !t.data.every(Number.isSafeInteger))
      fail(
        `Expected ${count} integers for ${subject} ${show(dims)} but received ${describeData(t.data)}`,
        node,
      );
  } else
    fail(
      `Expected a float or int tensor for ${subject} but received kind ${show((t as { kind: unknown }).kind)}`,
      node,
    );
  return t;
}

function describeData(data: unknown): string {
  if (data instanceof Float32Array) return `a Float32Array of ${data.length}`;
  if (Array.isArray(data)) return `an array of ${data.length}`;
  return typeof data;
}

function planStep(r: NodeReader): { step: PlanStep; dropped?: string[] } {
  const op = r.node.op;
  switch (op) {
    case 'Conv':
      return { step: planConv(r) };
    case 'BatchNormalization':
      return { step: planBatchNorm(r) };
    case 'Relu':
      return { step: planRelu(r) };
    case 'MaxPool':
      return { step: planPool(r, 'maxPool') };
    case 'AveragePool':
      return { step: planPool(r, 'avgPool') };
    case 'GlobalAveragePool':
      return { step: planGlobalAvgPool(r) };
    case 'Flatten':
      return { step: planFlatten(r) };
    case 'Reshape':
      return { step: planReshape(r) };
    case 'Gemm':
      return { step: planGemm(r) };
    case 'MatMul':
      return { step: planMatMul(r) };
    case 'Add':
      return { step: planAdd(r) };
    case 'Dropout':
      return planDropout(r);
    case 'Pad':
      return { step: planPad(r) };
    case 'Softmax':
      return { step: planSoftmax(r) };
    case 'Identity':
      return { step: planIdentity(r) };
    case 'Constant':
      return { step: planConstant(r, (t, subject) => checkTensor(t, subject, r.node.name)) };
  }
}

/** Validates the graph and resolves every node; throws GraphError naming the node at fault. */
export function planGraph(graph: ModelGraph): GraphPlan {
  const { opset } = graph;
  if (!Number.isInteger(opset) || opset < MIN_OPSET || opset > MAX_OPSET)
    fail(
      `Expected an opset from ${MIN_OPSET} to ${MAX_OPSET} for graph '${graph.name}' but received ${show(opset)}`,
    );
  const inputName = graph.input?.name;
  if (typeof inputName !== 'string' || inputName === '')
    fail(`Expected a name for the graph input but received ${show(inputName)}`);
  const inputDims = checkDims(graph.input.dims, `the graph input '${inputName}'`);
  if (inputDims.length < 1)
    fail(`Expected a tensor of rank 1 or more for the graph input '${inputName}' but received a scalar`);

  const tensors = new Map<string, TensorInfo>();
  tensors.set(inputName, { dims: inputDims, kind: 'float', value: null, fromInput: true });
  for (const [name, t] of Object.entries(graph.initializers)) {
    if (name === inputName)
      fail(`Expected initializer names other than the graph input's but received an initializer '${name}'`);
    checkTensor(t, `initializer '${name}'`);
    tensors.set(name, { dims: [...t.dims], kind: t.kind, value: t, fromInput: false });
  }

  // Outputs a node names but Convscope does not compute (Dropout's mask), by the node that names them.
  const dropped = new Map<string, string>();
  const nodeNames = new Set<string>();
  const steps: PlanStep[] = [];
  for (const node of graph.nodes) {
    const name = node.name;
    if (typeof name !== 'string' || name === '')
      fail(`Expected a name for every node but received ${show(name)}`);
    if (nodeNames.has(name)) fail(`Expected unique node names but received a second node '${name}'`, name);
    nodeNames.add(name);
    if (!(SUPPORTED_OPS as readonly string[]).includes(node.op))
      fail(
        `Expected one of the ops ${SUPPORTED_OPS.join(', ')} for node '${name}' but received ${show(node.op)}`,
        name,
      );
    for (const input of node.inputs) {
      if (input === '' || tensors.has(input)) continue;
      const by = dropped.get(input);
      if (by !== undefined)
        fail(
          `Expected inputs Convscope computes for ${node.op} node '${name}' but received '${input}', the mask of Dropout node '${by}' (inference mode has none)`,
          name,
        );
      fail(
        `Expected inputs defined earlier (graph input, initializer or an earlier node's output) for ${node.op} node '${name}' but received '${input}'`,
        name,
      );
    }
    for (const output of node.outputs)
      if (output !== '' && (tensors.has(output) || dropped.has(output)))
        fail(
          `Expected output names not used before for ${node.op} node '${name}' but received '${output}' again`,
          name,
        );

    const r = new NodeReader(node, opset, tensors);
    const planned = planStep(r);
    const step = planned.step;
    checkDims(step.outDims, `output '${step.output}' of ${node.op} node '${name}'`, name);
    const fromInput = node.inputs.some((i) => i !== '' && tensors.get(i)?.fromInput === true);
    if (step.kind === 'constant')
      tensors.set(step.output, {
        dims: step.outDims,
        kind: step.value.kind,
        value: step.value,
        fromInput: false,
      });
    else tensors.set(step.output, { dims: step.outDims, kind: 'float', value: null, fromInput });
    for (const mask of planned.dropped ?? []) dropped.set(mask, name);
    steps.push(step);
  }

  const out = tensors.get(graph.output);
  if (out === undefined)
    fail(`Expected the graph output to name a tensor of the graph but received ${show(graph.output)}`);
  if (out.kind !== 'float')
    fail(`Expected a float tensor for the graph output '${graph.output}' but received an int tensor`);
  if (graph.classes !== undefined) {
    const k = numel(out.dims);
    if (
      !Array.isArray(graph.classes) ||
      graph.classes.length !== k ||
      !graph.classes.every((c) => typeof c === 'string')
    )
      fail(
        `Expected ${k} class names (one per element of the output '${graph.output}' ${show(out.dims)}) for graph '${graph.name}' but received ${Array.isArray(graph.classes) ? graph.classes.length : show(graph.classes)}`,
      );
  }
  return { graph, tensors, steps };
}

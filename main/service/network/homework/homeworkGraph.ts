/**
 * The trained homework network as a ModelGraph: the inference-mode function the trainer scores
 * (batch norm with its running statistics, dropout as identity), in the ONNX form torch.onnx
 * exports: Conv, BatchNormalization, Relu, MaxPool, Flatten, Dropout, Gemm (transB = 1, torch's
 * [out, in] weight layout). Tensors keep their torch names (conv1.weight, bn1.running_var, ...).
 */
import type { AttributeValue, FloatTensor, GraphNode, ModelGraph } from '../modelGraph.js';
import {
  BN_EPS,
  BN_MOMENTUM,
  checkArchitecture,
  HOMEWORK_CLASSES,
  homeworkTensorSpecs,
  INPUT_SIZE,
  type HomeworkArchitecture,
  type HomeworkWeights,
} from './homeworkArchitecture.js';

export const HOMEWORK_GRAPH_NAME = 'homework-cnn';
export const HOMEWORK_INPUT = 'input';
export const HOMEWORK_OUTPUT = 'logits';
export const HOMEWORK_OPSET = 13;

const ints = (value: number[]): AttributeValue => ({ type: 'ints', value });
const int = (value: number): AttributeValue => ({ type: 'int', value });
const float = (value: number): AttributeValue => ({ type: 'float', value });

/** Builds the graph; the weights are checked against the architecture and copied. */
export function homeworkGraph(weights: HomeworkWeights, arch: HomeworkArchitecture): ModelGraph {
  const architecture = checkArchitecture(arch);
  const initializers: Record<string, FloatTensor> = {};
  for (const spec of homeworkTensorSpecs(architecture)) {
    const data = weights[spec.name];
    const size = spec.dims.reduce((a, b) => a * b, 1);
    if (!(data instanceof Float32Array) || data.length !== size)
      throw new RangeError(
        `Expected a Float32Array of ${size} values for ${spec.name} but received ${data instanceof Float32Array ? `${data.length} values` : typeof data}`,
      );
    initializers[spec.name] = { kind: 'float', dims: [...spec.dims], data: data.slice() };
  }

  const nodes: GraphNode[] = [];
  let current = HOMEWORK_INPUT;
  const add = (
    name: string,
    op: GraphNode['op'],
    extra: string[],
    attributes: GraphNode['attributes'],
  ): void => {
    nodes.push({ name, op, inputs: [current, ...extra], outputs: [name], attributes });
    current = name;
  };
  for (const layer of [1, 2]) {
    add(`conv${layer}`, 'Conv', [`conv${layer}.weight`, `conv${layer}.bias`], {
      kernel_shape: ints([3, 3]),
      pads: ints([1, 1, 1, 1]),
      strides: ints([1, 1]),
      dilations: ints([1, 1]),
      group: int(1),
    });
    if (architecture.batchNorm)
      add(
        `bn${layer}`,
        'BatchNormalization',
        [`bn${layer}.weight`, `bn${layer}.bias`, `bn${layer}.running_mean`, `bn${layer}.running_var`],
        // ONNX's momentum weighs the old running value: torch's 0.1 is ONNX's 0.9.
        { epsilon: float(BN_EPS), momentum: float(1 - BN_MOMENTUM) },
      );
    add(`relu${layer}`, 'Relu', [], {});
    add(`pool${layer}`, 'MaxPool', [], {
      kernel_shape: ints([2, 2]),
      strides: ints([2, 2]),
      pads: ints([0, 0, 0, 0]),
    });
  }
  add('flatten', 'Flatten', [], { axis: int(1) });
  if (architecture.dropout > 0) {
    // Opset 12+ takes the ratio as an input; inference ignores it (identity), but it keeps p.
    initializers['dropout.ratio'] = {
      kind: 'float',
      dims: [],
      data: Float32Array.of(architecture.dropout),
    };
    add('dropout', 'Dropout', ['dropout.ratio'], {});
  }
  add('fc', 'Gemm', ['fc.weight', 'fc.bias'], {
    alpha: float(1),
    beta: float(1),
    transA: int(0),
    transB: int(1),
  });
  nodes[nodes.length - 1].outputs = [HOMEWORK_OUTPUT];

  return {
    name: HOMEWORK_GRAPH_NAME,
    input: { name: HOMEWORK_INPUT, dims: [1, 1, INPUT_SIZE, INPUT_SIZE] },
    output: HOMEWORK_OUTPUT,
    initializers,
    nodes,
    opset: HOMEWORK_OPSET,
    classes: [...HOMEWORK_CLASSES],
  };
}

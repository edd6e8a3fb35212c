/**
 * The one model representation behind the network explorer, training, `convscope predict` and
 * ONNX import/export: an ONNX-shaped graph (nodes in topological order over named tensors), so
 * import and export are near one-to-one and the built-in network is just another graph. Float
 * tensors are float32 (what the kernels compute in); integer tensors (Reshape's shape, Pad's pads)
 * are plain numbers, since every value they may hold fits in a double exactly after the importer's
 * range checks.
 */

/** The ONNX operators Convscope runs. Anything else is refused by name on import. */
export const SUPPORTED_OPS = [
  'Conv',
  'BatchNormalization',
  'Relu',
  'MaxPool',
  'AveragePool',
  'GlobalAveragePool',
  'Flatten',
  'Reshape',
  'Gemm',
  'MatMul',
  'Add',
  'Dropout',
  'Pad',
  'Softmax',
  'Identity',
  'Constant',
] as const;

export type GraphOp = (typeof SUPPORTED_OPS)[number];

export interface FloatTensor {
  kind: 'float';
  dims: number[];
  data: Float32Array;
}

export interface IntTensor {
  kind: 'int';
  dims: number[];
  data: number[];
}

export type GraphTensor = FloatTensor | IntTensor;

/** ONNX attribute values Convscope's ops use. */
export type AttributeValue =
  | { type: 'int'; value: number }
  | { type: 'ints'; value: number[] }
  | { type: 'float'; value: number }
  | { type: 'floats'; value: number[] }
  | { type: 'string'; value: string }
  | { type: 'tensor'; value: GraphTensor };

export interface GraphNode {
  /** Unique within the graph (the importer names unnamed nodes `<op>_<index>`). */
  name: string;
  op: GraphOp;
  /** Tensor names; '' marks an omitted optional input, as in ONNX. */
  inputs: string[];
  outputs: string[];
  attributes: Record<string, AttributeValue>;
}

export interface ModelGraph {
  name: string;
  /** The one graph input: its name and NCHW (or N x features) dims, batch fixed to 1. */
  input: { name: string; dims: number[] };
  /** The one graph output's name. */
  output: string;
  /** Weights and constants by name. */
  initializers: Record<string, GraphTensor>;
  nodes: GraphNode[];
  /** ONNX default-domain opset the graph follows (9..18). */
  opset: number;
  /** Class names when the output is a classifier's logits ('0'..'9' for MNIST). */
  classes?: string[];
}

/**
 * Field numbers and enums of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto, IR version 8),
 * for the messages and fields Convscope reads or writes. Both directions use these names, so a
 * typo cannot make reader and writer disagree in the same way.
 */

export const MODEL = {
  irVersion: 1,
  producerName: 2,
  producerVersion: 3,
  domain: 4,
  modelVersion: 5,
  docString: 6,
  graph: 7,
  opsetImport: 8,
  metadataProps: 14,
  trainingInfo: 20,
  functions: 25,
} as const;

export const OPSET_ID = { domain: 1, version: 2 } as const;

export const STRING_ENTRY = { key: 1, value: 2 } as const;

export const GRAPH = {
  node: 1,
  name: 2,
  initializer: 5,
  docString: 10,
  input: 11,
  output: 12,
  valueInfo: 13,
  quantizationAnnotation: 14,
  sparseInitializer: 15,
} as const;

export const NODE = {
  input: 1,
  output: 2,
  name: 3,
  opType: 4,
  attribute: 5,
  docString: 6,
  domain: 7,
} as const;

export const ATTRIBUTE = {
  name: 1,
  f: 2,
  i: 3,
  s: 4,
  t: 5,
  g: 6,
  floats: 7,
  ints: 8,
  strings: 9,
  tensors: 10,
  graphs: 11,
  docString: 13,
  tp: 14,
  typeProtos: 15,
  type: 20,
  refAttrName: 21,
  sparseTensor: 22,
  sparseTensors: 23,
} as const;

/** AttributeProto.AttributeType. */
export const ATTRIBUTE_TYPE = {
  UNDEFINED: 0,
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
  TENSORS: 9,
  GRAPHS: 10,
  SPARSE_TENSOR: 11,
  SPARSE_TENSORS: 12,
  TYPE_PROTO: 13,
  TYPE_PROTOS: 14,
} as const;

export const ATTRIBUTE_TYPE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(ATTRIBUTE_TYPE).map(([name, code]) => [code, name]),
);

export const TENSOR = {
  dims: 1,
  dataType: 2,
  segment: 3,
  floatData: 4,
  int32Data: 5,
  stringData: 6,
  int64Data: 7,
  name: 8,
  rawData: 9,
  doubleData: 10,
  uint64Data: 11,
  docString: 12,
  externalData: 13,
  dataLocation: 14,
} as const;

/** TensorProto.DataType. */
export const DATA_TYPE = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
} as const;

export const DATA_TYPE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(DATA_TYPE).map(([name, code]) => [code, name]),
);

/** "FLOAT", or "data type 99" for a code onnx.proto does not name. */
export function dataTypeName(code: number): string {
  return DATA_TYPE_NAMES[code] ?? `data type ${code}`;
}

/** TensorProto.DataLocation. */
export const DATA_LOCATION_EXTERNAL = 1;

export const VALUE_INFO = { name: 1, type: 2, docString: 3 } as const;

/** TypeProto's oneof value. */
export const TYPE = {
  tensorType: 1,
  sequenceType: 4,
  mapType: 5,
  denotation: 6,
  sparseTensorType: 8,
  optionalType: 9,
} as const;

export const TYPE_NAMES: Record<number, string> = {
  1: 'tensor',
  4: 'sequence',
  5: 'map',
  8: 'sparse tensor',
  9: 'optional',
};

export const TENSOR_TYPE = { elemType: 1, shape: 2 } as const;

export const SHAPE = { dim: 1 } as const;

export const DIMENSION = { dimValue: 1, dimParam: 2, denotation: 3 } as const;

/** The names the default ONNX operator domain goes by. */
export const DEFAULT_DOMAINS: readonly string[] = ['', 'ai.onnx'];

/** Opsets of the default domain Convscope runs. */
export const MIN_OPSET = 9;
export const MAX_OPSET = 18;

/** metadata_props key under which Convscope keeps ModelGraph.classes (a JSON array of strings). */
export const CLASSES_METADATA_KEY = 'convscope.classes';

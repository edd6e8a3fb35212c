/**
 * ONNX messages as plain objects, and their encoding. The exporter builds a ModelProtoInit from a
 * ModelGraph; the tests build them directly, including what a valid export never has (external
 * data, subgraphs, DOUBLE tensors, dims that disagree with the data), to write the files the
 * importer must refuse. So this writes whatever it is given, faithfully, and checks nothing.
 */
import { ProtoWriter } from './protoWriter.js';
import {
  ATTRIBUTE,
  DIMENSION,
  GRAPH,
  MODEL,
  NODE,
  OPSET_ID,
  SHAPE,
  STRING_ENTRY,
  TENSOR,
  TENSOR_TYPE,
  TYPE,
  VALUE_INFO,
} from './onnxSchema.js';

export interface TensorProtoInit {
  name?: string;
  dims: readonly number[];
  /** TensorProto.DataType (DATA_TYPE). */
  dataType: number;
  rawData?: Uint8Array;
  floatData?: ArrayLike<number>;
  int32Data?: readonly number[];
  int64Data?: readonly number[];
  doubleData?: readonly number[];
  /** Write the repeated *_data fields one value per field instead of packed. */
  unpacked?: boolean;
  dataLocation?: number;
  externalData?: ReadonlyArray<readonly [string, string]>;
}

export interface AttributeProtoInit {
  name: string;
  /** AttributeProto.AttributeType (ATTRIBUTE_TYPE); left out when undefined, as IR v1 files do. */
  type?: number;
  f?: number;
  i?: number;
  s?: string;
  t?: TensorProtoInit;
  g?: GraphProtoInit;
  floats?: readonly number[];
  ints?: readonly number[];
  strings?: readonly string[];
  graphs?: readonly GraphProtoInit[];
}

export interface NodeProtoInit {
  name?: string;
  opType: string;
  domain?: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: readonly AttributeProtoInit[];
}

export interface ValueInfoProtoInit {
  name: string;
  /** The tensor's element type (DATA_TYPE); left out when undefined. */
  elemType?: number;
  /** Numbers are dim_value, strings dim_param, null an empty Dimension; no shape when undefined. */
  dims?: ReadonlyArray<number | string | null>;
  /** Which TypeProto kind to write (TYPE); tensor by default; others are written empty. */
  kind?: number;
}

export interface GraphProtoInit {
  name?: string;
  nodes: readonly NodeProtoInit[];
  initializers?: readonly TensorProtoInit[];
  inputs: readonly ValueInfoProtoInit[];
  outputs: readonly ValueInfoProtoInit[];
}

export interface ModelProtoInit {
  irVersion?: number;
  opsetImport: ReadonlyArray<{ domain: string; version: number }>;
  producerName?: string;
  producerVersion?: string;
  graph?: GraphProtoInit;
  metadataProps?: ReadonlyArray<readonly [string, string]>;
}

export function encodeModelProto(model: ModelProtoInit): Uint8Array {
  const w = new ProtoWriter();
  if (model.irVersion !== undefined) w.int64(MODEL.irVersion, model.irVersion);
  if (model.producerName !== undefined) w.string(MODEL.producerName, model.producerName);
  if (model.producerVersion !== undefined) w.string(MODEL.producerVersion, model.producerVersion);
  if (model.graph) {
    const graph = model.graph;
    w.message(MODEL.graph, (g) => writeGraph(g, graph));
  }
  for (const { domain, version } of model.opsetImport) {
    w.message(MODEL.opsetImport, (o) => o.string(OPSET_ID.domain, domain).int64(OPSET_ID.version, version));
  }
  for (const [key, value] of model.metadataProps ?? []) {
    w.message(MODEL.metadataProps, (e) => e.string(STRING_ENTRY.key, key).string(STRING_ENTRY.value, value));
  }
  return w.finish();
}

function writeGraph(w: ProtoWriter, graph: GraphProtoInit): void {
  for (const node of graph.nodes) w.message(GRAPH.node, (n) => writeNode(n, node));
  if (graph.name !== undefined) w.string(GRAPH.name, graph.name);
  for (const t of graph.initializers ?? []) w.message(GRAPH.initializer, (m) => writeTensor(m, t));
  for (const v of graph.inputs) w.message(GRAPH.input, (m) => writeValueInfo(m, v));
  for (const v of graph.outputs) w.message(GRAPH.output, (m) => writeValueInfo(m, v));
}

function writeNode(w: ProtoWriter, node: NodeProtoInit): void {
  for (const i of node.inputs) w.string(NODE.input, i);
  for (const o of node.outputs) w.string(NODE.output, o);
  if (node.name !== undefined) w.string(NODE.name, node.name);
  w.string(NODE.opType, node.opType);
  for (const a of node.attributes ?? []) w.message(NODE.attribute, (m) => writeAttribute(m, a));
  if (node.domain !== undefined) w.string(NODE.domain, node.domain);
}

function writeAttribute(w: ProtoWriter, a: AttributeProtoInit): void {
  w.string(ATTRIBUTE.name, a.name);
  if (a.f !== undefined) w.float(ATTRIBUTE.f, a.f);
  if (a.i !== undefined) w.int64(ATTRIBUTE.i, a.i);
  if (a.s !== undefined) w.string(ATTRIBUTE.s, a.s);
  const { t, g } = a;
  if (t) w.message(ATTRIBUTE.t, (m) => writeTensor(m, t));
  if (g) w.message(ATTRIBUTE.g, (m) => writeGraph(m, g));
  // ints and floats are plain (unpacked) repeated fields in onnx.proto, written as declared.
  for (const v of a.floats ?? []) w.float(ATTRIBUTE.floats, v);
  for (const v of a.ints ?? []) w.int64(ATTRIBUTE.ints, v);
  for (const s of a.strings ?? []) w.string(ATTRIBUTE.strings, s);
  for (const sub of a.graphs ?? []) w.message(ATTRIBUTE.graphs, (m) => writeGraph(m, sub));
  if (a.type !== undefined) w.int64(ATTRIBUTE.type, a.type);
}

function writeTensor(w: ProtoWriter, t: TensorProtoInit): void {
  for (const d of t.dims) w.int64(TENSOR.dims, d);
  w.int64(TENSOR.dataType, t.dataType);
  if (t.floatData) {
    if (t.unpacked) for (let i = 0; i < t.floatData.length; i++) w.float(TENSOR.floatData, t.floatData[i]);
    else w.packedFloat(TENSOR.floatData, t.floatData);
  }
  for (const [field, values] of [
    [TENSOR.int32Data, t.int32Data],
    [TENSOR.int64Data, t.int64Data],
  ] as const) {
    if (!values) continue;
    if (t.unpacked) for (const v of values) w.int64(field, v);
    else w.packedInt64(field, values);
  }
  if (t.name !== undefined) w.string(TENSOR.name, t.name);
  if (t.rawData) w.bytes(TENSOR.rawData, t.rawData);
  if (t.doubleData) {
    const raw = new Uint8Array(t.doubleData.length * 8);
    const view = new DataView(raw.buffer);
    t.doubleData.forEach((v, i) => view.setFloat64(i * 8, v, true));
    w.bytes(TENSOR.doubleData, raw);
  }
  for (const [key, value] of t.externalData ?? []) {
    w.message(TENSOR.externalData, (e) => e.string(STRING_ENTRY.key, key).string(STRING_ENTRY.value, value));
  }
  if (t.dataLocation !== undefined) w.int64(TENSOR.dataLocation, t.dataLocation);
}

function writeValueInfo(w: ProtoWriter, v: ValueInfoProtoInit): void {
  w.string(VALUE_INFO.name, v.name);
  w.message(VALUE_INFO.type, (type) => {
    const kind = v.kind ?? TYPE.tensorType;
    type.message(kind, (tt) => {
      if (kind !== TYPE.tensorType) return;
      if (v.elemType !== undefined) tt.int64(TENSOR_TYPE.elemType, v.elemType);
      const dims = v.dims;
      if (!dims) return;
      tt.message(TENSOR_TYPE.shape, (shape) => {
        for (const d of dims) {
          shape.message(SHAPE.dim, (dim) => {
            if (typeof d === 'number') dim.int64(DIMENSION.dimValue, d);
            else if (typeof d === 'string') dim.string(DIMENSION.dimParam, d);
          });
        }
      });
    });
  });
}

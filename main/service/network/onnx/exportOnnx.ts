/**
 * ModelGraph → ONNX file bytes: IR version 8, the default-domain opset at graph.opset, producer
 * 'Convscope', value_info (type and dims) for the input and the output, every initializer as
 * little-endian raw_data (float32 as FLOAT, integers as INT64, which Reshape and Pad require).
 * The graph is checked first by inferGraphShapes (a GraphError when Convscope could not run it),
 * which also gives the output's dims. importOnnx(exportOnnx(g)) equals g, weights bit for bit.
 * The bytes depend on the graph alone (no date, no version), so an export is reproducible.
 */
import { inferGraphShapes } from '../inferGraphShapes.js';
import type { AttributeValue, GraphTensor, ModelGraph } from '../modelGraph.js';
import { encodeModelProto, type AttributeProtoInit, type TensorProtoInit } from './encodeModelProto.js';
import { OnnxError, quote } from './onnxError.js';
import { ATTRIBUTE_TYPE, CLASSES_METADATA_KEY, DATA_TYPE } from './onnxSchema.js';

export const EXPORT_IR_VERSION = 8;
export const EXPORT_PRODUCER = 'Convscope';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const FLOAT32_MAX = 3.4028234663852886e38;

export function exportOnnx(graph: ModelGraph): Uint8Array {
  const shapes = inferGraphShapes(graph);
  if (!Object.hasOwn(shapes, graph.output)) {
    throw new OnnxError(
      `Expected the dims of graph output ${quote(graph.output)} but shape inference gave none`,
    );
  }
  const outputDims = shapes[graph.output];
  return encodeModelProto({
    irVersion: EXPORT_IR_VERSION,
    producerName: EXPORT_PRODUCER,
    opsetImport: [{ domain: '', version: graph.opset }],
    graph: {
      name: graph.name,
      nodes: graph.nodes.map((node) => ({
        name: node.name,
        opType: node.op,
        inputs: node.inputs,
        outputs: node.outputs,
        attributes: Object.entries(node.attributes).map(([name, value]) =>
          attributeInit(name, value, `attribute ${quote(name)} of node ${quote(node.name)}`),
        ),
      })),
      initializers: Object.entries(graph.initializers).map(([name, t]) => tensorInit(t, name)),
      inputs: [{ name: graph.input.name, elemType: DATA_TYPE.FLOAT, dims: graph.input.dims }],
      outputs: [{ name: graph.output, elemType: DATA_TYPE.FLOAT, dims: outputDims }],
    },
    metadataProps: graph.classes ? [[CLASSES_METADATA_KEY, JSON.stringify(graph.classes)]] : [],
  });
}

function attributeInit(name: string, a: AttributeValue, label: string): AttributeProtoInit {
  switch (a.type) {
    case 'int':
      return { name, type: ATTRIBUTE_TYPE.INT, i: a.value };
    case 'ints':
      return { name, type: ATTRIBUTE_TYPE.INTS, ints: a.value };
    case 'float':
      return { name, type: ATTRIBUTE_TYPE.FLOAT, f: float32(a.value, label) };
    case 'floats':
      return { name, type: ATTRIBUTE_TYPE.FLOATS, floats: a.value.map((v) => float32(v, label)) };
    case 'string':
      return { name, type: ATTRIBUTE_TYPE.STRING, s: a.value };
    case 'tensor':
      return { name, type: ATTRIBUTE_TYPE.TENSOR, t: tensorInit(a.value) };
    default:
      throw new OnnxError(
        `Expected ${label} to be an int, ints, float, floats, string or tensor but received ${String((a as { type: unknown }).type)}`,
      );
  }
}

/** ONNX keeps float attributes as float32: a value beyond its range would become Infinity. */
function float32(v: number, label: string): number {
  if (Number.isFinite(v) && Math.abs(v) > FLOAT32_MAX) {
    throw new OnnxError(`Expected ${label} to fit in float32 but received ${v}`);
  }
  return v;
}

function tensorInit(t: GraphTensor, name?: string): TensorProtoInit {
  if (t.kind === 'float') {
    return { name, dims: t.dims, dataType: DATA_TYPE.FLOAT, rawData: littleEndianFloats(t.data) };
  }
  const raw = new Uint8Array(t.data.length * 8);
  const view = new DataView(raw.buffer);
  t.data.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return { name, dims: t.dims, dataType: DATA_TYPE.INT64, rawData: raw };
}

/** The float32 values' bytes in little-endian order, bit for bit (NaN payloads included). */
function littleEndianFloats(data: Float32Array): Uint8Array {
  const bytes = new Uint8Array(data.length * 4);
  if (LITTLE_ENDIAN) {
    bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return bytes;
  }
  const from = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const to = new DataView(bytes.buffer);
  for (let i = 0; i < bytes.length; i += 4) to.setUint32(i, from.getUint32(i), true);
  return bytes;
}

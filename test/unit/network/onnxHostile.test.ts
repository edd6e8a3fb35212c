// importOnnx on hostile and malformed files: each is refused with an OnnxError (or, for a graph
// that parses but cannot run, inferGraphShapes' GraphError) and a message that says what was
// expected, never a RangeError, a crash or a hang. Also the import rules a valid file meets
// (unnamed nodes, the batch dimension, opsets, INT32 shapes, class names).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphError } from '../../../main/service/network/graphError.js';
import {
  encodeModelProto,
  type AttributeProtoInit,
  type GraphProtoInit,
  type ModelProtoInit,
  type NodeProtoInit,
  type TensorProtoInit,
} from '../../../main/service/network/onnx/encodeModelProto.js';
import { DEFAULT_ONNX_LIMITS, OnnxError, importOnnx } from '../../../main/service/network/onnx/index.js';
import { ATTRIBUTE_TYPE, DATA_TYPE, TYPE } from '../../../main/service/network/onnx/onnxSchema.js';
import { WIRE_LEN, readerOf } from '../../../main/service/network/onnx/protoReader.js';
import { ProtoWriter } from '../../../main/service/network/onnx/protoWriter.js';
import { mulberry32 } from '../../helpers/random.js';

const FIXTURES = new URL('../../fixtures/onnx/', import.meta.url);
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

const { FLOAT, INT64, INT32, DOUBLE, FLOAT16, UINT8, BOOL } = DATA_TYPE;

function floatTensor(name: string, dims: number[]): TensorProtoInit {
  const n = dims.reduce((a, b) => a * b, 1);
  return { name, dims, dataType: FLOAT, floatData: Array.from({ length: n }, (_, i) => (i % 7) / 7 - 0.5) };
}

const ints = (name: string, value: number[]): AttributeProtoInit => ({
  name,
  type: ATTRIBUTE_TYPE.INTS,
  ints: value,
});

/** x [N, 2, 4, 4] → Conv 3x3 pad 1 (3 filters) → Relu → y [N, 3, 4, 4], opset 13. */
function tinyGraph(): GraphProtoInit {
  return {
    name: 'tiny',
    nodes: [
      {
        name: 'conv',
        opType: 'Conv',
        inputs: ['x', 'w', 'b'],
        outputs: ['c'],
        attributes: [ints('kernel_shape', [3, 3]), ints('pads', [1, 1, 1, 1])],
      },
      { name: 'relu', opType: 'Relu', inputs: ['c'], outputs: ['y'] },
    ],
    initializers: [floatTensor('w', [3, 2, 3, 3]), floatTensor('b', [3])],
    inputs: [{ name: 'x', elemType: FLOAT, dims: ['N', 2, 4, 4] }],
    outputs: [{ name: 'y', elemType: FLOAT, dims: ['N', 3, 4, 4] }],
  };
}

function tinyModel(graph: Partial<GraphProtoInit> = {}, model: Partial<ModelProtoInit> = {}): Uint8Array {
  return encodeModelProto({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'test',
    graph: { ...tinyGraph(), ...graph },
    ...model,
  });
}

/** The tiny model with its weight 'w' replaced. */
const withWeight = (w: TensorProtoInit): Uint8Array =>
  tinyModel({ initializers: [w, floatTensor('b', [3])] });

/** The tiny model with node `conv` changed. */
function withConv(edit: Partial<NodeProtoInit>): Uint8Array {
  const [conv, relu] = tinyGraph().nodes;
  return tinyModel({ nodes: [{ ...conv, ...edit }, relu] });
}

/** Asserts an OnnxError whose message matches. */
function refused(
  bytes: Uint8Array,
  message: RegExp | string,
  options?: Parameters<typeof importOnnx>[1],
): void {
  let caught: unknown;
  try {
    importOnnx(bytes, options);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(OnnxError);
  expect((caught as Error).message).toMatch(message);
}

/**
 * Messages nested `levels` deep, written in linear time: `prefix(innerLength)` gives each level's
 * bytes up to and including its nested field's length; levels are built inside out.
 */
function nested(levels: number, prefix: (innerLength: number) => Uint8Array, core: Uint8Array): Uint8Array {
  const prefixes: Uint8Array[] = [];
  let length = core.length;
  for (let i = 0; i < levels; i++) {
    const p = prefix(length);
    prefixes.push(p);
    length += p.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (let i = prefixes.length - 1; i >= 0; i--) {
    out.set(prefixes[i], at);
    at += prefixes[i].length;
  }
  out.set(core, at);
  return out;
}

const lenKey = (field: number, length: number): Uint8Array =>
  new ProtoWriter().key(field, WIRE_LEN).varint(length, 0).finish();
const varintSize = (n: number): number => lenKey(1, n).length - 1;

/** The GraphProto bytes of tinyGraph() (the model's field 7). */
function tinyGraphBytes(): Uint8Array {
  const r = readerOf(encodeModelProto({ opsetImport: [], graph: tinyGraph() }), 'model', 4);
  r.next();
  return r.bytesView('graph');
}

/** A model whose graph is `graphBytes`. */
function modelWithGraphBytes(graphBytes: Uint8Array): Uint8Array {
  const head = encodeModelProto({ irVersion: 8, opsetImport: [{ domain: '', version: 13 }] });
  return new ProtoWriter().raw(head).bytes(7, graphBytes).finish();
}

it('the tiny model used below imports', () => {
  const g = importOnnx(tinyModel());
  expect(g.nodes.map((n) => n.name)).toEqual(['conv', 'relu']);
  expect(g.input).toEqual({ name: 'x', dims: [1, 2, 4, 4] });
});

describe('the file as a whole', () => {
  it('refuses what is not bytes, no bytes, and more than the byte cap (before parsing)', () => {
    refused('not bytes' as unknown as Uint8Array, /as a Uint8Array but received string/);
    refused(new ArrayBuffer(8) as unknown as Uint8Array, /but received ArrayBuffer/);
    refused(new Uint8Array(0), 'Expected an ONNX file but received 0 bytes');
    expect(DEFAULT_ONNX_LIMITS.maxBytes).toBe(64 * 1024 * 1024);
    refused(new Uint8Array(64 * 1024 * 1024 + 1), /at most 64\.0 MiB but received 64\.0 MiB/);
    refused(fixture('opsnet_op9.onnx'), /at most 0\.0 MiB/, { limits: { maxBytes: 4000 } });
  });

  it('truncated at every offset: always an OnnxError', () => {
    for (const name of ['opsnet_op9.onnx', 'homework_op13.onnx']) {
      const bytes = fixture(name);
      const step = bytes.length > 10_000 ? 37 : 1;
      for (let end = 1; end < bytes.length; end += step) {
        expect(() => importOnnx(bytes.subarray(0, end)), `${name} cut at ${end}`).toThrow(OnnxError);
      }
    }
  });

  it('requires IR version 3 or newer, a graph, and one default-domain opset from 9 to 18', () => {
    refused(tinyModel({}, { irVersion: undefined }), 'IR version 3 or newer but received none');
    refused(tinyModel({}, { irVersion: 2 }), 'IR version 3 or newer but received 2');
    refused(
      encodeModelProto({ irVersion: 8, opsetImport: [{ domain: '', version: 13 }] }),
      /to have a graph/,
    );
    for (const version of [7, 8, 19, 20]) {
      refused(
        tinyModel({}, { opsetImport: [{ domain: '', version }] }),
        `Expected ONNX opset 9 to 18 (default domain) but received opset ${version}`,
      );
    }
    refused(
      tinyModel({}, { opsetImport: [{ domain: 'ai.onnx.ml', version: 3 }] }),
      /default ONNX domain but received none/,
    );
    refused(
      tinyModel(
        {},
        {
          opsetImport: [
            { domain: '', version: 13 },
            { domain: 'ai.onnx', version: 12 },
          ],
        },
      ),
      /one opset_import for domain 'ai.onnx' but received two/,
    );
    for (const version of [9, 18])
      expect(importOnnx(tinyModel({}, { opsetImport: [{ domain: '', version }] })).opset).toBe(version);
    const aliased = tinyModel(
      {},
      {
        opsetImport: [
          { domain: 'ai.onnx', version: 11 },
          { domain: 'ai.onnx.ml', version: 2 },
        ],
      },
    );
    expect(importOnnx(aliased).opset).toBe(11);
  });
});

describe('nesting', () => {
  it('refuses a subgraph at its key: an If chain 3000 graphs deep costs nothing', () => {
    // Each level: GraphProto.node → NodeProto(Identity) .attribute → AttributeProto.g → GraphProto.
    const attrHead = new ProtoWriter().string(1, 'then_branch').int64(20, ATTRIBUTE_TYPE.GRAPH).finish();
    const nodeHead = new ProtoWriter()
      .string(1, 'x')
      .string(2, 'z')
      .string(3, 'nested')
      .string(4, 'Identity')
      .finish();
    const level = (graphLength: number): Uint8Array => {
      const attrLength = attrHead.length + 1 + varintSize(graphLength) + graphLength;
      const nodeLength = nodeHead.length + 1 + varintSize(attrLength) + attrLength;
      return new ProtoWriter()
        .raw(lenKey(1, nodeLength))
        .raw(nodeHead)
        .raw(lenKey(5, attrLength))
        .raw(attrHead)
        .raw(lenKey(6, graphLength))
        .finish();
    };
    const chain = nested(3000, level, new Uint8Array(0));
    const graph = new ProtoWriter().raw(chain).raw(tinyGraphBytes()).finish();
    const started = performance.now();
    refused(
      modelWithGraphBytes(graph),
      /node 'nested' to have no GRAPH attributes but received a subgraph 'then_branch'/,
    );
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses GRAPHS, STRINGS and TENSORS attributes by kind', () => {
    const sub: GraphProtoInit = { nodes: [], inputs: [], outputs: [] };
    const attribute = (a: AttributeProtoInit) => withConv({ attributes: [ints('kernel_shape', [3, 3]), a] });
    refused(
      attribute({ name: 'branches', type: ATTRIBUTE_TYPE.GRAPHS, graphs: [sub] }),
      /no GRAPHS attributes but received a subgraph 'branches'/,
    );
    refused(
      attribute({ name: 'tags', strings: ['a'] }),
      /no STRINGS attributes but received an attribute 'tags'/,
    );
    refused(attribute({ name: 'g', type: ATTRIBUTE_TYPE.TENSORS }), /no TENSORS attributes/);
  });

  it('refuses an input typed as a sequence of sequences 100000 deep, at the first level', () => {
    // TypeProto.sequence_type → Sequence.elem_type → TypeProto → ...
    const level = (inner: number): Uint8Array => {
      const seqLength = 1 + varintSize(inner) + inner;
      return new ProtoWriter().raw(lenKey(TYPE.sequenceType, seqLength)).raw(lenKey(1, inner)).finish();
    };
    const type = nested(100_000, level, new Uint8Array(0));
    const input = new ProtoWriter().string(1, 'x').bytes(2, type).finish();
    // The tiny graph without its input x, then this x.
    const noInput = encodeModelProto({ opsetImport: [], graph: { ...tinyGraph(), inputs: [] } });
    const r = readerOf(noInput, 'model', 4);
    r.next();
    const started = performance.now();
    refused(
      modelWithGraphBytes(new ProtoWriter().raw(r.bytesView('graph')).bytes(11, input).finish()),
      "Expected graph input 'x' to be a tensor but received a sequence type",
    );
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('skips an unknown field of 100000 nested messages without looking inside', () => {
    const deep = nested(100_000, (inner) => lenKey(1, inner), new Uint8Array(0));
    const bytes = new ProtoWriter().raw(tinyModel()).bytes(99, deep).finish();
    const started = performance.now();
    expect(importOnnx(bytes).nodes).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('limits how deep the messages it reads may nest', () => {
    refused(fixture('opsnet_op9.onnx'), /messages nested at most 3 deep/, { limits: { maxDepth: 3 } });
  });
});

describe('tensors', () => {
  it('refuses huge dims and element counts before allocating', () => {
    refused(
      withWeight({ name: 'w', dims: [2 ** 40], dataType: FLOAT }),
      /dims of tensor 'w' to be from 0 to 16777216 but received \[1099511627776\]/,
    );
    refused(withWeight({ name: 'w', dims: [-1, 3], dataType: FLOAT }), /but received \[-1, 3\]/);
    refused(
      withWeight({ name: 'w', dims: [65536, 65536, 65536], dataType: FLOAT }),
      /tensor 'w' to have at most 16777216 elements but its dims \[65536, 65536, 65536\] make more/,
    );
    refused(withWeight({ name: 'w', dims: [1, 1, 1, 1, 1, 1, 1, 1, 1], dataType: FLOAT }), /rank at most 8/);
    // A packed run of a million dims: counted without being kept, and refused by the tensor's name.
    const manyDims = new ProtoWriter()
      .bytes(1, new Uint8Array(1_000_000).fill(1))
      .int64(2, FLOAT)
      .string(8, 'w')
      .finish();
    const graph = new ProtoWriter().raw(tinyGraphBytes()).bytes(5, manyDims).finish();
    refused(modelWithGraphBytes(graph), /tensor 'w' to have rank at most 8/);
  });

  it('refuses int64 dims or values past 2^53 (doubles stop being exact)', () => {
    const shape: TensorProtoInit = { name: 's', dims: [2], dataType: INT64, int64Data: [1, 2 ** 53] };
    expect(() =>
      encodeModelProto({
        opsetImport: [],
        graph: { nodes: [], inputs: [], outputs: [], initializers: [shape] },
      }),
    ).toThrow(OnnxError);
    const raw = new Uint8Array(16);
    new DataView(raw.buffer).setBigInt64(8, 2n ** 62n, true);
    refused(
      tinyModel({
        initializers: [
          floatTensor('w', [3, 2, 3, 3]),
          floatTensor('b', [3]),
          { name: 's', dims: [2], dataType: INT64, rawData: raw },
        ],
      }),
      /values of tensor 's' to be within ±\(2\^53 - 1\) but received 4611686018427387904/,
    );
  });

  it('checks dims against the data length, in every data field', () => {
    const w = (t: Partial<TensorProtoInit>) =>
      withWeight({ name: 'w', dims: [3, 2, 3, 3], dataType: FLOAT, ...t });
    refused(
      w({ rawData: new Uint8Array(53 * 4) }),
      "Expected 216 bytes of raw_data for tensor 'w' (FLOAT, dims [3, 2, 3, 3]) but received 212",
    );
    refused(w({ rawData: new Uint8Array(55 * 4) }), /but received 220$/);
    refused(
      w({ floatData: new Array(53).fill(0) }),
      "Expected 54 values for tensor 'w' (FLOAT, dims [3, 2, 3, 3]) but received 53",
    );
    refused(w({ floatData: new Array(60).fill(0), unpacked: true }), /Expected 54 values .* but received 60/);
    refused(w({}), /Expected 54 values .* but received 0/);
    refused(
      w({ floatData: new Array(54).fill(0), rawData: new Uint8Array(216) }),
      /raw_data or in a typed field but received both/,
    );
    refused(
      w({ int64Data: new Array(54).fill(0) }),
      /keep its values in raw_data or the field for FLOAT but received another field/,
    );
    const shapes = (t: TensorProtoInit) =>
      tinyModel({ initializers: [floatTensor('w', [3, 2, 3, 3]), floatTensor('b', [3]), t] });
    refused(
      shapes({ name: 's', dims: [4], dataType: INT64, int64Data: [1, 2, 3] }),
      "Expected 4 values for tensor 's' (INT64, dims [4]) but received 3",
    );
    refused(
      shapes({ name: 's', dims: [4], dataType: INT32, int32Data: [1, 2, 3, 4, 5] }),
      /Expected 4 values .* but received 5/,
    );
    refused(
      shapes({ name: 's', dims: [2], dataType: INT64, rawData: new Uint8Array(12) }),
      /Expected 16 bytes of raw_data/,
    );
    refused(
      shapes({ name: 's', dims: [5000], dataType: INT64 }),
      /tensor 's' to have at most 4096 elements \(integer tensors are shape-like\)/,
    );
  });

  it('refuses data types other than FLOAT and INT64/INT32, naming the tensor', () => {
    for (const [dataType, name] of [
      [DOUBLE, 'DOUBLE'],
      [FLOAT16, 'FLOAT16'],
      [UINT8, 'UINT8'],
      [BOOL, 'BOOL'],
      [99, 'data type 99'],
    ] as const) {
      refused(
        withWeight({ name: 'w', dims: [3, 2, 3, 3], dataType, doubleData: new Array(54).fill(0) }),
        `Expected tensor 'w' to be FLOAT (or INT64/INT32 for shapes) but received ${name}`,
      );
    }
  });

  it('refuses external data, with or without data_location, and segments', () => {
    refused(
      withWeight({
        name: 'w',
        dims: [3, 2, 3, 3],
        dataType: FLOAT,
        dataLocation: 1,
        externalData: [
          ['location', 'weights.bin'],
          ['offset', '0'],
        ],
      }),
      "Expected tensor 'w' to hold its data in the file but received external data in 'weights.bin' (Convscope reads no other file)",
    );
    refused(
      withWeight({
        name: 'w',
        dims: [3, 2, 3, 3],
        dataType: FLOAT,
        externalData: [['location', '../../etc/passwd']],
      }),
      /external data in '..\/..\/etc\/passwd'/,
    );
    refused(
      withWeight({ name: 'w', dims: [3, 2, 3, 3], dataType: FLOAT, dataLocation: 1 }),
      /received external data \(/,
    );
    const segment = new ProtoWriter()
      .int64(1, 3)
      .int64(2, FLOAT)
      .string(8, 'w')
      .message(3, (s) => s.int64(1, 0).int64(2, 3))
      .finish();
    refused(
      modelWithGraphBytes(new ProtoWriter().raw(tinyGraphBytes()).bytes(5, segment).finish()),
      /in one piece but received a segment/,
    );
  });

  it('caps float elements across all tensors, and initializers and nodes by count', () => {
    refused(
      tinyModel(),
      /at most 56 float elements in all tensors together but tensor 'b' brings the total to 57/,
      {
        limits: { maxTotalElements: 56 },
      },
    );
    refused(tinyModel(), 'Expected at most 1 nodes but received more', { limits: { maxNodes: 1 } });
    refused(tinyModel(), 'Expected at most 1 initializers but received more', {
      limits: { maxInitializers: 1 },
    });
  });

  it('reads unpacked float_data, INT32 shapes and float32 bits exactly', () => {
    const weights = Float32Array.from({ length: 54 }, (_, i) => (i - 27) / 3);
    weights[5] = -0;
    weights[6] = 1e-40; // subnormal
    weights[7] = 3.4028234663852886e38; // the largest float32
    const g = importOnnx(
      withWeight({ name: 'w', dims: [3, 2, 3, 3], dataType: FLOAT, floatData: weights, unpacked: true }),
    );
    const w = g.initializers.w;
    expect(w.kind).toBe('float');
    expect(new Uint32Array((w.data as Float32Array).buffer)).toEqual(new Uint32Array(weights.buffer));
    expect(Object.is(w.data[5], -0)).toBe(true);
    const shape = importOnnx(
      tinyModel({
        initializers: [
          floatTensor('w', [3, 2, 3, 3]),
          floatTensor('b', [3]),
          { name: 's', dims: [3], dataType: INT32, int32Data: [-1, 0, 2 ** 31 - 1] },
        ],
      }),
    );
    expect(shape.initializers.s).toEqual({ kind: 'int', dims: [3], data: [-1, 0, 2 ** 31 - 1] });
  });
});

describe('graph structure', () => {
  it('names unnamed nodes <op>_<index> and makes repeated names unique', () => {
    const [conv, relu] = tinyGraph().nodes;
    expect(
      importOnnx(
        tinyModel({
          nodes: [
            { ...conv, name: undefined },
            { ...relu, name: '' },
          ],
        }),
      ).nodes.map((n) => n.name),
    ).toEqual(['Conv_0', 'Relu_1']);
    expect(
      importOnnx(
        tinyModel({
          nodes: [
            { ...conv, name: 'n' },
            { ...relu, name: 'n' },
          ],
        }),
      ).nodes.map((n) => n.name),
    ).toEqual(['n', 'n_1']);
  });

  it('10000 nodes under one name get unique names in linear time', () => {
    const [conv] = tinyGraph().nodes;
    const relus: NodeProtoInit[] = Array.from({ length: 9999 }, (_, i) => ({
      name: 'n',
      opType: 'Relu',
      inputs: [i === 0 ? 'c' : `t${i - 1}`],
      outputs: [i === 9998 ? 'y' : `t${i}`],
    }));
    const started = performance.now();
    const g = importOnnx(tinyModel({ nodes: [{ ...conv, name: 'n_2' }, ...relus] }));
    expect(g.nodes.slice(0, 5).map((n) => n.name)).toEqual(['n_2', 'n', 'n_1', 'n_3', 'n_4']);
    expect(new Set(g.nodes.map((n) => n.name)).size).toBe(10_000);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('wants exactly one real input and one output', () => {
    const x2 = { name: 'x2', elemType: FLOAT, dims: [1, 2, 4, 4] };
    refused(
      tinyModel({ inputs: [...tinyGraph().inputs, x2] }),
      "Expected exactly one graph input besides the initializers but received 2: 'x', 'x2'",
    );
    refused(
      tinyModel({ inputs: [{ name: 'w', elemType: FLOAT, dims: [3, 2, 3, 3] }] }),
      /besides the initializers but received 0$/,
    );
    refused(tinyModel({ outputs: [] }), 'Expected exactly one graph output but received 0');
    refused(
      tinyModel({ outputs: [{ name: 'y' }, { name: 'c' }] }),
      "Expected exactly one graph output but received 2: 'y', 'c'",
    );
    refused(
      tinyModel({ outputs: [{ name: 'y', elemType: INT64 }] }),
      "Expected graph output 'y' to be FLOAT but received INT64",
    );
  });

  it('fixes the batch dimension to 1; every other dimension must be a number', () => {
    const input = (dims: (number | string | null)[] | undefined, elemType: number = FLOAT, kind?: number) =>
      tinyModel({ inputs: [{ name: 'x', elemType, dims, kind }] });
    expect(importOnnx(input([1, 2, 4, 4])).input.dims).toEqual([1, 2, 4, 4]);
    expect(importOnnx(input([null, 2, 4, 4])).input.dims).toEqual([1, 2, 4, 4]);
    refused(
      input([8, 2, 4, 4]),
      "Expected the batch dimension of graph input 'x' to be 1 or symbolic but received 8",
    );
    refused(
      input(['N', 'C', 4, 4]),
      "Expected dimension 1 of graph input 'x' to be a number from 1 to 16777216 but received symbolic 'C'",
    );
    refused(input(['N', 2, 0, 4]), /dimension 2 .* but received 0/);
    refused(input(['N', 100_000, 100_000, 100_000]), /graph input 'x' to have at most 16777216 elements/);
    refused(input([]), /to have a batch dimension but received a scalar/);
    refused(input(undefined), "Expected graph input 'x' to have a shape but received none");
    refused(input([1, 2, 4, 4], DOUBLE), "Expected graph input 'x' to be FLOAT but received DOUBLE");
    refused(
      input([1, 2, 4, 4], FLOAT, TYPE.mapType),
      "Expected graph input 'x' to be a tensor but received a map type",
    );
  });

  it('wants nodes in topological order, each tensor defined once, and the output computed', () => {
    const [conv, relu] = tinyGraph().nodes;
    refused(
      tinyModel({ nodes: [relu, conv] }),
      "Expected input 'c' of node 'relu' to be the graph input, an initializer or an earlier node's output but received a name defined nowhere before it",
    );
    refused(
      tinyModel({ nodes: [conv, { ...relu, outputs: ['w'] }] }),
      "Expected tensor 'w' to be defined once but node 'relu' defines it again",
    );
    refused(
      tinyModel({ nodes: [conv, relu], outputs: [{ name: 'nowhere', elemType: FLOAT }] }),
      /graph output 'nowhere' to be computed by a node/,
    );
  });

  it('names an unsupported op and its node, in the default domain or another', () => {
    refused(
      withConv({ opType: 'LeakyRelu', attributes: [] }),
      "Unsupported ONNX operator 'LeakyRelu' in node 'conv'; Convscope runs Conv, BatchNormalization, Relu, MaxPool, AveragePool, GlobalAveragePool, Flatten, Reshape, Gemm, MatMul, Add, Dropout, Pad, Softmax, Identity, Constant",
    );
    refused(
      withConv({ domain: 'com.microsoft', opType: 'FusedConv' }),
      /^Unsupported ONNX operator 'com.microsoft.FusedConv' in node 'conv'/,
    );
    refused(
      withConv({ domain: 'ai.onnx', opType: 'If', name: undefined }),
      /^Unsupported ONNX operator 'If' in node 'If_0'/,
    );
    expect(importOnnx(withConv({ domain: 'ai.onnx' })).nodes[0].op).toBe('Conv');
  });

  it('reads attributes without a type (IR version 1) and refuses ambiguous or repeated ones', () => {
    const g = importOnnx(
      withConv({
        attributes: [
          { name: 'kernel_shape', ints: [3, 3] },
          { name: 'pads', ints: [1, 1, 1, 1] },
        ],
      }),
    );
    expect(g.nodes[0].attributes.pads).toEqual({ type: 'ints', value: [1, 1, 1, 1] });
    refused(
      withConv({ attributes: [{ name: 'pads', ints: [1, 1, 1, 1], i: 2 }] }),
      /attribute 'pads' of node 'conv' to have a type or exactly one value but received 2 values/,
    );
    refused(
      withConv({ attributes: [ints('pads', [1, 1, 1, 1]), ints('pads', [0, 0, 0, 0])] }),
      "Expected node 'conv' to have one attribute 'pads' but received two",
    );
    refused(
      withConv({ attributes: [{ name: '', type: ATTRIBUTE_TYPE.INT, i: 1 }] }),
      /every attribute of node 'conv' to have a name/,
    );
    refused(
      withConv({ attributes: [{ name: 'value', type: ATTRIBUTE_TYPE.TENSOR }] }),
      /attribute 'value' of node 'conv' to hold a tensor/,
    );
  });

  it('refuses names that are not UTF-8', () => {
    const bytes = withConv({ name: 'zzzz' });
    const at = Buffer.from(bytes).indexOf('zzzz');
    bytes.set([0xff, 0xfe, 0xfd, 0xfc], at);
    refused(bytes, /name to be UTF-8 text but received invalid bytes/);
  });

  it('keeps names like __proto__ and constructor as plain keys', () => {
    const g = importOnnx(
      tinyModel({
        nodes: [
          {
            name: 'constructor',
            opType: 'Conv',
            inputs: ['x', '__proto__', 'b'],
            outputs: ['toString'],
            attributes: [ints('kernel_shape', [3, 3]), ints('pads', [1, 1, 1, 1])],
          },
          { name: '__proto__', opType: 'Relu', inputs: ['toString'], outputs: ['y'] },
        ],
        initializers: [floatTensor('__proto__', [3, 2, 3, 3]), floatTensor('b', [3])],
      }),
    );
    expect(Object.getPrototypeOf(g.initializers)).toBe(null);
    expect(g.initializers['__proto__'].dims).toEqual([3, 2, 3, 3]);
    expect(Object.keys(g.initializers)).toEqual(['__proto__', 'b']);
  });

  it('hands a graph that parses but cannot run to inferGraphShapes, whose GraphError names the node', () => {
    let caught: unknown;
    try {
      importOnnx(withWeight(floatTensor('w', [3, 5, 3, 3])));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(GraphError);
    expect((caught as GraphError).node).toBe('conv');
    expect((caught as Error).message).toMatch(/Conv node 'conv'/);
  });

  it("reads Convscope's class names, and refuses malformed ones", () => {
    // One name per output element (the tiny model's output is [1, 3, 4, 4]).
    const classes = Array.from({ length: 48 }, (_, i) => (i === 2 ? 'deux "2" ✓' : `c${i}`));
    expect(
      importOnnx(
        tinyModel(
          {},
          {
            metadataProps: [
              ['convscope.classes', JSON.stringify(classes)],
              ['other', 'x'],
            ],
          },
        ),
      ).classes,
    ).toEqual(classes);
    expect(importOnnx(tinyModel()).classes).toBeUndefined();
    refused(
      tinyModel({}, { metadataProps: [['convscope.classes', '{"a":1}']] }),
      /metadata 'convscope.classes' to be a JSON array of at most 100000 strings but received '\{"a":1\}'/,
    );
    refused(tinyModel({}, { metadataProps: [['convscope.classes', '[1, 2']] }), /JSON array/);
    refused(
      tinyModel({}, { metadataProps: [['convscope.classes', `[${'1,'.repeat(600_000)}1]`]] }),
      "Expected metadata 'convscope.classes' of at most 1048576 characters but received 1200003",
    );
  });
});

describe('fuzzing', () => {
  /** Runs importOnnx and says how it ended; anything but OnnxError/GraphError is rethrown. */
  function outcome(bytes: Uint8Array): 'imported' | 'OnnxError' | 'GraphError' {
    try {
      importOnnx(bytes);
      return 'imported';
    } catch (err) {
      if (err instanceof OnnxError) return 'OnnxError';
      if (err instanceof GraphError) return 'GraphError';
      throw err;
    }
  }

  it('random bytes (seed 5): every one refused with an OnnxError, each within 50 ms', () => {
    const rng = mulberry32(5);
    let slowest = 0;
    for (let i = 0; i < 3000; i++) {
      const bytes = new Uint8Array(3 + Math.floor(rng() * 600));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(rng() * 256);
      // A third start like an ONNX file (ir_version, then a graph field), to get past the first byte.
      if (i % 3 === 0) bytes.set([0x08, 0x08, 0x3a], 0);
      const started = performance.now();
      expect(outcome(bytes), `case ${i}`).toBe('OnnxError');
      slowest = Math.max(slowest, performance.now() - started);
    }
    expect(slowest).toBeLessThan(50);
  });

  it('mutated PyTorch files (seed 7): imported, OnnxError or GraphError, never anything else', () => {
    const rng = mulberry32(7);
    const originals = [
      fixture('opsnet_op9.onnx'),
      fixture('opsnet_op13.onnx'),
      fixture('homework_bnkept_op13.onnx'),
    ];
    const seen = { imported: 0, OnnxError: 0, GraphError: 0 };
    let slowest = 0;
    for (let i = 0; i < 1500; i++) {
      const bytes = originals[i % originals.length].slice();
      const flips = 1 + Math.floor(rng() * 8);
      for (let k = 0; k < flips; k++) {
        const at = Math.floor(rng() * bytes.length);
        // Mostly set a byte to a random value; sometimes to 0xff, which makes varints run on.
        bytes[at] = rng() < 0.8 ? Math.floor(rng() * 256) : 0xff;
      }
      const started = performance.now();
      seen[outcome(bytes)]++;
      slowest = Math.max(slowest, performance.now() - started);
    }
    // Every way out happened (so the loop reached deep into the files), and none was slow.
    expect(seen.imported).toBeGreaterThan(0);
    expect(seen.OnnxError).toBeGreaterThan(0);
    expect(seen.GraphError).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(200);
  });
});

// exportOnnx: the file's header, types and dims as ONNX tools expect them, reproducible bytes, and
// importOnnx(exportOnnx(g)) equal to g with weights bit for bit. The committed files in
// test/fixtures/onnx/exported/ (written by test/golden/make-onnx-export.ts, checked by hand with
// onnx.checker by test/golden/check_onnx_export.py) must be what exportOnnx writes today.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphError } from '../../../main/service/network/graphError.js';
import { SUPPORTED_OPS, type GraphOp, type ModelGraph } from '../../../main/service/network/modelGraph.js';
import { OnnxError, exportOnnx, importOnnx } from '../../../main/service/network/onnx/index.js';
import { DATA_TYPE, GRAPH, MODEL, TENSOR } from '../../../main/service/network/onnx/onnxSchema.js';
import { readerOf, type ProtoReader } from '../../../main/service/network/onnx/protoReader.js';

const FIXTURES = new URL('../../fixtures/onnx/', import.meta.url);
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const TORCH_FILES = readdirSync(FIXTURES).filter((f) => f.endsWith('.onnx') && !f.includes('unfolded'));

/** Every float tensor's bits and every int tensor's values, by name: what "bit for bit" compares. */
function weightBits(g: ModelGraph): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [name, t] of Object.entries(g.initializers)) {
    out[name] =
      t.kind === 'float' ? [...new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length)] : t.data;
  }
  return out;
}

function expectSameGraph(got: ModelGraph, want: ModelGraph): void {
  expect(got).toEqual(want);
  expect(weightBits(got)).toEqual(weightBits(want));
}

/** A small graph written by hand as other code builds them: plain objects, epsilon 1e-5. */
function handBuilt(): ModelGraph {
  const f = (dims: number[], values: number[]) => ({
    kind: 'float' as const,
    dims,
    data: Float32Array.from(values),
  });
  const node = (name: string, op: GraphOp, inputs: string[], outputs: string[], attributes = {}) => ({
    name,
    op,
    inputs,
    outputs,
    attributes,
  });
  return {
    name: 'hand built',
    input: { name: 'image', dims: [1, 1, 4, 4] },
    output: 'logits',
    opset: 11,
    classes: ['left', 'right'],
    initializers: {
      k: f([2, 1, 2, 2], [1, -1, 0.5, -0, 0.1, 0.2, 0.3, 1e-40]),
      gamma: f([2], [1, 2]),
      beta: f([2], [0, -1]),
      mean: f([2], [0.25, -0.25]),
      var: f([2], [1, 0.5]),
      shape: { kind: 'int', dims: [2], data: [1, -1] },
      fc: f(
        [8, 2],
        Array.from({ length: 16 }, (_, i) => (i - 8) / 8),
      ),
    },
    nodes: [
      node('conv', 'Conv', ['image', 'k'], ['c'], {
        kernel_shape: { type: 'ints', value: [2, 2] },
        strides: { type: 'ints', value: [2, 2] },
      }),
      node('bn', 'BatchNormalization', ['c', 'gamma', 'beta', 'mean', 'var'], ['b'], {
        epsilon: { type: 'float', value: 1e-5 },
        momentum: { type: 'float', value: 0.9 },
      }),
      node('relu', 'Relu', ['b'], ['r']),
      node('drop', 'Dropout', ['r'], ['d'], { ratio: { type: 'float', value: 0.3 } }),
      node('same', 'Identity', ['d'], ['i']),
      node('pad', 'Pad', ['i', 'pads'], ['p'], { mode: { type: 'string', value: 'edge' } }),
      node('pool', 'AveragePool', ['p'], ['a'], {
        kernel_shape: { type: 'ints', value: [2, 2] },
        strides: { type: 'ints', value: [2, 2] },
      }),
      node('pads', 'Constant', [], ['pads'], {
        value: { type: 'tensor', value: { kind: 'int', dims: [8], data: [0, 0, 1, 1, 0, 0, 1, 1] } },
      }),
      node('flat', 'Reshape', ['a', 'shape'], ['v']),
      node('fc', 'MatMul', ['v', 'fc'], ['logits']),
    ].sort((a, b) => Number(b.op === 'Constant') - Number(a.op === 'Constant')), // Constant first
  };
}

/** Field `field` of a message, as readers, in order. */
function messages(r: ProtoReader, field: number): ProtoReader[] {
  const out: ProtoReader[] = [];
  const again = r.restart();
  while (again.next()) {
    if (again.field === field) out.push(again.message('m', 'm'));
    else again.skip();
  }
  return out;
}

describe('round trip', () => {
  it.each(TORCH_FILES)('%s: import → export → import gives the same graph, weights bit for bit', (file) => {
    const g = importOnnx(fixture(file));
    expectSameGraph(importOnnx(exportOnnx(g)), g);
  });

  it('a hand-built graph with plain-object records comes back equal, float attributes as written', () => {
    const g = handBuilt();
    const back = importOnnx(exportOnnx(g));
    expectSameGraph(back, g);
    // Stored as float32 in the file, read back as the decimal that was written.
    expect(back.nodes.find((n) => n.op === 'BatchNormalization')?.attributes.epsilon).toEqual({
      type: 'float',
      value: 1e-5,
    });
    expect(back.nodes.find((n) => n.op === 'Dropout')?.attributes.ratio).toEqual({
      type: 'float',
      value: 0.3,
    });
  });

  it('writes the same bytes every time', () => {
    expect(exportOnnx(handBuilt())).toEqual(exportOnnx(handBuilt()));
  });
});

describe('the file exportOnnx writes', () => {
  const g = handBuilt();
  const model = readerOf(exportOnnx(g), 'ModelProto', 16);

  it('has IR version 8, producer Convscope, the default-domain opset and the class names', () => {
    let ir = 0;
    let producer = '';
    const r = model.restart();
    while (r.next()) {
      if (r.field === MODEL.irVersion) ir = r.int64('ir_version');
      else if (r.field === MODEL.producerName) producer = r.string('producer_name');
      else r.skip();
    }
    expect([ir, producer]).toEqual([8, 'Convscope']);
    const [opset] = messages(model, MODEL.opsetImport);
    const fields: (string | number)[] = [];
    while (opset.next()) fields.push(opset.field === 1 ? opset.string('domain') : opset.int64('version'));
    expect(fields).toEqual(['', 11]);
    const [meta] = messages(model, MODEL.metadataProps);
    const kv: string[] = [];
    while (meta.next()) kv.push(meta.string('entry'));
    expect(kv).toEqual(['convscope.classes', '["left","right"]']);
  });

  it('gives the input and output their type and dims, and lists no initializer as an input', () => {
    const [graph] = messages(model, MODEL.graph);
    const dimsOf = (valueInfo: ProtoReader): { name: string; elem: number; dims: number[] } => {
      let name = '';
      let elem = 0;
      const dims: number[] = [];
      while (valueInfo.next()) {
        if (valueInfo.field === 1) name = valueInfo.string('name');
        else {
          const [tensorType] = messages(valueInfo.message('type', 'type'), 1);
          while (tensorType.next()) {
            if (tensorType.field === 1) elem = tensorType.int64('elem_type');
            else
              for (const dim of messages(tensorType.message('shape', 'shape'), 1))
                while (dim.next()) dims.push(dim.int64('dim_value'));
          }
        }
      }
      return { name, elem, dims };
    };
    expect(messages(graph, GRAPH.input).map(dimsOf)).toEqual([
      { name: 'image', elem: DATA_TYPE.FLOAT, dims: [1, 1, 4, 4] },
    ]);
    expect(messages(graph, GRAPH.output).map(dimsOf)).toEqual([
      { name: 'logits', elem: DATA_TYPE.FLOAT, dims: [1, 2] },
    ]);
  });

  it('keeps every initializer as little-endian raw_data: FLOAT, and INT64 for integers', () => {
    const [graph] = messages(model, MODEL.graph);
    const seen: Record<string, { type: number; raw: number[] }> = {};
    for (const t of messages(graph, GRAPH.initializer)) {
      let name = '';
      let type = 0;
      let raw: number[] = [];
      while (t.next()) {
        if (t.field === TENSOR.name) name = t.string('name');
        else if (t.field === TENSOR.dataType) type = t.int64('data_type');
        else if (t.field === TENSOR.rawData) raw = [...t.bytesView('raw_data')];
        else if (t.field === TENSOR.dims) t.skip();
        else throw new Error(`unexpected field ${t.field}`);
      }
      seen[name] = { type, raw };
    }
    expect(seen.gamma).toEqual({ type: DATA_TYPE.FLOAT, raw: [0, 0, 0x80, 0x3f, 0, 0, 0, 0x40] });
    expect(seen.shape.type).toBe(DATA_TYPE.INT64);
    expect(seen.shape.raw).toEqual([1, 0, 0, 0, 0, 0, 0, 0, ...Array(8).fill(0xff)]);
    expect(Object.keys(seen)).toEqual(Object.keys(g.initializers));
  });
});

describe('committed exports (test/fixtures/onnx/exported)', () => {
  const EXPORTED = new URL('exported/', FIXTURES);
  const files = readdirSync(EXPORTED).filter((f) => f.endsWith('.onnx'));

  it('holds the all-ops file and re-exports of PyTorch fixtures', () => {
    expect(files).toContain('all_ops_op13.onnx');
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files.filter((f) => f !== 'all_ops_op13.onnx'))(
    '%s is exportOnnx(importOnnx(the PyTorch file)) today',
    (file) => {
      const committed = new Uint8Array(readFileSync(new URL(file, EXPORTED)));
      expect(exportOnnx(importOnnx(fixture(file)))).toEqual(committed);
    },
  );

  it('all_ops_op13.onnx uses every supported op and exports to the same bytes again', () => {
    const committed = new Uint8Array(readFileSync(new URL('all_ops_op13.onnx', EXPORTED)));
    const g = importOnnx(committed);
    expect([...new Set(g.nodes.map((n) => n.op))].sort()).toEqual([...SUPPORTED_OPS].sort());
    expect(g.classes).toEqual(['circle', 'square', 'triangle']);
    expect(exportOnnx(g)).toEqual(committed);
  });
});

describe('refusals', () => {
  it('a graph Convscope cannot run: the GraphError of inferGraphShapes, naming the node', () => {
    const g = handBuilt();
    g.nodes = g.nodes.map((n) => (n.name === 'conv' ? { ...n, inputs: ['image', 'fc'] } : n));
    expect(() => exportOnnx(g)).toThrow(GraphError);
    expect(() => exportOnnx(g)).toThrow(/node 'conv'/);
  });

  it('a float attribute beyond float32', () => {
    const g = handBuilt();
    g.nodes = g.nodes.map((n) =>
      n.name === 'bn'
        ? { ...n, attributes: { ...n.attributes, momentum: { type: 'float', value: 1e39 } } }
        : n,
    );
    // BatchNormalization's momentum is unused at inference, so only the exporter can object.
    expect(() => exportOnnx(g)).toThrow(OnnxError);
    expect(() => exportOnnx(g)).toThrow(
      "Expected attribute 'momentum' of node 'bn' to fit in float32 but received 1e+39",
    );
  });
});

// importOnnx on files PyTorch wrote (test/fixtures/onnx, made by test/golden/make_onnx_fixtures.py):
// ops, dims, attributes as torch wrote them, and weights bit for bit against torch's state_dict.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferGraphShapes } from '../../../main/service/network/inferGraphShapes.js';
import type { FloatTensor, GraphNode, ModelGraph } from '../../../main/service/network/modelGraph.js';
import { importOnnx } from '../../../main/service/network/onnx/index.js';

interface Encoded {
  shape: number[];
  data: number[];
}
interface FixtureDoc {
  torch: string;
  files: Record<string, { opset: number; ops: string[]; initializers: string[]; pads: (number[] | null)[] }>;
  input: Encoded;
  output: Encoded;
  state_dict: Record<string, Encoded>;
}

const FIXTURES = new URL('../../fixtures/onnx/', import.meta.url);
const doc = (model: string): FixtureDoc =>
  JSON.parse(readFileSync(new URL(`${model}.json`, FIXTURES), 'utf8'));
const load = (file: string): ModelGraph => importOnnx(new Uint8Array(readFileSync(new URL(file, FIXTURES))));
const floatsOf = (g: ModelGraph, name: string): FloatTensor => {
  const t = g.initializers[name];
  if (t?.kind !== 'float') throw new Error(`no float initializer ${name}`);
  return t;
};
const nodesOf = (g: ModelGraph, op: string): GraphNode[] => g.nodes.filter((n) => n.op === op);
/** The bits of float32 values, so that equality is bitwise (and -0 differs from 0). */
const bits = (values: ArrayLike<number>): Uint32Array => new Uint32Array(Float32Array.from(values).buffer);

const MODELS = ['homework', 'opsnet'] as const;

describe.each(MODELS)('%s fixtures', (model) => {
  const d = doc(model);
  const files = Object.entries(d.files).filter(([file]) => !file.includes('unfolded'));

  it.each(files)('%s: ops, opset, input, output and initializers as torch wrote them', (file, info) => {
    const g = load(file);
    expect(g.opset).toBe(info.opset);
    expect([...new Set(g.nodes.map((n) => n.op))].sort()).toEqual(info.ops);
    expect(g.input).toEqual({ name: 'input', dims: d.input.shape });
    expect(g.output).toBe('output');
    expect(Object.keys(g.initializers).sort()).toEqual(info.initializers);
    expect(g.name).toBe('torch_jit');
    expect(new Set(g.nodes.map((n) => n.name)).size).toBe(g.nodes.length);
    expect(inferGraphShapes(g)[g.output]).toEqual(d.output.shape);
  });

  it.each(files)('%s: every state_dict tensor it keeps by name equals torch’s, bit for bit', (file) => {
    const g = load(file);
    const shared = Object.keys(d.state_dict).filter((k) => k in g.initializers);
    // Folded files keep fc.* (homework) or everything but nothing folded (opsnet).
    expect(shared.length).toBeGreaterThanOrEqual(model === 'homework' ? 2 : 11);
    for (const name of shared) {
      const t = floatsOf(g, name);
      expect(t.dims, name).toEqual(d.state_dict[name].shape);
      expect(bits(t.data), name).toEqual(bits(d.state_dict[name].data));
    }
  });
});

describe('homework CNN', () => {
  const d = doc('homework');
  const sd = d.state_dict;

  it('keeps BatchNormalization as torch wrote it when not folded (epsilon reads back as 1e-5)', () => {
    const g = load('homework_bnkept_op13.onnx');
    const bns = nodesOf(g, 'BatchNormalization');
    expect(bns.map((n) => n.name)).toEqual(['/bn1/BatchNormalization', '/bn2/BatchNormalization']);
    expect(bns[0].inputs.slice(1)).toEqual(['bn1.weight', 'bn1.bias', 'bn1.running_mean', 'bn1.running_var']);
    expect(bns[0].attributes.epsilon).toEqual({ type: 'float', value: 1e-5 });
    expect(bns[0].attributes.momentum).toEqual({ type: 'float', value: 0.9 });
    // All 14 float tensors of the state_dict are initializers under their torch names.
    expect(Object.keys(sd).every((k) => k in g.initializers)).toBe(true);
  });

  it('reads the folded conv weights torch computed from conv and batch norm', () => {
    const g = load('homework_op13.onnx');
    const convs = nodesOf(g, 'Conv');
    expect(convs).toHaveLength(2);
    convs.forEach((conv, layer) => {
      const p = `conv${layer + 1}`;
      const bn = `bn${layer + 1}`;
      const w = floatsOf(g, conv.inputs[1]);
      const b = floatsOf(g, conv.inputs[2]);
      expect(w.dims).toEqual(sd[`${p}.weight`].shape);
      const perFilter = w.data.length / 10;
      for (let f = 0; f < 10; f++) {
        const scale = sd[`${bn}.weight`].data[f] / Math.sqrt(sd[`${bn}.running_var`].data[f] + 1e-5);
        for (let i = 0; i < perFilter; i++) {
          const want = sd[`${p}.weight`].data[f * perFilter + i] * scale;
          expect(Math.abs(w.data[f * perFilter + i] - want)).toBeLessThan(1e-6 + 1e-5 * Math.abs(want));
        }
        const wantB =
          (sd[`${p}.bias`].data[f] - sd[`${bn}.running_mean`].data[f]) * scale + sd[`${bn}.bias`].data[f];
        expect(Math.abs(b.data[f] - wantB)).toBeLessThan(1e-6 + 1e-5 * Math.abs(wantB));
      }
      expect(conv.attributes.pads).toEqual({ type: 'ints', value: [1, 1, 1, 1] });
      expect(conv.attributes.kernel_shape).toEqual({ type: 'ints', value: [3, 3] });
    });
    expect(nodesOf(g, 'MaxPool')[0].attributes.kernel_shape).toEqual({ type: 'ints', value: [2, 2] });
    expect(nodesOf(g, 'Gemm')[0].attributes.transB).toEqual({ type: 'int', value: 1 });
    expect(nodesOf(g, 'Flatten')[0].attributes.axis).toEqual({ type: 'int', value: 1 });
  });

  it('opset 9: the initializers also listed as graph inputs are weights, not inputs', () => {
    const bytes = new Uint8Array(readFileSync(new URL('homework_op9.onnx', FIXTURES)));
    // The file does list them (by name, as ValueInfo) next to the real input.
    expect(Buffer.from(bytes).includes(Buffer.from('onnx::Conv_28'))).toBe(true);
    const g = importOnnx(bytes);
    expect(g.input.name).toBe('input');
    expect(Object.keys(g.initializers)).toHaveLength(6);
  });

  it('reads a view at an odd offset into a larger buffer the same as the file itself', () => {
    const bytes = new Uint8Array(readFileSync(new URL('homework_bnkept_op13.onnx', FIXTURES)));
    const padded = new Uint8Array(bytes.length + 8).fill(0xee);
    padded.set(bytes, 3);
    const view = padded.subarray(3, 3 + bytes.length);
    const a = importOnnx(bytes);
    const b = importOnnx(view);
    expect(b).toEqual(a);
    expect(bits(floatsOf(b, 'conv2.weight').data)).toEqual(bits(floatsOf(a, 'conv2.weight').data));
  });

  it('a symbolic batch dimension becomes 1', () => {
    const g = load('homework_dynbatch_op13.onnx');
    expect(g.input.dims).toEqual([1, 1, 28, 28]);
    expect(inferGraphShapes(g).output).toEqual([1, 10]);
  });
});

describe('ops net', () => {
  it('reads conv stride, padding, dilation and groups, pooling and softmax attributes', () => {
    for (const file of ['opsnet_op9.onnx', 'opsnet_op13.onnx', 'opsnet_op17.onnx']) {
      const g = load(file);
      const [conv1, conv2] = nodesOf(g, 'Conv');
      expect(conv1.attributes.strides).toEqual({ type: 'ints', value: [2, 2] });
      expect(conv1.attributes.pads).toEqual({ type: 'ints', value: [1, 1, 1, 1] });
      expect(conv2.attributes.dilations).toEqual({ type: 'ints', value: [2, 2] });
      expect(conv2.attributes.group).toEqual({ type: 'int', value: 4 });
      const avg = nodesOf(g, 'AveragePool')[0];
      // count_include_pad=False is ONNX's default, so torch leaves the attribute out.
      expect(avg.attributes.count_include_pad).toBeUndefined();
      expect(avg.attributes.strides).toEqual({ type: 'ints', value: [2, 2] });
      expect(nodesOf(g, 'Softmax')[0].attributes.axis).toEqual({ type: 'int', value: 1 });
      const shapes = inferGraphShapes(g);
      expect(shapes[nodesOf(g, 'AveragePool')[0].outputs[0]]).toEqual([1, 8, 5, 5]);
      expect(shapes[nodesOf(g, 'GlobalAveragePool')[0].outputs[0]]).toEqual([1, 8, 1, 1]);
    }
  });

  it('opset 9 keeps pads and value as attributes; opset 13 and 17 as inputs', () => {
    const old = nodesOf(load('opsnet_op9.onnx'), 'Pad');
    expect(old.map((n) => n.attributes)).toEqual([
      { mode: { type: 'string', value: 'reflect' }, pads: { type: 'ints', value: [0, 0, 1, 1, 0, 0, 1, 1] } },
      {
        mode: { type: 'string', value: 'constant' },
        pads: { type: 'ints', value: [0, 0, 1, 0, 0, 0, 0, 1] },
        value: { type: 'float', value: 0.5 },
      },
    ]);
    const pads = doc('opsnet').files['opsnet_op13.onnx'].pads;
    for (const file of ['opsnet_op13.onnx', 'opsnet_op17.onnx']) {
      const g = load(file);
      const [reflect, constant] = nodesOf(g, 'Pad');
      expect(g.initializers[reflect.inputs[1]]).toEqual({ kind: 'int', dims: [8], data: pads[0] });
      expect(g.initializers[constant.inputs[1]]).toEqual({ kind: 'int', dims: [8], data: pads[1] });
      // The pad value comes from a Constant node holding a float32 scalar.
      const valueNode = g.nodes.find((n) => n.outputs[0] === constant.inputs[2]);
      expect(valueNode?.op).toBe('Constant');
      expect(valueNode?.attributes.value).toEqual({
        type: 'tensor',
        value: { kind: 'float', dims: [], data: Float32Array.from([0.5]) },
      });
    }
  });

  it("reads Reshape's shape, a negative INT64, from a Constant node", () => {
    const g = load('opsnet_op9.onnx');
    const reshape = nodesOf(g, 'Reshape')[0];
    const shapeNode = g.nodes.find((n) => n.outputs[0] === reshape.inputs[1]);
    expect(shapeNode?.attributes.value).toEqual({
      type: 'tensor',
      value: { kind: 'int', dims: [2], data: [1, -1] },
    });
  });

  it("imports torch's own opset 13 file by folding the shape arithmetic in front of its Pads", () => {
    // torch 1.13 computes F.pad's pads at opset 11+ with ConstantOfShape, Concat, Reshape, Slice
    // (step -1), Transpose and Cast on constants: foldConstants evaluates them into the same two
    // int64 initializers fold_pads() wrote into opsnet_op13.onnx, so the two files import alike.
    const unfolded = load('opsnet_unfolded_op13.onnx');
    const folded = load('opsnet_op13.onnx');
    expect(doc('opsnet').files['opsnet_unfolded_op13.onnx'].ops).toContain('ConstantOfShape');
    expect(unfolded.nodes).toEqual(folded.nodes);
    expect(unfolded.initializers).toEqual(folded.initializers);
    const [reflect, constant] = nodesOf(unfolded, 'Pad');
    expect(unfolded.initializers[reflect.inputs[1]]).toEqual({
      kind: 'int',
      dims: [8],
      data: [0, 0, 1, 1, 0, 0, 1, 1],
    });
    expect(unfolded.initializers[constant.inputs[1]]).toEqual({
      kind: 'int',
      dims: [8],
      data: [0, 0, 1, 0, 0, 0, 0, 1],
    });
  });
});

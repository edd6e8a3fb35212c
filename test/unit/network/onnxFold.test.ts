// Constant folding at import (foldConstants.ts, evaluateConstantOp.ts): torch's unfolded F.pad
// subgraph imports and runs as torch does; each folded op against values worked out by hand;
// a foldable op with a run-time input is still refused by name; hostile subgraphs are refused
// quickly with an OnnxError naming the node.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphError } from '../../../main/service/network/graphError.js';
import type { GraphTensor } from '../../../main/service/network/modelGraph.js';
import type { DecodedNode } from '../../../main/service/network/onnx/decodeNode.js';
import {
  encodeModelProto,
  type AttributeProtoInit,
  type NodeProtoInit,
  type TensorProtoInit,
} from '../../../main/service/network/onnx/encodeModelProto.js';
import {
  evaluateConstantOp,
  type KnownValue,
} from '../../../main/service/network/onnx/evaluateConstantOp.js';
import { ImportContext } from '../../../main/service/network/onnx/importContext.js';
import { DEFAULT_ONNX_LIMITS, OnnxError, importOnnx } from '../../../main/service/network/onnx/index.js';
import { ATTRIBUTE_TYPE, DATA_TYPE } from '../../../main/service/network/onnx/onnxSchema.js';
import { runGraph } from '../../../main/service/network/runGraph.js';
import { mulberry32 } from '../../helpers/random.js';

const FIXTURES = new URL('../../fixtures/onnx/', import.meta.url);
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
// The tolerance of the other torch tests (onnxTorch.test.ts): float32 rounding, not a wrong op.
const ABS = 1e-5;
const REL = 1e-4;
const INT64_MAX = 2n ** 63n - 1n;
const { FLOAT, INT64 } = DATA_TYPE;

const ints = (dims: number[], data: number[]): GraphTensor => ({ kind: 'int', dims, data });
const floats = (dims: number[], data: number[]): GraphTensor => ({
  kind: 'float',
  dims,
  data: Float32Array.from(data),
});
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

type Attr = DecodedNode['attributes'][string];
const intAttr = (value: number): Attr => ({ type: 'int', value });
const intsAttr = (value: number[]): Attr => ({ type: 'ints', value });

/** evaluateConstantOp on one node named 'n' with the default limits. */
function evaluate(
  op: string,
  inputs: Array<KnownValue | null>,
  attributes: Record<string, Attr> = {},
  opset = 13,
): GraphTensor {
  const node: DecodedNode = {
    name: 'n',
    op,
    inputs: inputs.map((_, i) => `in${i}`),
    outputs: ['out'],
    attributes,
  };
  return evaluateConstantOp(node, inputs, new ImportContext(DEFAULT_ONNX_LIMITS), opset);
}

/** The values as plain numbers, for toEqual against hand-computed lists. */
const plain = (t: GraphTensor): { kind: string; dims: number[]; data: number[] } => ({
  kind: t.kind,
  dims: t.dims,
  data: Array.from(t.data),
});

function refused(run: () => unknown, message: RegExp | string): void {
  let caught: unknown;
  try {
    run();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(OnnxError);
  expect((caught as Error).message).toMatch(message);
}

/** An INT64 tensor written as raw_data, so values past 2^53 (INT64_MAX) can be written exactly. */
function int64Raw(name: string, values: bigint[]): TensorProtoInit {
  const raw = new Uint8Array(values.length * 8);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, v, true));
  return { name, dims: [values.length], dataType: INT64, rawData: raw };
}
const int64 = (name: string, values: number[], dims = [values.length]): TensorProtoInit => ({
  name,
  dims,
  dataType: INT64,
  int64Data: values,
});
const constantNode = (output: string, t: TensorProtoInit): NodeProtoInit => ({
  name: output,
  opType: 'Constant',
  inputs: [],
  outputs: [output],
  attributes: [{ name: 'value', type: ATTRIBUTE_TYPE.TENSOR, t }],
});
const intAttrProto = (name: string, i: number): AttributeProtoInit => ({ name, type: ATTRIBUTE_TYPE.INT, i });

/** x [N, 2, 3, 3] → the nodes given → y, with the initializers given; opset 13 unless told. */
function model(
  nodes: NodeProtoInit[],
  initializers: TensorProtoInit[] = [],
  opset = 13,
  outDims: Array<number | string> = ['N', 2, 3, 3],
): Uint8Array {
  return encodeModelProto({
    irVersion: 8,
    opsetImport: [{ domain: '', version: opset }],
    graph: {
      name: 'fold',
      nodes,
      initializers,
      inputs: [{ name: 'x', elemType: FLOAT, dims: ['N', 2, 3, 3] }],
      outputs: [{ name: 'y', elemType: FLOAT, dims: outDims }],
    },
  });
}

/** Pad x by the pads `pads` names (computed by the nodes before it), constant mode. */
const padBy = (pads: string): NodeProtoInit => ({
  name: 'pad',
  opType: 'Pad',
  inputs: ['x', pads],
  outputs: ['y'],
});

describe("torch's unfolded F.pad export", () => {
  const doc = JSON.parse(readFileSync(new URL('opsnet.json', FIXTURES), 'utf8'));
  const x = { dims: doc.input.shape as number[], data: Float32Array.from(doc.input.data as number[]) };

  // opsnet.json holds the one input and torch's output for every opsnet file: the network is the
  // same, only the pads subgraph differs (folded by the fixture script in opsnet_op13/op17.onnx).
  it.each([13, 17])(
    "opsnet_unfolded_op%i.onnx gives torch's output, and the very graph and output of opsnet_op%i.onnx",
    (opset) => {
      expect(Object.keys(doc.files)).toContain(`opsnet_unfolded_op${opset}.onnx`);
      const g = importOnnx(fixture(`opsnet_unfolded_op${opset}.onnx`));
      const y = runGraph(g, x).output;
      expect(y.dims).toEqual(doc.output.shape);
      (doc.output.data as number[]).forEach((want, i) => {
        expect(Math.abs(y.data[i] - want), `element ${i}`).toBeLessThanOrEqual(ABS + REL * Math.abs(want));
      });
      const pre = importOnnx(fixture(`opsnet_op${opset}.onnx`));
      expect(g.nodes).toEqual(pre.nodes);
      expect(g.initializers).toEqual(pre.initializers);
      const yPre = runGraph(pre, x).output;
      expect(new Uint32Array(y.data.buffer)).toEqual(new Uint32Array(yPre.data.buffer));
    },
  );

  it('drops every node of the pads subgraph and the Constants only it read', () => {
    const g = importOnnx(fixture('opsnet_unfolded_op13.onnx'));
    const ops = new Set<string>(g.nodes.map((n) => n.op));
    for (const op of ['ConstantOfShape', 'Concat', 'Slice', 'Transpose', 'Cast'])
      expect(ops.has(op)).toBe(false);
    // 48 nodes in torch's file; 30 are the two pads subgraphs (7 ops + 8 Constants each).
    expect(g.nodes).toHaveLength(18);
    // Constant_16 (Pad's value 0.5) and Constant_17 (Reshape's shape) feed kept nodes and stay.
    expect(g.nodes.filter((n) => n.op === 'Constant').map((n) => n.name)).toEqual([
      '/Constant_16',
      '/Constant_17',
    ]);
  });
});

describe('each folded op, against hand-computed values', () => {
  it('ConstantOfShape: the dims from its input, filled with its value (float 0 by default)', () => {
    const seven: Attr = { type: 'tensor', value: ints([1], [7]) };
    expect(plain(evaluate('ConstantOfShape', [ints([2], [2, 3])], { value: seven }))).toEqual({
      kind: 'int',
      dims: [2, 3],
      data: [7, 7, 7, 7, 7, 7],
    });
    expect(plain(evaluate('ConstantOfShape', [ints([1], [2])]))).toEqual({
      kind: 'float',
      dims: [2],
      data: [0, 0],
    });
    // An empty shape makes a scalar; a 0 dimension an empty tensor.
    expect(plain(evaluate('ConstantOfShape', [ints([0], [])], { value: seven }))).toEqual({
      kind: 'int',
      dims: [],
      data: [7],
    });
    expect(plain(evaluate('ConstantOfShape', [ints([2], [3, 0])], { value: seven })).data).toEqual([]);
  });

  it('Concat along an axis, negative too', () => {
    expect(
      plain(evaluate('Concat', [ints([2, 2], [1, 2, 3, 4]), ints([1, 2], [5, 6])], { axis: intAttr(0) })),
    ).toEqual({
      kind: 'int',
      dims: [3, 2],
      data: [1, 2, 3, 4, 5, 6],
    });
    // Axis -1 of [2, 1] and [2, 2]: row by row, [a0 b0 b1; a1 b2 b3].
    expect(
      plain(evaluate('Concat', [ints([2, 1], [1, 2]), ints([2, 2], [7, 8, 9, 10])], { axis: intAttr(-1) })),
    ).toEqual({
      kind: 'int',
      dims: [2, 3],
      data: [1, 7, 8, 2, 9, 10],
    });
    refused(
      () => evaluate('Concat', [ints([2, 1], [1, 2]), ints([3, 1], [1, 2, 3])], { axis: intAttr(1) }),
      /Expected dims matching input 0's \[2, 1\] off axis 1 for Concat node 'n' but received \[3, 1\] for input 1/,
    );
    refused(
      () => evaluate('Concat', [ints([1], [1]), floats([1], [1])], { axis: intAttr(0) }),
      /inputs of one kind/,
    );
  });

  it('Slice: negative starts, ends and steps, INT64 extremes as "to the end", the opset 9 attribute form', () => {
    const ten = ints([10], range(10));
    const wideLow = -Infinity; // how decodeTensor hands over -(2^63 - 1), torch's end for a flip
    // torch's flip: start -1, end -(2^63 - 1), step -1 → the whole axis reversed.
    expect(
      evaluate('Slice', [ten, ints([1], [-1]), ints([1], [wideLow]), ints([1], [0]), ints([1], [-1])]).data,
    ).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    // [-3, -1) = [7, 9).
    expect(evaluate('Slice', [ten, ints([1], [-3]), ints([1], [-1])]).data).toEqual([7, 8]);
    // From 8 down to (not including) 1 by 3: 8, 5, 2.
    expect(
      evaluate('Slice', [ten, ints([1], [8]), ints([1], [1]), ints([1], [0]), ints([1], [-3])]).data,
    ).toEqual([8, 5, 2]);
    // Bounds far past the ends clamp: start -100 → 0, end 10^15 → 10, step 4: 0, 4, 8.
    expect(
      evaluate('Slice', [ten, ints([1], [-100]), ints([1], [1e15]), ints([1], [0]), ints([1], [4])]).data,
    ).toEqual([0, 4, 8]);
    // An empty result when the start is past the end for the step's direction.
    expect(evaluate('Slice', [ten, ints([1], [5]), ints([1], [2])]).dims).toEqual([0]);
    // 2-D [3, 4] holding 0..11: rows 0 and 2 (step 2), columns 3 and 1 (from -1 by -2).
    const grid = ints([3, 4], range(12));
    expect(
      plain(
        evaluate('Slice', [
          grid,
          ints([2], [0, -1]),
          ints([2], [Infinity, -10]),
          ints([2], [0, -1]),
          ints([2], [2, -2]),
        ]),
      ),
    ).toEqual({ kind: 'int', dims: [2, 2], data: [3, 1, 11, 9] });
    // Opset 9: starts, ends and axes are attributes; columns 1.. of a [2, 3].
    expect(
      plain(
        evaluate(
          'Slice',
          [ints([2, 3], range(6))],
          { starts: intsAttr([1]), ends: intsAttr([1000]), axes: intsAttr([1]) },
          9,
        ),
      ),
    ).toEqual({ kind: 'int', dims: [2, 2], data: [1, 2, 4, 5] });
    refused(
      () => evaluate('Slice', [ten, ints([1], [0]), ints([1], [5]), ints([1], [0]), ints([1], [0])]),
      /non-zero steps/,
    );
    refused(
      () => evaluate('Slice', [ten, ints([1], [0]), ints([1], [5]), ints([1], [1])]),
      /an axis in \[-1, 0\]/,
    );
    // A step past 2^53 is not a bound: it is refused rather than clamped.
    refused(
      () => evaluate('Slice', [ten, ints([1], [0]), ints([1], [5]), ints([1], [0]), ints([1], [Infinity])]),
      /integers within ±\(2\^53 - 1\) for input 4 \(steps\) for Slice node 'n' but received an INT64 past that/,
    );
  });

  it('Transpose by perm, reversed by default', () => {
    expect(plain(evaluate('Transpose', [ints([2, 3], range(6))]))).toEqual({
      kind: 'int',
      dims: [3, 2],
      data: [0, 3, 1, 4, 2, 5],
    });
    // [2, 2, 2] with perm [1, 0, 2]: element (i, j, k) moves to (j, i, k).
    expect(evaluate('Transpose', [ints([2, 2, 2], range(8))], { perm: intsAttr([1, 0, 2]) }).data).toEqual([
      0, 1, 4, 5, 2, 3, 6, 7,
    ]);
    refused(
      () => evaluate('Transpose', [ints([2, 3], range(6))], { perm: intsAttr([0, 0]) }),
      /distinct axes/,
    );
  });

  it('Reshape with -1 and 0 (copy), Unsqueeze and Squeeze by attribute and by input', () => {
    expect(evaluate('Reshape', [ints([2, 3], range(6)), ints([2], [3, -1])]).dims).toEqual([3, 2]);
    expect(evaluate('Reshape', [ints([2, 3], range(6)), ints([3], [0, 1, -1])]).dims).toEqual([2, 1, 3]);
    refused(() => evaluate('Reshape', [ints([2, 3], range(6)), ints([1], [4])]), /a shape of 6 elements/);
    expect(evaluate('Unsqueeze', [ints([3], [1, 2, 3]), ints([2], [0, -1])]).dims).toEqual([1, 3, 1]);
    expect(evaluate('Unsqueeze', [ints([3], [1, 2, 3])], { axes: intsAttr([1]) }, 11).dims).toEqual([3, 1]);
    expect(evaluate('Squeeze', [ints([1, 3, 1], [1, 2, 3]), ints([1], [0])]).dims).toEqual([3, 1]);
    expect(evaluate('Squeeze', [ints([1, 3, 1], [1, 2, 3])]).dims).toEqual([3]);
    refused(() => evaluate('Squeeze', [ints([1, 3, 1], [1, 2, 3]), ints([1], [1])]), /axes of dimension 1/);
  });

  it('Cast to FLOAT, INT64 (truncating) and INT32 (range-checked)', () => {
    expect(plain(evaluate('Cast', [ints([2], [3, -4])], { to: intAttr(DATA_TYPE.FLOAT) }))).toEqual({
      kind: 'float',
      dims: [2],
      data: [3, -4],
    });
    expect(evaluate('Cast', [floats([3], [1.7, -1.7, 2.5])], { to: intAttr(INT64) }).data).toEqual([
      1, -1, 2,
    ]);
    refused(
      () => evaluate('Cast', [ints([1], [2 ** 31])], { to: intAttr(DATA_TYPE.INT32) }),
      /values that fit in INT32/,
    );
    refused(
      () => evaluate('Cast', [ints([1], [1])], { to: intAttr(DATA_TYPE.DOUBLE) }),
      /'to' FLOAT, INT64 or INT32/,
    );
  });

  it('Gather with negative indices, on either axis', () => {
    const data = ints([3, 2], [0, 1, 2, 3, 4, 5]);
    // Rows -1 (the last) and 0.
    expect(plain(evaluate('Gather', [data, ints([2], [-1, 0])]))).toEqual({
      kind: 'int',
      dims: [2, 2],
      data: [4, 5, 0, 1],
    });
    // Axis 1 with a scalar index -1: the last column, rank drops by one.
    expect(plain(evaluate('Gather', [data, ints([], [-1])], { axis: intAttr(1) }))).toEqual({
      kind: 'int',
      dims: [3],
      data: [1, 3, 5],
    });
    refused(
      () => evaluate('Gather', [data, ints([1], [3])]),
      /indices in \[-3, 2\] for Gather node 'n' but received 3/,
    );
    refused(() => evaluate('Gather', [data, ints([1], [-4])]), /but received -4/);
  });

  it('Shape of the input (dims only) or a constant, with start/end from opset 15', () => {
    const input: KnownValue = { kind: 'dims', dims: [1, 2, 5, 5] };
    expect(plain(evaluate('Shape', [input]))).toEqual({ kind: 'int', dims: [4], data: [1, 2, 5, 5] });
    expect(evaluate('Shape', [input], { start: intAttr(-2) }, 15).data).toEqual([5, 5]);
    expect(evaluate('Shape', [input], { start: intAttr(1), end: intAttr(-1) }, 15).data).toEqual([2, 5]);
    expect(evaluate('Shape', [floats([2, 3], range(6))]).data).toEqual([2, 3]);
  });

  it('Add, Sub, Mul, Div on integers with broadcasting; Div truncates toward zero', () => {
    const a = ints([2, 2], [1, 2, 3, 4]);
    expect(evaluate('Add', [a, ints([1], [10])]).data).toEqual([11, 12, 13, 14]);
    // [2, 2] - [2, 1]: each row minus its own value.
    expect(evaluate('Sub', [a, ints([2, 1], [1, 3])]).data).toEqual([0, 1, 0, 1]);
    expect(plain(evaluate('Mul', [ints([2, 1], [2, 3]), ints([3], [1, 10, 100])]))).toEqual({
      kind: 'int',
      dims: [2, 3],
      data: [2, 20, 200, 3, 30, 300],
    });
    expect(evaluate('Div', [ints([4], [7, -7, 7, -7]), ints([4], [2, 2, -2, -2])]).data).toEqual([
      3, -3, -3, 3,
    ]);
    refused(() => evaluate('Div', [ints([1], [1]), ints([1], [0])]), /no integer division by zero/);
    // 2^52 * 4 is past 2^53: refused rather than rounded.
    refused(
      () => evaluate('Mul', [ints([1], [2 ** 52]), ints([1], [4])]),
      /integers within ±\(2\^53 - 1\) for the result/,
    );
    refused(() => evaluate('Add', [ints([2], [1, 2]), ints([3], [1, 2, 3])]), /dims that broadcast/);
  });

  it('Identity and Constant (value_ints) pass values through', () => {
    expect(plain(evaluate('Identity', [ints([2], [4, 5])]))).toEqual({
      kind: 'int',
      dims: [2],
      data: [4, 5],
    });
    expect(plain(evaluate('Constant', [], { value_ints: intsAttr([1, -1]) }))).toEqual({
      kind: 'int',
      dims: [2],
      data: [1, -1],
    });
  });
});

describe('folding inside importOnnx', () => {
  it('folds Shape of the graph input through Slice and Concat into a Reshape shape', () => {
    // y = Reshape(x, Concat(Shape(x)[0:1], [-1])): Flatten written as torch writes x.view(x.size(0), -1).
    const g = importOnnx(
      model(
        [
          { name: 'shape', opType: 'Shape', inputs: ['x'], outputs: ['s'] },
          { name: 'first', opType: 'Slice', inputs: ['s', 'zero', 'one'], outputs: ['n'] },
          {
            name: 'cat',
            opType: 'Concat',
            inputs: ['n', 'minus1'],
            outputs: ['target'],
            attributes: [intAttrProto('axis', 0)],
          },
          { name: 'flat', opType: 'Reshape', inputs: ['x', 'target'], outputs: ['y'] },
        ],
        [int64('zero', [0]), int64('one', [1]), int64('minus1', [-1])],
        13,
        ['N', 18],
      ),
    );
    expect(g.nodes.map((n) => n.op)).toEqual(['Reshape']);
    // The three initializers only folded nodes read are gone; the folded shape replaces them.
    expect(g.initializers).toEqual({ target: { kind: 'int', dims: [2], data: [1, -1] } });
  });

  it('folds pads through Unsqueeze, Gather, Squeeze, Sub and Cast at opset 11', () => {
    // pads = Cast(Squeeze(Unsqueeze(Gather(p, idx) - 0))) with p = [0, 1] and negative indices:
    // p[-2] = 0 and p[-1] = 1, so idx [0, -2, -1, 0, 0, 0, 0, -1] gives [0, 0, 1, 0, 0, 0, 0, 1]
    // (one row on top, one column on the right).
    const g = importOnnx(
      model(
        [
          constantNode('p', int64('p', [0, 1])),
          constantNode('idx', int64('idx', [0, -2, -1, 0, 0, 0, 0, -1])),
          { name: 'gather', opType: 'Gather', inputs: ['p', 'idx'], outputs: ['g'] },
          { name: 'sub', opType: 'Sub', inputs: ['g', 'zero'], outputs: ['d'] },
          {
            name: 'unsq',
            opType: 'Unsqueeze',
            inputs: ['d'],
            outputs: ['u'],
            attributes: [{ name: 'axes', type: ATTRIBUTE_TYPE.INTS, ints: [0] }],
          },
          {
            name: 'sq',
            opType: 'Squeeze',
            inputs: ['u'],
            outputs: ['q'],
            attributes: [{ name: 'axes', type: ATTRIBUTE_TYPE.INTS, ints: [0] }],
          },
          {
            name: 'cast',
            opType: 'Cast',
            inputs: ['q'],
            outputs: ['pads'],
            attributes: [intAttrProto('to', INT64)],
          },
          padBy('pads'),
        ],
        [int64('zero', [0], [])],
        11,
        ['N', 2, 4, 4],
      ),
    );
    expect(g.nodes.map((n) => n.op)).toEqual(['Pad']);
    expect(g.initializers.pads).toEqual({ kind: 'int', dims: [8], data: [0, 0, 1, 0, 0, 0, 0, 1] });
    const y = runGraph(g, { dims: [1, 2, 3, 3], data: new Float32Array(18).fill(1) }).output;
    expect(y.dims).toEqual([1, 2, 4, 4]);
    // Row 0 is padding (0), the rest of column 0 is x (1), column 3 is padding.
    expect(Array.from(y.data.slice(0, 8))).toEqual([0, 0, 0, 0, 1, 1, 1, 0]);
  });

  it('takes INT64_MAX from an initializer as a Slice end, and refuses it where it is no bound', () => {
    const flip = (end: TensorProtoInit): Uint8Array =>
      model(
        [
          { name: 'flip', opType: 'Slice', inputs: ['p', 'start', 'end', 'axis', 'step'], outputs: ['pads'] },
          padBy('pads'),
        ],
        [
          int64('p', [1, 1, 0, 0, 0, 0, 0, 0]),
          int64('start', [-1]),
          end,
          int64('axis', [0]),
          int64('step', [-1]),
        ],
        13,
        ['N', 2, 4, 4],
      );
    const g = importOnnx(flip(int64Raw('end', [-INT64_MAX])));
    expect(g.initializers.pads?.data).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    expect(Object.keys(g.initializers)).toEqual(['pads']);
    // The same value as a Reshape shape is no bound: refused, naming the Reshape node.
    refused(
      () =>
        importOnnx(
          model(
            [{ name: 'r', opType: 'Reshape', inputs: ['p', 'big'], outputs: ['pads'] }, padBy('pads')],
            [int64('p', [0, 0, 0, 0, 0, 0, 0, 0]), int64Raw('big', [INT64_MAX])],
          ),
        ),
      /integers within ±\(2\^53 - 1\) for input 1 \(shape\) for Reshape node 'r' but received an INT64 past that/,
    );
  });

  it('refuses a wide INT64 left in a kept Constant by its exact value, as before folding', () => {
    // The Constant feeds Reshape, a node Convscope runs, so it is not folded and must be exact.
    refused(
      () =>
        importOnnx(
          model(
            [
              constantNode('shape', int64Raw('shape', [1n, INT64_MAX])),
              { name: 'r', opType: 'Reshape', inputs: ['x', 'shape'], outputs: ['y'] },
            ],
            [],
            13,
            ['N', 18],
          ),
        ),
      "Expected the values of tensor 'shape' to be within ±(2^53 - 1) but received 9223372036854775807",
    );
  });

  it('still refuses a foldable op whose input is computed at run time, by op and node', () => {
    // Concat of the float activation x with a weight: not constant, and Convscope does not run Concat.
    refused(
      () =>
        importOnnx(
          model(
            [
              {
                name: 'cat',
                opType: 'Concat',
                inputs: ['x', 'w'],
                outputs: ['y'],
                attributes: [intAttrProto('axis', 1)],
              },
            ],
            [{ name: 'w', dims: [1, 1, 3, 3], dataType: FLOAT, floatData: new Array(9).fill(0.5) }],
            13,
            ['N', 3, 3, 3],
          ),
        ),
      /^Unsupported ONNX operator 'Concat' in node 'cat'; Convscope runs Conv, .*, Constant \(Concat is folded away at import only when every input is a constant\)$/,
    );
    // Shape of an activation (not the input, whose dims are known) is not folded either.
    refused(
      () =>
        importOnnx(
          model([
            { name: 'relu', opType: 'Relu', inputs: ['x'], outputs: ['r'] },
            { name: 'shape', opType: 'Shape', inputs: ['r'], outputs: ['s'] },
            { name: 'flat', opType: 'Reshape', inputs: ['r', 's'], outputs: ['y'] },
          ]),
        ),
      /^Unsupported ONNX operator 'Shape' in node 'shape'/,
    );
    // An op neither run nor folded is refused as before, before any folding.
    refused(
      () => importOnnx(model([{ name: 'nz', opType: 'NonZero', inputs: ['x'], outputs: ['y'] }])),
      /^Unsupported ONNX operator 'NonZero' in node 'nz'; Convscope runs Conv, .*, Identity, Constant$/,
    );
  });
});

describe('hostile constant subgraphs', () => {
  /** Pads computed by `nodes` (the last one writing 'pads'), with initializers `inits`. */
  const pads = (nodes: NodeProtoInit[], inits: TensorProtoInit[] = []): Uint8Array =>
    model([...nodes, padBy('pads')], inits);

  it('refuses a ConstantOfShape of 2^40 elements at once, int or float', () => {
    const t0 = performance.now();
    refused(
      () =>
        importOnnx(
          pads(
            [
              {
                name: 'huge',
                opType: 'ConstantOfShape',
                inputs: ['shape'],
                outputs: ['pads'],
                attributes: [{ name: 'value', type: ATTRIBUTE_TYPE.TENSOR, t: int64('v', [0], [1]) }],
              },
            ],
            [int64('shape', [2 ** 20, 2 ** 20])],
          ),
        ),
      /Expected an output of at most 4096 elements \(integer tensors are shape-like\) for ConstantOfShape node 'huge' but received dims \[1048576, 1048576\]/,
    );
    refused(
      () =>
        importOnnx(
          pads(
            [{ name: 'huge', opType: 'ConstantOfShape', inputs: ['shape'], outputs: ['pads'] }],
            [int64('shape', [2 ** 20, 2 ** 20])],
          ),
        ),
      /at most 16777216 elements for ConstantOfShape node 'huge'/,
    );
    refused(
      () =>
        importOnnx(
          pads(
            [{ name: 'neg', opType: 'ConstantOfShape', inputs: ['shape'], outputs: ['pads'] }],
            [int64('shape', [-1])],
          ),
        ),
      /output dims from 0 to 16777216 for ConstantOfShape node 'neg' but received \[-1\]/,
    );
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('clamps absurd Slice bounds and refuses absurd axes', () => {
    // Bounds of ±(2^53 - 1) clamp to the axis: the whole tensor, not a loop over 2^53.
    const g = importOnnx(
      pads(
        [{ name: 's', opType: 'Slice', inputs: ['p', 'lo', 'hi'], outputs: ['pads'] }],
        [int64('p', [0, 0, 1, 1, 0, 0, 1, 1]), int64('lo', [-(2 ** 53 - 1)]), int64('hi', [2 ** 53 - 1])],
      ),
    );
    expect(g.initializers.pads?.data).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    refused(
      () =>
        importOnnx(
          pads(
            [{ name: 's', opType: 'Slice', inputs: ['p', 'lo', 'hi', 'ax'], outputs: ['pads'] }],
            [
              int64('p', [0, 0, 1, 1, 0, 0, 1, 1]),
              int64('lo', [0]),
              int64('hi', [8]),
              int64('ax', [2 ** 40]),
            ],
          ),
        ),
      /Expected an axis in \[-1, 0\] for the axes for Slice node 's' but received 1099511627776/,
    );
  });

  it('refuses a deep doubling chain at the integer cap, quickly', () => {
    // 9000 Concats, each of the last output with itself: 2^12 = 4096 elements is the cap, so the
    // 13th is refused; nothing grows past the cap first.
    const nodes: NodeProtoInit[] = [];
    let last = 'seed';
    for (let i = 0; i < 9000; i++) {
      nodes.push({
        name: `c${i}`,
        opType: 'Concat',
        inputs: [last, last],
        outputs: [`t${i}`],
        attributes: [intAttrProto('axis', 0)],
      });
      last = `t${i}`;
    }
    nodes.push({ name: 'last', opType: 'Identity', inputs: [last], outputs: ['pads'] });
    const t0 = performance.now();
    refused(
      () => importOnnx(pads(nodes, [int64('seed', [1])])),
      /at most 4096 elements .* for Concat node 'c12'/,
    );
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('folds a deep chain that stays small in linear time', () => {
    // 9000 Adds of 0 to an 8-element pads vector: every node folds, one initializer is left.
    const nodes: NodeProtoInit[] = [];
    let last = 'p';
    for (let i = 0; i < 9000; i++) {
      nodes.push({ name: `a${i}`, opType: 'Add', inputs: [last, 'zero'], outputs: [`t${i}`] });
      last = `t${i}`;
    }
    nodes.push({ name: 'last', opType: 'Identity', inputs: [last], outputs: ['pads'] });
    const t0 = performance.now();
    const g = importOnnx(pads(nodes, [int64('p', [0, 0, 1, 1, 0, 0, 1, 1]), int64('zero', [0], [])]));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(g.nodes.map((n) => n.op)).toEqual(['Pad']);
    expect(g.initializers.pads?.data).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('refuses a multiplication chain that leaves the exact integers', () => {
    // p * p * p ... with p = 2^10: node m4 makes 2^60, past 2^53 (m3's 2^50 is still exact).
    const nodes: NodeProtoInit[] = [];
    let last = 'p';
    for (let i = 0; i < 10; i++) {
      nodes.push({ name: `m${i}`, opType: 'Mul', inputs: [last, 'p'], outputs: [`t${i}`] });
      last = `t${i}`;
    }
    nodes.push({ name: 'last', opType: 'Identity', inputs: [last], outputs: ['pads'] });
    refused(() => importOnnx(pads(nodes, [int64('p', [1024])])), /for the result for Mul node 'm4'/);
  });

  it('charges folded float tensors against the total float budget', () => {
    // Two ConstantOfShape of 2^23 floats each fit maxElements but not, with the weights, a total
    // budget of 2^23 + 100.
    refused(
      () =>
        importOnnx(
          model(
            [
              { name: 'a', opType: 'ConstantOfShape', inputs: ['shape'], outputs: ['fa'] },
              { name: 'b', opType: 'ConstantOfShape', inputs: ['shape'], outputs: ['fb'] },
              { name: 'sum', opType: 'Add', inputs: ['fa', 'fb'], outputs: ['fs'] },
              { name: 'y', opType: 'Add', inputs: ['x', 'x'], outputs: ['y'] },
            ],
            [int64('shape', [2 ** 23])],
          ),
          { limits: { maxTotalElements: 2 ** 23 + 100 } },
        ),
      /Expected at most 8388708 float elements in all tensors together but the output of ConstantOfShape node 'b'/,
    );
  });

  it('mutated copies of the unfolded torch file (seed 11): imported, OnnxError or GraphError, quickly', () => {
    // Random bytes land in the Constants, Slices and Concats the folder reads as often as anywhere.
    const rng = mulberry32(11);
    const original = fixture('opsnet_unfolded_op13.onnx');
    const seen = { imported: 0, OnnxError: 0, GraphError: 0 };
    let slowest = 0;
    for (let i = 0; i < 800; i++) {
      const bytes = original.slice();
      const flips = 1 + Math.floor(rng() * 4);
      for (let k = 0; k < flips; k++) bytes[Math.floor(rng() * bytes.length)] = Math.floor(rng() * 256);
      const started = performance.now();
      try {
        importOnnx(bytes);
        seen.imported++;
      } catch (err) {
        if (err instanceof OnnxError) seen.OnnxError++;
        else if (err instanceof GraphError) seen.GraphError++;
        else throw err;
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
    expect(seen.imported).toBeGreaterThan(0);
    expect(seen.OnnxError).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(200);
  });
});

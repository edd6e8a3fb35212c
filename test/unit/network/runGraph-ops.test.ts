// Each op's semantics through runGraph (and the reference) on small tensors worked by hand:
// numpy broadcasting, numpy's pad modes, Softmax's opset-dependent axis, Gemm's flags, MatMul's 1-D
// rules, Reshape's 0 and -1, Flatten's axis, Constant's forms, pooling's padding conventions.
import { describe, expect, it } from 'vitest';
import type { ModelGraph } from '../../../main/service/network/modelGraph.js';
import { referenceRunGraph } from '../../../main/service/network/referenceRunGraph.js';
import { runGraph } from '../../../main/service/network/runGraph.js';
import { GraphBuilder, type Attrs } from './graphs/graphBuilder.js';

const range = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => i + from);

/** Runs a graph built by `build` on the given input values; returns output dims and values from both runners. */
function run(
  inputDims: number[],
  inputValues: number[],
  build: (g: GraphBuilder) => string,
  opset = 13,
): { dims: number[]; values: number[]; reference: number[] } {
  const g = new GraphBuilder('x', inputDims, 1, opset);
  const graph: ModelGraph = g.build(build(g));
  const input = { dims: inputDims, data: Float32Array.from(inputValues) };
  const out = runGraph(graph, input).output;
  return {
    dims: out.dims,
    values: Array.from(out.data),
    reference: Array.from(referenceRunGraph(graph, input).output.data),
  };
}

function single(
  op: Parameters<GraphBuilder['node']>[0],
  inputDims: number[],
  values: number[],
  attrs: Attrs = {},
  opset = 13,
) {
  return run(inputDims, values, (g) => g.node(op, 'n', ['x'], attrs), opset);
}

describe('Add', () => {
  it('broadcasts like numpy: [2, 3] + [3], [2, 1] + [1, 3], and a 4-D map plus a per-channel [2, 1, 1]', () => {
    const rowPlus = run([1, 2, 3], range(6), (g) =>
      g.node('Add', 'n', ['x', g.weight('b', [3], 0, 0, [10, 20, 30])]),
    );
    expect(rowPlus.dims).toEqual([1, 2, 3]);
    expect(rowPlus.values).toEqual([11, 22, 33, 14, 25, 36]);
    const outer = run([2, 1], [1, 2], (g) =>
      g.node('Add', 'n', [g.weight('b', [1, 3], 0, 0, [10, 20, 30]), 'x']),
    );
    expect(outer.dims).toEqual([2, 3]);
    expect(outer.values).toEqual([11, 21, 31, 12, 22, 32]);
    const channels = run([1, 2, 2, 2], range(8), (g) =>
      g.node('Add', 'n', ['x', g.weight('b', [2, 1, 1], 0, 0, [100, 200])]),
    );
    expect(channels.values).toEqual([101, 102, 103, 104, 205, 206, 207, 208]);
    expect(channels.reference).toEqual(channels.values);
  });

  it('adds a tensor to itself (both inputs the same name)', () => {
    expect(run([1, 3], [1, 2, 3], (g) => g.node('Add', 'n', ['x', 'x'])).values).toEqual([2, 4, 6]);
  });
});

describe('Pad', () => {
  // np.pad([[1, 2, 3], [4, 5, 6]], 1, mode=...)
  const cases = [
    ['reflect', [5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 2, 1, 2, 3, 2]],
    ['edge', [1, 1, 2, 3, 3, 1, 1, 2, 3, 3, 4, 4, 5, 6, 6, 4, 4, 5, 6, 6]],
    ['constant', [9, 9, 9, 9, 9, 9, 1, 2, 3, 9, 9, 4, 5, 6, 9, 9, 9, 9, 9, 9]],
  ] as const;
  it.each(cases)("mode '%s' as numpy pads, in both opset forms", (mode, expected) => {
    for (const opset of [10, 13]) {
      const out = run(
        [1, 1, 2, 3],
        range(6),
        (g) =>
          opset < 11
            ? g.node('Pad', 'n', ['x'], { mode, pads: [0, 0, 1, 1, 0, 0, 1, 1], value: { float: 9 } })
            : g.node('Pad', 'n', ['x', g.ints('p', [0, 0, 1, 1, 0, 0, 1, 1]), g.weight('v', [], 0, 0, [9])], {
                mode,
              }),
        opset,
      );
      expect(out.dims).toEqual([1, 1, 4, 5]);
      expect(out.values).toEqual([...expected]);
      expect(out.reference).toEqual([...expected]);
    }
  });

  it('crops with negative pads and pads only the listed axes (opset 18)', () => {
    const crop = run([1, 1, 2, 3], range(6), (g) =>
      g.node('Pad', 'n', ['x', g.ints('p', [0, 0, 0, -1, 0, 0, 0, 1])]),
    );
    expect(crop.dims).toEqual([1, 1, 2, 3]);
    expect(crop.values).toEqual([2, 3, 0, 5, 6, 0]);
    const axes = run(
      [1, 1, 2, 3],
      range(6),
      (g) => g.node('Pad', 'n', ['x', g.ints('p', [2, 0]), '', g.ints('a', [-1])], { mode: 'edge' }),
      18,
    );
    expect(axes.dims).toEqual([1, 1, 2, 5]);
    expect(axes.values).toEqual([1, 1, 1, 2, 3, 4, 4, 4, 5, 6]);
  });
});

describe('Softmax', () => {
  const x = [1, 2, 3, -1, 0, 4];
  const softmax = (v: number[]): number[] => {
    const m = Math.max(...v);
    const e = v.map((t) => Math.exp(t - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((t) => t / s);
  };
  it('before opset 13 normalises the input coerced to 2-D at the axis (all 6 values for axis 1)', () => {
    const out = single('Softmax', [1, 2, 3], x, { axis: 1 }, 11);
    softmax(x).forEach((p, i) => expect(out.values[i]).toBeCloseTo(p, 7));
  });
  it('from opset 13 normalises along that one axis (pairs down axis 1)', () => {
    const out = single('Softmax', [1, 2, 3], x, { axis: 1 }, 13);
    for (let c = 0; c < 3; c++) {
      const [p, q] = softmax([x[c], x[3 + c]]);
      expect(out.values[c]).toBeCloseTo(p, 7);
      expect(out.values[3 + c]).toBeCloseTo(q, 7);
    }
    // The defaults differ too: 1 before 13, -1 from 13 (rows of 3).
    const last = single('Softmax', [1, 2, 3], x, {}, 13);
    softmax(x.slice(0, 3)).forEach((p, i) => expect(last.values[i]).toBeCloseTo(p, 7));
  });
  it('does not overflow on large logits', () => {
    const out = single('Softmax', [1, 3], [1000, 1000, 999], {}, 13);
    const e = Math.exp(-1);
    expect(out.values[0]).toBeCloseTo(1 / (2 + e), 7);
    expect(out.values[2]).toBeCloseTo(e / (2 + e), 7);
  });
});

describe('Gemm and MatMul', () => {
  const a = [1, 2, 3, 4, 5, 6]; // 2x3
  const b = [1, -1, 2, 0, -2, 3]; // 3x2
  // alpha * A B + beta * C with C [2, 1] broadcast along columns: worked out by hand.
  const ab = [1 * 1 + 2 * 2 + 3 * -2, 1 * -1 + 2 * 0 + 3 * 3, 4 * 1 + 5 * 2 + 6 * -2, 4 * -1 + 5 * 0 + 6 * 3]; // [-1, 8, 2, 14]
  const expected = [2 * ab[0] + 0.5 * 10, 2 * ab[1] + 0.5 * 10, 2 * ab[2] + 0.5 * 20, 2 * ab[3] + 0.5 * 20];
  it('computes alpha A B + beta C with C broadcast per row, and the same through transA / transB', () => {
    const attrs = { alpha: { float: 2 }, beta: { float: 0.5 } };
    const plain = run([2, 3], a, (g) =>
      g.node(
        'Gemm',
        'n',
        ['x', g.weight('b', [3, 2], 0, 0, b), g.weight('c', [2, 1], 0, 0, [10, 20])],
        attrs,
      ),
    );
    expect(plain.dims).toEqual([2, 2]);
    expect(plain.values).toEqual(expected);
    const at = [1, 4, 2, 5, 3, 6]; // A^T, 3x2
    const bt = [1, 2, -2, -1, 0, 3]; // B^T, 2x3
    const both = run([3, 2], at, (g) =>
      g.node('Gemm', 'n', ['x', g.weight('b', [2, 3], 0, 0, bt), g.weight('c', [2, 1], 0, 0, [10, 20])], {
        ...attrs,
        transA: 1,
        transB: 1,
      }),
    );
    expect(both.values).toEqual(expected);
    expect(both.reference).toEqual(expected);
    // A row C is a bias; beta 0 drops C entirely.
    const row = run([2, 3], a, (g) =>
      g.node('Gemm', 'n', ['x', g.weight('b', [3, 2], 0, 0, b), g.weight('c', [2], 0, 0, [1, 2])]),
    );
    expect(row.values).toEqual([ab[0] + 1, ab[1] + 2, ab[2] + 1, ab[3] + 2]);
    const noC = run([2, 3], a, (g) =>
      g.node('Gemm', 'n', ['x', g.weight('b', [3, 2], 0, 0, b), g.weight('c', [2], 0, 0, [1, 2])], {
        beta: { float: 0 },
      }),
    );
    expect(noC.values).toEqual(ab);
  });

  it("follows numpy's rules for 1-D MatMul operands", () => {
    const vm = run([3], [1, 2, 3], (g) => g.node('MatMul', 'n', ['x', g.weight('b', [3, 2], 0, 0, b)]));
    expect(vm.dims).toEqual([2]);
    expect(vm.values).toEqual([1 + 4 - 6, -1 + 0 + 9]);
    const mv = run([2, 3], a, (g) => g.node('MatMul', 'n', ['x', g.weight('b', [3], 0, 0, [1, 0, -1])]));
    expect(mv.dims).toEqual([2]);
    expect(mv.values).toEqual([-2, -2]);
    const dot = run([3], [1, 2, 3], (g) => g.node('MatMul', 'n', ['x', g.weight('b', [3], 0, 0, [4, 5, 6])]));
    expect(dot.dims).toEqual([]);
    expect(dot.values).toEqual([32]);
  });
});

describe('Reshape and Flatten', () => {
  it('copies a dimension for 0 and infers -1', () => {
    const r1 = run([1, 2, 3, 4], range(24), (g) => g.node('Reshape', 'n', ['x', g.ints('s', [0, -1])]));
    expect(r1.dims).toEqual([1, 24]);
    expect(r1.values).toEqual(range(24));
    const r2 = run([1, 2, 3, 4], range(24), (g) => g.node('Reshape', 'n', ['x', g.ints('s', [0, 0, -1])]));
    expect(r2.dims).toEqual([1, 2, 12]);
    const r3 = run([1, 2, 3, 4], range(24), (g) => g.node('Reshape', 'n', ['x', g.ints('s', [4, 0, 3])]));
    expect(r3.dims).toEqual([4, 2, 3]);
  });
  it('flattens at the axis: [1, 2, 3, 4] at 2 is [2, 12], at -1 (opset 11+) [6, 4], at 0 [1, 24]', () => {
    expect(single('Flatten', [1, 2, 3, 4], range(24), { axis: 2 }).dims).toEqual([2, 12]);
    expect(single('Flatten', [1, 2, 3, 4], range(24), { axis: -1 }, 11).dims).toEqual([6, 4]);
    expect(single('Flatten', [1, 2, 3, 4], range(24), { axis: 0 }).dims).toEqual([1, 24]);
    expect(single('Flatten', [1, 2, 3, 4], range(24)).values).toEqual(range(24));
  });
});

describe('Constant', () => {
  const forms: [string, Attrs, number[]][] = [
    ['value', { value: { kind: 'float', dims: [2], data: Float32Array.of(0.5, -1) } }, [1.5, 1]],
    ['value_floats', { value_floats: { floats: [0.5, -1] } }, [1.5, 1]],
    ['value_float', { value_float: { float: 0.25 } }, [1.25, 2.25]],
  ];
  it.each(forms)('%s feeds an Add', (_, attrs, expected) => {
    const out = run([1, 2], [1, 2], (g) => g.node('Add', 'n', ['x', g.node('Constant', 'k', [], attrs)]));
    expect(out.values).toEqual(expected);
  });
  it('value_ints feeds a Reshape', () => {
    const out = run([1, 6], range(6), (g) =>
      g.node('Reshape', 'n', ['x', g.node('Constant', 'k', [], { value_ints: [3, -1] })]),
    );
    expect(out.dims).toEqual([3, 2]);
  });
});

describe('pooling, batch norm and the pass-through ops', () => {
  it('max pooling pads with -inf (negative inputs keep their own maximum) and average pooling follows count_include_pad', () => {
    const neg = single('MaxPool', [1, 1, 2, 2], [-4, -3, -2, -1], {
      kernel_shape: [3, 3],
      pads: [1, 1, 1, 1],
    });
    expect(neg.values).toEqual([-1, -1, -1, -1]);
    const ones = Array(9).fill(1);
    const include = single('AveragePool', [1, 1, 3, 3], ones, {
      kernel_shape: [3, 3],
      pads: [1, 1, 1, 1],
      count_include_pad: 1,
    });
    expect(include.values[0]).toBeCloseTo(4 / 9, 7);
    expect(include.values[1]).toBeCloseTo(6 / 9, 7);
    expect(include.values[4]).toBe(1);
    // ONNX's default is count_include_pad = 0 (torch's is True): the corner is the mean of 4 ones.
    const exclude = single('AveragePool', [1, 1, 3, 3], ones, { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
    expect(exclude.values).toEqual(ones);
  });

  it('global average pooling is the mean of each plane', () => {
    const out = single('GlobalAveragePool', [1, 2, 2, 2], [1, 2, 3, 4, 10, 20, 30, 40]);
    expect(out.dims).toEqual([1, 2, 1, 1]);
    expect(out.values).toEqual([2.5, 25]);
  });

  it('batch norm in inference mode is scale (x - mean) / sqrt(var + epsilon) + bias', () => {
    const out = run([1, 2, 1, 2], [1, 2, 3, 4], (g) =>
      g.node(
        'BatchNormalization',
        'n',
        [
          'x',
          g.weight('s', [2], 0, 0, [2, 0.5]),
          g.weight('b', [2], 0, 0, [1, -1]),
          g.weight('m', [2], 0, 0, [1, 2]),
          g.weight('v', [2], 0, 0, [3, 0.25]),
        ],
        { epsilon: { float: 1 } },
      ),
    );
    expect(out.values).toEqual(
      [1, 2, -1 + 0.5 * (1 / Math.sqrt(1.25)), -1 + 0.5 * (2 / Math.sqrt(1.25))].map(Math.fround),
    );
  });

  it('Dropout (inference), Identity and Relu', () => {
    const x = [-1.5, 0, 2.25, -0.125];
    expect(single('Dropout', [1, 4], x, { ratio: { float: 0.5 } }, 10).values).toEqual(x);
    expect(
      run([1, 4], x, (g) => g.node('Dropout', 'n', ['x', g.weight('r', [], 0, 0, [0.9])])).values,
    ).toEqual(x);
    expect(single('Identity', [1, 4], x).values).toEqual(x);
    expect(single('Relu', [1, 4], x).values).toEqual([0, 0, 2.25, 0]);
  });

  it('Conv with auto_pad SAME_LOWER / SAME_UPPER pads to ceil(in / stride) outputs', () => {
    for (const autoPad of ['SAME_LOWER', 'SAME_UPPER']) {
      const out = run([1, 1, 5, 5], range(25), (g) =>
        g.node('Conv', 'n', ['x', g.weight('w', [1, 1, 3, 3], 0, 0, Array(9).fill(1))], {
          auto_pad: autoPad,
          strides: [2, 2],
        }),
      );
      expect(out.dims).toEqual([1, 1, 3, 3]);
      // Unit (0, 0) sums the 2x2 top-left block (the rest is padding): 1 + 2 + 6 + 7.
      expect(out.values[0]).toBe(16);
      // Unit (1, 1) sums rows and columns 1..3: 7+8+9 + 12+13+14 + 17+18+19.
      expect(out.values[4]).toBe(117);
    }
  });
});

// inferGraphShapes: every tensor's dims, and the refusal, by node and op, of everything Convscope
// cannot run (each case names what was expected and what the node has).
import { describe, expect, it } from 'vitest';
import { GraphError } from '../../../main/service/network/graphError.js';
import { inferGraphShapes } from '../../../main/service/network/inferGraphShapes.js';
import type { GraphOp, ModelGraph } from '../../../main/service/network/modelGraph.js';
import { GraphBuilder, type Attrs } from './graphs/graphBuilder.js';
import { everyOpGraph } from './graphs/everyOpGraph.js';
import { homeworkGraph } from './graphs/homeworkGraph.js';

/** The GraphError inferGraphShapes throws (fails the test if it throws nothing or something else). */
function refusal(graph: ModelGraph): GraphError {
  try {
    inferGraphShapes(graph);
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('expected a GraphError');
}

/** A graph of one node 'bad' on input x of `dims`, plus what `extra` adds to the builder. */
function one(
  op: GraphOp,
  dims: number[],
  attrs: Attrs = {},
  opset = 13,
  extra: (g: GraphBuilder) => string[] = () => [],
): ModelGraph {
  const g = new GraphBuilder('x', dims, 1, opset);
  const inputs = ['x', ...extra(g)];
  return g.build(g.node(op, 'bad', inputs, attrs));
}

const convW = (g: GraphBuilder): string[] => [g.weight('w', [4, 2, 3, 3])];

describe('inferGraphShapes', () => {
  it('gives every tensor its dims: input, initializers and each node output', () => {
    const shapes = inferGraphShapes(homeworkGraph({ batchNorm: true }));
    expect(shapes.input).toEqual([1, 1, 28, 28]);
    expect(shapes['conv1.weight']).toEqual([10, 1, 3, 3]);
    expect(shapes.conv1).toEqual([1, 10, 28, 28]);
    expect(shapes.pool1).toEqual([1, 10, 14, 14]);
    expect(shapes.conv2).toEqual([1, 10, 14, 14]);
    expect(shapes.pool2).toEqual([1, 10, 7, 7]);
    expect(shapes.flatten).toEqual([1, 490]);
    expect(shapes.fc).toEqual([1, 10]);
    const every = inferGraphShapes(everyOpGraph(13));
    expect(every).toMatchObject({
      pad0: [1, 3, 13, 13],
      conv1: [1, 8, 7, 7],
      conv2: [1, 8, 7, 7],
      conv3: [1, 8, 4, 4],
      avgpool2: [1, 8, 3, 3],
      padConst: [1, 8, 3, 5],
      shift: [8, 1, 1],
      reshape: [1, 8],
      fc2: [6, 4],
      flatten: [1, 24],
      vector: [5],
      dot: [],
      softmax: [1, 5],
      'reshape.shape': [2],
    });
  });

  it('resolves auto_pad SAME_* with an even total and VALID', () => {
    const same = one('Conv', [1, 2, 9, 9], { auto_pad: 'SAME_LOWER', strides: [2, 2] }, 13, convW);
    expect(inferGraphShapes(same).bad).toEqual([1, 4, 5, 5]);
    const valid = one('Conv', [1, 2, 9, 9], { auto_pad: 'VALID' }, 13, convW);
    expect(inferGraphShapes(valid).bad).toEqual([1, 4, 7, 7]);
    const pool = one('MaxPool', [1, 2, 9, 9], { auto_pad: 'SAME_UPPER', kernel_shape: [3, 3] });
    expect(inferGraphShapes(pool).bad).toEqual([1, 2, 9, 9]);
  });

  it('accepts ceil_mode 1 where it adds no window (7 - 3 is divisible by 2)', () => {
    const g = one('MaxPool', [1, 1, 7, 7], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 });
    expect(inferGraphShapes(g).bad).toEqual([1, 1, 3, 3]);
  });

  const cases: [string, ModelGraph, RegExp][] = [
    [
      'asymmetric Conv pads',
      one('Conv', [1, 2, 8, 8], { pads: [0, 0, 1, 1] }, 13, convW),
      /^Expected symmetric pads .* for attribute 'pads' of Conv node 'bad' but received \[0, 0, 1, 1\]$/,
    ],
    [
      'SAME_UPPER needing an odd total padding',
      one('Conv', [1, 2, 8, 8], { auto_pad: 'SAME_UPPER', strides: [2, 2] }, 13, convW),
      /^Expected an even total padding .* for attribute 'auto_pad' of Conv node 'bad' but received SAME_UPPER, which needs 1 padding on the height axis/,
    ],
    [
      'ceil_mode 1 that adds a window',
      one('MaxPool', [1, 1, 8, 8], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }),
      /^Expected ceil_mode 0, or a ceil_mode 1 that adds no window \(floor mode gives 3×3\) for attribute 'ceil_mode' of MaxPool node 'bad' but received 1, which gives 4×4$/,
    ],
    [
      'pool dilations other than 1',
      one('MaxPool', [1, 1, 8, 8], { kernel_shape: [2, 2], dilations: [2, 2] }),
      /dilations \[1, 1\] .* of MaxPool node 'bad' but received \[2, 2\]/,
    ],
    [
      'pool padding above half the window',
      one('AveragePool', [1, 1, 8, 8], { kernel_shape: [2, 2], pads: [2, 2, 2, 2] }),
      /padding at most half the 2×2 window .* of AveragePool node 'bad' but received \[2, 2\]/,
    ],
    [
      'BatchNormalization in training mode',
      one('BatchNormalization', [1, 2, 3, 3], { training_mode: 1 }, 15, (g) =>
        ['s', 'b', 'm', 'v'].map((n) => g.weight(n, [2], 0.5, 1)),
      ),
      /training_mode 0 .* of BatchNormalization node 'bad' but received 1/,
    ],
    [
      'BatchNormalization with a weight of the wrong length',
      one('BatchNormalization', [1, 2, 3, 3], {}, 13, (g) =>
        ['s', 'b', 'm', 'v'].map((n) => g.weight(n, [n === 'm' ? 3 : 2], 0.5, 1)),
      ),
      /^Expected dims \[2\] for input 3 \(input_mean\) 'm' of BatchNormalization node 'bad' but received \[3\]$/,
    ],
    [
      'a 3-D MatMul',
      one('MatMul', [1, 2, 3], {}, 13, (g) => [g.weight('w', [3, 4])]),
      /^Expected a 1-D or 2-D tensor .* for input 0 \(A\) 'x' of MatMul node 'bad' but received dims \[1, 2, 3\]$/,
    ],
    [
      'MatMul by computed weights',
      one('MatMul', [1, 3], {}, 13, () => ['x']),
      /constant weights .* for input 1 \(B\) 'x' of MatMul node 'bad' but received a computed tensor/,
    ],
    [
      'Softmax axis outside the rank',
      one('Softmax', [1, 4], { axis: 2 }),
      /^Expected an axis in \[-2, 1\] for a rank-2 input for attribute 'axis' of Softmax node 'bad' but received 2$/,
    ],
    [
      'a negative Softmax axis before opset 11',
      one('Softmax', [1, 4], { axis: -1 }, 10),
      /an axis in \[0, 1\] .* of Softmax node 'bad' but received -1/,
    ],
    [
      'Dropout ratio as an attribute at opset 12',
      one('Dropout', [1, 4], { ratio: { float: 0.5 } }, 12),
      /only the attributes seed for attribute 'ratio' of Dropout node 'bad'/,
    ],
    [
      'Dropout ratio as an input at opset 11',
      one('Dropout', [1, 4], {}, 11, (g) => [g.weight('r', [], 0, 0, [0.5])]),
      /^Expected 1 input for the inputs of Dropout node 'bad' but received 2/,
    ],
    [
      'Dropout in training mode',
      one('Dropout', [1, 4], {}, 13, (g) => ['', g.ints('t', [1])]),
      /a constant false .* for input 2 \(training_mode\) 't' of Dropout node 'bad' but received true/,
    ],
    [
      'Pad amounts as an attribute at opset 11',
      one('Pad', [1, 4], { pads: [0, 1, 0, 1] }, 11),
      /only the attributes mode for attribute 'pads' of Pad node 'bad'/,
    ],
    [
      'Pad amounts as an input at opset 10',
      one('Pad', [1, 4], {}, 10, (g) => [g.ints('p', [0, 1, 0, 1])]),
      /^Expected 1 input for the inputs of Pad node 'bad'/,
    ],
    [
      "Pad mode 'wrap' (opset 19)",
      one('Pad', [1, 4], { mode: 'wrap' }, 13, (g) => [g.ints('p', [0, 1, 0, 1])]),
      /one of 'constant', 'reflect', 'edge' for attribute 'mode' of Pad node 'bad' but received 'wrap'/,
    ],
    [
      'reflect pads as large as the axis',
      one('Pad', [1, 3], { mode: 'reflect' }, 13, (g) => [g.ints('p', [0, 3, 0, 0])]),
      /reflect pads smaller than the axis .* of Pad node 'bad' but received \[0, 3, 0, 0\]/,
    ],
    [
      'Pad with computed pads',
      one('Pad', [1, 2], {}, 13, () => ['x']),
      /a constant .* for input 1 \(pads\) 'x' of Pad node 'bad' but received a computed tensor/,
    ],
    [
      'Reshape with two -1',
      one('Reshape', [1, 4], {}, 13, (g) => [g.ints('s', [-1, -1])]),
      /at most one -1 for input 1 \(shape\) 's' of Reshape node 'bad' but received \[-1, -1\]/,
    ],
    [
      'Reshape to another element count',
      one('Reshape', [1, 6], {}, 13, (g) => [g.ints('s', [4, 2])]),
      /a shape of 6 elements .* of Reshape node 'bad' but received \[4, 2\] = \[4, 2\]/,
    ],
    [
      'Reshape allowzero with a literal 0',
      one('Reshape', [1, 6], { allowzero: 1 }, 14, (g) => [g.ints('s', [0, 6])]),
      /dimensions of at least 1, 0 \(copy\) or -1 \(infer\) .* of Reshape node 'bad' but received \[0, 6\]/,
    ],
    [
      'Gemm with B that does not fit A',
      one('Gemm', [1, 4], { transB: 1 }, 13, (g) => [g.weight('w', [3, 5])]),
      /^Expected B with 4 rows \(columns, transB = 1\) to match A's 1×4 for input 1 \(B\) 'w' of Gemm node 'bad' but received dims \[3, 5\]$/,
    ],
    [
      'Gemm with a C that does not broadcast',
      one('Gemm', [2, 4], {}, 13, (g) => [g.weight('w', [4, 3]), g.weight('c', [3, 3])]),
      /dims that broadcast to \[2, 3\] for input 2 \(C\) 'c' of Gemm node 'bad' but received \[3, 3\]/,
    ],
    [
      'Add of shapes that do not broadcast',
      one('Add', [1, 3], {}, 13, (g) => [g.weight('b', [2])]),
      /^Expected dims that broadcast with A's \[1, 3\] for input 1 \(B\) 'b' of Add node 'bad' but received \[2\]$/,
    ],
    [
      'Flatten axis beyond the rank',
      one('Flatten', [1, 2, 3], { axis: 4 }),
      /an axis in \[-3, 3\] for a rank-3 input for attribute 'axis' of Flatten node 'bad' but received 4/,
    ],
    [
      'Constant with two values',
      (() => {
        const g = new GraphBuilder('x', [1, 2], 1, 13);
        const k = g.node('Constant', 'bad', [], {
          value_float: { float: 1 },
          value_floats: { floats: [1, 2] },
        });
        return g.build(g.node('Add', 'add', ['x', k]));
      })(),
      /exactly one of the attributes value, value_float, value_floats, value_int, value_ints for its attributes of Constant node 'bad'/,
    ],
    [
      'Constant value_float before opset 12',
      (() => {
        const g = new GraphBuilder('x', [1, 2], 1, 11);
        const k = g.node('Constant', 'bad', [], { value_float: { float: 1 } });
        return g.build(g.node('Add', 'add', ['x', k]));
      })(),
      /only the attributes value for attribute 'value_float' of Constant node 'bad'/,
    ],
    [
      'Conv weights whose channels do not match the input',
      one('Conv', [1, 3, 8, 8], {}, 13, convW),
      /^Expected 3 input channels per group \(the input has 3, group 1\) for input 1 \(W\) 'w' of Conv node 'bad' but received dims \[4, 2, 3, 3\]$/,
    ],
    [
      'an attribute Convscope does not know',
      one('Relu', [1, 2], { alpha: { float: 0.1 } }),
      /^Expected no attributes for attribute 'alpha' of Relu node 'bad' but received an attribute Convscope does not run$/,
    ],
    [
      'a Conv on a 3-D input',
      one('Conv', [1, 2, 8], {}, 13, (g) => [g.weight('w', [4, 2, 3])]),
      /a 4-D \(N, C, H, W\) tensor for input 0 \(X\) 'x' of Conv node 'bad' but received dims \[1, 2, 8\]/,
    ],
    [
      'a kernel larger than the padded input',
      one('Conv', [1, 2, 2, 2], {}, 13, convW),
      /a kernel that fits the padded 2×2 input for its kernel of Conv node 'bad' but received one that leaves a 0×0 output/,
    ],
  ];
  it.each(cases)('refuses %s, naming the node', (_, graph, message) => {
    const error = refusal(graph);
    expect(error.message).toMatch(message);
    expect(error.node).toBe('bad');
  });

  it('refuses graphs that do not hang together', () => {
    const base = (): GraphBuilder => new GraphBuilder('x', [1, 4], 1, 13);
    let g = base();
    g.node('Relu', 'r', ['nowhere']);
    expect(refusal(g.build('r')).message).toBe(
      "Expected inputs defined earlier (graph input, initializer or an earlier node's output) for Relu node 'r' but received 'nowhere'",
    );
    g = base();
    g.node('Relu', 'r', ['x']);
    g.node('Relu', 'r', ['x'], {}, ['r2']);
    expect(refusal(g.build('r')).message).toBe("Expected unique node names but received a second node 'r'");
    g = base();
    g.node('Relu', 'a', ['x'], {}, ['y']);
    g.node('Relu', 'b', ['x'], {}, ['y']);
    expect(refusal(g.build('y')).node).toBe('b');
    g = base();
    g.nodes.push({ name: 'lstm', op: 'LSTM' as GraphOp, inputs: ['x'], outputs: ['h'], attributes: {} });
    expect(refusal(g.build('h')).message).toMatch(
      /^Expected one of the ops Conv, .* for node 'lstm' but received 'LSTM'$/,
    );
    g = base();
    g.node('Relu', 'r', ['x']);
    expect(refusal(g.build('missing')).message).toBe(
      "Expected the graph output to name a tensor of the graph but received 'missing'",
    );
    expect(refusal({ ...g.build('r'), opset: 8 }).message).toBe(
      "Expected an opset from 9 to 18 for graph 'test' but received 8",
    );
    expect(refusal({ ...g.build('r'), classes: ['a', 'b'] }).message).toBe(
      "Expected 4 class names (one per element of the output 'r' [1, 4]) for graph 'test' but received 2",
    );
    // Dropout's mask exists in opset 9 files but is not computed: reading it is refused by name.
    g = new GraphBuilder('x', [1, 4], 1, 9);
    g.node('Dropout', 'drop', ['x'], {}, ['y', 'mask']);
    g.node('Add', 'use', ['y', 'mask']);
    expect(refusal(g.build('use')).message).toBe(
      "Expected inputs Convscope computes for Add node 'use' but received 'mask', the mask of Dropout node 'drop' (inference mode has none)",
    );
  });

  it('caps dims before anything is allocated', () => {
    const huge = new GraphBuilder('x', [1, 1 << 14, 1 << 14], 1, 13);
    expect(refusal(huge.build('x')).message).toBe(
      "Expected at most 67108864 elements for the graph input 'x' but received [1, 16384, 16384] (268435456)",
    );
    const g = new GraphBuilder('x', [1, 8], 1, 13);
    g.node('Pad', 'bad', ['x', g.ints('p', [0, 0, 0, 1 << 27])]);
    expect(refusal(g.build('bad')).message).toMatch(
      /^Expected at most 67108864 elements for output 'bad' of Pad node 'bad'/,
    );
    const rank = new GraphBuilder('x', [1, 1, 1, 1, 1, 1, 1], 1, 13);
    expect(refusal(rank.build('x')).message).toMatch(/^Expected dims of rank at most 6/);
    const bad = new GraphBuilder('x', [1, 2], 1, 13);
    bad.initializers.w = { kind: 'float', dims: [3], data: new Float32Array(2) };
    expect(refusal(bad.build('x')).message).toBe(
      "Expected 3 float32 values for initializer 'w' [3] but received a Float32Array of 2",
    );
  });
});

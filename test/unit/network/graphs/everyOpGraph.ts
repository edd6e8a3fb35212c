/**
 * A graph that uses every supported op and most of their options, in the form the given opset
 * writes them (Pad's pads and Dropout's ratio as attributes before opsets 11 and 12, as inputs
 * after; opset 18's Pad axes; Softmax's coerced or single axis), with seeded random weights.
 *
 *   input 1x3x11x11 -> Pad reflect -> Conv s2 -> BN -> Relu -+-> Conv dilated, grouped -> Add
 *                                                            +------------------------/
 *   -> MaxPool p1 -> Conv SAME_UPPER s2 -> AveragePool (count_include_pad 0) -> AveragePool p1
 *   (count_include_pad 1) -> Pad edge -> Pad constant (a crop too) -> Add of a Constant [8, 1, 1]
 *   -> GlobalAveragePool -> Reshape [0, -1] -> Gemm (alpha, beta, [K, N] weights) -> Dropout ->
 *   Relu -> Gemm (transA, C of [M, 1]) -> Flatten axis 0 -> MatMul -> Identity -> Softmax
 *
 * plus side branches that end nowhere: a 4-D Softmax over channels and a 1-D MatMul to a scalar.
 */
import type { ModelGraph } from '../../../../main/service/network/modelGraph.js';
import { GraphBuilder } from './graphBuilder.js';

export const EVERY_OP_INPUT_DIMS = [1, 3, 11, 11];

export function everyOpGraph(opset = 13, seed = 7): ModelGraph {
  const g = new GraphBuilder('image', EVERY_OP_INPUT_DIMS, seed, opset);
  const pad = (name: string, x: string, pads: number[], mode: string, value?: number): string => {
    if (opset < 11) {
      const attrs: Record<string, number[] | string | { float: number }> = { pads, mode };
      if (value !== undefined) attrs.value = { float: value };
      return g.node('Pad', name, [x], attrs);
    }
    const inputs = [x, g.ints(`${name}.pads`, pads)];
    if (value !== undefined) inputs.push(g.weight(`${name}.value`, [], 0, 0, [value]));
    return g.node('Pad', name, inputs, { mode });
  };
  let x = 'image';
  if (opset >= 18) {
    // Opset 18: pads for the listed axes only.
    x = g.node('Pad', 'pad0', [x, g.ints('pad0.pads', [1, 1, 1, 1]), '', g.ints('pad0.axes', [2, -1])], {
      mode: 'reflect',
    });
  } else x = pad('pad0', x, [0, 0, 1, 1, 0, 0, 1, 1], 'reflect'); // 1x3x13x13
  x = g.node(
    'Conv',
    'conv1',
    [x, g.weight('conv1.w', [8, 3, 3, 3], -0.4, 0.4), g.weight('conv1.b', [8], -0.2, 0.2)],
    {
      strides: [2, 2],
      pads: [1, 1, 1, 1],
    },
  ); // 1x8x7x7
  x = g.node('BatchNormalization', 'bn1', [
    x,
    g.weight('bn1.scale', [8], 0.5, 1.5),
    g.weight('bn1.bias', [8], -0.3, 0.3),
    g.weight('bn1.mean', [8], -0.2, 0.2),
    g.weight('bn1.var', [8], 0.4, 1.6),
  ]);
  const a = g.node('Relu', 'relu1', [x]);
  const branch = g.node('Conv', 'conv2', [a, g.weight('conv2.w', [8, 2, 3, 3], -0.4, 0.4)], {
    group: 4,
    dilations: [2, 2],
    pads: [2, 2, 2, 2],
    kernel_shape: [3, 3],
  }); // 1x8x7x7
  x = g.node('Add', 'residual', [a, branch]);
  x = g.node('MaxPool', 'maxpool', [x], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }); // stride 1: 1x8x7x7
  x = g.node(
    'Conv',
    'conv3',
    [x, g.weight('conv3.w', [8, 8, 3, 3], -0.2, 0.2), g.weight('conv3.b', [8], -0.1, 0.1)],
    {
      auto_pad: 'SAME_UPPER',
      strides: [2, 2],
    },
  ); // 1x8x4x4
  x = g.node('AveragePool', 'avgpool1', [x], {
    kernel_shape: [3, 3],
    pads: [1, 1, 1, 1],
    count_include_pad: 0,
  }); // 1x8x4x4
  x = g.node('AveragePool', 'avgpool2', [x], {
    kernel_shape: [2, 2],
    strides: [2, 2],
    pads: [1, 1, 1, 1],
    count_include_pad: 1,
  }); // 1x8x3x3
  x = pad('padEdge', x, [0, 0, 1, 0, 0, 0, 0, 1], 'edge'); // 1x8x4x4
  x = pad('padConst', x, [0, 0, -1, 0, 0, 0, 0, 1], 'constant', 0.25); // 1x8x3x5
  const shift = g.node('Constant', 'shift', [], {
    value: {
      kind: 'float',
      dims: [8, 1, 1],
      data: Float32Array.from({ length: 8 }, (_, i) => (i - 3.5) / 8),
    },
  });
  x = g.node('Add', 'shifted', [x, shift]); // 1x8x3x5
  g.node('Softmax', 'channelSoftmax', [x], { axis: 1 }); // side branch: 4-D softmax
  x = g.node('GlobalAveragePool', 'gap', [x]); // 1x8x1x1
  x = g.node('Reshape', 'reshape', [x, g.ints('reshape.shape', [0, -1])]); // 1x8
  x = g.node('Gemm', 'fc1', [x, g.weight('fc1.B', [8, 6]), g.weight('fc1.C', [6], -0.5, 0.5)], {
    alpha: { float: 0.75 },
    beta: { float: 2 },
  }); // 1x6
  const ratio = opset >= 12 ? [g.weight('drop.ratio', [], 0, 0, [0.3])] : [];
  x = g.node('Dropout', 'drop', [x, ...ratio], opset < 12 ? { ratio: { float: 0.3 } } : {});
  x = g.node('Relu', 'relu2', [x]);
  x = g.node('Gemm', 'fc2', [x, g.weight('fc2.B', [1, 4]), g.weight('fc2.C', [6, 1], -0.5, 0.5)], {
    transA: 1,
  }); // 6x4
  x = g.node('Flatten', 'flatten', [x], { axis: 0 }); // 1x24
  x = g.node('MatMul', 'matmul', [x, g.weight('matmul.B', [24, 5], -0.5, 0.5)]); // 1x5
  const vector = g.node('Reshape', 'vector', [x, g.ints('vector.shape', [-1])]); // [5]
  g.node('MatMul', 'dot', [vector, g.weight('dot.B', [5])]); // side branch: a scalar []
  x = g.node('Identity', 'identity', [x]);
  x = g.node('Softmax', 'softmax', [x], opset < 13 ? {} : { axis: -1 });
  return g.build(x, { name: `every-op-${opset}` });
}

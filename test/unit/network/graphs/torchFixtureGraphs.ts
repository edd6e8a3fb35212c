/**
 * The PyTorch models of test/fixtures/onnx/ (see test/golden/make_onnx_fixtures.py) rebuilt by
 * hand in the IR from their state_dicts, without the ONNX importer, so runGraph can be checked
 * against torch's own outputs independently of import.
 */
import { readFileSync } from 'node:fs';
import type { ModelGraph } from '../../../../main/service/network/modelGraph.js';
import { GraphBuilder } from './graphBuilder.js';

interface Encoded {
  shape: number[];
  data: number[];
}

export interface TorchFixture {
  state: Record<string, Encoded>;
  input: Encoded;
  output: Encoded;
}

export function readTorchFixture(name: 'homework' | 'opsnet'): TorchFixture {
  const url = new URL(`../../../fixtures/onnx/${name}.json`, import.meta.url);
  const doc = JSON.parse(readFileSync(url, 'utf8')) as {
    state_dict: Record<string, Encoded>;
    input: Encoded;
    output: Encoded;
  };
  return { state: doc.state_dict, input: doc.input, output: doc.output };
}

function withState(g: GraphBuilder, state: Record<string, Encoded>): (name: string) => string {
  return (name) => g.weight(name, state[name].shape, 0, 0, state[name].data);
}

/** HomeworkCNN: conv1 -> bn1 -> relu -> pool -> conv2 -> bn2 -> relu -> pool -> flatten -> dropout -> fc. */
export function torchHomeworkGraph(fixture: TorchFixture, opset = 13): ModelGraph {
  const g = new GraphBuilder('input', fixture.input.shape, 1, opset);
  const w = withState(g, fixture.state);
  let x = 'input';
  for (const i of [1, 2]) {
    x = g.node('Conv', `conv${i}`, [x, w(`conv${i}.weight`), w(`conv${i}.bias`)], {
      pads: [1, 1, 1, 1],
      kernel_shape: [3, 3],
    });
    x = g.node('BatchNormalization', `bn${i}`, [
      x,
      w(`bn${i}.weight`),
      w(`bn${i}.bias`),
      w(`bn${i}.running_mean`),
      w(`bn${i}.running_var`),
    ]);
    x = g.node('Relu', `relu${i}`, [x]);
    x = g.node('MaxPool', `pool${i}`, [x], { kernel_shape: [2, 2], strides: [2, 2] });
  }
  x = g.node('Flatten', 'flatten', [x]);
  x = g.node('Dropout', 'dropout', [x], opset < 12 ? { ratio: { float: 0.5 } } : {});
  x = g.node('Gemm', 'fc', [x, w('fc.weight'), w('fc.bias')], { transB: 1 });
  return g.build(x, { name: 'homework' });
}

/** OpsNet (see make_onnx_fixtures.py) op by op as torch computes it. */
export function torchOpsNetGraph(fixture: TorchFixture): ModelGraph {
  const g = new GraphBuilder('input', fixture.input.shape, 1, 13);
  const w = withState(g, fixture.state);
  const a = g.node('Relu', 'relu1', [
    g.node('Conv', 'conv1', ['input', w('conv1.weight'), w('conv1.bias')], {
      strides: [2, 2],
      pads: [1, 1, 1, 1],
    }),
  ]);
  const b = g.node('Relu', 'relu2', [
    g.node('Conv', 'conv2', [a, w('conv2.weight'), w('conv2.bias')], {
      pads: [2, 2, 2, 2],
      dilations: [2, 2],
      group: 4,
    }),
  ]);
  let x = g.node('Add', 'residual', [a, b]);
  x = g.node('BatchNormalization', 'bn', [
    x,
    w('bn.weight'),
    w('bn.bias'),
    w('bn.running_mean'),
    w('bn.running_var'),
  ]);
  x = g.node('Pad', 'reflect', [x, g.ints('reflect.pads', [0, 0, 1, 1, 0, 0, 1, 1])], { mode: 'reflect' });
  x = g.node('MaxPool', 'maxpool', [x], { kernel_shape: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1] });
  x = g.node('AveragePool', 'avgpool', [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  // F.pad(x, (0, 1, 1, 0), value=0.5): width gets 0 left, 1 right; height 1 top, 0 bottom.
  x = g.node('Pad', 'constant', [
    x,
    g.ints('constant.pads', [0, 0, 1, 0, 0, 0, 0, 1]),
    g.weight('constant.value', [], 0, 0, [0.5]),
  ]);
  x = g.node('GlobalAveragePool', 'gap', [x]);
  x = g.node('Reshape', 'reshape', [x, g.ints('reshape.shape', [1, -1])]);
  x = g.node('Relu', 'relu3', [g.node('Gemm', 'fc', [x, w('fc.weight'), w('fc.bias')], { transB: 1 })]);
  x = g.node('MatMul', 'matmul', [x, w('proj')]);
  x = g.node('Softmax', 'softmax', [x], { axis: 1 });
  return g.build(x, { name: 'opsnet' });
}

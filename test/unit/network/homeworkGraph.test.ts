// The trained homework network as a ModelGraph: its nodes, attributes and tensors, and that
// running the graph gives the trainer's own inference logits.
import { describe, expect, it } from 'vitest';
import {
  homeworkTensorSpecs,
  type HomeworkArchitecture,
} from '../../../main/service/network/homework/homeworkArchitecture.js';
import { homeworkGraph } from '../../../main/service/network/homework/homeworkGraph.js';
import { SUPPORTED_OPS } from '../../../main/service/network/modelGraph.js';
import { loadMnist, splitMnist } from '../../../main/service/network/mnist/loadMnist.js';
import { trainNetwork } from '../../../main/service/network/train/trainNetwork.js';
import { TrainingNetwork } from '../../../main/service/network/train/trainingNetwork.js';
import { runHomeworkGraph } from './homeworkGraphForward.js';

const FULL: HomeworkArchitecture = { batchNorm: true, dropout: 0.3 };
const PLAIN: HomeworkArchitecture = { batchNorm: false, dropout: 0 };

/** Briefly trained weights, so running statistics and biases are not their initial values. */
function trained(arch: HomeworkArchitecture) {
  return trainNetwork({ ...arch, epochs: 1, trainSamples: 500, testSamples: 100, batchSize: 25 }).weights;
}

describe('homeworkGraph', () => {
  it('lays out the network as ONNX nodes in order, with the batch-norm and dropout layers', () => {
    const graph = homeworkGraph(trained(FULL), FULL);
    expect(graph.nodes.map((n) => n.op)).toEqual([
      'Conv',
      'BatchNormalization',
      'Relu',
      'MaxPool',
      'Conv',
      'BatchNormalization',
      'Relu',
      'MaxPool',
      'Flatten',
      'Dropout',
      'Gemm',
    ]);
    expect(graph.nodes.map((n) => n.name)).toEqual([
      'conv1',
      'bn1',
      'relu1',
      'pool1',
      'conv2',
      'bn2',
      'relu2',
      'pool2',
      'flatten',
      'dropout',
      'fc',
    ]);
    expect(graph).toMatchObject({
      name: 'homework-cnn',
      input: { name: 'input', dims: [1, 1, 28, 28] },
      output: 'logits',
      opset: 13,
      classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    });
    // A chain: every node reads the previous node's output; the last writes the graph output.
    let previous = 'input';
    for (const node of graph.nodes) {
      expect(node.inputs[0]).toBe(previous);
      expect(SUPPORTED_OPS).toContain(node.op);
      previous = node.outputs[0];
    }
    expect(previous).toBe('logits');
    const [conv1, bn1, , pool1] = graph.nodes;
    expect(conv1.inputs).toEqual(['input', 'conv1.weight', 'conv1.bias']);
    expect(conv1.attributes).toEqual({
      kernel_shape: { type: 'ints', value: [3, 3] },
      pads: { type: 'ints', value: [1, 1, 1, 1] },
      strides: { type: 'ints', value: [1, 1] },
      dilations: { type: 'ints', value: [1, 1] },
      group: { type: 'int', value: 1 },
    });
    expect(bn1.inputs.slice(1)).toEqual(['bn1.weight', 'bn1.bias', 'bn1.running_mean', 'bn1.running_var']);
    expect(bn1.attributes).toEqual({
      epsilon: { type: 'float', value: 1e-5 },
      momentum: { type: 'float', value: 0.9 },
    });
    expect(pool1.attributes.kernel_shape).toEqual({ type: 'ints', value: [2, 2] });
    expect(pool1.attributes.strides).toEqual({ type: 'ints', value: [2, 2] });
    const fc = graph.nodes.at(-1)!;
    expect(fc.inputs).toEqual(['dropout', 'fc.weight', 'fc.bias']);
    expect(fc.attributes.transB).toEqual({ type: 'int', value: 1 });
    expect(graph.nodes[9].inputs).toEqual(['flatten', 'dropout.ratio']);
    expect(graph.initializers['dropout.ratio']).toEqual({
      kind: 'float',
      dims: [],
      data: Float32Array.of(0.3),
    });
    for (const spec of homeworkTensorSpecs(FULL))
      expect(graph.initializers[spec.name].dims, spec.name).toEqual(spec.dims);
    expect(graph.initializers['fc.weight'].dims).toEqual([10, 490]);
  });

  it('has no batch-norm or dropout nodes when the network has none', () => {
    const graph = homeworkGraph(trained(PLAIN), PLAIN);
    expect(graph.nodes.map((n) => n.op)).toEqual([
      'Conv',
      'Relu',
      'MaxPool',
      'Conv',
      'Relu',
      'MaxPool',
      'Flatten',
      'Gemm',
    ]);
    expect(Object.keys(graph.initializers)).toEqual([
      'conv1.weight',
      'conv1.bias',
      'conv2.weight',
      'conv2.bias',
      'fc.weight',
      'fc.bias',
    ]);
  });

  it.each([FULL, PLAIN])('computes the trainer inference logits (batch norm $batchNorm)', (arch) => {
    const weights = trained(arch);
    const graph = homeworkGraph(weights, arch);
    const n = 64;
    const net = new TrainingNetwork(arch, weights, n);
    net.loadDigits(loadMnist(), splitMnist(1).test, 0, n);
    net.forwardEval(n);
    const logits = runHomeworkGraph(graph, net.input.slice(), n);
    let scale = 0;
    let worst = 0;
    for (let i = 0; i < logits.length; i++) {
      scale = Math.max(scale, Math.abs(net.logits[i]));
      worst = Math.max(worst, Math.abs(logits[i] - net.logits[i]));
    }
    // The same float32 kernels in the same order (up to the convolution's batch blocking).
    expect(worst).toBeLessThanOrEqual(1e-6 * scale);
    expect(scale).toBeGreaterThan(1);
  });

  it('copies the weights and refuses tensors that do not fit the architecture', () => {
    const weights = trained(PLAIN);
    const graph = homeworkGraph(weights, PLAIN);
    const before = (graph.initializers['fc.bias'].data as Float32Array).slice();
    weights['fc.bias'].fill(42);
    expect(graph.initializers['fc.bias'].data).toEqual(before);
    expect(() => homeworkGraph(weights, FULL)).toThrow(
      'Expected a Float32Array of 10 values for bn1.weight but received undefined',
    );
    expect(() => homeworkGraph({ ...weights, 'fc.weight': new Float32Array(10) }, PLAIN)).toThrow(
      'Expected a Float32Array of 4900 values for fc.weight but received 10 values',
    );
    expect(() => homeworkGraph(weights, { batchNorm: false, dropout: 1 })).toThrow(
      'Expected a number in [0, 1) for architecture.dropout but received 1',
    );
  });
});

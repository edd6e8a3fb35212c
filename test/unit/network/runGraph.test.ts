// runGraph (native float32) against referenceRunGraph (float64 reference) on graphs using every
// supported op, at each opset form, with seeded random weights and inputs: every tensor, not only
// the output.
import { describe, expect, it } from 'vitest';
import { GraphError } from '../../../main/service/network/graphError.js';
import { inferGraphShapes } from '../../../main/service/network/inferGraphShapes.js';
import { referenceRunGraph } from '../../../main/service/network/referenceRunGraph.js';
import { runGraph } from '../../../main/service/network/runGraph.js';
import { expectTensorClose, float32Tolerance } from '../../helpers/compare.js';
import { mulberry32, randomTensor } from '../../helpers/random.js';
import { EVERY_OP_INPUT_DIMS, everyOpGraph } from './graphs/everyOpGraph.js';
import { homeworkGraph } from './graphs/homeworkGraph.js';
import type { ModelGraph } from '../../../main/service/network/modelGraph.js';

function compareAll(graph: ModelGraph, seed: number): void {
  const x = randomTensor(mulberry32(seed), graph.input.dims, -1, 1);
  const input = { dims: graph.input.dims, data: x.data };
  const run = runGraph(graph, input);
  const reference = referenceRunGraph(graph, input);
  const shapes = inferGraphShapes(graph);
  // Every node output (and the input) is kept, with the dims shape inference gives.
  const floatOutputs = graph.nodes.flatMap((n) => n.outputs);
  expect([...run.tensors.keys()]).toEqual([graph.input.name, ...floatOutputs]);
  for (const [name, value] of run.tensors) {
    expect(value.dims, name).toEqual(shapes[name]);
    const expected = reference.tensors.get(name);
    if (expected === undefined) throw new Error(`reference has no ${name}`);
    expectTensorClose(
      { data: value.data, shape: value.dims },
      { data: expected.data, shape: expected.dims },
      float32Tolerance(expected.data),
      `${graph.name} ${name}`,
    );
  }
  expect(run.output).toBe(run.tensors.get(graph.output));
}

describe('runGraph vs referenceRunGraph', () => {
  it.each([9, 11, 13, 18])('every op, opset %i', (opset) => {
    compareAll(everyOpGraph(opset, 100 + opset), opset);
  });

  it.each([
    ['plain', {}],
    ['with batch norm and dropout', { batchNorm: true, dropout: true }],
  ] as const)('the homework network, %s', (_, options) => {
    compareAll(homeworkGraph({ ...options, seed: 5 }), 55);
  });

  it('gives the same output for the same input, and different outputs for different inputs', () => {
    const graph = everyOpGraph(13);
    const x = randomTensor(mulberry32(3), EVERY_OP_INPUT_DIMS);
    const a = runGraph(graph, { dims: EVERY_OP_INPUT_DIMS, data: x.data }).output.data;
    const b = runGraph(graph, { dims: EVERY_OP_INPUT_DIMS, data: x.data.slice() }).output.data;
    expect(Array.from(a)).toEqual(Array.from(b));
    const y = randomTensor(mulberry32(4), EVERY_OP_INPUT_DIMS);
    const c = runGraph(graph, { dims: EVERY_OP_INPUT_DIMS, data: y.data }).output.data;
    expect(Math.max(...a.map((v, i) => Math.abs(v - c[i])))).toBeGreaterThan(1e-3);
    // Softmax output: a probability vector.
    expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
  });

  it('checks the input against graph.input.dims', () => {
    const graph = homeworkGraph();
    expect(() => runGraph(graph, { dims: [1, 1, 28, 27], data: new Float32Array(28 * 27) })).toThrow(
      new GraphError(
        "Expected input dims [1, 1, 28, 28] for graph input 'input' but received [1, 1, 28, 27]",
      ),
    );
    expect(() => runGraph(graph, { dims: [1, 1, 28, 28], data: new Float32Array(10) })).toThrow(
      /Expected 784 values for graph input 'input' \[1, 1, 28, 28\] but received 10/,
    );
    expect(() =>
      runGraph(graph, { dims: [1, 1, 28, 28], data: new Float64Array(784) as unknown as Float32Array }),
    ).toThrow(/Expected a Float32Array for the input data/);
  });

  it('refuses non-finite weights by node and input before running', () => {
    // Non-finite weights are refused at planning already, naming the node and its input.
    const graph = homeworkGraph();
    (graph.initializers['conv2.weight'].data as Float32Array)[4] = Number.NaN;
    expect(() => runGraph(graph, { dims: [1, 1, 28, 28], data: new Float32Array(784) })).toThrow(
      "Expected finite values for input 1 (W) 'conv2.weight' of Conv node 'conv2' but received NaN at element 4",
    );
  });
});

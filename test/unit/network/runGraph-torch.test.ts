// runGraph and referenceRunGraph against PyTorch's own outputs for the two models of
// test/fixtures/onnx/ (made by test/golden/make_onnx_fixtures.py), rebuilt in the IR by hand.
import { describe, expect, it } from 'vitest';
import { referenceRunGraph } from '../../../main/service/network/referenceRunGraph.js';
import { runGraph } from '../../../main/service/network/runGraph.js';
import { expectArrayClose, float32Tolerance } from '../../helpers/compare.js';
import { readTorchFixture, torchHomeworkGraph, torchOpsNetGraph } from './graphs/torchFixtureGraphs.js';

describe('runGraph against torch', () => {
  const cases = [
    ['homework (conv, batch norm, max pool, flatten, dropout, Gemm) at opset 13', 'homework', 13],
    ['homework at opset 9 (Dropout ratio as an attribute)', 'homework', 9],
    [
      'opsnet (strided, dilated and grouped conv, residual Add, reflect and constant Pad, pools, MatMul, Softmax)',
      'opsnet',
      13,
    ],
  ] as const;
  it.each(cases)('%s', (_, name, opset) => {
    const fixture = readTorchFixture(name);
    const graph = name === 'homework' ? torchHomeworkGraph(fixture, opset) : torchOpsNetGraph(fixture);
    const input = { dims: fixture.input.shape, data: Float32Array.from(fixture.input.data) };
    const run = runGraph(graph, input);
    const reference = referenceRunGraph(graph, input);
    expect(run.output.dims).toEqual(fixture.output.shape);
    expect(reference.output.dims).toEqual(fixture.output.shape);
    // torch computes in float32 too: both agree with it to float32 rounding of the sums.
    expectArrayClose(
      run.output.data,
      fixture.output.data,
      float32Tolerance(fixture.output.data),
      'runGraph vs torch',
    );
    expectArrayClose(
      reference.output.data,
      fixture.output.data,
      float32Tolerance(fixture.output.data),
      'reference vs torch',
    );
    // And the outputs are not trivially close: they differ from one another by far more than that.
    const spread = Math.max(...fixture.output.data) - Math.min(...fixture.output.data);
    expect(spread).toBeGreaterThan(0.05);
  });
});

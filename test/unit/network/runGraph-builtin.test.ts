// The shipped network (main/assets/network/homework-cnn.json): its forward pass on the native
// kernels equals the float64 TypeScript reference forward, layer by layer, on real digits' worth
// of input (a photo converted as predict does, and seeded random images).
import { describe, expect, it } from 'vitest';
import { BUILTIN_WEIGHTS_PATH } from '../../../main/service/network/homework/builtinModel.js';
import { readWeightsFile } from '../../../main/service/network/homework/weightsFile.js';
import { imageToModelInput } from '../../../main/service/network/imageInput.js';
import { referenceRunGraph } from '../../../main/service/network/referenceRunGraph.js';
import { runGraph } from '../../../main/service/network/runGraph.js';
import { expectTensorClose, float32Tolerance } from '../../helpers/compare.js';
import { mulberry32, randomTensor } from '../../helpers/random.js';

describe('the shipped network', () => {
  const { graph } = readWeightsFile(BUILTIN_WEIGHTS_PATH);

  it('has the homework architecture and names its ten classes', () => {
    expect(graph.input.dims).toEqual([1, 1, 28, 28]);
    expect(graph.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('runs forward as the float64 reference does, every tensor', async () => {
    const photo = await imageToModelInput(
      new URL('../../fixtures/photos/camera.png', import.meta.url).pathname,
      [1, 1, 28, 28],
    );
    const inputs = [
      photo.data,
      ...[1, 2, 3].map((s) => randomTensor(mulberry32(s), [1, 1, 28, 28], 0, 1).data),
    ];
    for (const data of inputs) {
      const input = { dims: [1, 1, 28, 28], data };
      const run = runGraph(graph, input);
      const reference = referenceRunGraph(graph, input);
      expect([...run.tensors.keys()]).toEqual([...reference.tensors.keys()]);
      for (const [name, value] of run.tensors) {
        const expected = reference.tensors.get(name);
        if (expected === undefined) throw new Error(name);
        expectTensorClose(
          { data: value.data, shape: value.dims },
          { data: expected.data, shape: expected.dims },
          float32Tolerance(expected.data),
          name,
        );
      }
    }
  });
});

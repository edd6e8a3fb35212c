import { describe, expect, it } from 'vitest';
import { homeworkTensorSpecs } from '../../../main/service/network/homework/homeworkArchitecture.js';
import { homeworkGraph } from '../../../main/service/network/homework/homeworkGraph.js';
import { planLayers } from '../../../main/service/network/graphLayers.js';
import { planGraph } from '../../../main/service/network/planGraph.js';
import { layerTable, receptiveFieldOf } from '../../../native-kernels/architecture.js';
import { layerLabel } from '../../../renderer/src/explorer/layerLabel.js';
import {
  describeReceptiveField,
  receptiveRectOn,
  rectSize,
} from '../../../renderer/src/explorer/receptiveRects.js';

/** The homework network's layers as the explorer receives them (weights do not matter here). */
function homeworkLayers() {
  const arch = { batchNorm: false, dropout: 0 };
  const weights = Object.fromEntries(
    homeworkTensorSpecs(arch).map((s) => [s.name, new Float32Array(s.dims.reduce((a, b) => a * b, 1))]),
  );
  return planLayers(planGraph(homeworkGraph(weights, arch)));
}

describe('receptive fields as the explorer outlines them', () => {
  const layers = homeworkLayers();
  const table = layerTable(
    'input 28x28x1, conv3-10/p1, relu, pool2, conv3-10/p1, relu, pool2, flatten, fc-10',
  );

  it('match the kernel library for every unit of every spatial layer, clipped to 28×28', () => {
    expect(layers.map((l) => l.op)).toEqual([
      'Input',
      'Conv',
      'Relu',
      'MaxPool',
      'Conv',
      'Relu',
      'MaxPool',
      'Flatten',
      'Gemm',
    ]);
    for (let i = 1; i < layers.length; i++) {
      const [rows, cols] = layers[i].grid;
      for (let y = 0; y < rows; y++)
        for (let x = 0; x < cols; x++) {
          const mine = receptiveRectOn(layers, { layer: i, channel: 0, y, x }, 0);
          const theirs = receptiveFieldOf(table, i, { row: y, col: x });
          expect(mine?.clipped).toEqual(theirs.clipped);
        }
    }
  });

  it('describe the window and the part inside the image', () => {
    const corner = receptiveRectOn(layers, { layer: 4, channel: 3, y: 0, x: 0 }, 0);
    expect(corner?.size).toEqual([8, 8]);
    expect(rectSize(corner!.clipped!)).toEqual([5, 5]);
    expect(describeReceptiveField(corner)).toBe('receptive field 8×8 on the input (5×5 inside the image)');
    const inside = receptiveRectOn(layers, { layer: 4, channel: 0, y: 5, x: 5 }, 0);
    expect(describeReceptiveField(inside)).toBe('receptive field 8×8 on the input');
    expect(describeReceptiveField(receptiveRectOn(layers, { layer: 8, channel: 0, y: 0, x: 3 }, 0))).toBe(
      'receptive field 28×28 on the input',
    );
  });

  it('have no field on a later layer or on the layer itself', () => {
    expect(receptiveRectOn(layers, { layer: 3, channel: 0, y: 0, x: 0 }, 3)).toBeNull();
    expect(receptiveRectOn(layers, { layer: 3, channel: 0, y: 0, x: 0 }, 5)).toBeNull();
  });

  it('label layers for the stepper', () => {
    expect(layerLabel(layers[4], layers.length)).toBe('4 / 8 · Conv conv2 · 1×10×14×14');
  });
});

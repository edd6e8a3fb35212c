// inputGradient (each op's backward in reverse, native float32) against central differences of the
// float64 reference forward pass, for units of every kind of layer; and the gradient's support
// against the receptive field graphLayers computes.
import { describe, expect, it } from 'vitest';
import { GraphError } from '../../../main/service/network/graphError.js';
import { graphLayers } from '../../../main/service/network/graphLayers.js';
import { inputGradient, type UnitTarget } from '../../../main/service/network/inputGradient.js';
import type { ModelGraph } from '../../../main/service/network/modelGraph.js';
import { referenceRunGraph } from '../../../main/service/network/referenceRunGraph.js';
import { unitReceptiveRect } from '../../../preload/networkTypes.js';
import { expectArrayClose, maxAbs } from '../../helpers/compare.js';
import { mulberry32, randomTensor } from '../../helpers/random.js';
import { everyOpGraph } from './graphs/everyOpGraph.js';
import { homeworkGraph } from './graphs/homeworkGraph.js';

/** Flat offset of a unit in a tensor of dims. */
function offsetOf(dims: number[], index: number[]): number {
  return index.reduce((sum, v, i) => sum * dims[i] + v, 0);
}

/**
 * Central differences d(unit)/d(input[p]) of the float64 reference for each target at the listed
 * input positions, all targets from the same perturbed runs. The step is small enough that no
 * ReLU or max-pool decision flips for these seeds, and float64 keeps the rounding far below it.
 */
function numericalGradients(
  graph: ModelGraph,
  x: Float32Array,
  targets: UnitTarget[],
  positions: number[],
  h = 1e-6,
): Float64Array[] {
  const dims = graph.input.dims;
  const base = Float64Array.from(x);
  const out = targets.map(() => new Float64Array(x.length));
  const unitValues = (data: Float64Array): number[] => {
    const run = referenceRunGraph(graph, { dims, data });
    return targets.map((t) => {
      const value = run.tensors.get(t.tensor);
      if (value === undefined) throw new Error(`no tensor ${t.tensor}`);
      return value.data[offsetOf(value.dims, t.index)];
    });
  };
  for (const p of positions) {
    const saved = base[p];
    base[p] = saved + h;
    const plus = unitValues(base);
    base[p] = saved - h;
    const minus = unitValues(base);
    base[p] = saved;
    targets.forEach((_, i) => (out[i][p] = (plus[i] - minus[i]) / (2 * h)));
  }
  return out;
}

function checkAgainstNumerical(
  graph: ModelGraph,
  wanted: UnitTarget[],
  seed: number,
  positions?: number[],
): void {
  const x = randomTensor(mulberry32(seed), graph.input.dims, -1, 1).data;
  const where = positions ?? Array.from(x, (_, i) => i);
  let targets = wanted;
  // An index of -1 picks the unit fed by the largest ReLU output (relu2), so that it is not dead.
  const relu = referenceRunGraph(graph, { dims: graph.input.dims, data: x }).tensors.get('relu2')?.data;
  const live = relu === undefined ? 0 : relu.indexOf(Math.max(...relu));
  targets = targets.map((t) => ({ ...t, index: t.index.map((v) => (v < 0 ? live : v)) }));
  const numeric = numericalGradients(graph, x, targets, where);
  targets.forEach((target, i) => {
    const analytic = inputGradient(graph, { dims: graph.input.dims, data: x }, target);
    expect(analytic.dims).toEqual(graph.input.dims);
    const picked = where.map((p) => analytic.data[p]);
    const expected = where.map((p) => numeric[i][p]);
    const scale = maxAbs(expected);
    // A real test: the gradient is not all zero where it is compared.
    expect(scale, `${target.tensor} [${target.index.join(', ')}] gradient scale`).toBeGreaterThan(1e-3);
    expectArrayClose(
      picked,
      expected,
      { atol: 2e-4 * scale, rtol: 1e-3 },
      `d ${target.tensor}[${target.index.join(', ')}] / d input`,
    );
  });
}

describe('inputGradient vs central differences of the float64 reference', () => {
  const targets: UnitTarget[] = [
    { tensor: 'softmax', index: [0, 2] },
    { tensor: 'matmul', index: [0, 4] },
    { tensor: 'fc2', index: [-1, 1] }, // through Gemm with transA (row: a unit whose ReLU is on)
    { tensor: 'dot', index: [] }, // a scalar, through 1-D MatMul and Reshape
    { tensor: 'channelSoftmax', index: [0, 2, 1, 1] }, // 4-D softmax over channels
    { tensor: 'shifted', index: [0, 5, 1, 3] }, // through both Pads, both AveragePools, SAME conv, MaxPool
    { tensor: 'residual', index: [0, 3, 2, 4] }, // both branches of the Add
    { tensor: 'bn1', index: [0, 6, 1, 0] }, // through the reflect Pad at the border
  ];
  it.each([9, 13, 18])('every op graph, opset %i', (opset) => {
    checkAgainstNumerical(everyOpGraph(opset, 200 + opset), targets, opset);
  });

  it('the homework network with batch norm: a logit and a conv2 unit (sampled input pixels)', () => {
    const graph = homeworkGraph({ batchNorm: true, dropout: true, seed: 9 });
    const random = mulberry32(77);
    const positions = Array.from({ length: 48 }, () => Math.floor(random() * 784));
    // conv2 unit (row 5, col 6) sees input rows/cols 7..16 / 9..18 (receptive field 8, jump 2): sample there too.
    for (let r = 8; r < 16; r += 2) for (let c = 10; c < 18; c += 3) positions.push(r * 28 + c);
    checkAgainstNumerical(
      graph,
      [
        { tensor: 'fc', index: [0, 3] },
        { tensor: 'relu2', index: [0, 4, 5, 6] },
      ],
      31,
      positions,
    );
  });
});

/** The graph with its reflect and edge Pads made constant ones (see the reflect test below). */
function zeroPadded(graph: ModelGraph): ModelGraph {
  for (const node of graph.nodes)
    if (node.op === 'Pad' && node.attributes.mode !== undefined)
      node.attributes.mode = { type: 'string', value: 'constant' };
  return graph;
}

describe('inputGradient', () => {
  it('is zero outside the receptive field graphLayers gives, for a unit of every spatial layer', () => {
    const graph = zeroPadded(everyOpGraph(13, 5));
    const layers = graphLayers(graph);
    const x = randomTensor(mulberry32(12), graph.input.dims).data;
    const [, , h, w] = graph.input.dims;
    let checked = 0;
    for (const layer of layers.slice(1)) {
      const field = layer.fields[0];
      if (field === null || field === 'whole' || layer.dims.length !== 4) continue;
      const unit = { y: layer.grid[0] - 1, x: Math.floor(layer.grid[1] / 2) };
      const rect = unitReceptiveRect(field, unit, [h, w]);
      const g = inputGradient(
        graph,
        { dims: graph.input.dims, data: x },
        { tensor: layer.tensor, index: [0, 1, unit.y, unit.x] },
      );
      for (let c = 0; c < graph.input.dims[1]; c++)
        for (let r = 0; r < h; r++)
          for (let col = 0; col < w; col++) {
            const inside =
              rect.clipped !== null &&
              r >= rect.clipped.top &&
              r <= rect.clipped.bottom &&
              col >= rect.clipped.left &&
              col <= rect.clipped.right;
            if (!inside) expect(g.data[(c * h + r) * w + col], `${layer.name} at (${r}, ${col})`).toBe(0);
          }
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('reaches mirrored pixels through reflect padding, which the geometric field counts as padding', () => {
    // pad0 reflects the 11x11 input by one pixel: its row 12 copies input row 9. The geometric
    // receptive field (architecture.ts's convention) treats the padded row as padding, so the
    // unit's clipped field is empty; the gradient (the effective receptive field) shows row 9.
    const graph = everyOpGraph(13, 5);
    const x = randomTensor(mulberry32(3), graph.input.dims).data;
    const pad0 = graphLayers(graph)[1];
    const field = pad0.fields[0];
    if (field === null) throw new Error('pad0 has no field on the input');
    expect(unitReceptiveRect(field, { y: 12, x: 5 }, [11, 11]).clipped).toBeNull();
    const g = inputGradient(
      graph,
      { dims: graph.input.dims, data: x },
      { tensor: 'pad0', index: [0, 0, 12, 5] },
    );
    expect(g.data[9 * 11 + 4]).toBe(1);
    expect(Array.from(g.data).filter((v) => v !== 0)).toEqual([1]);
  });

  it('of the input itself is one-hot, of a constant is zero', () => {
    const graph = everyOpGraph(13);
    const x = randomTensor(mulberry32(1), graph.input.dims).data;
    const input = { dims: graph.input.dims, data: x };
    const self = inputGradient(graph, input, { tensor: 'image', index: [0, 2, 3, 4] });
    expect(Array.from(self.data).filter((v) => v !== 0)).toEqual([1]);
    expect(self.data[(2 * 11 + 3) * 11 + 4]).toBe(1);
    const constant = inputGradient(graph, input, { tensor: 'shift', index: [3, 0, 0] });
    expect(maxAbs(constant.data)).toBe(0);
  });

  it('refuses a tensor or an index that does not exist', () => {
    const graph = homeworkGraph();
    const input = { dims: [1, 1, 28, 28], data: new Float32Array(784) };
    expect(() => inputGradient(graph, input, { tensor: 'nope', index: [0] })).toThrow(
      new GraphError("Expected the name of a float tensor of graph 'homework' but received 'nope'"),
    );
    expect(() => inputGradient(graph, input, { tensor: 'pool1', index: [0, 0, 14, 0] })).toThrow(
      "Expected an index of 4 integers within [1, 10, 14, 14] for tensor 'pool1' but received [0, 0, 14, 0]",
    );
    expect(() => inputGradient(graph, input, { tensor: 'fc', index: [3] })).toThrow(/an index of 2 integers/);
  });
});

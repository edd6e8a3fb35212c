// graphLayers against native-kernels/architecture.ts: the homework network's table 3(e)
// (parameters, dims, MACs, receptive fields) must be that module's, and every unit's rectangle,
// on the input and on every earlier layer, must be receptiveFieldOf's, also where padding or a
// floor-mode layer cuts the field at the border.
import { describe, expect, it } from 'vitest';
import { graphLayers } from '../../../main/service/network/graphLayers.js';
import { loadBuiltinModel } from '../../../main/service/network/homework/builtinModel.js';
import {
  layerTable,
  parseArchitecture,
  receptiveFieldOf,
  type LayerTable,
} from '../../../native-kernels/architecture.js';
import { unitReceptiveRect, type FieldGeometry, type LayerInfo } from '../../../preload/networkTypes.js';
import { architectureGraph } from './graphs/architectureGraph.js';
import { everyOpGraph } from './graphs/everyOpGraph.js';
import { GraphBuilder } from './graphs/graphBuilder.js';

const HOMEWORK = 'input 28x28x1, conv3-10, relu, pool2, conv3-10, relu, pool2, flatten, fc-10';
const HOMEWORK_BN =
  'input 28x28x1, conv3-10, bn, relu, pool2, conv3-10, bn, relu, pool2, flatten, dropout0.5, fc-10';

function dimsOf(table: LayerTable, i: number): number[] {
  const a = table.layers[i].activation;
  return a.kind === 'spatial' ? [1, a.channels, a.height, a.width] : [1, a.length];
}

/** Every unit of layer i, on layer `on` (0: the input), against receptiveFieldOf on `table`. */
function expectSameRects(
  layers: LayerInfo[],
  i: number,
  on: number,
  table: LayerTable,
  tableIndex: number,
  label: string,
): number {
  const field = layers[i].fields[on] as FieldGeometry;
  const onGrid = layers[on].grid;
  const [rows, cols] = layers[i].grid;
  let units = 0;
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < cols; x++) {
      const ours = unitReceptiveRect(field, { y, x }, onGrid);
      const theirs = receptiveFieldOf(table, tableIndex, { row: y, col: x });
      if (
        JSON.stringify([ours.unclipped, ours.clipped]) !== JSON.stringify([theirs.unclipped, theirs.clipped])
      )
        expect({ unit: [y, x], unclipped: ours.unclipped, clipped: ours.clipped }, label).toEqual({
          unit: [y, x],
          unclipped: theirs.unclipped,
          clipped: theirs.clipped,
        });
      units++;
    }
  return units;
}

describe('graphLayers vs architecture.ts', () => {
  it.each([HOMEWORK, HOMEWORK_BN])('gives the layer table of %s', (text) => {
    const layers = graphLayers(architectureGraph(text));
    const table = layerTable(text);
    expect(layers).toHaveLength(table.layers.length);
    table.layers.forEach((row, i) => {
      const l = layers[i];
      expect(l.index).toBe(i);
      expect(l.dims, row.name).toEqual(dimsOf(table, i));
      expect(l.parameters, row.name).toEqual(row.parameters);
      expect(l.macs, row.name).toBe(row.macs);
      const rf = row.receptiveField;
      if (i === 0) expect(l.fields).toEqual([]);
      else if (rf.kind === 'whole') expect(l.fields[0], row.name).toBe('whole');
      else
        expect(l.fields[0], row.name).toMatchObject({
          size: [rf.size, rf.size],
          jump: [rf.jump, rf.jump],
          start: [rf.start, rf.start],
        });
    });
    // The homework numbers themselves: 100 + 910 + 4910 parameters; field 10×10 with jump 4 after pool2.
    expect(layers.map((l) => l.parameters.text).filter((t) => t !== '0' && !t.startsWith('2×'))).toEqual([
      '3×3×1×10 + 10',
      '3×3×10×10 + 10',
      '490×10 + 10',
    ]);
    const pool2 = layers[text === HOMEWORK ? 6 : 8];
    expect(pool2.op).toBe('MaxPool');
    expect(pool2.fields[0]).toMatchObject({ size: [10, 10], jump: [4, 4], start: [-3, -3] });
  });

  it('gives the table of the shipped network (batch norm, dropout 0.3) for its own graph', () => {
    const layers = graphLayers(loadBuiltinModel().graph);
    const table = layerTable(
      'input 28x28x1, conv3-10, bn, relu, pool2, conv3-10, bn, relu, pool2, flatten, dropout0.3, fc-10',
    );
    expect(layers.map((l) => [l.dims, l.parameters, l.macs])).toEqual(
      table.layers.map((row, i) => [dimsOf(table, i), row.parameters, row.macs]),
    );
    for (let i = 1; i < layers.length; i++) expectSameRects(layers, i, 0, table, i, `shipped layer ${i}`);
  });

  const architectures = [
    HOMEWORK,
    HOMEWORK_BN,
    // Odd sizes (floor-mode layers drop the last rows), strides, dilation, pool padding.
    'input 23x21x2, conv3-4/s2/p0, maxpool3/s2/p1, conv5-3/d2/p3, avgpool2, flatten, fc-5',
    // A 1×1 conv with padding: its border units read nothing but padding.
    'input 9x9x1, pool2, conv3-2, conv1-2/p1, conv3-2/p0',
    // A unit whose only input unit, two layers down, reads nothing but padding that maps back inside.
    'input 9x9x1, conv3-1, conv1-1/p1, conv1-1/p0',
    'input 10x7x1, conv3-2/s3/p2, relu, gap',
    'input 12x12x1, conv5-2/s2/p2, conv3-2/s2/p1, avgpool3/s1/p1, conv2-2/s2/p0',
  ];
  it.each(architectures)(
    'gives receptiveFieldOf rectangles for every unit, on every earlier layer: %s',
    (text) => {
      const layers = graphLayers(architectureGraph(text));
      const table = layerTable(text);
      const blocks = parseArchitecture(text);
      let units = 0;
      for (let i = 1; i < layers.length; i++) {
        units += expectSameRects(layers, i, 0, table, i, `layer ${i} on the input`);
        // On an earlier map j: the architecture that starts at j's activation.
        for (let j = 1; j < i; j++) {
          const a = table.layers[j].activation;
          if (a.kind !== 'spatial') continue;
          const sub = layerTable(
            [
              `input ${a.height}x${a.width}x${a.channels}`,
              ...blocks.slice(j + 1, i + 1).map((b) => b.source),
            ].join(', '),
          );
          units += expectSameRects(layers, i, j, sub, i - j, `layer ${i} on layer ${j}`);
        }
      }
      expect(units).toBeGreaterThan(30);
    },
  );
});

describe('unitReceptiveRect', () => {
  const layers = graphLayers(architectureGraph(HOMEWORK));
  it('clips at the border and says the size', () => {
    const conv1 = layers[1].fields[0] as FieldGeometry;
    expect(unitReceptiveRect(conv1, { y: 0, x: 0 }, [28, 28])).toEqual({
      unclipped: { top: -1, left: -1, bottom: 1, right: 1 },
      clipped: { top: 0, left: 0, bottom: 1, right: 1 },
      size: [3, 3],
    });
    const pool2 = layers[6].fields[0] as FieldGeometry;
    expect(unitReceptiveRect(pool2, { y: 6, x: 3 }, [28, 28])).toEqual({
      unclipped: { top: 21, left: 9, bottom: 30, right: 18 },
      clipped: { top: 21, left: 9, bottom: 27, right: 18 },
      size: [10, 10],
    });
    // pool2's unit (1, 2) on pool1 (14×14): conv2 reads 3×3 of pool1 around each of its 2×2 units.
    expect(
      unitReceptiveRect(layers[6].fields[3] as FieldGeometry, { y: 1, x: 2 }, [14, 14]).unclipped,
    ).toEqual({
      top: 1,
      left: 3,
      bottom: 4,
      right: 6,
    });
  });

  it('maps a flattened unit back to its channel map', () => {
    const flatten = layers[7].fields[0] as FieldGeometry;
    // Element 49 + 7·2 + 5 is channel 1, row 2, column 5 of the 7×7 maps.
    expect(unitReceptiveRect(flatten, { y: 0, x: 49 + 14 + 5 }, [28, 28])).toEqual(
      unitReceptiveRect(layers[6].fields[0] as FieldGeometry, { y: 2, x: 5 }, [28, 28]),
    );
  });

  it("covers the whole input for 'whole'", () => {
    expect(layers[8].fields[0]).toBe('whole');
    expect(unitReceptiveRect('whole', { y: 0, x: 3 }, [28, 28])).toEqual({
      unclipped: { top: 0, left: 0, bottom: 27, right: 27 },
      clipped: { top: 0, left: 0, bottom: 27, right: 27 },
      size: [28, 28],
    });
  });

  it('gives an empty clipped field to a unit that reads only padding, and leaves out rows a floor-mode pool drops', () => {
    const l = graphLayers(architectureGraph('input 9x9x1, pool2, conv1-1/p1'));
    // The 1×1 conv with padding 1: its unit (0, 0) reads pool row -1, which is padding.
    expect(unitReceptiveRect(l[2].fields[0] as FieldGeometry, { y: 0, x: 3 }, [9, 9]).clipped).toBeNull();
    // Unit (4, 4) reads pool unit (3, 3), input rows 6..7; row 8 of the 9 rows is dropped by the pool.
    expect(unitReceptiveRect(l[2].fields[0] as FieldGeometry, { y: 4, x: 4 }, [9, 9]).clipped).toEqual({
      top: 6,
      left: 6,
      bottom: 7,
      right: 7,
    });
  });
});

describe('graphLayers on a graph of every op', () => {
  const layers = graphLayers(everyOpGraph(13));
  it('lists the input and one layer per node output except Constants, in order', () => {
    expect(layers[0]).toMatchObject({
      index: 0,
      op: 'Input',
      name: 'image',
      tensor: 'image',
      dims: [1, 3, 11, 11],
      grid: [11, 11],
    });
    expect(layers.map((l) => l.name)).not.toContain('shift');
    expect(layers.map((l) => l.op).slice(1, 6)).toEqual([
      'Pad',
      'Conv',
      'BatchNormalization',
      'Relu',
      'Conv',
    ]);
    expect(layers.every((l, i) => l.index === i && l.fields.length === i)).toBe(true);
    expect(layers.find((l) => l.name === 'dot')).toMatchObject({
      dims: [],
      grid: [1, 1],
      macs: 5,
      parameters: { count: 5, text: '5×1' },
    });
    expect(layers.find((l) => l.name === 'fc1')).toMatchObject({
      macs: 48,
      parameters: { count: 54, text: '8×6 + 6' },
    });
    expect(layers.find((l) => l.name === 'fc2')).toMatchObject({
      macs: 24,
      parameters: { count: 10, text: '1×4 + 6' },
    });
    expect(layers.find((l) => l.name === 'conv2')).toMatchObject({
      macs: 7 * 7 * 8 * 2 * 9,
      parameters: { count: 144, text: '3×3×2×8' },
    });
  });

  it('takes the bounding window where a residual Add joins two paths, and null where a layer is not an ancestor', () => {
    const index = (name: string): number => layers.findIndex((l) => l.name === name);
    const residual = layers[index('residual')];
    // relu1's own field on the input is 3×3 (jump 2); the dilated, padded conv2 branch widens it to 11×11.
    expect(layers[index('relu1')].fields[0]).toMatchObject({ start: [-2, -2], jump: [2, 2], size: [3, 3] });
    expect(residual.fields[0]).toMatchObject({ start: [-6, -6], jump: [2, 2], size: [11, 11] });
    // On relu1 itself the Add reads unit (y, x) directly and through conv2's 5×5 dilated window.
    expect(residual.fields[index('relu1')]).toMatchObject({ start: [-2, -2], jump: [1, 1], size: [5, 5] });
    // The 4-D softmax side branch feeds nothing after it.
    const side = index('channelSoftmax');
    expect(layers[index('gap')].fields[side]).toBeNull();
    expect(layers[index('gap')].fields[index('shifted')]).toBe('whole');
    // Softmax over channels spreads nothing spatially.
    expect(layers[side].fields[index('shifted')]).toMatchObject({
      start: [0, 0],
      jump: [1, 1],
      size: [1, 1],
    });
  });

  it('spreads a unit over its row for a softmax over the last axis of a map', () => {
    const g = new GraphBuilder('x', [1, 2, 4, 6], 1, 13);
    const l = graphLayers(g.build(g.node('Softmax', 's', ['x'], { axis: 3 })));
    expect(unitReceptiveRect(l[1].fields[0] as FieldGeometry, { y: 2, x: 4 }, [4, 6])).toEqual({
      unclipped: { top: 2, left: 0, bottom: 2, right: 5 },
      clipped: { top: 2, left: 0, bottom: 2, right: 5 },
      size: [1, 6],
    });
  });
});

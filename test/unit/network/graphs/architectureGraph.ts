/**
 * An architecture string of native-kernels/architecture.ts ('input 28x28x1, conv3-10, pool2, ...')
 * as a ModelGraph with seeded random weights, so graphLayers can be checked against that module's
 * layer table and receptiveFieldOf block by block.
 */
import { inferGraphShapes } from '../../../../main/service/network/inferGraphShapes.js';
import type { ModelGraph } from '../../../../main/service/network/modelGraph.js';
import { parseArchitecture } from '../../../../native-kernels/architecture.js';
import { GraphBuilder } from './graphBuilder.js';

export function architectureGraph(text: string, seed = 3): ModelGraph {
  const blocks = parseArchitecture(text);
  const first = blocks[0];
  if (first.kind !== 'input') throw new Error('architecture must start with input');
  const g = new GraphBuilder('input', [1, first.channels, first.height, first.width], seed, 13);
  let x = 'input';
  let channels = first.channels;
  blocks.slice(1).forEach((b, i) => {
    const name = `${b.kind}${i + 1}`;
    switch (b.kind) {
      case 'conv':
        x = g.node(
          'Conv',
          name,
          [
            x,
            g.weight(`${name}.w`, [b.filters, channels, b.kernel, b.kernel]),
            g.weight(`${name}.b`, [b.filters]),
          ],
          {
            strides: [b.stride, b.stride],
            pads: [b.padding, b.padding, b.padding, b.padding],
            dilations: [b.dilation, b.dilation],
          },
        );
        channels = b.filters;
        break;
      case 'pool':
        x = g.node(b.op === 'max' ? 'MaxPool' : 'AveragePool', name, [x], {
          kernel_shape: [b.kernel, b.kernel],
          strides: [b.stride, b.stride],
          pads: [b.padding, b.padding, b.padding, b.padding],
        });
        break;
      case 'relu':
        x = g.node('Relu', name, [x]);
        break;
      case 'bn':
        x = g.node('BatchNormalization', name, [
          x,
          g.weight(`${name}.s`, [channels], 0.5, 1.5),
          g.weight(`${name}.b`, [channels]),
          g.weight(`${name}.m`, [channels]),
          g.weight(`${name}.v`, [channels], 0.5, 1.5),
        ]);
        break;
      case 'flatten':
        x = g.node('Flatten', name, [x]);
        break;
      case 'dropout':
        x = g.node('Dropout', name, [x]);
        break;
      case 'gap':
        x = g.node('GlobalAveragePool', name, [x]);
        break;
      case 'fc': {
        // The vector's length, from the shapes of the graph built so far.
        const length = inferGraphShapes(g.build(x))
          [x].slice(1)
          .reduce((a, c) => a * c, 1);
        x = g.node(
          'Gemm',
          name,
          [x, g.weight(`${name}.w`, [b.units, length]), g.weight(`${name}.b`, [b.units])],
          {
            transB: 1,
          },
        );
        break;
      }
      default:
        throw new Error(`unexpected block ${b.kind}`);
    }
  });
  return g.build(x, { name: text });
}

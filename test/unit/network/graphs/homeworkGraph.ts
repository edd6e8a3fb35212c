/**
 * The homework network (28x28x1 -> CONV3-10 pad 1 -> [BN] -> ReLU -> POOL2 -> CONV3-10 pad 1 ->
 * [BN] -> ReLU -> POOL2 -> FLATTEN -> [DROPOUT] -> FC-10) as a ModelGraph with seeded random
 * weights, built through the IR as an imported model would be. Shared by the tests and the bench.
 */
import type { ModelGraph } from '../../../../main/service/network/modelGraph.js';
import { GraphBuilder } from './graphBuilder.js';

export interface HomeworkGraphOptions {
  batchNorm?: boolean;
  dropout?: boolean;
  seed?: number;
  opset?: number;
}

export function homeworkGraph(options: HomeworkGraphOptions = {}): ModelGraph {
  const g = new GraphBuilder('input', [1, 1, 28, 28], options.seed ?? 1, options.opset ?? 13);
  let x = 'input';
  for (const [i, c] of [
    [1, 1],
    [2, 10],
  ] as const) {
    const bound = 1 / Math.sqrt(9 * c);
    x = g.node(
      'Conv',
      `conv${i}`,
      [
        x,
        g.weight(`conv${i}.weight`, [10, c, 3, 3], -bound, bound),
        g.weight(`conv${i}.bias`, [10], -bound, bound),
      ],
      {
        kernel_shape: [3, 3],
        pads: [1, 1, 1, 1],
        strides: [1, 1],
      },
    );
    if (options.batchNorm)
      x = g.node(
        'BatchNormalization',
        `bn${i}`,
        [
          x,
          g.weight(`bn${i}.weight`, [10], 0.5, 1.5),
          g.weight(`bn${i}.bias`, [10], -0.5, 0.5),
          g.weight(`bn${i}.running_mean`, [10], -0.2, 0.2),
          g.weight(`bn${i}.running_var`, [10], 0.5, 2),
        ],
        { epsilon: { float: 1e-5 } },
      );
    x = g.node('Relu', `relu${i}`, [x]);
    x = g.node('MaxPool', `pool${i}`, [x], { kernel_shape: [2, 2], strides: [2, 2] });
  }
  x = g.node('Flatten', 'flatten', [x], { axis: 1 });
  if (options.dropout) x = g.node('Dropout', 'dropout', [x]);
  const bound = 1 / Math.sqrt(490);
  x = g.node(
    'Gemm',
    'fc',
    [x, g.weight('fc.weight', [10, 490], -bound, bound), g.weight('fc.bias', [10], -bound, bound)],
    {
      transB: 1,
    },
  );
  return g.build(x, { name: 'homework', classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
}

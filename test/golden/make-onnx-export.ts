/**
 * Writes test/fixtures/onnx/exported/: files made by Convscope's exportOnnx, for the ONNX checker
 * (test/golden/check_onnx_export.py, run by hand: CI has no Python) and for the unit tests, which
 * check that exporting again gives the same bytes.
 *
 * - <fixture>.onnx: each PyTorch fixture imported and exported again;
 * - all_ops_op13.onnx: a small graph using every op Convscope runs (Dropout, Identity, Flatten and
 *   a Constant node too, which no PyTorch export in eval mode contains), seeded weights, classes.
 *
 * Run `npx tsx test/golden/make-onnx-export.ts`, then `/usr/bin/python3 test/golden/check_onnx_export.py`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { FloatTensor, ModelGraph } from '../../main/service/network/modelGraph.js';
import { exportOnnx, importOnnx } from '../../main/service/network/onnx/index.js';
import { mulberry32 } from '../helpers/random.js';

const FIXTURES = new URL('../fixtures/onnx/', import.meta.url);
const OUT = new URL('exported/', FIXTURES);

/** The PyTorch fixtures that are exported again (one per model and opset family). */
const REEXPORTED = [
  'homework_op9',
  'homework_bnkept_op13',
  'homework_dynbatch_op13',
  'opsnet_op9',
  'opsnet_op17',
];

const rng = mulberry32(20241106);
function floats(dims: number[], scale = 0.5): FloatTensor {
  const n = dims.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = (rng() * 2 - 1) * scale;
  return { kind: 'float', dims, data };
}

/** Input 1x2x6x6 → every supported op once → 3 class probabilities. */
function allOpsGraph(): ModelGraph {
  const node = (
    name: string,
    op: ModelGraph['nodes'][number]['op'],
    inputs: string[],
    outputs: string[],
    attributes = {},
  ) => ({
    name,
    op,
    inputs,
    outputs,
    attributes,
  });
  return {
    name: 'all_ops',
    input: { name: 'x', dims: [1, 2, 6, 6] },
    output: 'probs',
    opset: 13,
    classes: ['circle', 'square', 'triangle'],
    initializers: {
      'conv.w': floats([4, 2, 3, 3]),
      'conv.b': floats([4]),
      'bn.scale': floats([4], 1),
      'bn.bias': floats([4]),
      'bn.mean': floats([4]),
      'bn.var': { kind: 'float', dims: [4], data: Float32Array.from([0.5, 1, 1.5, 2]) },
      pads: { kind: 'int', dims: [8], data: [0, 0, 1, 1, 0, 0, 1, 1] },
      shape: { kind: 'int', dims: [2], data: [1, -1] },
      'fc.w': floats([4, 36]),
      'fc.b': floats([4]),
      proj: floats([4, 3]),
    },
    nodes: [
      node('conv', 'Conv', ['x', 'conv.w', 'conv.b'], ['c'], {
        kernel_shape: { type: 'ints', value: [3, 3] },
        pads: { type: 'ints', value: [1, 1, 1, 1] },
        strides: { type: 'ints', value: [1, 1] },
      }),
      node('bn', 'BatchNormalization', ['c', 'bn.scale', 'bn.bias', 'bn.mean', 'bn.var'], ['b'], {
        epsilon: { type: 'float', value: 1e-5 },
      }),
      node('relu', 'Relu', ['b'], ['r']),
      node('dropout', 'Dropout', ['r'], ['d']),
      node('identity', 'Identity', ['d'], ['i']),
      node('maxpool', 'MaxPool', ['i'], ['m'], {
        kernel_shape: { type: 'ints', value: [2, 2] },
        strides: { type: 'ints', value: [2, 2] },
      }),
      node('pad', 'Pad', ['m', 'pads'], ['p'], { mode: { type: 'string', value: 'reflect' } }),
      node('avgpool', 'AveragePool', ['p'], ['a'], {
        kernel_shape: { type: 'ints', value: [3, 3] },
        count_include_pad: { type: 'int', value: 1 },
        pads: { type: 'ints', value: [1, 1, 1, 1] },
        strides: { type: 'ints', value: [2, 2] },
      }),
      node('offset', 'Constant', [], ['k'], { value: { type: 'tensor', value: floats([1, 4, 1, 1]) } }),
      node('add_offset', 'Add', ['a', 'k'], ['ak']),
      node('flatten', 'Flatten', ['ak'], ['f'], { axis: { type: 'int', value: 1 } }),
      node('reshape', 'Reshape', ['f', 'shape'], ['f2']),
      node('fc', 'Gemm', ['f2', 'fc.w', 'fc.b'], ['g'], {
        alpha: { type: 'float', value: 1 },
        beta: { type: 'float', value: 1 },
        transB: { type: 'int', value: 1 },
      }),
      node('gap', 'GlobalAveragePool', ['m'], ['gp']),
      node('gap_flat', 'Flatten', ['gp'], ['gf']),
      node('residual', 'Add', ['g', 'gf'], ['s']),
      node('project', 'MatMul', ['s', 'proj'], ['logits']),
      node('softmax', 'Softmax', ['logits'], ['probs'], { axis: { type: 'int', value: -1 } }),
    ],
  };
}

mkdirSync(OUT, { recursive: true });
for (const name of REEXPORTED) {
  const graph = importOnnx(new Uint8Array(readFileSync(new URL(`${name}.onnx`, FIXTURES))));
  writeFileSync(new URL(`${name}.onnx`, OUT), exportOnnx(graph));
}
writeFileSync(new URL('all_ops_op13.onnx', OUT), exportOnnx(allOpsGraph()));
console.log(`wrote ${REEXPORTED.length + 1} files to ${OUT.pathname}`);

/**
 * A test-side interpreter for the ops the homework graph uses, batched, on the kernel library's
 * validated front: it reads every attribute from the graph's nodes (pads, strides, epsilon, transB
 * ...), so running a graph through it checks that the IR says what the trainer computed. Anything
 * outside the homework's ops or attribute values fails loudly instead of being guessed.
 */
import {
  batchNormEval,
  conv2d,
  linear,
  maxPool2d,
  relu,
  type Tensor,
} from '../../../native-kernels/index.js';
import type { AttributeValue, FloatTensor, ModelGraph } from '../../../main/service/network/modelGraph.js';

function ints(attrs: Record<string, AttributeValue>, name: string): number[] {
  const a = attrs[name];
  if (a?.type !== 'ints') throw new Error(`Expected ints for ${name} but received ${a?.type}`);
  return a.value;
}

function scalar(attrs: Record<string, AttributeValue>, name: string, type: 'int' | 'float'): number {
  const a = attrs[name];
  if (a?.type !== type) throw new Error(`Expected ${type} for ${name} but received ${a?.type}`);
  return a.value as number;
}

/** Logits [n, 10] of the graph for `n` images [n, 1, 28, 28]. */
export function runHomeworkGraph(graph: ModelGraph, input: Float32Array, n: number): Float32Array {
  const values = new Map<string, Tensor>();
  values.set(graph.input.name, { data: input, shape: [n, ...graph.input.dims.slice(1)] });
  const init = (name: string): FloatTensor => {
    const t = graph.initializers[name];
    if (t?.kind !== 'float') throw new Error(`Expected a float initializer ${name}`);
    return t;
  };
  for (const node of graph.nodes) {
    const x = values.get(node.inputs[0]);
    if (x === undefined) throw new Error(`Expected ${node.inputs[0]} before ${node.name}`);
    const a = node.attributes;
    let y: Tensor;
    switch (node.op) {
      case 'Conv': {
        const [pt, pl, pb, pr] = ints(a, 'pads');
        if (pt !== pb || pl !== pr) throw new Error('asymmetric pads');
        const w = init(node.inputs[1]);
        y = conv2d(x, { data: w.data, shape: w.dims }, init(node.inputs[2]).data, {
          padding: [pt, pl],
          stride: ints(a, 'strides') as [number, number],
          dilation: ints(a, 'dilations') as [number, number],
          groups: scalar(a, 'group', 'int'),
        });
        break;
      }
      case 'BatchNormalization':
        y = batchNormEval(
          x,
          init(node.inputs[1]).data,
          init(node.inputs[2]).data,
          init(node.inputs[3]).data,
          init(node.inputs[4]).data,
          { eps: scalar(a, 'epsilon', 'float') },
        );
        break;
      case 'Relu':
        y = relu(x);
        break;
      case 'MaxPool':
        if (ints(a, 'pads').some((p) => p !== 0)) throw new Error('padded pooling');
        y = maxPool2d(x, {
          kernel: ints(a, 'kernel_shape') as [number, number],
          stride: ints(a, 'strides') as [number, number],
        }).y;
        break;
      case 'Flatten':
        if (scalar(a, 'axis', 'int') !== 1) throw new Error('flatten axis');
        y = { data: x.data, shape: [x.shape[0], x.data.length / x.shape[0]] };
        break;
      case 'Dropout':
        y = x; // inference
        break;
      case 'Gemm': {
        if (scalar(a, 'transB', 'int') !== 1 || scalar(a, 'transA', 'int') !== 0)
          throw new Error('Gemm layout');
        if (scalar(a, 'alpha', 'float') !== 1 || scalar(a, 'beta', 'float') !== 1)
          throw new Error('Gemm scale');
        const w = init(node.inputs[1]);
        y = linear(x, { data: w.data, shape: w.dims }, init(node.inputs[2]).data);
        break;
      }
      default:
        throw new Error(`Expected a homework op but received ${node.op}`);
    }
    values.set(node.outputs[0], y);
  }
  const out = values.get(graph.output);
  if (out === undefined) throw new Error(`Expected the output ${graph.output}`);
  return out.data;
}

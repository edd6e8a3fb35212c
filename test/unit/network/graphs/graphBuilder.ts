/**
 * Building ModelGraphs by hand in tests: a small fluent builder over the IR with seeded random
 * weights, so each test graph reads like the network it is.
 */
import type {
  AttributeValue,
  GraphNode,
  GraphOp,
  GraphTensor,
  ModelGraph,
} from '../../../../main/service/network/modelGraph.js';
import { mulberry32 } from '../../../helpers/random.js';

export type Attrs = Record<
  string,
  number | number[] | string | { float: number } | { floats: number[] } | GraphTensor
>;

/** Plain numbers become int/ints attributes; wrap floats as { float } / { floats }. */
export function attributes(attrs: Attrs): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'number') out[k] = { type: 'int', value: v };
    else if (typeof v === 'string') out[k] = { type: 'string', value: v };
    else if (Array.isArray(v)) out[k] = { type: 'ints', value: v };
    else if ('float' in v) out[k] = { type: 'float', value: v.float };
    else if ('floats' in v) out[k] = { type: 'floats', value: v.floats };
    else out[k] = { type: 'tensor', value: v };
  }
  return out;
}

export class GraphBuilder {
  readonly initializers: Record<string, GraphTensor> = {};
  readonly nodes: GraphNode[] = [];
  private readonly random: () => number;

  constructor(
    readonly inputName: string,
    readonly inputDims: number[],
    seed = 1,
    readonly opset = 13,
  ) {
    this.random = mulberry32(seed);
  }

  /** A float initializer with values uniform in [lo, hi) (or the values given). */
  weight(name: string, dims: number[], lo = -1, hi = 1, values?: number[]): string {
    const n = dims.reduce((a, b) => a * b, 1);
    const data = values
      ? Float32Array.from(values)
      : Float32Array.from({ length: n }, () => lo + (hi - lo) * this.random());
    this.initializers[name] = { kind: 'float', dims, data };
    return name;
  }

  ints(name: string, values: number[]): string {
    this.initializers[name] = { kind: 'int', dims: [values.length], data: values };
    return name;
  }

  /** Adds a node named `name` whose single output is also `name`. */
  node(op: GraphOp, name: string, inputs: string[], attrs: Attrs = {}, outputs: string[] = [name]): string {
    this.nodes.push({ name, op, inputs, outputs, attributes: attributes(attrs) });
    return outputs[0];
  }

  build(output: string, extra: Partial<ModelGraph> = {}): ModelGraph {
    return {
      name: 'test',
      input: { name: this.inputName, dims: this.inputDims },
      output,
      initializers: this.initializers,
      nodes: this.nodes,
      opset: this.opset,
      ...extra,
    };
  }
}

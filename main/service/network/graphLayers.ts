/**
 * graphLayers: the explorer's layer list and the homework's table 3(e) for any loaded model: per
 * layer its dims, parameters, multiply-accumulates and receptive field on the input and on every
 * earlier layer. Counting follows native-kernels/architecture.ts (batch norm counts its two
 * learned vectors, MACs are per input), so the homework network gives that table's numbers.
 */
import type { FieldGeometry, LayerInfo } from '../../../preload/networkTypes.js';
import { composeFields, identityField, layerGrid, localGeometry, unionFields } from './fieldGeometry.js';
import type { GraphPlan, PlanStep } from './graphPlan.js';
import type { ModelGraph } from './modelGraph.js';
import { planGraph } from './planGraph.js';
import { numel } from './tensorDims.js';

function parametersOf(step: PlanStep, plan: GraphPlan): { count: number; text: string } {
  switch (step.kind) {
    case 'conv': {
      const [f, cg, kh, kw] = step.weight.shape;
      const weights = `${kh}×${kw}×${cg}×${f}`;
      return step.bias === null
        ? { count: f * cg * kh * kw, text: weights }
        : { count: f * cg * kh * kw + f, text: `${weights} + ${f}` };
    }
    case 'batchNorm':
      // γ and β are learned; the running statistics are not parameters (as in the homework table).
      return { count: 2 * step.scale.length, text: `2×${step.scale.length}` };
    case 'linear': {
      const weights = `${step.k}×${step.n}`;
      const c = step.node.op === 'Gemm' ? step.node.inputs[2] : undefined;
      const cDims = c ? plan.tensors.get(c)?.dims : undefined;
      if (cDims === undefined) return { count: step.k * step.n, text: weights };
      const extra = numel(cDims);
      return { count: step.k * step.n + extra, text: `${weights} + ${extra}` };
    }
    default:
      return { count: 0, text: '0' };
  }
}

function macsOf(step: PlanStep): number {
  if (step.kind === 'conv') {
    const [f, cg, kh, kw] = step.weight.shape;
    return numel(step.outDims.slice(2)) * f * cg * kh * kw * step.outDims[0];
  }
  if (step.kind === 'linear') return step.m * step.k * step.n;
  return 0;
}

/** The layers of a planned graph. */
export function planLayers(plan: GraphPlan): LayerInfo[] {
  const { graph } = plan;
  const inputDims = [...graph.input.dims];
  const layers: LayerInfo[] = [
    {
      index: 0,
      name: graph.input.name,
      op: 'Input',
      tensor: graph.input.name,
      dims: inputDims,
      grid: layerGrid(inputDims),
      parameters: { count: 0, text: '0' },
      macs: 0,
      fields: [],
    },
  ];
  const layerOf = new Map<string, number>([[graph.input.name, 0]]);
  // Each layer's field on itself and on every layer it depends on, by layer index.
  const reachOf: Map<number, FieldGeometry>[] = [new Map([[0, identityField(layerGrid(inputDims))]])];

  for (const step of plan.steps) {
    if (step.kind === 'constant') continue;
    const index = layers.length;
    const fields = new Map<number, FieldGeometry>();
    const inputs = step.kind === 'add' ? [step.a, step.b] : [step.x];
    for (const input of inputs) {
      const a = layerOf.get(input);
      if (a === undefined) continue; // weights and constants are not layers
      const g = localGeometry(step, input, layers[a].dims);
      for (const [j, f] of reachOf[a]) {
        const via = composeFields(g, f);
        const before = fields.get(j);
        fields.set(j, before === undefined ? via : unionFields(before, via));
      }
    }
    const grid = layerGrid(step.outDims);
    layers.push({
      index,
      name: step.node.name,
      op: step.node.op,
      tensor: step.output,
      dims: [...step.outDims],
      grid,
      parameters: parametersOf(step, plan),
      macs: macsOf(step),
      fields: Array.from({ length: index }, (_, j) => fields.get(j) ?? null),
    });
    fields.set(index, identityField(grid));
    reachOf.push(fields);
    layerOf.set(step.output, index);
  }
  return layers;
}

/** Validates the graph (GraphError otherwise) and lists its layers, input first. */
export function graphLayers(graph: ModelGraph): LayerInfo[] {
  return planLayers(planGraph(graph));
}

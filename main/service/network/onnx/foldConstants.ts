/**
 * Constant folding at import: exporters compute some constants inside the graph (torch 1.13 at
 * opset 11+ writes F.pad's pads as ConstantOfShape → Concat → Reshape → Slice → Transpose →
 * Reshape → Cast, all on constants), and Convscope does not run those ops. Every node of
 * FOLDABLE_OPS whose inputs are all constant (initializers, Constant nodes, outputs of nodes
 * already folded; for Shape, also the graph input, whose dims are known) is evaluated, in file
 * order, by evaluateConstantOp, and dropped; the values kept nodes read become initializers.
 *
 * Constant nodes stay when a kept node reads them (the graph keeps its shape: Pad's value, a
 * Reshape's shape), and go when only folded nodes did; initializers only folded nodes read go too.
 * Nodes with an input computed at run time are left as they are: if Convscope does not run their
 * op, the importer refuses them by name afterwards. One pass over the nodes, each evaluated once,
 * with its cost bounded by the caps evaluateConstantOp checks.
 */
import type { GraphTensor } from '../modelGraph.js';
import type { DecodedNode } from './decodeNode.js';
import { FOLDABLE_OPS, evaluateConstantOp, type KnownValue } from './evaluateConstantOp.js';
import type { ImportContext } from './importContext.js';

export interface FoldableGraph {
  input: { name: string; dims: number[] };
  output: string;
  initializers: Record<string, GraphTensor>;
  nodes: DecodedNode[];
}

/** The graph's nodes and initializers after folding (new objects; the argument is not changed). */
export function foldConstants(
  graph: FoldableGraph,
  ctx: ImportContext,
  opset: number,
): { nodes: DecodedNode[]; initializers: Record<string, GraphTensor> } {
  const { input, output, initializers, nodes } = graph;
  const known = new Map<string, GraphTensor>(Object.entries(initializers));
  // Constant nodes by output, evaluated only when a folded node reads them: one that no folded
  // node reads is left to planGraph's checks, as before folding existed.
  const constantNodes = new Map<string, DecodedNode>();
  const readByFolded = new Set<string>();
  const folded = new Set<DecodedNode>();

  const valueOf = (name: string): GraphTensor | undefined => {
    const v = known.get(name);
    if (v !== undefined) return v;
    const c = constantNodes.get(name);
    if (c === undefined) return undefined;
    const t = evaluateConstantOp(c, [], ctx, opset);
    known.set(name, t);
    return t;
  };
  const isConstant = (name: string): boolean => known.has(name) || constantNodes.has(name);

  for (const node of nodes) {
    if (node.op === 'Constant') {
      if (node.outputs.length === 1 && node.outputs[0] !== '') constantNodes.set(node.outputs[0], node);
      continue;
    }
    if (!FOLDABLE_OPS.has(node.op) || node.outputs.includes(output)) continue;
    const ins = node.inputs;
    const foldable =
      node.op === 'Shape' && ins.length === 1 && ins[0] === input.name
        ? true
        : ins.every((i) => i === '' || isConstant(i));
    if (!foldable) continue;
    const values: Array<KnownValue | null> = ins.map((i) => {
      if (i === '') return null;
      if (i === input.name) return { kind: 'dims', dims: input.dims };
      return valueOf(i) ?? null;
    });
    known.set(node.outputs[0], evaluateConstantOp(node, values, ctx, opset));
    for (const i of ins) if (i !== '') readByFolded.add(i);
    folded.add(node);
  }
  if (folded.size === 0) return { nodes, initializers };

  // What the nodes left (and the graph output) still read.
  const kept = nodes.filter((n) => !folded.has(n));
  const needed = new Set<string>([output]);
  for (const n of kept) for (const i of n.inputs) needed.add(i);
  const finalNodes = kept.filter(
    (n) => n.op !== 'Constant' || !readByFolded.has(n.outputs[0]) || needed.has(n.outputs[0]),
  );

  const finalInitializers: Record<string, GraphTensor> = Object.create(null);
  for (const [name, t] of Object.entries(initializers)) {
    if (!readByFolded.has(name) || needed.has(name)) finalInitializers[name] = t;
  }
  for (const n of folded) {
    const name = n.outputs[0];
    const t = known.get(name);
    if (t !== undefined && needed.has(name)) finalInitializers[name] = t;
  }
  return { nodes: finalNodes, initializers: finalInitializers };
}

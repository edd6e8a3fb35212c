/**
 * inferGraphShapes: every tensor's dims, after checking that Convscope can run the whole graph
 * (see planGraph for what is checked). The ONNX importer calls it last, so a file that imports is
 * a file that runs.
 */
import type { ModelGraph } from './modelGraph.js';
import { planGraph } from './planGraph.js';

/** Dims of the input, every initializer and every node output, by tensor name. Throws GraphError. */
export function inferGraphShapes(graph: ModelGraph): Record<string, number[]> {
  const shapes: Record<string, number[]> = {};
  for (const [name, info] of planGraph(graph).tensors) shapes[name] = [...info.dims];
  return shapes;
}

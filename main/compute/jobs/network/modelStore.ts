/**
 * The models open in the compute process: each graph planned once (planGraph validates it and
 * fixes every tensor's dims), with its layer table. Ids are the client's handles; the graphs and
 * their weights never leave this process except through an export.
 */
import { randomUUID } from 'node:crypto';

import type { GraphPlan } from '../../../service/network/graphPlan.js';
import { planLayers } from '../../../service/network/graphLayers.js';
import type { ModelGraph } from '../../../service/network/modelGraph.js';
import { planGraph } from '../../../service/network/planGraph.js';
import type { ModelInfo, TrainingRecord } from '../../../../preload/networkContract.js';

/** Models one compute process keeps (a trained run adds one; the oldest trained ones go first). */
export const MAX_MODELS = 32;

export interface StoredModel {
  info: ModelInfo;
  graph: ModelGraph;
  plan: GraphPlan;
  /** The weights file it came from or was trained into (homework network only), for export. */
  weightsText: string | null;
}

const models = new Map<string, StoredModel>();

/** Plans and keeps a graph; returns what the client sees of it. */
export function storeModel(
  graph: ModelGraph,
  name: string,
  source: ModelInfo['source'],
  training: TrainingRecord | null,
  weightsText: string | null = null,
): ModelInfo {
  const plan = planGraph(graph);
  const info: ModelInfo = {
    id: randomUUID(),
    name,
    source,
    inputDims: [...graph.input.dims],
    classes: graph.classes ? [...graph.classes] : null,
    layers: planLayers(plan),
    training,
  };
  if (models.size >= MAX_MODELS) {
    const oldest = [...models.values()].find((m) => m.info.source !== 'builtin');
    if (oldest !== undefined) models.delete(oldest.info.id);
  }
  models.set(info.id, { info, graph, plan, weightsText });
  return info;
}

/** A stored model, or a clear error naming the id. */
export function getModel(id: string): StoredModel {
  const model = models.get(id);
  if (model === undefined) throw new RangeError(`Expected the id of an open model but received "${id}"`);
  return model;
}

/** Every open model's description. */
export function listModels(): ModelInfo[] {
  return [...models.values()].map((m) => m.info);
}

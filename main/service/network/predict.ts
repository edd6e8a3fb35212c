/**
 * `convscope predict`: a model run on one input, as JSON-ready data: the output tensor, the class
 * probabilities for classifiers, what was done to the input, and (on request) every layer's output
 * written as a PNG grid and a .npy file.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWriteFile, encodeImage } from '../image/index.js';
import { activationGrid } from './activationGrid.js';
import type { GraphPlan } from './graphPlan.js';
import { planLayers } from './graphLayers.js';
import { loadModel, type LoadedModel, type ModelKind } from './loadModel.js';
import { encodeNpy } from './npy.js';
import { planGraph } from './planGraph.js';
import { runPlan, type GraphRun } from './runGraph.js';
import { readModelInput } from './tensorInput.js';

export interface PredictOptions {
  /** Write every layer's output as <index>-<name>.png and .npy into this folder (created if needed). */
  activationsDir?: string;
}

export interface PredictResult {
  model: { name: string; kind: ModelKind; path: string };
  input: { shape: number[]; conversion: string };
  /** The graph output; values are the float32 results (row-major). */
  output: { shape: number[]; values: number[] };
  /** For classifiers: each class's probability, in class order. */
  probabilities?: { class: string; p: number }[];
  /** The files --activations wrote, in layer order. */
  activations?: string[];
}

/**
 * Class probabilities when the output is a classifier's: the graph names its classes, or the
 * output is [1, K] logits. A graph that ends in Softmax already gives probabilities.
 */
function probabilitiesOf(plan: GraphPlan, run: GraphRun): { class: string; p: number }[] | undefined {
  const { graph } = plan;
  const { dims, data } = run.output;
  const isLogits = dims.length === 2 && dims[0] === 1 && dims[1] >= 2;
  if (graph.classes === undefined && !isLogits) return undefined;
  const names = graph.classes ?? Array.from(data, (_, i) => String(i));
  const last = plan.steps.find((s) => s.output === graph.output);
  if (last?.kind === 'softmax') return names.map((name, i) => ({ class: name, p: data[i] }));
  // Softmax in double with the maximum subtracted, so large logits do not overflow.
  let max = -Infinity;
  for (const v of data) max = Math.max(max, v);
  const exps = Array.from(data, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return names.map((name, i) => ({ class: name, p: exps[i] / sum }));
}

/** A tensor name made safe as part of a file name. */
function fileStem(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[_.]+|_+$/g, '')
      .slice(0, 60) || 'layer'
  );
}

async function writeActivations(plan: GraphPlan, run: GraphRun, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const layers = planLayers(plan);
  const width = Math.max(2, String(layers.length - 1).length);
  const written: string[] = [];
  for (const layer of layers) {
    const value = run.tensors.get(layer.tensor);
    if (value === undefined) continue;
    const stem = join(dir, `${String(layer.index).padStart(width, '0')}-${fileStem(layer.name)}`);
    await atomicWriteFile(
      `${stem}.png`,
      await encodeImage(activationGrid(value.dims, value.data), { format: 'png' }),
    );
    await atomicWriteFile(`${stem}.npy`, encodeNpy(value.dims, value.data));
    written.push(`${stem}.png`, `${stem}.npy`);
  }
  return written;
}

/** Runs a loaded model on the input file. */
export async function predictWithModel(
  model: LoadedModel,
  inputPath: string,
  options: PredictOptions = {},
): Promise<PredictResult> {
  const plan = planGraph(model.graph);
  const input = await readModelInput(inputPath, model.graph.input.dims);
  const run = runPlan(plan, input);
  const result: PredictResult = {
    model: { name: model.graph.name, kind: model.kind, path: model.path },
    input: { shape: input.dims, conversion: input.conversion },
    output: { shape: [...run.output.dims], values: Array.from(run.output.data) },
  };
  const probabilities = probabilitiesOf(plan, run);
  if (probabilities !== undefined) result.probabilities = probabilities;
  if (options.activationsDir !== undefined)
    result.activations = await writeActivations(plan, run, options.activationsDir);
  return result;
}

/** `predict <model> <input>`: the model is 'builtin', a weights .json file or an .onnx file. */
export async function predict(
  modelArg: string,
  inputPath: string,
  options: PredictOptions = {},
): Promise<PredictResult> {
  return predictWithModel(await loadModel(modelArg), inputPath, options);
}

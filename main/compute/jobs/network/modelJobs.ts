/**
 * Network explorer jobs: open a model (the shipped one, an ONNX file, a weights file), the test
 * digits, a forward pass keeping every layer's values, a conv or FC layer's weights, the gradient
 * of one unit with respect to the input (the effective receptive field), and export.
 */
import { performance } from 'node:perf_hooks';

import type {
  DigitSample,
  ModelExportFormat,
  ModelInfo,
  NetworkInput,
  NetworkRun,
} from '../../../../preload/networkContract.js';
import { readFileSync } from 'node:fs';

import { BUILTIN_WEIGHTS_PATH } from '../../../service/network/homework/builtinModel.js';
import { parseWeightsFile } from '../../../service/network/homework/weightsFile.js';
import { inputGradient } from '../../../service/network/inputGradient.js';
import { exportOnnx } from '../../../service/network/onnx/exportOnnx.js';
import { importOnnx } from '../../../service/network/onnx/importOnnx.js';
import { runPlan } from '../../../service/network/runGraph.js';
import type { JobHandler } from '../../jobRegistry.js';
import type { JobIO } from '../../jobTypes.js';
import { mnistTestDigits } from './mnistTestDigits.js';
import { getModel, listModels, storeModel } from './modelStore.js';
import { networkInputTensor } from './networkInputTensor.js';
import { trainingRecord } from './trainingRecord.js';

export type OpenModelPayload = { builtin: true } | { name: string; bytes: Uint8Array };

declare module '../../jobTypes.js' {
  interface ComputeJobs {
    openModel: JobIO<OpenModelPayload, ModelInfo>;
    listModels: JobIO<null, ModelInfo[]>;
    mnistDigits: JobIO<
      { label: number | null; offset: number; count: number },
      { total: number; digits: DigitSample[] }
    >;
    runModel: JobIO<{ id: string; input: NetworkInput }, NetworkRun>;
    modelWeights: JobIO<{ id: string; layer: number }, { dims: number[]; data: Float32Array } | null>;
    modelGradient: JobIO<
      { id: string; input: NetworkInput; layer: number; unit: { channel: number; y: number; x: number } },
      { dims: number[]; data: Float32Array; maxAbs: number }
    >;
    exportModel: JobIO<{ id: string; format: ModelExportFormat }, { fileName: string; bytes: Uint8Array }>;
  }
}

let builtin: ModelInfo | null = null;

export const openModel: JobHandler<OpenModelPayload, ModelInfo> = (payload) => {
  if ('builtin' in payload) {
    if (builtin === null) {
      const text = readFileSync(BUILTIN_WEIGHTS_PATH, 'utf8');
      const file = parseWeightsFile(text);
      const name = 'Homework CNN (built in)';
      builtin = storeModel(file.graph, name, 'builtin', trainingRecord(file.manifest), text);
    }
    return builtin;
  }
  const { name, bytes } = payload;
  // A weights file is JSON (starts with '{'); anything else is read as ONNX protobuf.
  const text = bytes[0] === 0x7b ? new TextDecoder('utf-8', { fatal: true }).decode(bytes) : null;
  if (text !== null) {
    const file = parseWeightsFile(text);
    return storeModel(file.graph, name, 'weights', trainingRecord(file.manifest), text);
  }
  return storeModel(importOnnx(bytes), name, 'onnx', null);
};

export const listModelsJob: JobHandler<null, ModelInfo[]> = () => listModels();

export const mnistDigits: JobHandler<
  { label: number | null; offset: number; count: number },
  { total: number; digits: DigitSample[] }
> = ({ label, offset, count }) => mnistTestDigits(label, offset, count);

export const runModel: JobHandler<{ id: string; input: NetworkInput }, NetworkRun> = async ({
  id,
  input,
}) => {
  const model = getModel(id);
  const fed = await networkInputTensor(input, model.info.inputDims);
  const t0 = performance.now();
  const run = runPlan(model.plan, { dims: fed.dims, data: fed.data });
  const ms = performance.now() - t0;
  const activations = model.info.layers.map((layer, i) => {
    const t = i === 0 ? { dims: fed.dims, data: fed.data } : run.tensors.get(layer.tensor);
    if (t === undefined) throw new Error(`the forward pass computed no tensor '${layer.tensor}'`);
    let min = Infinity;
    let max = -Infinity;
    for (const v of t.data) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return { dims: [...t.dims], data: Float32Array.from(t.data), min, max };
  });
  return {
    input: { dims: fed.dims, data: fed.data, conversion: fed.conversion, photo: fed.photo },
    activations,
    probabilities: model.info.classes === null ? null : softmax(run.output.data),
    ms,
  };
};

function softmax(logits: Float32Array): number[] {
  const max = Math.max(...logits);
  const e = Array.from(logits, (v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export const modelWeights: JobHandler<
  { id: string; layer: number },
  { dims: number[]; data: Float32Array } | null
> = ({ id, layer }) => {
  const model = getModel(id);
  const info = model.info.layers[layer];
  if (info === undefined)
    throw new RangeError(`Expected a layer index below ${model.info.layers.length} but received ${layer}`);
  const node = model.graph.nodes.find((n) => n.outputs[0] === info.tensor);
  if (node === undefined || (node.op !== 'Conv' && node.op !== 'Gemm' && node.op !== 'MatMul')) return null;
  const weight = model.graph.initializers[node.inputs[1]];
  return weight?.kind === 'float' ? { dims: [...weight.dims], data: Float32Array.from(weight.data) } : null;
};

export const modelGradient: JobHandler<
  { id: string; input: NetworkInput; layer: number; unit: { channel: number; y: number; x: number } },
  { dims: number[]; data: Float32Array; maxAbs: number }
> = async ({ id, input, layer, unit }) => {
  const model = getModel(id);
  const info = model.info.layers[layer];
  if (info === undefined || layer === 0)
    throw new RangeError(
      `Expected a layer index from 1 to ${model.info.layers.length - 1} but received ${layer}`,
    );
  const fed = await networkInputTensor(input, model.info.inputDims);
  // A map [N, C, H, W] is indexed by channel and position; anything else by its flat position x.
  const index =
    info.dims.length === 4
      ? [0, unit.channel, unit.y, unit.x]
      : info.dims.map((_, i) => (i === info.dims.length - 1 ? unit.x : 0));
  const g = inputGradient(model.graph, { dims: fed.dims, data: fed.data }, { tensor: info.tensor, index });
  let maxAbs = 0;
  for (const v of g.data) maxAbs = Math.max(maxAbs, Math.abs(v));
  return { dims: g.dims, data: g.data, maxAbs };
};

export const exportModel: JobHandler<
  { id: string; format: ModelExportFormat },
  { fileName: string; bytes: Uint8Array }
> = ({ id, format }) => {
  const model = getModel(id);
  const stem = model.info.name.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-') || 'model';
  if (format === 'onnx') return { fileName: `${stem}.onnx`, bytes: exportOnnx(model.graph) };
  if (model.weightsText === null)
    throw new RangeError(
      `Expected a homework-network model for a weights export but '${model.info.name}' came from ONNX (export it as ONNX)`,
    );
  return { fileName: `${stem}.json`, bytes: new TextEncoder().encode(model.weightsText) };
};

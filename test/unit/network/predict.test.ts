// predict end to end: loading a model by argument ('builtin', a weights file, an ONNX file),
// reading its input, the output and class probabilities, and --activations' PNG grids and .npy
// files.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImage } from '../../../main/service/image/index.js';
import { activationGrid } from '../../../main/service/network/activationGrid.js';
import { BUILTIN_WEIGHTS_PATH } from '../../../main/service/network/homework/builtinModel.js';
import { loadModel, modelKind } from '../../../main/service/network/loadModel.js';
import type { ModelGraph } from '../../../main/service/network/modelGraph.js';
import { ModelInputError } from '../../../main/service/network/modelInputError.js';
import { exportOnnx } from '../../../main/service/network/onnx/exportOnnx.js';
import { predict, predictWithModel } from '../../../main/service/network/predict.js';
import { runGraph } from '../../../main/service/network/runGraph.js';
import { mulberry32, randomTensor } from '../../helpers/random.js';
import { GraphBuilder } from './graphs/graphBuilder.js';
import { homeworkGraph } from './graphs/homeworkGraph.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convscope-predict-test-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** A JSON tensor file of seeded values in [0, 1) for dims; returns its path and the values. */
async function tensorFile(
  name: string,
  dims: number[],
  seed = 1,
): Promise<{ path: string; data: Float32Array }> {
  const { data } = randomTensor(mulberry32(seed), dims, 0, 1);
  const path = join(dir, name);
  await writeFile(path, JSON.stringify({ shape: dims, data: Array.from(data) }));
  return { path, data };
}

const asModel = (graph: ModelGraph) => ({ kind: 'onnx' as const, path: 'in-memory.onnx', graph });

describe('predict', () => {
  it("runs the model on a JSON tensor: the output is runGraph's and the probabilities its softmax", async () => {
    const graph = homeworkGraph({ batchNorm: true, seed: 4 });
    const { path, data } = await tensorFile('digit.json', [1, 1, 28, 28]);
    const result = await predictWithModel(asModel(graph), path);
    const expected = runGraph(graph, { dims: [1, 1, 28, 28], data }).output.data;
    expect(result.model).toEqual({ name: 'homework', kind: 'onnx', path: 'in-memory.onnx' });
    expect(result.input).toEqual({
      shape: [1, 1, 28, 28],
      conversion: 'digit.json: a JSON tensor [1, 1, 28, 28], used as given',
    });
    expect(result.output).toEqual({ shape: [1, 10], values: Array.from(expected) });
    const probabilities = result.probabilities ?? [];
    expect(probabilities.map((p) => p.class)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(probabilities.reduce((s, p) => s + p.p, 0)).toBeCloseTo(1, 12);
    // p_i / p_j = exp(z_i - z_j).
    expect(probabilities[3].p / probabilities[7].p).toBeCloseTo(Math.exp(expected[3] - expected[7]), 10);
    expect(result.activations).toBeUndefined();
  });

  it('does not apply softmax twice to a graph ending in Softmax, and gives none for a non-classifier output', async () => {
    const g = new GraphBuilder('x', [1, 4], 1, 13);
    const soft = g.build(
      g.node('Softmax', 'soft', [g.node('Gemm', 'fc', ['x', g.weight('w', [3, 4])], { transB: 1 })]),
    );
    const { path } = await tensorFile('v4.json', [1, 4]);
    const r = await predictWithModel(asModel(soft), path);
    expect(r.probabilities?.map((p) => p.p)).toEqual(r.output.values);
    const m = new GraphBuilder('x', [1, 2, 3, 3], 1, 13);
    const map = m.build(m.node('Relu', 'relu', ['x']));
    const { path: mapPath } = await tensorFile('map.json', [1, 2, 3, 3]);
    const r2 = await predictWithModel(asModel(map), mapPath);
    expect(r2.probabilities).toBeUndefined();
    expect(r2.output.shape).toEqual([1, 2, 3, 3]);
  });

  it("refuses an input whose dims are not the model's, naming both", async () => {
    const { path } = await tensorFile('wrong.json', [1, 3, 28, 28]);
    await expect(predictWithModel(asModel(homeworkGraph()), path)).rejects.toThrow(
      "Expected input dims [1, 1, 28, 28] for graph input 'input' but received [1, 3, 28, 28]",
    );
  });

  it('writes every layer as a PNG grid and a .npy file with --activations', async () => {
    const out = join(dir, 'acts');
    const graph = homeworkGraph({ batchNorm: true, dropout: true });
    const result = await predictWithModel(asModel(graph), join(PHOTOS, 'camera.png'), {
      activationsDir: out,
    });
    expect(result.input.conversion).toMatch(/^camera\.png 512×512 gray 8-bit → /);
    const names = [
      'input',
      'conv1',
      'bn1',
      'relu1',
      'pool1',
      'conv2',
      'bn2',
      'relu2',
      'pool2',
      'flatten',
      'dropout',
      'fc',
    ];
    expect(result.activations).toEqual(
      names.flatMap((n, i) =>
        [`${String(i).padStart(2, '0')}-${n}.png`, `${String(i).padStart(2, '0')}-${n}.npy`].map((f) =>
          join(out, f),
        ),
      ),
    );
    // conv1: ten 28×28 maps in a 4×3 grid with 1-pixel separators.
    const png = await loadImage(join(out, '01-conv1.png'));
    expect([png.width, png.height, png.channels]).toEqual([4 * 28 + 3, 3 * 28 + 2, 3]);
    const npy = await readFile(join(out, '11-fc.npy'));
    const offset = 10 + (npy[8] | (npy[9] << 8));
    const logits = new Float32Array(npy.buffer.slice(npy.byteOffset + offset, npy.byteOffset + npy.length));
    expect(Array.from(logits)).toEqual(result.output.values);
  });
});

const PHOTOS = new URL('../../fixtures/photos/', import.meta.url).pathname;

describe('activationGrid', () => {
  it('scales each map to its own range and separates maps by one pixel', () => {
    // Two 2×2 maps: one from 0 to 3, one constant (shown black); a 2×1 grid of them.
    const image = activationGrid([1, 2, 2, 2], Float32Array.of(0, 1, 2, 3, 5, 5, 5, 5));
    expect([image.width, image.height]).toEqual([5, 2]);
    const gray = (x: number, y: number): number[] =>
      Array.from(image.data.subarray(3 * (y * 5 + x), 3 * (y * 5 + x) + 3));
    expect([gray(0, 0), gray(1, 0), gray(0, 1), gray(1, 1)]).toEqual([
      [0, 0, 0],
      [85, 85, 85],
      [170, 170, 170],
      [255, 255, 255],
    ]);
    expect(gray(2, 0)).toEqual([20, 40, 110]); // separator
    expect(gray(3, 1)).toEqual([0, 0, 0]); // constant map
    // A vector is one strip.
    const strip = activationGrid([1, 3], Float32Array.of(-1, 0, 1));
    expect([strip.width, strip.height]).toEqual([3, 1]);
    expect(Array.from(strip.data)).toEqual([0, 0, 0, 128, 128, 128, 255, 255, 255]);
  });
});

describe('loadModel', () => {
  it('tells the three kinds of model argument apart', () => {
    expect(['builtin', 'a/b.onnx', 'W.JSON', 'model.pt', 'builtin.txt'].map(modelKind)).toEqual([
      'builtin',
      'onnx',
      'weights',
      null,
      null,
    ]);
  });

  it("loads 'builtin', a copy of it as a weights file, and an ONNX export, all runnable", async () => {
    const builtin = await loadModel('builtin');
    expect(builtin).toMatchObject({ kind: 'builtin', path: BUILTIN_WEIGHTS_PATH });
    expect(builtin.graph.input.dims).toEqual([1, 1, 28, 28]);
    const copy = join(dir, 'weights.json');
    await copyFile(BUILTIN_WEIGHTS_PATH, copy);
    const weights = await loadModel(copy);
    expect(weights.kind).toBe('weights');
    const input = { dims: [1, 1, 28, 28], data: randomTensor(mulberry32(2), [1, 1, 28, 28], 0, 1).data };
    expect(runGraph(weights.graph, input).output.data).toEqual(runGraph(builtin.graph, input).output.data);

    const graph = homeworkGraph({ batchNorm: true, seed: 8 });
    const onnxPath = join(dir, 'net.onnx');
    await writeFile(onnxPath, exportOnnx(graph));
    const onnx = await loadModel(onnxPath);
    expect(onnx.kind).toBe('onnx');
    expect(runGraph(onnx.graph, input).output.data).toEqual(runGraph(graph, input).output.data);
    const viaPredict = await predict(onnxPath, join(PHOTOS, 'camera.png'));
    expect(viaPredict.model.kind).toBe('onnx');
    expect(viaPredict.probabilities).toHaveLength(10);
  });

  it('names the file when a model cannot be loaded', async () => {
    await expect(loadModel('model.pt')).rejects.toThrow(ModelInputError);
    await expect(loadModel('model.pt')).rejects.toThrow(
      "Expected 'builtin', a weights .json file or an .onnx file for the model but received 'model.pt'",
    );
    const broken = join(dir, 'broken.onnx');
    await writeFile(broken, Uint8Array.of(0x08, 0x07, 0x12, 0xff, 0xff));
    await expect(loadModel(broken)).rejects.toThrow(/^broken\.onnx: /);
    await expect(loadModel(join(dir, 'missing.onnx'))).rejects.toThrow(
      'Expected an ONNX file but received missing.onnx, which was not found',
    );
    await writeFile(join(dir, 'bad.json'), '{"format": "something else"}');
    await expect(loadModel(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json/);
  });
});

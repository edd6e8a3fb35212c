// The network channels end to end through the shared handlers and a real compute process: the
// shipped model opens with its layer table, test digits browse by class, a forward pass returns
// every layer (equal to the in-process run of the same graph) and sensible probabilities, a drawn
// digit and a photo feed it, the input gradient of a unit lives inside that unit's receptive field,
// ONNX and weights exports reopen to the same outputs, and a training run reports its epochs,
// becomes a model, and keeps its best weights when cancelled.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserApi } from './browserApi.js';
import { validateRequest } from '../../../main/api/validateRequest.js';
import { loadBuiltinModel } from '../../../main/service/network/homework/builtinModel.js';
import { runGraph } from '../../../main/service/network/runGraph.js';
import type { ModelInfo, TrainSettings, TrainStatus } from '../../../preload/contract.js';
import { unitReceptiveRect } from '../../../preload/networkTypes.js';

const api = browserApi();
let model: ModelInfo;

beforeAll(async () => {
  model = await api['network:builtin'](null);
});

const SETTINGS: TrainSettings = {
  epochs: 1,
  optimizer: 'adam',
  learningRate: 0.01,
  momentum: 0.9,
  weightDecay: 0,
  lrDecay: 1,
  batchSize: 64,
  batchNorm: true,
  dropout: 0,
  initScale: null,
  seed: 7,
};

async function until(taskId: string, done: (s: TrainStatus) => boolean): Promise<TrainStatus> {
  for (;;) {
    const s = await api['train:status']({ taskId });
    if (done(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('network channels', () => {
  it('open the shipped model once, with its layer table and provenance', async () => {
    expect(model.source).toBe('builtin');
    expect(model.inputDims).toEqual([1, 1, 28, 28]);
    expect(model.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(model.layers[0].op).toBe('Input');
    expect(model.layers.at(-1)?.dims).toEqual([1, 10]);
    // The homework table: conv1 3·3·1·10 + 10, conv2 3·3·10·10 + 10, fc 490·10 + 10, and γ, β per
    // channel of each batch norm.
    const bn = model.training!.settings.batchNorm ? 2 * 10 * 2 : 0;
    expect(model.layers.reduce((n, l) => n + l.parameters.count, 0)).toBe(100 + 910 + 4910 + bn);
    expect(model.layers.reduce((n, l) => n + l.macs, 0)).toBe(9 * 10 * 784 + 90 * 10 * 196 + 4900);
    expect(model.training?.testAccuracy).toBeGreaterThanOrEqual(0.97);
    expect((await api['network:builtin'](null)).id).toBe(model.id);
  });

  it('browse test digits by class', async () => {
    let total = 0;
    for (let label = 0; label <= 9; label++) {
      const page = await api['network:digits']({ label, offset: 0, count: 5 });
      expect(page.digits.every((d) => d.label === label && d.pixels.length === 784)).toBe(true);
      total += page.total;
    }
    expect(total).toBe(2000);
    expect((await api['network:digits']({ label: null, offset: 1990, count: 50 })).digits).toHaveLength(10);
  });

  it('run a test digit: every layer, as the in-process forward, and the right class', async () => {
    const graph = loadBuiltinModel().graph;
    const page = await api['network:digits']({ label: null, offset: 0, count: 40 });
    let right = 0;
    for (const digit of page.digits) {
      const run = await api['network:run']({
        modelId: model.id,
        input: { kind: 'digit', index: digit.index },
      });
      expect(run.activations).toHaveLength(model.layers.length);
      run.activations.forEach((a, i) => expect(a.dims).toEqual(model.layers[i].dims));
      const p = run.probabilities!;
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      if (p.indexOf(Math.max(...p)) === digit.label) right++;
      const local = runGraph(graph, {
        dims: [1, 1, 28, 28],
        data: Float32Array.from(digit.pixels, (v) => v / 255),
      });
      for (const [i, layer] of model.layers.entries())
        if (i > 0) expect(run.activations[i].data).toEqual(local.tensors.get(layer.tensor)!.data);
      expect(run.input.conversion).toContain(`a ${digit.label}`);
    }
    expect(right).toBeGreaterThanOrEqual(37);
  });

  it('run a drawn digit and a photo, stating the conversion', async () => {
    const pixels = new Uint8Array(784);
    for (let y = 4; y < 24; y++) pixels[y * 28 + 14] = 255; // a vertical stroke: a one
    const drawn = await api['network:run']({ modelId: model.id, input: { kind: 'drawn', pixels } });
    expect(drawn.probabilities!.indexOf(Math.max(...drawn.probabilities!))).toBe(1);
    const bytes = new Uint8Array(readFileSync('test/fixtures/photos/chelsea.png'));
    const photo = await api['network:run']({
      modelId: model.id,
      input: { kind: 'photo', name: 'chelsea.png', bytes },
    });
    expect(photo.input.dims).toEqual([1, 1, 28, 28]);
    expect(photo.input.photo).toMatchObject({
      width: 451,
      height: 300,
      crop: { x: 75, y: 0, width: 300, height: 300 },
    });
    expect(photo.input.conversion).toMatch(
      /centre-cropped to 300×300 at \(75, 0\) → gray .* → resized to 28×28/,
    );
    // A dark digit on white paper is inverted to MNIST's light-on-dark, and the conversion says so.
    const paper = new Uint8Array(56 * 56).fill(255);
    for (let y = 8; y < 48; y++) for (let x = 26; x < 30; x++) paper[y * 56 + x] = 0;
    const png = await sharp(paper, { raw: { width: 56, height: 56, channels: 1 } })
      .png()
      .toBuffer();
    const ink = await api['network:run']({
      modelId: model.id,
      input: { kind: 'photo', name: 'paper.png', bytes: new Uint8Array(png) },
    });
    expect(ink.input.conversion).toMatch(/inverted \(light background\)$/);
    expect(Math.max(...ink.input.data.subarray(14 * 28, 15 * 28))).toBeGreaterThan(0.8);
    expect(ink.input.data[0]).toBeCloseTo(0, 5);
    expect(ink.probabilities!.indexOf(Math.max(...ink.probabilities!))).toBe(1);
    expect(() =>
      validateRequest('network:run', {
        modelId: model.id,
        input: { kind: 'drawn', pixels: new Uint8Array(100) },
      }),
    ).toThrow(/784 bytes/);
  });

  it("a unit's input gradient is zero outside its receptive field", async () => {
    const input = { kind: 'digit' as const, index: 3 };
    const run = await api['network:run']({ modelId: model.id, input });
    let checked = 0;
    for (const [layer, info] of model.layers.entries()) {
      if (layer === 0 || info.dims.length !== 4) continue;
      // The most active unit of the layer (a dead ReLU would have no gradient at all).
      const a = run.activations[layer].data;
      const best = a.indexOf(Math.max(...a));
      const [, , h, w] = info.dims;
      const unit = { channel: Math.floor(best / (h * w)), y: Math.floor(best / w) % h, x: best % w };
      const g = await api['network:inputGradient']({ modelId: model.id, input, layer, unit });
      expect(g.dims).toEqual([1, 1, 28, 28]);
      expect(g.maxAbs, info.name).toBeGreaterThan(0);
      const rect = unitReceptiveRect(info.fields[0]!, { y: unit.y, x: unit.x }, [28, 28]).clipped!;
      let outside = 0;
      for (let r = 0; r < 28; r++)
        for (let c = 0; c < 28; c++)
          if (
            (r < rect.top || r > rect.bottom || c < rect.left || c > rect.right) &&
            g.data[r * 28 + c] !== 0
          )
            outside++;
      expect(outside, `${info.name} (${unit.y}, ${unit.x})`).toBe(0);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('export as ONNX and as weights, reopen, same outputs', async () => {
    const input = { kind: 'digit' as const, index: 11 };
    const before = await api['network:run']({ modelId: model.id, input });
    for (const format of ['onnx', 'weights'] as const) {
      const file = await api['network:export']({ modelId: model.id, format });
      const reopened = await api['network:openModel']({ name: file.fileName, bytes: file.bytes! });
      expect(reopened.source).toBe(format);
      const after = await api['network:run']({ modelId: reopened.id, input });
      expect(after.activations.at(-1)!.data).toEqual(before.activations.at(-1)!.data);
    }
    await expect(
      api['network:openModel']({ name: 'junk.onnx', bytes: new Uint8Array([1, 2, 3]) }),
    ).rejects.toThrow();
  });

  it('train one epoch: curves, then a model that runs', async () => {
    const first = await api['train:start']({ taskId: 'train-a', settings: SETTINGS });
    expect(first.progress.state).toBe('running');
    const done = await until('train-a', (s) => s.progress.state !== 'running');
    expect(done.progress.state).toBe('done');
    expect(done.epochs).toHaveLength(1);
    expect(done.epochs[0].testAccuracy).toBeGreaterThan(0.8);
    expect(done.best).toEqual({ epoch: 1, testAccuracy: done.epochs[0].testAccuracy });
    // Every mini-batch's loss is in the history: 125 batches of 64 in equal spans of the epoch,
    // whose batch-weighted mean is the epoch's training loss.
    const history = done.batchLoss;
    expect(history.reduce((n, p) => n + p.batches, 0)).toBe(125);
    expect(history.length).toBeGreaterThan(100);
    expect(history.every((p, i) => p.x > 0 && p.x <= 1 && (i === 0 || p.x > history[i - 1].x))).toBe(true);
    expect(history.at(-1)!.x).toBe(1);
    const mean = history.reduce((s, p) => s + p.loss * p.batches, 0) / 125;
    expect(mean).toBeCloseTo(done.epochs[0].trainLoss, 6);
    const models = await api['network:models'](null);
    const trained = models.find((m) => m.id === done.modelId)!;
    expect(trained.source).toBe('trained');
    expect(trained.training?.epochs).toHaveLength(1);
    const run = await api['network:run']({ modelId: trained.id, input: { kind: 'digit', index: 0 } });
    expect(run.probabilities).toHaveLength(10);
  }, 120_000);

  it('a training run holds back neither the explorer nor a second run', async () => {
    await api['train:start']({ taskId: 'train-c', settings: { ...SETTINGS, epochs: 20 } });
    await api['train:start']({ taskId: 'train-d', settings: { ...SETTINGS, epochs: 20, seed: 8 } });
    // Side by side: the second run finishes epochs while the first still runs.
    const second = await until('train-d', (s) => s.epochs.length >= 2);
    expect(second.progress.state).toBe('running');
    expect((await api['train:status']({ taskId: 'train-c' })).progress.state).toBe('running');
    // The explorer answers meanwhile.
    const run = await api['network:run']({ modelId: model.id, input: { kind: 'digit', index: 5 } });
    expect(run.probabilities).toHaveLength(10);
    expect((await api['train:status']({ taskId: 'train-c' })).progress.state).toBe('running');
    for (const taskId of ['train-c', 'train-d']) {
      await api['task:cancel']({ taskId });
      await until(taskId, (s) => s.progress.state !== 'running');
    }
  }, 120_000);

  it('cancel keeps the best weights so far', async () => {
    await api['train:start']({ taskId: 'train-b', settings: { ...SETTINGS, epochs: 20 } });
    await until('train-b', (s) => s.epochs.length >= 1);
    expect(await api['task:cancel']({ taskId: 'train-b' })).toBe(true);
    const end = await until('train-b', (s) => s.progress.state !== 'running' && s.modelId !== null);
    expect(end.progress.state).toBe('cancelled');
    expect(end.epochs.length).toBeLessThan(20);
    const kept = (await api['network:models'](null)).find((m) => m.id === end.modelId)!;
    expect(kept.training?.testAccuracy).toBe(end.best!.testAccuracy);
  }, 120_000);
});

// The weights file: a round trip of a real training result, hostile and malformed files refused
// with messages that say what was wrong, and the shipped network scoring at least 97 % on the
// 2,000 test digits through its graph.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILTIN_WEIGHTS_PATH,
  loadBuiltinModel,
} from '../../../main/service/network/homework/builtinModel.js';
import { homeworkTensorSpecs } from '../../../main/service/network/homework/homeworkArchitecture.js';
import {
  MAX_WEIGHTS_FILE_BYTES,
  parseWeightsFile,
  readWeightsFile,
  weightsFileText,
  writeWeightsFile,
} from '../../../main/service/network/homework/weightsFile.js';
import { loadMnist, splitMnist } from '../../../main/service/network/mnist/loadMnist.js';
import { trainNetwork } from '../../../main/service/network/train/trainNetwork.js';
import type { TrainResult } from '../../../main/service/network/train/trainResult.js';
import { DEFAULT_TRAIN_SETTINGS } from '../../../main/service/network/train/trainSettings.js';
import { runHomeworkGraph } from './homeworkGraphForward.js';

let dir: string;
let result: TrainResult;
let text: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'convscope-weights-'));
  result = trainNetwork({ epochs: 2, trainSamples: 400, testSamples: 200, batchSize: 40 });
  text = weightsFileText(result);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DELETE = Symbol('delete');

/** The file's text with the field at `where` (keys from the top) replaced, or deleted. */
function edited(where: (string | number)[], value: unknown): string {
  const file = JSON.parse(text) as Record<string | number, unknown>;
  let parent = file;
  for (const key of where.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = where[where.length - 1];
  if (value === DELETE) delete parent[last];
  else parent[last] = value;
  return JSON.stringify(file);
}

const base64Of = (values: number[]): string =>
  Buffer.from(Float32Array.from(values).buffer).toString('base64');

describe('the weights file', () => {
  it('round-trips the weights bit for bit and the manifest', async () => {
    const file = path.join(dir, 'net.json');
    await writeWeightsFile(file, result);
    // Atomic: no temporary file is left next to it.
    expect(readdirSync(dir)).toEqual(['net.json']);
    const { manifest, graph } = readWeightsFile(file);
    for (const spec of homeworkTensorSpecs(result.architecture)) {
      const stored = graph.initializers[spec.name];
      expect(stored.dims, spec.name).toEqual(spec.dims);
      expect(new Uint32Array((stored.data as Float32Array).buffer)).toEqual(
        new Uint32Array(result.weights[spec.name].buffer),
      );
    }
    expect(manifest.settings).toEqual(result.settings);
    expect(manifest.epochs).toEqual(result.epochs);
    expect(manifest).toMatchObject({
      model: 'homework-cnn',
      architecture: { batchNorm: true, dropout: 0.3 },
      data: { splitSeed: 1, trainDigits: 400, testDigits: 200, digits: 10_000 },
      seed: 1,
      bestEpoch: result.bestEpoch,
      testAccuracy: result.testAccuracy,
      stopped: 'completed',
    });
    expect(readFileSync(file).length).toBeLessThan(60_000);
  });

  it.each([
    ['not JSON', () => '{"format": ', /^Expected JSON but received a parse error/],
    ['an array', () => '[]', 'Expected an object for the weights file but received []'],
    [
      'another format',
      () => edited(['format'], 'onnx'),
      'Expected format "convscope-weights" but received "onnx"',
    ],
    ['a newer version', () => edited(['version'], 2), 'Expected version 1 but received 2'],
    [
      'an extra top-level key',
      () => edited(['extra'], 1),
      `Expected only "format", "version", "manifest", "tensors" in the weights file but received "extra"`,
    ],
    [
      'a missing tensor',
      () => edited(['tensors', 'bn2.running_var'], DELETE),
      'Expected tensors to have "bn2.running_var" but received none',
    ],
    [
      'an unknown tensor',
      () => edited(['tensors', 'fc2.weight'], JSON.parse(text).tensors['fc.bias']),
      /^Expected only .* in tensors but received "fc2.weight"$/,
    ],
    [
      'dims that differ from the architecture',
      () => edited(['tensors', 'conv2.weight', 'dims'], [10, 10, 9]),
      'Expected tensors["conv2.weight"].dims [10, 10, 3, 3] but received [10, 10, 9]',
    ],
    [
      'huge dims',
      () => edited(['tensors', 'fc.weight', 'dims'], [1e9, 1e9]),
      'Expected tensors["fc.weight"].dims [10, 490] but received [1000000000, 1000000000]',
    ],
    [
      'data shorter than its dims',
      () => edited(['tensors', 'fc.bias', 'data'], base64Of([1, 2, 3, 4, 5, 6, 7, 8, 9])),
      'Expected 56 characters of base64 (10 float32 values) for tensors["fc.bias"].data but received 48 characters',
    ],
    [
      'data that is not base64',
      () => edited(['tensors', 'fc.bias', 'data'], '!'.repeat(56)),
      /for tensors\["fc.bias"\].data but received 56 characters \(not base64\)$/,
    ],
    [
      'a NaN weight',
      () => edited(['tensors', 'fc.bias', 'data'], base64Of(new Array(10).fill(Number.NaN))),
      'Expected finite values in tensors["fc.bias"] but received NaN at 0',
    ],
    [
      'a negative running variance',
      () => edited(['tensors', 'bn1.running_var', 'data'], base64Of(new Array(10).fill(-1))),
      'Expected finite non-negative values in tensors["bn1.running_var"] but received -1 at 0',
    ],
    [
      'settings that contradict the architecture',
      () => edited(['manifest', 'settings', 'batchNorm'], false),
      /^Expected manifest.settings to match manifest.architecture/,
    ],
    [
      'a setting out of range',
      () => edited(['manifest', 'settings', 'learningRate'], -1),
      'Expected a number > 0 and <= 10 for manifest.settings.learningRate but received -1',
    ],
    [
      'a missing setting',
      () => edited(['manifest', 'settings', 'lrDecay'], DELETE),
      'Expected manifest.settings to have "lrDecay" but received none',
    ],
    [
      'an epoch record of the wrong type',
      () => edited(['manifest', 'epochs', 1, 'testAccuracy'], '97%'),
      'Expected a finite number for manifest.epochs[1].testAccuracy but received "97%"',
    ],
    [
      'a best epoch that was never run',
      () => edited(['manifest', 'bestEpoch'], 3),
      'Expected manifest.bestEpoch from 0 to 2 but received 3',
    ],
    [
      'deeply nested arrays',
      // Built as text: JSON.stringify itself would overflow the stack on it.
      () =>
        edited(['tensors', 'fc.bias', 'dims'], 'DEEP').replace(
          '"DEEP"',
          '['.repeat(100_000) + ']'.repeat(100_000),
        ),
      'Expected tensors["fc.bias"].dims [10] but received [an array of 1]',
    ],
  ])('refuses %s', (_, make, message) => {
    expect(() => parseWeightsFile(make())).toThrow(message);
  });

  it('refuses a file over the size cap before reading it, and names the file', () => {
    const big = path.join(dir, 'big.json');
    writeFileSync(big, ' '.repeat(MAX_WEIGHTS_FILE_BYTES + 1));
    expect(() => readWeightsFile(big)).toThrow(
      `big.json: Expected at most 1048576 bytes but received 1048577`,
    );
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, text.slice(0, 1000));
    expect(() => readWeightsFile(broken)).toThrow(/^broken.json: Expected JSON but received a parse error/);
    expect(() => readWeightsFile(path.join(dir, 'missing.json'))).toThrow(
      /^missing.json: Expected a readable weights file but received ENOENT/,
    );
  });

  it('is laid out as Prettier formats JSON, so written files pass the lint', async () => {
    const { format, resolveConfig } = await import('prettier');
    const options = { ...(await resolveConfig(BUILTIN_WEIGHTS_PATH)), parser: 'json' };
    expect(await format(text, options)).toBe(text);
    const shipped = readFileSync(BUILTIN_WEIGHTS_PATH, 'utf8');
    expect(await format(shipped, options)).toBe(shipped);
  });

  it('is never written when it could not be read back', () => {
    const nan = {
      ...result,
      weights: { ...result.weights, 'fc.bias': new Float32Array(10).fill(Number.NaN) },
    };
    expect(() => weightsFileText(nan)).toThrow(
      'Expected finite values in tensors["fc.bias"] but received NaN at 0',
    );
  });
});

describe('the shipped network', () => {
  it('was trained with the default settings and says so', () => {
    expect(BUILTIN_WEIGHTS_PATH.endsWith(path.join('main', 'assets', 'network', 'homework-cnn.json'))).toBe(
      true,
    );
    const { manifest } = loadBuiltinModel();
    expect(manifest.settings).toEqual(DEFAULT_TRAIN_SETTINGS);
    expect(manifest).toMatchObject({ stopped: 'completed', bestEpoch: 12 });
    expect(manifest.epochs).toHaveLength(12);
    expect(manifest.epochs.find((e) => e.testAccuracy >= 0.97)?.epoch).toBe(4);
  });

  it('scores at least 97 % on the 2,000 test digits through its graph', () => {
    const { manifest, graph } = loadBuiltinModel();
    const mnist = loadMnist();
    const { test } = splitMnist(manifest.data.splitSeed);
    expect(test.length).toBe(2000);
    const chunk = 250;
    const input = new Float32Array(chunk * 784);
    let right = 0;
    for (let first = 0; first < test.length; first += chunk) {
      for (let b = 0; b < chunk; b++)
        for (let j = 0; j < 784; j++) input[b * 784 + j] = mnist.pixels[test[first + b] * 784 + j] / 255;
      const logits = runHomeworkGraph(graph, input, chunk);
      for (let b = 0; b < chunk; b++) {
        const row = logits.subarray(b * 10, b * 10 + 10);
        const predicted = row.indexOf(Math.max(...row));
        if (predicted === mnist.labels[test[first + b]]) right++;
      }
    }
    const accuracy = right / test.length;
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
    // The graph reproduces the accuracy training measured, digit for digit.
    expect(accuracy).toBe(manifest.testAccuracy);
  });
});

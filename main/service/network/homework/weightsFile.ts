/**
 * The weights file: one small JSON document (~45 KB) holding a manifest (weightsManifest.ts) and
 * every tensor as base64 of little-endian float32:
 *
 *   { "format": "convscope-weights", "version": 1, "manifest": {...},
 *     "tensors": { "conv1.weight": { "dims": [10, 1, 3, 3], "data": "<base64>" }, ... } }
 *
 * Reading treats the file as hostile: its size is capped before it is read or parsed, every field
 * is type-checked, the tensor names and dims must be exactly the architecture's, each tensor's
 * data length must match its dims, and every value must be finite. What comes back is built from
 * the checked values, never the parsed object itself.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { atomicWriteFile } from '../../image/atomicWrite.js';
import type { ModelGraph } from '../modelGraph.js';
import type { TrainEpoch, TrainResult, TrainStop } from '../train/trainResult.js';
import { resolveTrainSettings } from '../train/trainSettings.js';
import {
  checkArchitecture,
  describeHomework,
  homeworkTensorSpecs,
  type HomeworkArchitecture,
  type HomeworkWeights,
} from './homeworkArchitecture.js';
import { HOMEWORK_GRAPH_NAME, homeworkGraph } from './homeworkGraph.js';
import { manifestOf, type WeightsManifest } from './weightsManifest.js';

export const WEIGHTS_FORMAT = 'convscope-weights';
export const WEIGHTS_VERSION = 1;
/** Far above a real file (~45 KB), far below anything that could hurt to parse. */
export const MAX_WEIGHTS_FILE_BYTES = 1 << 20;
const MAX_EPOCHS = 1000;
const STOPS: readonly TrainStop[] = ['completed', 'cancelled', 'diverged'];
const EPOCH_KEYS: readonly (keyof TrainEpoch)[] = [
  'epoch',
  'learningRate',
  'trainLoss',
  'trainAccuracy',
  'testLoss',
  'testAccuracy',
  'elapsedSeconds',
  'trainImagesPerSecond',
];

/** A weights file that cannot be used; the message says what was expected and what was found. */
export class WeightsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightsFileError';
  }
}

export interface WeightsFile {
  manifest: WeightsManifest;
  graph: ModelGraph;
}

/** A multi-line array of plain numbers in JSON.stringify's indented output (the dims). */
const NUMBER_ARRAY = /\[\n\s+(-?[\d.e+-]+(?:,\n\s+-?[\d.e+-]+)*)\n\s*\]/g;

/**
 * The file's text for a training result (also what writeWeightsFile writes): indented JSON with
 * each dims array on one line, as Prettier formats it, so the shipped file passes the lint.
 */
export function weightsFileText(result: TrainResult): string {
  const tensors: Record<string, { dims: number[]; data: string }> = {};
  for (const spec of homeworkTensorSpecs(result.architecture)) {
    const data = result.weights[spec.name];
    if (!(data instanceof Float32Array))
      throw new WeightsFileError(`Expected a Float32Array for ${spec.name} but received ${typeof data}`);
    tensors[spec.name] = { dims: spec.dims, data: encodeFloat32(data) };
  }
  const text = `${JSON.stringify(
    { format: WEIGHTS_FORMAT, version: WEIGHTS_VERSION, manifest: manifestOf(result), tensors },
    null,
    2,
  ).replace(NUMBER_ARRAY, (_, numbers: string) => `[${numbers.split(/,\s+/).join(', ')}]`)}\n`;
  // Never write what could not be read back (say, NaN weights or a malformed manifest).
  parseWeightsFile(text);
  return text;
}

/** Writes the weights file atomically (temporary file, fsync, rename). */
export async function writeWeightsFile(path: string, result: TrainResult): Promise<void> {
  await atomicWriteFile(path, new TextEncoder().encode(weightsFileText(result)));
}

/** Reads and checks a weights file; failures are WeightsFileErrors naming the file. */
export function readWeightsFile(path: string): WeightsFile {
  const name = basename(path);
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_WEIGHTS_FILE_BYTES)
      throw new WeightsFileError(`Expected at most ${MAX_WEIGHTS_FILE_BYTES} bytes but received ${size}`);
    const bytes = readFileSync(path);
    // The file may have grown between stat and read.
    if (bytes.length > MAX_WEIGHTS_FILE_BYTES)
      throw new WeightsFileError(
        `Expected at most ${MAX_WEIGHTS_FILE_BYTES} bytes but received ${bytes.length}`,
      );
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof WeightsFileError) throw new WeightsFileError(`${name}: ${error.message}`);
    throw new WeightsFileError(
      `${name}: Expected a readable weights file but received ${(error as Error).message}`,
    );
  }
  try {
    return parseWeightsFile(text);
  } catch (error) {
    throw new WeightsFileError(`${name}: ${(error as Error).message}`);
  }
}

/** Parses and checks a weights file's text. */
export function parseWeightsFile(text: string): WeightsFile {
  if (typeof text !== 'string' || text.length > MAX_WEIGHTS_FILE_BYTES)
    throw new WeightsFileError(
      `Expected weights file text of at most ${MAX_WEIGHTS_FILE_BYTES} characters but received ${typeof text === 'string' ? text.length : typeof text}`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new WeightsFileError(`Expected JSON but received a parse error: ${(error as Error).message}`);
  }
  const root = object(parsed, 'the weights file');
  keys(root, 'the weights file', ['format', 'version', 'manifest', 'tensors']);
  if (root.format !== WEIGHTS_FORMAT)
    throw new WeightsFileError(`Expected format "${WEIGHTS_FORMAT}" but received ${show(root.format)}`);
  if (root.version !== WEIGHTS_VERSION)
    throw new WeightsFileError(`Expected version ${WEIGHTS_VERSION} but received ${show(root.version)}`);
  const manifest = checkManifest(root.manifest);
  const weights = checkTensors(root.tensors, manifest.architecture);
  return { manifest, graph: homeworkGraph(weights, manifest.architecture) };
}

function checkManifest(value: unknown): WeightsManifest {
  const m = object(value, 'manifest');
  keys(m, 'manifest', [
    'model',
    'architecture',
    'data',
    'seed',
    'initialization',
    'settings',
    'epochs',
    'bestEpoch',
    'testAccuracy',
    'testLoss',
    'stopped',
    'elapsedSeconds',
    'createdWith',
  ]);
  if (m.model !== HOMEWORK_GRAPH_NAME)
    throw new WeightsFileError(
      `Expected manifest.model "${HOMEWORK_GRAPH_NAME}" but received ${show(m.model)}`,
    );
  const archObject = object(m.architecture, 'manifest.architecture');
  keys(archObject, 'manifest.architecture', ['batchNorm', 'dropout', 'description']);
  let architecture: HomeworkArchitecture;
  let settings: WeightsManifest['settings'];
  try {
    architecture = checkArchitecture(
      { batchNorm: archObject.batchNorm, dropout: archObject.dropout },
      'manifest.architecture',
    );
    settings = resolveTrainSettings(object(m.settings, 'manifest.settings') as Record<string, never>);
  } catch (error) {
    throw new WeightsFileError((error as Error).message.replace(/ for (\w+) /, ' for manifest.settings.$1 '));
  }
  // Every key present: a file must state its settings, not lean on today's defaults.
  keys(object(m.settings, 'manifest.settings'), 'manifest.settings', Object.keys(settings));
  if (settings.batchNorm !== architecture.batchNorm || settings.dropout !== architecture.dropout)
    throw new WeightsFileError(
      `Expected manifest.settings to match manifest.architecture but received batchNorm ${settings.batchNorm} / ${architecture.batchNorm}, dropout ${settings.dropout} / ${architecture.dropout}`,
    );
  const data = object(m.data, 'manifest.data');
  keys(data, 'manifest.data', ['source', 'digits', 'split', 'splitSeed', 'trainDigits', 'testDigits']);
  if (!Array.isArray(m.epochs) || m.epochs.length > MAX_EPOCHS)
    throw new WeightsFileError(
      `Expected manifest.epochs as an array of at most ${MAX_EPOCHS} but received ${show(m.epochs)}`,
    );
  const epochs = m.epochs.map((entry, i) => {
    const e = object(entry, `manifest.epochs[${i}]`);
    keys(e, `manifest.epochs[${i}]`, EPOCH_KEYS);
    const out = {} as TrainEpoch;
    for (const key of EPOCH_KEYS) out[key] = finite(e[key], `manifest.epochs[${i}].${key}`);
    return out;
  });
  if (!STOPS.includes(m.stopped as TrainStop))
    throw new WeightsFileError(
      `Expected manifest.stopped among ${STOPS.join(', ')} but received ${show(m.stopped)}`,
    );
  const bestEpoch = finite(m.bestEpoch, 'manifest.bestEpoch');
  if (!Number.isInteger(bestEpoch) || bestEpoch < 0 || bestEpoch > epochs.length)
    throw new WeightsFileError(
      `Expected manifest.bestEpoch from 0 to ${epochs.length} but received ${bestEpoch}`,
    );
  const testAccuracy = finite(m.testAccuracy, 'manifest.testAccuracy');
  if (testAccuracy < 0 || testAccuracy > 1)
    throw new WeightsFileError(`Expected manifest.testAccuracy in [0, 1] but received ${testAccuracy}`);
  return {
    model: HOMEWORK_GRAPH_NAME,
    architecture: { ...architecture, description: describeHomework(architecture) },
    data: {
      source: string(data.source, 'manifest.data.source'),
      digits: finite(data.digits, 'manifest.data.digits'),
      split: string(data.split, 'manifest.data.split'),
      splitSeed: finite(data.splitSeed, 'manifest.data.splitSeed'),
      trainDigits: finite(data.trainDigits, 'manifest.data.trainDigits'),
      testDigits: finite(data.testDigits, 'manifest.data.testDigits'),
    },
    seed: finite(m.seed, 'manifest.seed'),
    initialization: string(m.initialization, 'manifest.initialization'),
    settings,
    epochs,
    bestEpoch,
    testAccuracy,
    testLoss: finite(m.testLoss, 'manifest.testLoss'),
    stopped: m.stopped as TrainStop,
    elapsedSeconds: finite(m.elapsedSeconds, 'manifest.elapsedSeconds'),
    createdWith: string(m.createdWith, 'manifest.createdWith'),
  };
}

function checkTensors(value: unknown, architecture: HomeworkArchitecture): HomeworkWeights {
  const tensors = object(value, 'tensors');
  const specs = homeworkTensorSpecs(architecture);
  keys(
    tensors,
    'tensors',
    specs.map((s) => s.name),
  );
  const weights: HomeworkWeights = {};
  for (const spec of specs) {
    const where = `tensors["${spec.name}"]`;
    const t = object(tensors[spec.name], where);
    keys(t, where, ['dims', 'data']);
    const dims = t.dims;
    if (!Array.isArray(dims) || dims.length !== spec.dims.length || dims.some((d, i) => d !== spec.dims[i]))
      throw new WeightsFileError(
        `Expected ${where}.dims [${spec.dims.join(', ')}] but received ${show(dims)}`,
      );
    const size = spec.dims.reduce((a, b) => a * b, 1);
    const data = decodeFloat32(t.data, size, `${where}.data`);
    const bad = data.findIndex((v) => !Number.isFinite(v) || (spec.role === 'runningVar' && v < 0));
    if (bad >= 0)
      throw new WeightsFileError(
        `Expected ${spec.role === 'runningVar' ? 'finite non-negative' : 'finite'} values in ${where} but received ${data[bad]} at ${bad}`,
      );
    weights[spec.name] = data;
  }
  return weights;
}

/** Base64 of the values as little-endian float32. */
function encodeFloat32(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return Buffer.from(bytes).toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeFloat32(value: unknown, size: number, where: string): Float32Array {
  const chars = 4 * Math.ceil((size * 4) / 3);
  // Length first: a wrong-sized string is refused before the regex or the decoder sees it.
  if (typeof value !== 'string' || value.length !== chars || !BASE64.test(value))
    throw new WeightsFileError(
      `Expected ${chars} characters of base64 (${size} float32 values) for ${where} but received ${typeof value === 'string' ? `${value.length} characters${BASE64.test(value.slice(0, 4096)) ? '' : ' (not base64)'}` : show(value)}`,
    );
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== size * 4)
    throw new WeightsFileError(`Expected ${size * 4} bytes for ${where} but received ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new WeightsFileError(`Expected an object for ${where} but received ${show(value)}`);
  return value as Record<string, unknown>;
}

/** Exactly the expected keys: a missing one or an unknown one is an error. */
function keys(value: Record<string, unknown>, where: string, expected: readonly string[]): void {
  const missing = expected.filter((k) => !Object.hasOwn(value, k));
  if (missing.length > 0)
    throw new WeightsFileError(
      `Expected ${where} to have ${missing.map((k) => `"${k}"`).join(', ')} but received none`,
    );
  const extra = Object.keys(value).filter((k) => !expected.includes(k));
  if (extra.length > 0)
    throw new WeightsFileError(
      `Expected only ${expected.map((k) => `"${k}"`).join(', ')} in ${where} but received ${extra
        .slice(0, 5)
        .map((k) => JSON.stringify(k.slice(0, 40)))
        .join(', ')}`,
    );
}

function finite(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new WeightsFileError(`Expected a finite number for ${where} but received ${show(value)}`);
  return value;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length > 1000)
    throw new WeightsFileError(
      `Expected a string of at most 1000 characters for ${where} but received ${show(value)}`,
    );
  return value;
}

/** A short description of a value; one level into short arrays only (a hostile file may nest deep). */
function show(value: unknown, depth = 0): string {
  if (value === undefined) return 'none';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value))
    return depth === 0 && value.length <= 8
      ? `[${value.map((v) => show(v, 1)).join(', ')}]`
      : `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

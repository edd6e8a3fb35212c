/**
 * Validators of the 'network:*' and 'train:*' requests (validateRequest.ts merges them): shapes
 * and types here; the training code checks the settings' ranges itself, with the same messages
 * for the CLI and the app.
 */
import { describe, expectBoolean, expectInteger } from '../../native-kernels/validate.js';
import type {
  Channel,
  ModelExportFormat,
  NetworkInput,
  RequestOf,
  TrainSettings,
} from '../../preload/contract.js';
import {
  expectBytes,
  expectEnum,
  expectNoRequest,
  expectPath,
  expectRecord,
  expectString,
  expectTaskId,
  expectTaskRequest,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
} from './requestChecks.js';

type NetworkChannel = Extract<Channel, `network:${string}` | `train:${string}`>;

/** Layer indices, units and digit offsets stay far below this. */
const MAX_INDEX = 1 << 24;
const EXPORT_FORMATS: readonly ModelExportFormat[] = ['onnx', 'weights'];

function expectNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new TypeError(`Expected a finite number for ${name} but received ${describe(value)}`);
  return value;
}

function expectInput(name: string, value: unknown): NetworkInput {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'digit') {
    const r = expectRecord(name, value, ['kind', 'index'], ['kind', 'index']);
    return { kind, index: expectInteger(`${name}.index`, r.index, 0, MAX_INDEX) };
  }
  if (kind === 'drawn') {
    const r = expectRecord(name, value, ['kind', 'pixels'], ['kind', 'pixels']);
    const pixels = expectBytes(`${name}.pixels`, r.pixels);
    if (pixels.length !== 28 * 28)
      throw new RangeError(`Expected 784 bytes (28 x 28) for ${name}.pixels but received ${pixels.length}`);
    return { kind, pixels };
  }
  if (kind === 'photo') {
    const r = expectRecord(name, value, ['kind', 'name', 'bytes'], ['kind', 'name', 'bytes']);
    return {
      kind,
      name: expectString(`${name}.name`, r.name, MAX_NAME_LENGTH),
      bytes: expectBytes(`${name}.bytes`, r.bytes),
    };
  }
  throw new RangeError(
    `Expected 'digit', 'drawn' or 'photo' for ${name}.kind but received ${describe(kind)}`,
  );
}

const SETTINGS_KEYS = [
  'epochs',
  'optimizer',
  'learningRate',
  'momentum',
  'weightDecay',
  'lrDecay',
  'batchSize',
  'batchNorm',
  'dropout',
  'initScale',
  'seed',
] as const;

function expectSettings(name: string, value: unknown): TrainSettings {
  const r = expectRecord(
    name,
    value,
    SETTINGS_KEYS,
    SETTINGS_KEYS.filter((k) => k !== 'initScale'),
  );
  return {
    epochs: expectInteger(`${name}.epochs`, r.epochs, 1, 1000),
    optimizer: expectEnum(`${name}.optimizer`, r.optimizer, ['sgd', 'adam'] as const),
    learningRate: expectNumber(`${name}.learningRate`, r.learningRate),
    momentum: expectNumber(`${name}.momentum`, r.momentum),
    weightDecay: expectNumber(`${name}.weightDecay`, r.weightDecay),
    lrDecay: expectNumber(`${name}.lrDecay`, r.lrDecay),
    batchSize: expectInteger(`${name}.batchSize`, r.batchSize, 1, 8000),
    batchNorm: expectBoolean(`${name}.batchNorm`, r.batchNorm),
    dropout: expectNumber(`${name}.dropout`, r.dropout),
    initScale:
      r.initScale === null || r.initScale === undefined
        ? null
        : expectNumber(`${name}.initScale`, r.initScale),
    seed: expectInteger(`${name}.seed`, r.seed, 0, 0xffffffff),
  };
}

const modelId = (r: Record<string, unknown>) => expectString('request.modelId', r.modelId, MAX_ID_LENGTH);

export const NETWORK_VALIDATORS: { [C in NetworkChannel]: (payload: unknown) => RequestOf<C> } = {
  'network:builtin': (p) => expectNoRequest('request', p),
  'network:openModel': (p) => {
    const r = expectRecord('request', p, ['name', 'bytes'], ['name', 'bytes']);
    return {
      name: expectString('request.name', r.name, MAX_NAME_LENGTH),
      bytes: expectBytes('request.bytes', r.bytes),
    };
  },
  'network:models': (p) => expectNoRequest('request', p),
  'network:digits': (p) => {
    const r = expectRecord('request', p, ['label', 'offset', 'count'], ['offset', 'count']);
    return {
      label: r.label === null || r.label === undefined ? null : expectInteger('request.label', r.label, 0, 9),
      offset: expectInteger('request.offset', r.offset, 0, MAX_INDEX),
      count: expectInteger('request.count', r.count, 1, 200),
    };
  },
  'network:run': (p) => {
    const r = expectRecord('request', p, ['modelId', 'input'], ['modelId', 'input']);
    return { modelId: modelId(r), input: expectInput('request.input', r.input) };
  },
  'network:weights': (p) => {
    const r = expectRecord('request', p, ['modelId', 'layer'], ['modelId', 'layer']);
    return { modelId: modelId(r), layer: expectInteger('request.layer', r.layer, 0, MAX_INDEX) };
  },
  'network:inputGradient': (p) => {
    const r = expectRecord(
      'request',
      p,
      ['modelId', 'input', 'layer', 'unit'],
      ['modelId', 'input', 'layer', 'unit'],
    );
    const u = expectRecord('request.unit', r.unit, ['channel', 'y', 'x'], ['channel', 'y', 'x']);
    return {
      modelId: modelId(r),
      input: expectInput('request.input', r.input),
      layer: expectInteger('request.layer', r.layer, 1, MAX_INDEX),
      unit: {
        channel: expectInteger('request.unit.channel', u.channel, 0, MAX_INDEX),
        y: expectInteger('request.unit.y', u.y, 0, MAX_INDEX),
        x: expectInteger('request.unit.x', u.x, 0, MAX_INDEX),
      },
    };
  },
  'network:export': (p) => {
    const r = expectRecord('request', p, ['modelId', 'format', 'targetPath'], ['modelId', 'format']);
    return {
      modelId: modelId(r),
      format: expectEnum('request.format', r.format, EXPORT_FORMATS),
      ...(r.targetPath === undefined ? {} : { targetPath: expectPath('request.targetPath', r.targetPath) }),
    };
  },
  'train:start': (p) => {
    const r = expectRecord('request', p, ['taskId', 'settings'], ['taskId', 'settings']);
    return {
      taskId: expectTaskId('request.taskId', r.taskId),
      settings: expectSettings('request.settings', r.settings),
    };
  },
  'train:status': (p) => expectTaskRequest(p),
};

/**
 * The validator of every contract channel's request. Electron main and the browser-mode host run
 * it on everything the renderer sends before any handler sees it.
 */
import { describe } from '../../native-kernels/validate.js';
import { CHANNELS, type Channel, type ExportFormat, type RequestOf } from '../../preload/contract.js';
import {
  MAX_NAME_LENGTH,
  expectBytes,
  expectEnum,
  expectKernelFile,
  expectNoRequest,
  expectNumberMap,
  expectPath,
  expectRecord,
  expectRegion,
  expectScale,
  expectString,
  optionalBoolean,
  optionalInteger,
  expectTaskId,
  expectTaskRequest,
  MAX_ID_LENGTH,
} from './requestChecks.js';
import { LAB_VALIDATORS } from './validateLabRequest.js';
import { NETWORK_VALIDATORS } from './validateNetworkRequest.js';

const EXPORT_FORMATS: readonly ExportFormat[] = ['png', 'jpeg', 'webp', 'tiff', 'avif'];

function expectDepth(name: string, value: unknown): 8 | 16 {
  if (value === 8 || value === 16) return value;
  throw new RangeError(`Expected 8 or 16 for ${name} but received ${describe(value)}`);
}

type Validators = { [C in Channel]: (payload: unknown) => RequestOf<C> };

function pixelsFields(name: string, r: Record<string, unknown>) {
  return {
    imageId: expectString(`${name}.imageId`, r.imageId, MAX_ID_LENGTH),
    ...(r.region === undefined ? {} : { region: expectRegion(`${name}.region`, r.region) }),
    ...(r.scale === undefined ? {} : { scale: expectScale(`${name}.scale`, r.scale) }),
  };
}

const VALIDATORS: Validators = {
  ...NETWORK_VALIDATORS,
  ...LAB_VALIDATORS,
  'app:info': (p) => expectNoRequest('request', p),
  'image:openSample': (p) => expectNoRequest('request', p),
  'image:openBytes': (p) => {
    const r = expectRecord('request', p, ['name', 'bytes'], ['name', 'bytes']);
    return {
      name: expectString('request.name', r.name, MAX_NAME_LENGTH),
      bytes: expectBytes('request.bytes', r.bytes),
    };
  },
  'image:openPath': (p) => {
    const r = expectRecord('request', p, ['path'], ['path']);
    return { path: expectPath('request.path', r.path) };
  },
  'image:openDialog': (p) => expectNoRequest('request', p),
  'image:close': (p) => {
    const r = expectRecord('request', p, ['imageId'], ['imageId']);
    return { imageId: expectString('request.imageId', r.imageId, MAX_ID_LENGTH) };
  },
  'image:pixels': (p) =>
    pixelsFields('request', expectRecord('request', p, ['imageId', 'region', 'scale'], ['imageId'])),
  'filter:presets': (p) => expectNoRequest('request', p),
  'filter:presetKernel': (p) => {
    const r = expectRecord('request', p, ['id', 'params'], ['id', 'params']);
    return {
      id: expectString('request.id', r.id, MAX_NAME_LENGTH),
      params: expectNumberMap('request.params', r.params),
    };
  },
  'filter:preview': (p) => {
    const keys = ['imageId', 'region', 'scale', 'filter', 'values'];
    const r = expectRecord('request', p, keys, ['imageId', 'filter']);
    const values = optionalBoolean('request.values', r.values);
    return {
      ...pixelsFields('request', r),
      filter: expectKernelFile('request.filter', r.filter),
      ...(values === undefined ? {} : { values }),
    };
  },
  'export:image': (p) => {
    const keys = [
      'imageId',
      'filter',
      'format',
      'depth',
      'quality',
      'keepIcc',
      'keepExif',
      'sidecar',
      'targetPath',
      'taskId',
    ];
    const r = expectRecord('request', p, keys, ['imageId', 'filter', 'format']);
    const optional = {
      depth: r.depth === undefined ? undefined : expectDepth('request.depth', r.depth),
      quality: optionalInteger('request.quality', r.quality, 1, 100),
      keepIcc: optionalBoolean('request.keepIcc', r.keepIcc),
      keepExif: optionalBoolean('request.keepExif', r.keepExif),
      sidecar: optionalBoolean('request.sidecar', r.sidecar),
      targetPath: r.targetPath === undefined ? undefined : expectPath('request.targetPath', r.targetPath),
      taskId: r.taskId === undefined ? undefined : expectTaskId('request.taskId', r.taskId),
    };
    return {
      imageId: expectString('request.imageId', r.imageId, MAX_ID_LENGTH),
      filter: expectKernelFile('request.filter', r.filter),
      format: expectEnum('request.format', r.format, EXPORT_FORMATS),
      // Leave out what was not given, so defaults apply downstream.
      ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    };
  },
  'task:progress': (p) => expectTaskRequest(p),
  'task:cancel': (p) => expectTaskRequest(p),
  'export:chooseTarget': (p) => {
    const r = expectRecord('request', p, ['suggestedName'], ['suggestedName']);
    return { suggestedName: expectString('request.suggestedName', r.suggestedName, MAX_NAME_LENGTH) };
  },
  'recent:list': (p) => expectNoRequest('request', p),
};

/** True for a contract channel name (the renderer may send any string). */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/**
 * Checks a request for `channel` and returns it typed (a fresh object with only the known fields).
 * Throws a TypeError or RangeError naming the field at fault.
 */
export function validateRequest<C extends Channel>(channel: C, payload: unknown): RequestOf<C> {
  if (!isChannel(channel)) throw new TypeError(`Expected a contract channel but received ${String(channel)}`);
  return (VALIDATORS[channel] as (payload: unknown) => RequestOf<C>)(payload);
}

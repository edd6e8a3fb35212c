/**
 * The validator of 'lab:kernel' (validateRequest.ts merges it): the op, and tensors small enough
 * for an instrument (the lab never needs more), with their shape matching their data. Options and
 * values are checked again, in detail, by the kernel library's own front.
 */
import { describe, expectBoolean, expectInteger } from '../../native-kernels/validate.js';
import type { LabKernelOp, LabKernelRequest, LabTensor, RequestOf } from '../../preload/contract.js';
import { expectEnum, expectRecord } from './requestChecks.js';

/** Elements per lab tensor at most. */
export const MAX_LAB_ELEMENTS = 1 << 20;

const OPS: readonly LabKernelOp[] = [
  'conv2d',
  'conv2dBackward',
  'batchNormTrain',
  'batchNormBackwardTrain',
  'relu',
  'globalAvgPool',
  'linear',
  'maxPool2d',
  'avgPool2d',
  'dropout',
];

function floats(name: string, value: unknown): Float32Array {
  if (!(value instanceof Float32Array))
    throw new TypeError(`Expected a Float32Array for ${name} but received ${describe(value)}`);
  if (value.length > MAX_LAB_ELEMENTS)
    throw new RangeError(
      `Expected at most ${MAX_LAB_ELEMENTS} elements for ${name} but received ${value.length}`,
    );
  return value;
}

function tensor(name: string, value: unknown): LabTensor {
  const r = expectRecord(name, value, ['shape', 'data'], ['shape', 'data']);
  if (!Array.isArray(r.shape) || r.shape.length < 1 || r.shape.length > 4)
    throw new RangeError(
      `Expected a shape of 1 to 4 dimensions for ${name}.shape but received ${describe(r.shape)}`,
    );
  const shape = r.shape.map((d, i) => expectInteger(`${name}.shape[${i}]`, d, 1, MAX_LAB_ELEMENTS));
  const data = floats(`${name}.data`, r.data);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new RangeError(
      `Expected ${count} elements (shape ${shape.join('x')}) for ${name}.data but received ${data.length}`,
    );
  return { shape, data };
}

/** Options objects: plain, with number, string, boolean or number-pair values only. */
function options(name: string, value: unknown, keys: readonly string[]): Record<string, unknown> {
  const r = expectRecord(name, value, keys);
  for (const [k, v] of Object.entries(r)) {
    const ok =
      typeof v === 'number' ||
      typeof v === 'string' ||
      typeof v === 'boolean' ||
      (Array.isArray(v) && v.length === 2 && v.every((e) => typeof e === 'number'));
    if (!ok)
      throw new TypeError(
        `Expected a number, pair, string or boolean for ${name}.${k} but received ${describe(v)}`,
      );
  }
  return r;
}

const CONV_KEYS = ['stride', 'padding', 'dilation', 'groups', 'paddingMode', 'flip'];
const POOL_KEYS = ['kernel', 'stride', 'padding', 'countIncludePad'];

function number(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new TypeError(`Expected a finite number for ${name} but received ${describe(value)}`);
  return value;
}

export const LAB_VALIDATORS: { 'lab:kernel': (payload: unknown) => RequestOf<'lab:kernel'> } = {
  'lab:kernel': (p): LabKernelRequest => {
    const op = expectEnum('request.op', (p as { op?: unknown } | null)?.op, OPS);
    const n = (field: string) => `request.${field}`;
    switch (op) {
      case 'conv2d': {
        const r = expectRecord(
          'request',
          p,
          ['op', 'x', 'w', 'bias', 'options'],
          ['op', 'x', 'w', 'options'],
        );
        return {
          op,
          x: tensor(n('x'), r.x),
          w: tensor(n('w'), r.w),
          bias: r.bias === null || r.bias === undefined ? null : floats(n('bias'), r.bias),
          options: options(n('options'), r.options, CONV_KEYS),
        };
      }
      case 'conv2dBackward': {
        const keys = ['op', 'x', 'w', 'dy', 'options', 'hasBias'];
        const r = expectRecord('request', p, keys, keys);
        return {
          op,
          x: tensor(n('x'), r.x),
          w: tensor(n('w'), r.w),
          dy: tensor(n('dy'), r.dy),
          options: options(n('options'), r.options, CONV_KEYS),
          hasBias: expectBoolean(n('hasBias'), r.hasBias),
        };
      }
      case 'batchNormTrain': {
        const keys = ['op', 'x', 'gamma', 'beta', 'eps'];
        const r = expectRecord('request', p, keys, keys);
        return {
          op,
          x: tensor(n('x'), r.x),
          gamma: floats(n('gamma'), r.gamma),
          beta: floats(n('beta'), r.beta),
          eps: number(n('eps'), r.eps),
        };
      }
      case 'batchNormBackwardTrain': {
        const keys = ['op', 'x', 'dy', 'gamma', 'mean', 'invstd'];
        const r = expectRecord('request', p, keys, keys);
        return {
          op,
          x: tensor(n('x'), r.x),
          dy: tensor(n('dy'), r.dy),
          gamma: floats(n('gamma'), r.gamma),
          mean: floats(n('mean'), r.mean),
          invstd: floats(n('invstd'), r.invstd),
        };
      }
      case 'relu':
      case 'globalAvgPool': {
        const r = expectRecord('request', p, ['op', 'x'], ['op', 'x']);
        return { op, x: tensor(n('x'), r.x) };
      }
      case 'linear': {
        const r = expectRecord('request', p, ['op', 'x', 'w', 'bias'], ['op', 'x', 'w']);
        return {
          op,
          x: tensor(n('x'), r.x),
          w: tensor(n('w'), r.w),
          bias: r.bias === null || r.bias === undefined ? null : floats(n('bias'), r.bias),
        };
      }
      case 'maxPool2d':
      case 'avgPool2d': {
        const r = expectRecord('request', p, ['op', 'x', 'options'], ['op', 'x', 'options']);
        const o = options(n('options'), r.options, POOL_KEYS);
        if (o.kernel === undefined)
          throw new TypeError(`Expected a value for ${n('options.kernel')} but received undefined`);
        return { op, x: tensor(n('x'), r.x), options: o as unknown as { kernel: number } };
      }
      case 'dropout': {
        const keys = ['op', 'x', 'p', 'seed'];
        const r = expectRecord('request', p, keys, keys);
        return {
          op,
          x: tensor(n('x'), r.x),
          p: number(n('p'), r.p),
          seed: expectInteger(n('seed'), r.seed, 0, 0xffffffff),
        };
      }
    }
  },
};

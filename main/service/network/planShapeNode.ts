/**
 * Planning of the ops that move no numbers or one at a time: Relu, Identity, Dropout (inference
 * mode), Flatten, Reshape and Constant, with each one's opset-dependent attributes and inputs.
 */
import type { ConstantStep, ReluStep, ViewStep } from './graphPlan.js';
import type { GraphTensor } from './modelGraph.js';
import { show, type NodeReader } from './nodeReader.js';
import { numel } from './tensorDims.js';

export function planRelu(r: NodeReader): ReluStep {
  r.allowAttributes();
  r.expectInputs(1, 1);
  const output = r.expectOneOutput();
  const x = r.floatInput(0, 'X');
  return { kind: 'relu', node: r.node, output, outDims: x.dims, x: x.name };
}

export function planIdentity(r: NodeReader): ViewStep {
  r.allowAttributes();
  r.expectInputs(1, 1);
  const output = r.expectOneOutput();
  const x = r.floatInput(0, 'input');
  return { kind: 'view', node: r.node, output, outDims: x.dims, x: x.name, inDims: x.dims };
}

/** A constant holding only zeros (or false) and nothing else, as Dropout's training_mode must. */
function allZero(t: GraphTensor): boolean {
  for (let i = 0; i < t.data.length; i++) if (t.data[i] !== 0) return false;
  return true;
}

/**
 * Dropout in inference mode is the identity. Up to opset 11 the ratio is an attribute; from 12 it
 * is an optional input next to training_mode, which must then be a constant false. The mask output
 * may be named (torch's opset 9 exports name it) but is not computed: `dropped` returns its name
 * so that a node reading it is refused.
 */
export function planDropout(r: NodeReader): { step: ViewStep; dropped: string[] } {
  let ratio: number;
  if (r.opset < 12) {
    r.allowAttributes('ratio');
    r.expectInputs(1, 1);
    ratio = r.float('ratio', 0.5);
  } else {
    r.allowAttributes('seed');
    r.expectInputs(1, 3);
    const ratioTensor = r.constantInput(1, 'ratio', 'float');
    if (ratioTensor !== null && ratioTensor.data.length !== 1)
      r.fail('a single value', `input 1 (ratio) '${r.node.inputs[1]}'`, `${ratioTensor.data.length} values`);
    ratio = ratioTensor === null ? 0.5 : ratioTensor.data[0];
    const name = r.inputName(2);
    if (name !== null) {
      const training = r.constantInputAnyKind(2, 'training_mode');
      if (training === null || !allZero(training))
        r.fail(
          'a constant false (Convscope runs dropout in inference mode)',
          `input 2 (training_mode) '${name}'`,
          'true',
        );
    }
  }
  if (!(ratio >= 0 && ratio < 1)) r.fail('a ratio in [0, 1)', 'its ratio', String(ratio));
  const [output, mask, ...rest] = r.node.outputs;
  if (output === undefined || output === '')
    r.fail('an output tensor name', 'the outputs', show(r.node.outputs));
  if (rest.some((o) => o !== ''))
    r.fail('at most 2 outputs (output, mask)', 'the outputs', show(r.node.outputs));
  const x = r.floatInput(0, 'data');
  return {
    step: { kind: 'view', node: r.node, output, outDims: x.dims, x: x.name, inDims: x.dims },
    dropped: mask === undefined || mask === '' ? [] : [mask],
  };
}

/** A signed axis in [lo, hi] made non-negative (negative axes count from the back). */
export function readAxis(r: NodeReader, axis: number, rank: number, lo: number, hi: number): number {
  if (!Number.isSafeInteger(axis) || axis < lo || axis > hi)
    r.fail(`an axis in [${lo}, ${hi}] for a rank-${rank} input`, "attribute 'axis'", String(axis));
  return axis < 0 ? axis + rank : axis;
}

export function planFlatten(r: NodeReader): ViewStep {
  r.allowAttributes('axis');
  r.expectInputs(1, 1);
  const output = r.expectOneOutput();
  const x = r.floatInput(0, 'input');
  const rank = x.dims.length;
  // Negative axes arrived with opset 11; before, the axis is in [0, rank].
  const axis = readAxis(r, r.int('axis', 1), rank, r.opset >= 11 ? -rank : 0, rank);
  const outDims = [numel(x.dims.slice(0, axis)), numel(x.dims.slice(axis))];
  return { kind: 'view', node: r.node, output, outDims, x: x.name, inDims: x.dims };
}

/**
 * Reshape to a constant shape: 0 copies the input's dimension at that index (unless allowzero,
 * opset 14+, makes it a literal 0, which Convscope refuses as an empty tensor) and one -1 takes
 * what is left.
 */
export function planReshape(r: NodeReader): ViewStep {
  if (r.opset >= 14) r.allowAttributes('allowzero');
  else r.allowAttributes();
  r.expectInputs(2, 2);
  const output = r.expectOneOutput();
  const x = r.floatInput(0, 'data');
  const shape = r.constantInput(1, 'shape', 'int');
  const subject = `input 1 (shape) '${r.node.inputs[1]}'`;
  if (shape === null || shape.dims.length !== 1)
    return r.fail('a 1-D int tensor', subject, show(shape?.dims));
  const allowZero = r.opset >= 14 && r.int('allowzero', 0) !== 0;
  const target = Array.from(shape.data);
  let unknown = -1;
  const out = target.map((d, i) => {
    if (d === -1) {
      if (unknown >= 0) r.fail('at most one -1', subject, show(target));
      unknown = i;
      return 1;
    }
    if (d === 0 && !allowZero) {
      if (i >= x.dims.length)
        r.fail(
          `a 0 only where the rank-${x.dims.length} input has a dimension to copy`,
          subject,
          show(target),
        );
      return x.dims[i];
    }
    if (d < 1) r.fail('dimensions of at least 1, 0 (copy) or -1 (infer)', subject, show(target));
    return d;
  });
  const total = numel(x.dims);
  const known = numel(out);
  if (unknown >= 0) {
    if (total % known !== 0)
      r.fail(`a shape whose known dimensions divide the input's ${total} elements`, subject, show(target));
    out[unknown] = total / known;
  }
  if (numel(out) !== total)
    r.fail(
      `a shape of ${total} elements (the input is ${show(x.dims)})`,
      subject,
      `${show(target)} = ${show(out)}`,
    );
  return { kind: 'view', node: r.node, output, outDims: out, x: x.name, inDims: x.dims };
}

/** Constant: one of value (a tensor) or, from opset 12, value_float(s) / value_int(s). */
export function planConstant(
  r: NodeReader,
  check: (t: GraphTensor, subject: string) => GraphTensor,
): ConstantStep {
  const names = Object.keys(r.node.attributes);
  const allowed =
    r.opset >= 12 ? ['value', 'value_float', 'value_floats', 'value_int', 'value_ints'] : ['value'];
  r.allowAttributes(...allowed);
  if (names.length !== 1)
    r.fail(`exactly one of the attributes ${allowed.join(', ')}`, 'its attributes', show(names));
  r.expectInputs(0, 0);
  const output = r.expectOneOutput();
  const a = r.node.attributes[names[0]];
  let value: GraphTensor;
  if (names[0] === 'value') {
    if (a.type !== 'tensor') return r.fail('a tensor attribute', "'value'", a.type);
    value = a.value;
  } else if (a.type === 'float')
    value = { kind: 'float', dims: [], data: Float32Array.of(r.float(names[0], 0)) };
  else if (a.type === 'int') value = { kind: 'int', dims: [], data: [r.int(names[0], 0)] };
  else if (a.type === 'floats' && names[0] === 'value_floats')
    value = { kind: 'float', dims: [a.value.length], data: Float32Array.from(a.value) };
  else if (a.type === 'ints' && names[0] === 'value_ints')
    value = { kind: 'int', dims: [a.value.length], data: [...a.value] };
  else return r.fail(`the type its name says`, `attribute '${names[0]}'`, a.type);
  value = check(value, `the value of Constant node '${r.node.name}'`);
  return { kind: 'constant', node: r.node, output, outDims: [...value.dims], value };
}

/** Planning of Add (numpy broadcasting), Pad (attribute or input forms, opset 18's axes) and Softmax. */
import type { AddStep, PadMode, PadStep, SoftmaxStep } from './graphPlan.js';
import { show, type NodeReader } from './nodeReader.js';
import { readAxis } from './planShapeNode.js';
import { broadcastDims, numel } from './tensorDims.js';

export function planAdd(r: NodeReader): AddStep {
  r.allowAttributes();
  r.expectInputs(2, 2);
  const output = r.expectOneOutput();
  const a = r.floatInput(0, 'A');
  const b = r.floatInput(1, 'B');
  const outDims = broadcastDims(a.dims, b.dims);
  if (outDims === null)
    r.fail(`dims that broadcast with A's ${show(a.dims)}`, `input 1 (B) '${b.name}'`, show(b.dims));
  return { kind: 'add', node: r.node, output, outDims, a: a.name, b: b.name, aDims: a.dims, bDims: b.dims };
}

const PAD_MODES: readonly PadMode[] = ['constant', 'reflect', 'edge'];

/**
 * Pad: up to opset 10 the amounts and value are attributes; from 11 they are inputs (pads, then an
 * optional constant_value scalar) and from 18 an optional axes input says which axes the pads are
 * for. Amounts may be negative (a crop). Reflect pads must be smaller than the axis.
 */
export function planPad(r: NodeReader): PadStep {
  const x = r.floatInput(0, 'data');
  const rank = x.dims.length;
  let pads: number[];
  let value = 0;
  let axes = Array.from({ length: rank }, (_, i) => i);
  if (r.opset < 11) {
    r.allowAttributes('mode', 'pads', 'value');
    r.expectInputs(1, 1);
    const p = r.ints('pads', undefined);
    if (p === undefined) return r.fail('a pads attribute (opset < 11)', 'its attributes', 'none');
    pads = p;
    value = r.float('value', 0);
  } else {
    r.allowAttributes('mode');
    r.expectInputs(2, r.opset >= 18 ? 4 : 3);
    const p = r.constantInput(1, 'pads', 'int');
    if (p === null || p.dims.length !== 1) return r.fail('a 1-D int tensor', 'input 1 (pads)', show(p?.dims));
    pads = Array.from(p.data);
    const v = r.constantInput(2, 'constant_value', 'float');
    if (v !== null) {
      if (v.data.length !== 1)
        r.fail('a single value', `input 2 (constant_value) '${r.node.inputs[2]}'`, `${v.data.length} values`);
      value = v.data[0];
    }
    const axesTensor = r.constantInput(3, 'axes', 'int');
    if (axesTensor !== null) {
      axes = Array.from(axesTensor.data, (a) => {
        if (a < -rank || a >= rank)
          r.fail(
            `axes in [${-rank}, ${rank - 1}]`,
            `input 3 (axes) '${r.node.inputs[3]}'`,
            show(Array.from(axesTensor.data)),
          );
        return a < 0 ? a + rank : a;
      });
      if (new Set(axes).size !== axes.length)
        r.fail('distinct axes', `input 3 (axes) '${r.node.inputs[3]}'`, show(Array.from(axesTensor.data)));
    }
  }
  const mode = r.string('mode', 'constant', PAD_MODES);
  if (pads.length !== 2 * axes.length)
    r.fail(`${2 * axes.length} pads (begin for each axis, then end for each)`, 'its pads', show(pads));
  const begins = new Array<number>(rank).fill(0);
  const ends = new Array<number>(rank).fill(0);
  axes.forEach((axis, i) => {
    begins[axis] = pads[i];
    ends[axis] = pads[i + axes.length];
  });
  const outDims = x.dims.map((d, i) => d + begins[i] + ends[i]);
  if (outDims.some((d) => d < 1))
    r.fail('pads that leave every dimension at least 1', 'its pads', `${show(pads)} on ${show(x.dims)}`);
  if (mode === 'reflect' && x.dims.some((d, i) => Math.max(begins[i], ends[i]) >= d))
    r.fail(`reflect pads smaller than the axis they pad (input ${show(x.dims)})`, 'its pads', show(pads));
  const output = r.expectOneOutput();
  if (!Number.isFinite(value)) r.fail('a finite constant value', 'its constant value', String(value));
  return { kind: 'pad', node: r.node, output, outDims, x: x.name, inDims: x.dims, begins, ends, mode, value };
}

/**
 * Softmax: up to opset 12 the input is coerced to 2-D at `axis` (default 1) and each row of the
 * trailing dims is normalised; from 13 only the one axis (default -1) is.
 */
export function planSoftmax(r: NodeReader): SoftmaxStep {
  r.allowAttributes('axis');
  r.expectInputs(1, 1);
  const output = r.expectOneOutput();
  const x = r.floatInput(0, 'input');
  const rank = x.dims.length;
  if (rank < 1) r.fail('a tensor of rank 1 or more', `input 0 '${x.name}'`, 'a scalar');
  const coerced = r.opset < 13;
  const axis = readAxis(r, r.int('axis', coerced ? 1 : -1), rank, r.opset >= 11 ? -rank : 0, rank - 1);
  const outer = numel(x.dims.slice(0, axis));
  const base = { kind: 'softmax' as const, node: r.node, output, outDims: x.dims, x: x.name, outer };
  if (coerced)
    return { ...base, size: numel(x.dims.slice(axis)), inner: 1, axes: x.dims.map((_, i) => i).slice(axis) };
  return { ...base, size: x.dims[axis], inner: numel(x.dims.slice(axis + 1)), axes: [axis] };
}

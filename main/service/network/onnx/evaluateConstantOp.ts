/**
 * The ops foldConstants evaluates at import time, on constant inputs only: the shape arithmetic
 * exporters write in front of Pad and Reshape (torch 1.13's F.pad at opset 11+ is ConstantOfShape,
 * Concat, Reshape, Slice, Transpose, Cast). Inputs come from a hostile file, so every output's
 * dims are checked against the caps before anything is allocated (integer tensors hold at most
 * maxIntElements values, float ones maxElements and count towards maxTotalElements), every index
 * and axis is checked, and every loop is bounded by the output's size. Errors are OnnxErrors
 * naming the node.
 *
 * Tensors here may be empty (a dimension of 0, as ONNX allows) and INT64 values past ±(2^53 - 1)
 * arrive as ±Infinity (see decodeTensor): ops that only move values carry them, Slice's starts
 * and ends clamp them (INT64_MAX means "to the end"), and any op that computes with them refuses.
 */
import type { GraphTensor } from '../modelGraph.js';
import type { DecodedNode } from './decodeNode.js';
import type { ImportContext } from './importContext.js';
import { OnnxError, quote } from './onnxError.js';
import { DATA_TYPE, dataTypeName } from './onnxSchema.js';
import { numel, stridesOf } from '../tensorDims.js';

/** The ops foldConstants evaluates when every input is constant. */
export const FOLDABLE_OPS: ReadonlySet<string> = new Set([
  'Constant',
  'Identity',
  'ConstantOfShape',
  'Concat',
  'Slice',
  'Transpose',
  'Reshape',
  'Cast',
  'Unsqueeze',
  'Squeeze',
  'Gather',
  'Shape',
  'Add',
  'Sub',
  'Mul',
  'Div',
]);

/** A value Shape can read: a constant, or a tensor of which only the dims are known (the input). */
export type KnownValue = GraphTensor | { kind: 'dims'; dims: readonly number[] };

/** Evaluates one node of FOLDABLE_OPS on known inputs (null for an omitted optional input). */
export function evaluateConstantOp(
  node: DecodedNode,
  inputs: ReadonlyArray<KnownValue | null>,
  ctx: ImportContext,
  opset: number,
): GraphTensor {
  const e = new Evaluation(node, inputs, ctx, opset);
  const realOutputs = node.outputs.filter((o) => o !== '');
  if (realOutputs.length !== 1 || node.outputs[0] === '') {
    e.fail('exactly one output', `${node.outputs.length} outputs`);
  }
  switch (node.op) {
    case 'Constant':
      return constant(e);
    case 'Identity':
      return e.arity(1, 1) && e.tensor(0);
    case 'ConstantOfShape':
      return constantOfShape(e);
    case 'Concat':
      return concat(e);
    case 'Slice':
      return slice(e);
    case 'Transpose':
      return transpose(e);
    case 'Reshape':
      return reshape(e);
    case 'Cast':
      return cast(e);
    case 'Unsqueeze':
      return unsqueeze(e);
    case 'Squeeze':
      return squeeze(e);
    case 'Gather':
      return gather(e);
    case 'Shape':
      return shape(e);
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div':
      return arithmetic(e, node.op);
    default:
      return e.fail('an op Convscope folds', quote(node.op));
  }
}

/** One node's evaluation: its inputs, attributes and the checks every op shares. */
class Evaluation {
  readonly label: string;

  constructor(
    readonly node: DecodedNode,
    readonly inputs: ReadonlyArray<KnownValue | null>,
    readonly ctx: ImportContext,
    readonly opset: number,
  ) {
    this.label = `${node.op} node ${quote(node.name)}`;
  }

  fail(expected: string, received: string): never {
    throw new OnnxError(`Expected ${expected} for ${this.label} but received ${received}`);
  }

  /** Checks the number of inputs (omitted optional ones count); returns true for chaining. */
  arity(min: number, max: number): true {
    const n = this.inputs.length;
    if (n < min || n > max) {
      this.fail(min === max ? `${min} inputs` : `${min} to ${max} inputs`, String(n));
    }
    return true;
  }

  /** Input i, which must be present and a constant tensor. */
  tensor(i: number): GraphTensor {
    const v = this.inputs[i];
    if (v === null || v === undefined) this.fail(`input ${i}`, 'none');
    if (v.kind === 'dims') this.fail(`a constant for input ${i}`, 'a tensor computed at run time');
    return v;
  }

  /** Input i, or null when it is omitted ('' or past the end). */
  optional(i: number): GraphTensor | null {
    return i < this.inputs.length && this.inputs[i] !== null ? this.tensor(i) : null;
  }

  /** Input i as integers within ±(2^53 - 1), and a 1-D (or, with `scalar`, 0-D) tensor. */
  intList(i: number, what: string, scalar = false): number[] {
    const t = this.tensor(i);
    const subject = `input ${i} (${what})`;
    if (t.kind !== 'int') this.fail(`an integer tensor for ${subject}`, 'a float tensor');
    if (t.dims.length !== 1 && !(scalar && t.dims.length === 0)) {
      this.fail(`a 1-D tensor for ${subject}`, `dims ${show(t.dims)}`);
    }
    return this.safe(t.data, subject);
  }

  /** Checks integers are within ±(2^53 - 1) (an INT64 past it arrives as ±Infinity). */
  safe(values: number[], subject: string): number[] {
    for (const v of values) {
      if (!Number.isSafeInteger(v)) {
        this.fail(
          `integers within ±(2^53 - 1) for ${subject}`,
          Math.abs(v) === Infinity ? 'an INT64 past that' : String(v),
        );
      }
    }
    return values;
  }

  attribute(name: string): DecodedNode['attributes'][string] | undefined {
    return Object.hasOwn(this.node.attributes, name) ? this.node.attributes[name] : undefined;
  }

  int(name: string, fallback?: number): number {
    const a = this.attribute(name);
    if (a === undefined) {
      if (fallback === undefined) this.fail(`an attribute ${quote(name)}`, 'none');
      return fallback;
    }
    if (a.type !== 'int') this.fail(`an int for attribute ${quote(name)}`, `a ${a.type}`);
    return a.value;
  }

  ints(name: string): number[] | null {
    const a = this.attribute(name);
    if (a === undefined) return null;
    if (a.type !== 'ints') this.fail(`ints for attribute ${quote(name)}`, `a ${a.type}`);
    return a.value;
  }

  /** An axis in [-rank, rank - 1] (or [-bound, bound - 1]) made non-negative. */
  axis(value: number, rank: number, subject: string): number {
    if (!Number.isSafeInteger(value) || value < -rank || value >= rank) {
      this.fail(`an axis in [${-rank}, ${rank - 1}] for ${subject}`, String(value));
    }
    return value < 0 ? value + rank : value;
  }

  /** Distinct axes, each made non-negative against `rank`. */
  axes(values: readonly number[], rank: number, subject: string): number[] {
    if (values.length > rank) this.fail(`at most ${rank} axes for ${subject}`, String(values.length));
    const out = values.map((a) => this.axis(a, rank, subject));
    if (new Set(out).size !== out.length) this.fail(`distinct axes for ${subject}`, show(values));
    return out;
  }

  /**
   * Checks an output's dims against the caps before it is allocated: rank, each dimension, and
   * the element count (grown one factor at a time, so a hostile shape is refused at once).
   * Returns the element count; a new float array is charged against the total.
   */
  outDims(dims: readonly number[], kind: GraphTensor['kind'], allocates = true): number {
    const { limits } = this.ctx;
    if (dims.length > limits.maxRank) {
      this.fail(`an output of rank at most ${limits.maxRank}`, `rank ${dims.length}`);
    }
    const cap = kind === 'float' ? limits.maxElements : limits.maxIntElements;
    let count = 1;
    for (const d of dims) {
      if (!Number.isSafeInteger(d) || d < 0 || d > limits.maxDim) {
        this.fail(`output dims from 0 to ${limits.maxDim}`, show(dims));
      }
      count *= d;
      if (count > cap) {
        this.fail(
          `an output of at most ${cap} elements${kind === 'int' ? ' (integer tensors are shape-like)' : ''}`,
          `dims ${show(dims)}`,
        );
      }
    }
    if (kind === 'float' && allocates) this.ctx.chargeFloats(count, `the output of ${this.label}`);
    return count;
  }
}

function show(values: readonly number[]): string {
  const shown = values.slice(0, 16).map(String);
  return `[${shown.join(', ')}${values.length > 16 ? ', ...' : ''}]`;
}

/** A tensor of `kind` and `dims` whose element k is `at(k)`, k < count (already checked). */
function build(
  kind: GraphTensor['kind'],
  dims: number[],
  count: number,
  at: (k: number) => number,
): GraphTensor {
  if (kind === 'float') {
    const data = new Float32Array(count);
    for (let k = 0; k < count; k++) data[k] = at(k);
    return { kind, dims, data };
  }
  const data = new Array<number>(count);
  for (let k = 0; k < count; k++) data[k] = at(k);
  return { kind, dims, data };
}

/** The same values under new dims (Reshape, Squeeze, Unsqueeze): no copy. */
function view(t: GraphTensor, dims: number[]): GraphTensor {
  return t.kind === 'float' ? { kind: 'float', dims, data: t.data } : { kind: 'int', dims, data: t.data };
}

/** Constant: exactly one of value, value_float(s), value_int(s). */
function constant(e: Evaluation): GraphTensor {
  e.arity(0, 0);
  const names = Object.keys(e.node.attributes);
  if (names.length !== 1) e.fail('exactly one value attribute', show0(names));
  const a = e.node.attributes[names[0]];
  switch (`${names[0]}:${a.type}`) {
    case 'value:tensor':
      return a.value as GraphTensor;
    case 'value_float:float':
      e.outDims([], 'float');
      return { kind: 'float', dims: [], data: Float32Array.of(a.value as number) };
    case 'value_floats:floats': {
      const v = a.value as number[];
      e.outDims([v.length], 'float');
      return { kind: 'float', dims: [v.length], data: Float32Array.from(v) };
    }
    case 'value_int:int':
      return { kind: 'int', dims: [], data: [a.value as number] };
    case 'value_ints:ints': {
      const v = a.value as number[];
      e.outDims([v.length], 'int');
      return { kind: 'int', dims: [v.length], data: [...v] };
    }
    default:
      return e.fail('one of value, value_float(s), value_int(s)', `${quote(names[0])} (${a.type})`);
  }
}

function show0(names: string[]): string {
  return names.length === 0 ? 'none' : names.map(quote).join(', ');
}

/** ConstantOfShape: a tensor of the dims in input 0, every element `value` (default float 0). */
function constantOfShape(e: Evaluation): GraphTensor {
  e.arity(1, 1);
  const dims = e.intList(0, 'shape');
  const a = e.attribute('value');
  let fill: GraphTensor = { kind: 'float', dims: [1], data: Float32Array.of(0) };
  if (a !== undefined) {
    if (a.type !== 'tensor') e.fail("a tensor for attribute 'value'", `a ${a.type}`);
    fill = a.value;
    if (fill.data.length !== 1) e.fail("one value in attribute 'value'", `${fill.data.length} values`);
  }
  const count = e.outDims(dims, fill.kind);
  const v = fill.data[0];
  return build(fill.kind, [...dims], count, () => v);
}

/** Concat along `axis`: same kind and rank, the same dims but on the axis. */
function concat(e: Evaluation): GraphTensor {
  e.arity(1, e.ctx.limits.maxNodeEntries);
  const parts = e.inputs.map((_, i) => e.tensor(i));
  const first = parts[0];
  const rank = first.dims.length;
  if (rank === 0) e.fail('inputs of rank 1 or more', 'a scalar');
  const axis = e.axis(e.int('axis'), rank, "attribute 'axis'");
  const dims = [...first.dims];
  dims[axis] = 0;
  parts.forEach((p, i) => {
    if (p.kind !== first.kind)
      e.fail(`inputs of one kind (input 0 is ${first.kind})`, `${p.kind} input ${i}`);
    if (p.dims.length !== rank || p.dims.some((d, k) => k !== axis && d !== first.dims[k])) {
      e.fail(
        `dims matching input 0's ${show(first.dims)} off axis ${axis}`,
        `${show(p.dims)} for input ${i}`,
      );
    }
    dims[axis] += p.dims[axis];
  });
  const count = e.outDims(dims, first.kind);
  const inner = numel(dims.slice(axis + 1));
  const out = build(first.kind, dims, count, () => 0);
  let at = 0;
  const outer = numel(dims.slice(0, axis));
  for (let o = 0; o < outer; o++) {
    for (const p of parts) {
      const run = p.dims[axis] * inner;
      for (let k = 0; k < run; k++) out.data[at++] = p.data[o * run + k];
    }
  }
  return out;
}

/**
 * Slice: starts, ends, axes and steps as inputs from opset 10, as attributes before (no steps).
 * Bounds clamp as ONNX says (negative ones count from the end; INT64 extremes mean "to the end").
 */
function slice(e: Evaluation): GraphTensor {
  let starts: number[];
  let ends: number[];
  let axes: number[] | null;
  let steps: number[] | null = null;
  if (e.opset >= 10) {
    e.arity(3, 5);
    // Bounds may be ±Infinity (an INT64 past 2^53): they clamp like any bound past the end.
    starts = bounds(e, 1, 'starts');
    ends = bounds(e, 2, 'ends');
    axes = e.optional(3) && e.intList(3, 'axes');
    steps = e.optional(4) && e.intList(4, 'steps');
  } else {
    e.arity(1, 1);
    starts = e.ints('starts') ?? e.fail("an attribute 'starts'", 'none');
    ends = e.ints('ends') ?? e.fail("an attribute 'ends'", 'none');
    axes = e.ints('axes');
  }
  const data = e.tensor(0);
  const rank = data.dims.length;
  if (ends.length !== starts.length) e.fail(`${starts.length} ends (one per start)`, String(ends.length));
  const n = starts.length;
  const axisList = e.axes(axes ?? Array.from({ length: Math.min(n, rank) }, (_, i) => i), rank, 'the axes');
  if (axisList.length !== n) e.fail(`${n} axes (one per start)`, String(axisList.length));
  const stepList = steps ?? new Array<number>(n).fill(1);
  if (stepList.length !== n) e.fail(`${n} steps (one per start)`, String(stepList.length));

  const first = data.dims.map(() => 0);
  const stride = data.dims.map(() => 1);
  const dims = [...data.dims];
  for (let k = 0; k < n; k++) {
    const ax = axisList[k];
    const d = data.dims[ax];
    const step = stepList[k];
    if (step === 0) e.fail('non-zero steps', '0');
    let s = starts[k] < 0 ? starts[k] + d : starts[k];
    let t = ends[k] < 0 ? ends[k] + d : ends[k];
    let count: number;
    if (step > 0) {
      s = clamp(s, 0, d);
      t = clamp(t, 0, d);
      count = t > s ? Math.ceil((t - s) / step) : 0;
    } else {
      s = clamp(s, 0, d - 1);
      t = clamp(t, -1, d - 1);
      count = s > t ? Math.ceil((s - t) / -step) : 0;
    }
    first[ax] = d === 0 ? 0 : s;
    stride[ax] = step;
    dims[ax] = d === 0 ? 0 : count;
  }
  const count = e.outDims(dims, data.kind);
  const inStrides = stridesOf(data.dims);
  const outStrides = stridesOf(dims);
  return build(data.kind, dims, count, (k) => {
    let from = 0;
    for (let i = 0; i < rank; i++) {
      const c = Math.floor(k / outStrides[i]) % dims[i];
      from += (first[i] + c * stride[i]) * inStrides[i];
    }
    return data.data[from];
  });
}

/** Slice's starts or ends: integers, with ±Infinity allowed (they clamp). */
function bounds(e: Evaluation, i: number, what: string): number[] {
  const t = e.tensor(i);
  if (t.kind !== 'int') e.fail(`an integer tensor for input ${i} (${what})`, 'a float tensor');
  if (t.dims.length !== 1) e.fail(`a 1-D tensor for input ${i} (${what})`, `dims ${show(t.dims)}`);
  for (const v of t.data) {
    if (!Number.isSafeInteger(v) && Math.abs(v) !== Infinity)
      e.fail(`integers for input ${i} (${what})`, String(v));
  }
  return t.data;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

/** Transpose by `perm` (reversed axes by default). */
function transpose(e: Evaluation): GraphTensor {
  e.arity(1, 1);
  const data = e.tensor(0);
  const rank = data.dims.length;
  const perm = e.ints('perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  if (perm.length !== rank) e.fail(`a perm of ${rank} axes`, show(perm));
  const axes = e.axes(perm, rank, "attribute 'perm'");
  if (axes.some((a, i) => a !== perm[i])) e.fail(`a permutation of 0..${rank - 1}`, show(perm));
  const dims = axes.map((a) => data.dims[a]);
  const count = e.outDims(dims, data.kind);
  const inStrides = stridesOf(data.dims);
  const outStrides = stridesOf(dims);
  return build(data.kind, dims, count, (k) => {
    let from = 0;
    for (let i = 0; i < rank; i++) from += (Math.floor(k / outStrides[i]) % dims[i]) * inStrides[axes[i]];
    return data.data[from];
  });
}

/** Reshape: 0 copies the input's dimension (unless allowzero, opset 14+), one -1 takes the rest. */
function reshape(e: Evaluation): GraphTensor {
  e.arity(2, 2);
  const data = e.tensor(0);
  const target = e.intList(1, 'shape');
  const allowZero = e.opset >= 14 && e.int('allowzero', 0) !== 0;
  let unknown = -1;
  const dims = target.map((d, i) => {
    if (d === -1) {
      if (unknown >= 0) e.fail('at most one -1 in the shape', show(target));
      unknown = i;
      return 1;
    }
    if (d === 0 && !allowZero) {
      if (i >= data.dims.length) e.fail(`a 0 only where the input has a dimension to copy`, show(target));
      return data.dims[i];
    }
    if (d < 0) e.fail('dimensions of at least 0, or -1', show(target));
    return d;
  });
  const total = data.data.length;
  if (unknown >= 0) {
    // Grown one factor at a time and stopped past the total, so the product stays exact.
    let known = 1;
    for (const d of dims) {
      known *= d;
      if (known > total) break;
    }
    if (known === 0 || known > total || total % known !== 0) {
      e.fail(`a shape whose known dimensions divide the input's ${total} elements`, show(target));
    }
    dims[unknown] = total / known;
  }
  if (e.outDims(dims, data.kind, false) !== total) {
    e.fail(`a shape of ${total} elements (the input is ${show(data.dims)})`, show(target));
  }
  return view(data, dims);
}

/** Cast to FLOAT, INT64 or INT32 (float to integer truncates; out-of-range values are refused). */
function cast(e: Evaluation): GraphTensor {
  e.arity(1, 1);
  const data = e.tensor(0);
  const to = e.int('to');
  if (to === DATA_TYPE.FLOAT) {
    if (data.kind === 'float') return data;
    const count = e.outDims(data.dims, 'float');
    const values = e.safe(data.data, 'input 0');
    return build('float', [...data.dims], count, (k) => values[k]);
  }
  if (to !== DATA_TYPE.INT64 && to !== DATA_TYPE.INT32) {
    e.fail("'to' FLOAT, INT64 or INT32", dataTypeName(to));
  }
  const [lo, hi] =
    to === DATA_TYPE.INT32 ? [-(2 ** 31), 2 ** 31 - 1] : [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  const count = e.outDims(data.dims, 'int');
  if (data.kind === 'int' && to === DATA_TYPE.INT64) return data; // carries wide values unchanged
  const out = build('int', [...data.dims], count, (k) => {
    const v = Math.trunc(data.data[k]);
    return v === 0 ? 0 : v; // never -0
  });
  for (const v of out.data) {
    if (!(v >= lo && v <= hi)) e.fail(`values that fit in ${dataTypeName(to)}`, String(v));
  }
  return out;
}

/** The axes of Unsqueeze/Squeeze: an attribute before opset 13, an input (optional for Squeeze) from 13. */
function axesOf(e: Evaluation, required: boolean): number[] | null {
  if (e.opset >= 13) {
    e.arity(required ? 2 : 1, 2);
    return e.optional(1) && e.intList(1, 'axes');
  }
  e.arity(1, 1);
  const axes = e.ints('axes');
  if (axes === null && required) e.fail("an attribute 'axes'", 'none');
  return axes;
}

function unsqueeze(e: Evaluation): GraphTensor {
  const axes = axesOf(e, true) ?? [];
  const data = e.tensor(0);
  const rank = data.dims.length + axes.length;
  if (rank > e.ctx.limits.maxRank)
    e.fail(`an output of rank at most ${e.ctx.limits.maxRank}`, `rank ${rank}`);
  const at = new Set(e.axes(axes, rank, 'the axes'));
  const dims: number[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) dims.push(at.has(i) ? 1 : data.dims[k++]);
  return view(data, dims);
}

function squeeze(e: Evaluation): GraphTensor {
  const axes = axesOf(e, false);
  const data = e.tensor(0);
  const rank = data.dims.length;
  // No axes: every dimension of 1 goes.
  const drop = new Set(
    axes === null ? data.dims.flatMap((d, i) => (d === 1 ? [i] : [])) : e.axes(axes, rank, 'the axes'),
  );
  for (const a of drop) {
    if (data.dims[a] !== 1) e.fail(`axes of dimension 1 (the input is ${show(data.dims)})`, `axis ${a}`);
  }
  return view(
    data,
    data.dims.filter((_, i) => !drop.has(i)),
  );
}

/** Gather along `axis` (default 0) at integer indices, negative ones counting from the end. */
function gather(e: Evaluation): GraphTensor {
  e.arity(2, 2);
  const data = e.tensor(0);
  const rank = data.dims.length;
  if (rank === 0) e.fail('data of rank 1 or more', 'a scalar');
  const axis = e.axis(e.int('axis', 0), rank, "attribute 'axis'");
  const idx = e.tensor(1);
  if (idx.kind !== 'int') e.fail('an integer tensor for input 1 (indices)', 'a float tensor');
  const d = data.dims[axis];
  const indices = e.safe(idx.data, 'input 1 (indices)').map((v) => {
    if (v < -d || v >= d) e.fail(`indices in [${-d}, ${d - 1}]`, String(v));
    return v < 0 ? v + d : v;
  });
  const dims = [...data.dims.slice(0, axis), ...idx.dims, ...data.dims.slice(axis + 1)];
  const count = e.outDims(dims, data.kind);
  const inner = numel(data.dims.slice(axis + 1));
  const n = indices.length;
  return build(data.kind, dims, count, (k) => {
    const i = Math.floor(k / inner);
    return data.data[(Math.floor(i / n) * d + indices[i % n]) * inner + (k % inner)];
  });
}

/** Shape: the dims of a constant or of the graph input; start/end (opset 15+) clamp. */
function shape(e: Evaluation): GraphTensor {
  e.arity(1, 1);
  const v = e.inputs[0];
  if (v === null || v === undefined) return e.fail('input 0', 'none');
  const rank = v.dims.length;
  let start = 0;
  let end = rank;
  if (e.opset >= 15) {
    start = e.int('start', 0);
    end = e.int('end', rank);
  }
  const fix = (i: number): number => clamp(i < 0 ? i + rank : i, 0, rank);
  const dims = v.dims.slice(fix(start), Math.max(fix(start), fix(end)));
  return { kind: 'int', dims: [dims.length], data: [...dims] };
}

/** Add, Sub, Mul, Div with numpy broadcasting; integers stay exact (Div truncates) or are refused. */
function arithmetic(e: Evaluation, op: 'Add' | 'Sub' | 'Mul' | 'Div'): GraphTensor {
  e.arity(2, 2);
  const a = e.tensor(0);
  const b = e.tensor(1);
  if (a.kind !== b.kind) e.fail('inputs of one kind', `${a.kind} and ${b.kind}`);
  const rank = Math.max(a.dims.length, b.dims.length);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a.dims[a.dims.length - rank + i] ?? 1;
    const db = b.dims[b.dims.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1)
      e.fail('dims that broadcast', `${show(a.dims)} and ${show(b.dims)}`);
    dims.push(da === 1 ? db : da);
  }
  const count = e.outDims(dims, a.kind);
  const isInt = a.kind === 'int';
  if (isInt) {
    e.safe(a.data as number[], 'input 0');
    e.safe(b.data as number[], 'input 1');
  }
  const outStrides = stridesOf(dims);
  const stridesIn = (t: GraphTensor): number[] => {
    const s = stridesOf(t.dims);
    const pad = rank - t.dims.length;
    return dims.map((_, i) => (i < pad || t.dims[i - pad] === 1 ? 0 : s[i - pad]));
  };
  const sa = stridesIn(a);
  const sb = stridesIn(b);
  const out = build(a.kind, dims, count, (k) => {
    let ia = 0;
    let ib = 0;
    for (let i = 0; i < rank; i++) {
      const c = Math.floor(k / outStrides[i]) % dims[i];
      ia += c * sa[i];
      ib += c * sb[i];
    }
    const x = a.data[ia];
    const y = b.data[ib];
    if (op === 'Add') return x + y;
    if (op === 'Sub') return x - y;
    if (op === 'Mul') return x * y;
    if (!isInt) return x / y;
    if (y === 0) e.fail('no integer division by zero', `${x} / 0`);
    // BigInt division truncates toward zero, as ONNX's integer Div does, and exactly.
    return Number(BigInt(x) / BigInt(y));
  });
  if (isInt) e.safe(out.data as number[], 'the result');
  return out;
}

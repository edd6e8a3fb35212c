/**
 * Reads one node's attributes and inputs for planning, failing with a GraphError that names the
 * node and its op in one form: "Expected <what> for <subject> of <Op> node '<name>' but received
 * <value>".
 */
import { GraphError } from './graphError.js';
import type { GraphTensor, AttributeValue, GraphNode } from './modelGraph.js';
import type { TensorInfo } from './graphPlan.js';

/** A received value as it appears in messages. */
export function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 60)}…` : value}'`;
  if (value === undefined) return 'nothing';
  return String(value);
}

export class NodeReader {
  constructor(
    readonly node: GraphNode,
    readonly opset: number,
    private readonly tensors: ReadonlyMap<string, TensorInfo>,
  ) {}

  /** Throws the node's GraphError; `received` is shown as is. */
  fail(what: string, subject: string, received: string): never {
    const { op, name } = this.node;
    throw new GraphError(
      `Expected ${what} for ${subject} of ${op} node '${name}' but received ${received}`,
      name,
    );
  }

  /** Refuses any attribute not listed (an attribute Convscope does not know may change the result). */
  allowAttributes(...names: string[]): void {
    for (const key of Object.keys(this.node.attributes))
      if (!names.includes(key))
        this.fail(
          names.length === 0 ? 'no attributes' : `only the attributes ${names.join(', ')}`,
          `attribute '${key}'`,
          `an attribute Convscope does not run`,
        );
  }

  has(name: string): boolean {
    return Object.hasOwn(this.node.attributes, name);
  }

  private attribute<T extends AttributeValue['type']>(
    name: string,
    type: T,
  ): Extract<AttributeValue, { type: T }> | undefined {
    if (!this.has(name)) return undefined;
    const a = this.node.attributes[name];
    if (a.type !== type) this.fail(`a${type === 'int' ? 'n' : ''} ${type} attribute`, `'${name}'`, a.type);
    return a as Extract<AttributeValue, { type: T }>;
  }

  int(name: string, fallback: number): number {
    const v = this.attribute(name, 'int')?.value ?? fallback;
    if (!Number.isSafeInteger(v)) this.fail('an integer', `attribute '${name}'`, show(v));
    return v;
  }

  /** An ints attribute of `length` values (any length when omitted), or the fallback. */
  ints(name: string, fallback: number[] | undefined, length?: number): number[] | undefined {
    const a = this.attribute(name, 'ints');
    if (a === undefined) return fallback;
    if (!Array.isArray(a.value) || !a.value.every(Number.isSafeInteger))
      this.fail('a list of integers', `attribute '${name}'`, show(a.value));
    if (length !== undefined && a.value.length !== length)
      this.fail(`${length} values`, `attribute '${name}'`, show(a.value));
    return [...a.value];
  }

  float(name: string, fallback: number): number {
    const v = this.attribute(name, 'float')?.value ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v))
      this.fail('a finite number', `attribute '${name}'`, show(v));
    return v;
  }

  string<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const v = this.attribute(name, 'string')?.value ?? fallback;
    if (!(allowed as readonly string[]).includes(v))
      this.fail(`one of ${allowed.map((s) => `'${s}'`).join(', ')}`, `attribute '${name}'`, show(v));
    return v as T;
  }

  /**
   * Checks the input count: at least `min` given, at most `max` in total. Trailing '' entries are
   * omitted optional inputs and do not count.
   */
  expectInputs(min: number, max: number): void {
    const inputs = [...this.node.inputs];
    while (inputs.length > 0 && inputs[inputs.length - 1] === '') inputs.pop();
    if (inputs.length < min || inputs.length > max)
      this.fail(
        min === max ? `${min} input${min === 1 ? '' : 's'}` : `${min} to ${max} inputs`,
        'the inputs',
        `${inputs.length} (${show(this.node.inputs)})`,
      );
    for (let i = 0; i < min; i++)
      if (inputs[i] === '') this.fail('a tensor name', `input ${i}`, "'' (omitted)");
  }

  /** The name of input i, or null when it is omitted. */
  inputName(i: number): string | null {
    const name = this.node.inputs[i];
    return name === undefined || name === '' ? null : name;
  }

  /** Input i, which must be given and be a float tensor. */
  floatInput(i: number, role: string): TensorInfo & { name: string } {
    const name = this.inputName(i);
    if (name === null) this.fail('a tensor', `input ${i} (${role})`, 'nothing');
    const info = this.tensors.get(name);
    if (info === undefined) this.fail('a tensor defined earlier', `input ${i} (${role})`, show(name));
    if (info.kind !== 'float') this.fail('a float tensor', `input ${i} (${role}) '${name}'`, 'an int tensor');
    return { ...info, name };
  }

  /** Input i as a constant (initializer or Constant output) of either kind, or null if omitted. */
  constantInputAnyKind(i: number, role: string): GraphTensor | null {
    const name = this.inputName(i);
    if (name === null) return null;
    const info = this.tensors.get(name);
    if (info === undefined) this.fail('a tensor defined earlier', `input ${i} (${role})`, show(name));
    if (info.value === null)
      this.fail(
        'a constant (an initializer or a Constant output)',
        `input ${i} (${role}) '${name}'`,
        'a computed tensor',
      );
    return info.value;
  }

  /** Input i as a constant (initializer or Constant output) of the given kind, or null if omitted. */
  constantInput(i: number, role: string, kind: 'float' | 'int'): GraphTensor | null {
    const value = this.constantInputAnyKind(i, role);
    if (value === null) return null;
    if (value.kind !== kind)
      this.fail(
        `${kind === 'int' ? 'an int' : 'a float'} tensor`,
        `input ${i} (${role}) '${this.node.inputs[i]}'`,
        `${value.kind} values`,
      );
    return value;
  }

  /** A float constant input that must be given, with exactly the dims expected. */
  weightInput(i: number, role: string, dims?: number[]): { data: Float32Array; shape: number[] } {
    const value = this.constantInput(i, role, 'float');
    if (value === null || value.kind !== 'float')
      return this.fail('a float constant', `input ${i} (${role})`, 'nothing');
    if (dims !== undefined && (value.dims.length !== dims.length || value.dims.some((d, j) => d !== dims[j])))
      this.fail(`dims ${show(dims)}`, `input ${i} (${role}) '${this.node.inputs[i]}'`, show(value.dims));
    for (let j = 0; j < value.data.length; j++)
      if (!Number.isFinite(value.data[j]))
        this.fail(
          'finite values',
          `input ${i} (${role}) '${this.node.inputs[i]}'`,
          `${value.data[j]} at element ${j}`,
        );
    return { data: value.data, shape: [...value.dims] };
  }

  /** Checks that the node has one output, plus only omitted ('') optional ones. */
  expectOneOutput(optional: string[] = []): string {
    const [first, ...rest] = this.node.outputs;
    if (first === undefined || first === '')
      this.fail('an output tensor name', 'the outputs', show(this.node.outputs));
    rest.forEach((name, i) => {
      if (name !== '')
        this.fail(
          `only its first output${optional[i] ? ` (Convscope does not compute ${optional[i]})` : ''}`,
          `output ${i + 1}`,
          show(name),
        );
    });
    return first;
  }
}

/**
 * An ONNX file (ModelProto bytes) → ModelGraph, treating the file as hostile: caps checked before
 * anything is allocated (onnxLimits.ts), every length checked against the bytes left, subgraphs
 * and external data refused, one OnnxError with a clear message for every malformed or unsupported
 * file. Shape arithmetic on constants (torch's F.pad at opset 11+) is folded into initializers
 * first (foldConstants.ts), so only ops left with run-time inputs must be ones Convscope runs. The graph it returns has been through inferGraphShapes, which checks every node's
 * attributes and input dims (a GraphError naming the node when they do not fit).
 */
import { inferGraphShapes } from '../inferGraphShapes.js';
import { SUPPORTED_OPS, type GraphNode, type GraphTensor, type ModelGraph } from '../modelGraph.js';
import { decodeNode, type DecodedNode } from './decodeNode.js';
import { decodeTensor } from './decodeTensor.js';
import { readTensorType, readValueInfo, type ValueInfo } from './decodeValueInfo.js';
import { foldConstants } from './foldConstants.js';
import { ImportContext } from './importContext.js';
import { OnnxError, quote } from './onnxError.js';
import { DEFAULT_ONNX_LIMITS, type OnnxLimits } from './onnxLimits.js';
import {
  CLASSES_METADATA_KEY,
  DATA_TYPE,
  DEFAULT_DOMAINS,
  GRAPH,
  MAX_OPSET,
  MIN_OPSET,
  MODEL,
  OPSET_ID,
  STRING_ENTRY,
  dataTypeName,
} from './onnxSchema.js';
import { readerOf, type ProtoReader } from './protoReader.js';
import { unsupportedOpError } from './unsupportedOpError.js';

export interface ImportOnnxOptions {
  /** Tighter (or looser) caps than DEFAULT_ONNX_LIMITS. */
  limits?: Partial<OnnxLimits>;
}

/** Caps on the small repeated entries of ModelProto (opset_import, metadata_props). */
const MAX_MODEL_ENTRIES = 1000;
const MAX_CLASSES = 100_000;
/** Parsed JSON can take several times its text in memory: the text is capped first. */
const MAX_CLASSES_TEXT = 1024 * 1024;

const SUPPORTED: ReadonlySet<string> = new Set(SUPPORTED_OPS);

export function importOnnx(bytes: Uint8Array, options: ImportOnnxOptions = {}): ModelGraph {
  const limits: OnnxLimits = { ...DEFAULT_ONNX_LIMITS, ...options.limits };
  if (!(bytes instanceof Uint8Array)) {
    throw new OnnxError(`Expected an ONNX file's bytes as a Uint8Array but received ${kindOf(bytes)}`);
  }
  if (bytes.length === 0) throw new OnnxError('Expected an ONNX file but received 0 bytes');
  if (bytes.length > limits.maxBytes) {
    throw new OnnxError(
      `Expected an ONNX file of at most ${mib(limits.maxBytes)} but received ${mib(bytes.length)}`,
    );
  }
  const ctx = new ImportContext(limits);
  const model = readModel(readerOf(bytes, 'ModelProto', limits.maxDepth));
  const graph = readGraph(model.graph, ctx, model.opset);
  if (model.classes) graph.classes = model.classes;
  inferGraphShapes(graph);
  return graph;
}

interface ModelFields {
  graph: ProtoReader;
  opset: number;
  classes: string[] | null;
}

function readModel(r: ProtoReader): ModelFields {
  let irVersion = 0;
  let graph: ProtoReader | null = null;
  let entries = 0;
  const opsets = new Map<string, number>();
  let classes: string[] | null = null;
  const count = (): void => {
    if (++entries > MAX_MODEL_ENTRIES) {
      throw new OnnxError(
        `Expected at most ${MAX_MODEL_ENTRIES} opset_import and metadata_props entries but received more`,
      );
    }
  };
  while (r.next()) {
    switch (r.field) {
      case MODEL.irVersion:
        irVersion = r.int64('ir_version');
        break;
      case MODEL.graph:
        if (graph) throw new OnnxError('Expected one graph in the model but received two');
        graph = r.message('graph', 'GraphProto');
        break;
      case MODEL.opsetImport: {
        count();
        const o = r.message('opset_import', 'opset_import');
        let domain = '';
        let version = 0;
        while (o.next()) {
          if (o.field === OPSET_ID.domain) domain = o.string('domain');
          else if (o.field === OPSET_ID.version) version = o.int64('version');
          else o.skip();
        }
        // 'ai.onnx' is another name for the default domain ''.
        const key = DEFAULT_DOMAINS.includes(domain) ? '' : domain;
        if (opsets.has(key))
          throw new OnnxError(`Expected one opset_import for domain ${quote(domain)} but received two`);
        opsets.set(key, version);
        break;
      }
      case MODEL.metadataProps: {
        count();
        const e = r.message('metadata_props', 'metadata_props');
        let key = '';
        let value = '';
        while (e.next()) {
          if (e.field === STRING_ENTRY.key) key = e.string('key');
          else if (e.field === STRING_ENTRY.value) value = e.string('value');
          else e.skip();
        }
        if (key === CLASSES_METADATA_KEY) classes = parseClasses(value);
        break;
      }
      default:
        r.skip();
    }
  }
  if (irVersion < 3) {
    throw new OnnxError(
      `Expected an ONNX model of IR version 3 or newer but received ${irVersion || 'none'}`,
    );
  }
  const opset = opsets.get('');
  if (opset === undefined) {
    throw new OnnxError('Expected an opset_import for the default ONNX domain but received none');
  }
  if (opset < MIN_OPSET || opset > MAX_OPSET) {
    throw new OnnxError(
      `Expected ONNX opset ${MIN_OPSET} to ${MAX_OPSET} (default domain) but received opset ${opset}`,
    );
  }
  if (!graph) throw new OnnxError('Expected the model to have a graph but received none');
  return { graph, opset, classes };
}

/** Convscope's class names (exportOnnx writes them): a JSON array of strings. */
function parseClasses(text: string): string[] {
  if (text.length > MAX_CLASSES_TEXT) {
    throw new OnnxError(
      `Expected metadata ${quote(CLASSES_METADATA_KEY)} of at most ${MAX_CLASSES_TEXT} characters but received ${text.length}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (
    !Array.isArray(value) ||
    value.length > MAX_CLASSES ||
    !value.every((c): c is string => typeof c === 'string')
  ) {
    throw new OnnxError(
      `Expected metadata ${quote(CLASSES_METADATA_KEY)} to be a JSON array of at most ${MAX_CLASSES} strings but received ${quote(text)}`,
    );
  }
  return value;
}

function readGraph(r: ProtoReader, ctx: ImportContext, opset: number): ModelGraph {
  const { limits } = ctx;
  let name = '';
  const nodeReaders: ProtoReader[] = [];
  // No prototype: names come from the file, and '__proto__' or 'constructor' must stay plain keys.
  const initializers: Record<string, GraphTensor> = Object.create(null);
  let initializerCount = 0;
  const inputs: ValueInfo[] = [];
  const outputs: ValueInfo[] = [];
  while (r.next()) {
    switch (r.field) {
      case GRAPH.node:
        if (nodeReaders.length === limits.maxNodes) {
          throw new OnnxError(`Expected at most ${limits.maxNodes} nodes but received more`);
        }
        nodeReaders.push(r.message('node', `node #${nodeReaders.length}`));
        break;
      case GRAPH.name:
        name = r.string('name');
        break;
      case GRAPH.initializer: {
        if (++initializerCount > limits.maxInitializers) {
          throw new OnnxError(`Expected at most ${limits.maxInitializers} initializers but received more`);
        }
        const label = `initializer #${initializerCount - 1}`;
        const t = decodeTensor(r.message('initializer', label), ctx, label);
        if (t.name === '') throw new OnnxError(`Expected ${label} to have a name but received none`);
        if (Object.hasOwn(initializers, t.name)) {
          throw new OnnxError(`Expected one initializer named ${quote(t.name)} but received two`);
        }
        initializers[t.name] = t.tensor;
        break;
      }
      case GRAPH.sparseInitializer:
        throw new OnnxError(
          'Expected dense initializers but received a sparse one (Convscope reads dense tensors only)',
        );
      case GRAPH.input:
        if (inputs.length > limits.maxInitializers) {
          throw new OnnxError(
            `Expected at most ${limits.maxInitializers + 1} graph inputs but received more`,
          );
        }
        inputs.push(readValueInfo(r.message('input', 'a graph input'), 'graph input'));
        break;
      case GRAPH.output:
        if (outputs.length === limits.maxNodeEntries) {
          throw new OnnxError(
            `Expected exactly one graph output but received more than ${limits.maxNodeEntries}`,
          );
        }
        outputs.push(readValueInfo(r.message('output', 'a graph output'), 'graph output'));
        break;
      default:
        r.skip();
    }
  }

  // Files written for IR version 3 list every initializer among the inputs too; those are weights.
  const realInputs = inputs.filter((v) => !Object.hasOwn(initializers, v.name));
  if (realInputs.length !== 1) {
    throw new OnnxError(
      `Expected exactly one graph input besides the initializers but received ${realInputs.length}${names(realInputs)}`,
    );
  }
  if (outputs.length !== 1) {
    throw new OnnxError(`Expected exactly one graph output but received ${outputs.length}${names(outputs)}`);
  }
  const input = { name: realInputs[0].name, dims: inputDims(realInputs[0], ctx) };
  const output = outputs[0].name;
  const outType = readTensorType(outputs[0], 'graph output', ctx);
  if (outType.elemType !== DATA_TYPE.FLOAT && outType.elemType !== DATA_TYPE.UNDEFINED) {
    throw new OnnxError(
      `Expected graph output ${quote(output)} to be FLOAT but received ${dataTypeName(outType.elemType)}`,
    );
  }

  const decoded = nodeReaders.map((n, i) => decodeNode(n, ctx, i));
  uniqueNames(decoded);
  checkTopology(input.name, initializers, decoded, output);
  const folded = foldConstants({ input, output, initializers, nodes: decoded }, ctx, opset);
  const nodes = folded.nodes.map((node): GraphNode => {
    if (!SUPPORTED.has(node.op)) throw unsupportedOpError(node.op, node.name);
    return node as GraphNode;
  });
  checkWideInts(folded.initializers, nodes, ctx);
  return { name, input, output, initializers: folded.initializers, nodes, opset };
}

/**
 * No INT64 past ±(2^53 - 1) is left once the constants are folded: decodeTensor let them through
 * as ±Infinity for Slice's bounds, and anything else that holds one is refused here, by the
 * decoder's message naming the exact value when it is still the file's tensor. (Wide ints
 * attributes are read only on Slice nodes, which are folded or refused by name before this.)
 */
function checkWideInts(
  initializers: Record<string, GraphTensor>,
  nodes: GraphNode[],
  ctx: ImportContext,
): void {
  const check = (t: GraphTensor, where: string): void => {
    if (t.kind !== 'int' || t.data.every(Number.isSafeInteger)) return;
    const bad = t.data.find((v) => !Number.isSafeInteger(v));
    throw new OnnxError(
      ctx.wideMessage(t) ??
        `Expected the values of ${where} to be within ±(2^53 - 1) but received ${bad === Infinity ? 'a larger one' : 'a smaller one'}`,
    );
  };
  for (const [name, t] of Object.entries(initializers)) check(t, `tensor ${quote(name)}`);
  for (const node of nodes) {
    for (const [attr, a] of Object.entries(node.attributes)) {
      if (a.type === 'tensor') check(a.value, `attribute ${quote(attr)} of node ${quote(node.name)}`);
    }
  }
}

/**
 * The input's dims with the batch fixed to 1: a symbolic or absent batch dimension becomes 1, a
 * fixed one must be 1; every other dimension must be a number from 1 to maxDim.
 */
function inputDims(info: ValueInfo, ctx: ImportContext): number[] {
  const { limits } = ctx;
  const label = `graph input ${quote(info.name)}`;
  const { elemType, shape } = readTensorType(info, 'graph input', ctx);
  if (elemType !== DATA_TYPE.FLOAT) {
    throw new OnnxError(`Expected ${label} to be FLOAT but received ${dataTypeName(elemType)}`);
  }
  if (!shape) throw new OnnxError(`Expected ${label} to have a shape but received none`);
  if (shape.length === 0)
    throw new OnnxError(`Expected ${label} to have a batch dimension but received a scalar`);
  const [batch, ...rest] = shape;
  if (typeof batch === 'number' && batch !== 1) {
    throw new OnnxError(`Expected the batch dimension of ${label} to be 1 or symbolic but received ${batch}`);
  }
  const dims = [1];
  let elements = 1;
  rest.forEach((d, i) => {
    if (typeof d !== 'number' || d < 1 || d > limits.maxDim) {
      const got = d === null ? 'an unknown dimension' : typeof d === 'string' ? `symbolic ${quote(d)}` : d;
      throw new OnnxError(
        `Expected dimension ${i + 1} of ${label} to be a number from 1 to ${limits.maxDim} but received ${got}`,
      );
    }
    elements *= d;
    if (elements > limits.maxElements) {
      throw new OnnxError(
        `Expected ${label} to have at most ${limits.maxElements} elements but received more`,
      );
    }
    dims.push(d);
  });
  return dims;
}

/**
 * Node names unique, as ModelGraph requires: ONNX uses them for diagnostics only and allows
 * repeats, so a repeat becomes `<name>_1`, `<name>_2`, ... (the first free one).
 */
function uniqueNames(nodes: DecodedNode[]): void {
  const used = new Set<string>();
  // The next suffix to try per name, so that n nodes sharing a name cost O(n), not O(n²).
  const nextSuffix = new Map<string, number>();
  for (const node of nodes) {
    const base = node.name;
    let unique = base;
    if (used.has(unique)) {
      let k = nextSuffix.get(base) ?? 1;
      while (used.has(`${base}_${k}`)) k++;
      unique = `${base}_${k}`;
      nextSuffix.set(base, k + 1);
    }
    node.name = unique;
    used.add(unique);
  }
}

/**
 * Every tensor a node reads is the input, an initializer or an earlier node's output (ONNX
 * requires topological order), each tensor is produced once, and the graph output exists.
 */
function checkTopology(
  inputName: string,
  initializers: Record<string, GraphTensor>,
  nodes: DecodedNode[],
  output: string,
): void {
  const defined = new Set<string>([inputName, ...Object.keys(initializers)]);
  for (const node of nodes) {
    for (const i of node.inputs) {
      if (i !== '' && !defined.has(i)) {
        throw new OnnxError(
          `Expected input ${quote(i)} of node ${quote(node.name)} to be the graph input, an initializer or an ` +
            `earlier node's output but received a name defined nowhere before it`,
        );
      }
    }
    for (const o of node.outputs) {
      if (o === '') continue;
      if (defined.has(o)) {
        throw new OnnxError(
          `Expected tensor ${quote(o)} to be defined once but node ${quote(node.name)} defines it again`,
        );
      }
      defined.add(o);
    }
  }
  if (!defined.has(output)) {
    throw new OnnxError(
      `Expected graph output ${quote(output)} to be computed by a node but received no such tensor`,
    );
  }
}

function names(list: ValueInfo[]): string {
  if (list.length === 0) return '';
  const shown = list.slice(0, 5).map((v) => quote(v.name));
  return `: ${shown.join(', ')}${list.length > 5 ? ', ...' : ''}`;
}

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}

/**
 * Architecture strings and the layer table of homework question 3: parameters, activation shapes,
 * receptive fields and multiply-accumulates per layer. Pure (no Node), so the CLI, the concepts lab
 * and the network explorer compute the same table.
 *
 * Syntax: blocks separated by commas, case-insensitive; spaces inside a block are ignored.
 *
 *     input HxWxC     the first block and only there ('×' works for 'x' too)
 *     convK-F         K×K convolution, F filters; stride 1, padding floor(K/2), dilation 1
 *     poolK           K×K max pooling, stride K, padding 0 (maxpoolK is the same)
 *     avgpoolK        K×K average pooling, stride K, padding 0
 *     flatten         H×W×C → H·W·C, in torch's (C, H, W) order
 *     fc-K            fully connected, K outputs; needs a vector (after flatten or gap)
 *     relu, bn        elementwise; bn has 2 parameters per channel (γ, β)
 *     dropoutP        P the drop probability in [0, 1), default 0.5 ('dropout', 'dropout0.2')
 *     gap             global average pool: H×W×C → C
 *
 * Options follow a block, each introduced by '/': `/sN` stride, `/pN` padding, `/dN` dilation.
 * Convolutions take all three, pools `/s` and `/p`. Examples: `conv3-10/s2/p0`, `maxpool3/s2/p1`,
 * `conv3-16/d2/p2`.
 */
import { convOutputSize } from './shapes.js';

/** One architecture block as written, with its defaults filled in. */
export type BlockSpec =
  | { kind: 'input'; height: number; width: number; channels: number }
  | { kind: 'conv'; kernel: number; filters: number; stride: number; padding: number; dilation: number }
  | { kind: 'pool'; op: 'max' | 'avg'; kernel: number; stride: number; padding: number }
  | { kind: 'fc'; units: number }
  | { kind: 'dropout'; p: number }
  | { kind: 'flatten' }
  | { kind: 'relu' }
  | { kind: 'bn' }
  | { kind: 'gap' };

/** A parsed block and where it came from (position is 1-based, as in error messages). */
export type Block = BlockSpec & { source: string; position: number };

/** An activation: a spatial H×W×C map or, after flatten, fc or gap, a vector. */
export type Activation =
  | { kind: 'spatial'; height: number; width: number; channels: number; size: number; text: string }
  | { kind: 'vector'; length: number; size: number; text: string };

/**
 * One output unit's receptive field on the input. 'local': unit (i, j) sees the rows
 * start + i·jump .. start + i·jump + size − 1 (columns likewise), padding included, so it may
 * reach outside the image; with dilation this is the bounding window of the pixels read.
 * 'whole': every unit depends on every input pixel (fc, gap and what follows them).
 */
export interface ReceptiveField {
  kind: 'local' | 'whole';
  /** Side in input pixels; for 'whole', the input's larger side (capped at the input). */
  size: number;
  /** Input pixels between neighbouring units' windows (the product of the strides so far). */
  jump: number;
  /** Input coordinate of unit (0, 0)'s first row and column (negative when padding reaches out). */
  start: number;
  text: string;
}

/** One row of the layer table. */
export interface LayerRow {
  /** 0 is the input. */
  index: number;
  /** Canonical name, e.g. 'CONV3-10', 'POOL2', 'FC-3', with non-default options ('CONV3-10/s2'). */
  name: string;
  block: Block;
  /** Learnable parameters: the computation ('3×3×1×10 + 10') and its value. */
  parameters: { text: string; count: number };
  activation: Activation;
  receptiveField: ReceptiveField;
  /** Multiply-accumulates for one input (conv and fc only; pooling, ReLU, bn and gap do none). */
  macs: number;
  /** Comparisons for one input: max pooling (K·K − 1 per output) and ReLU (one per element). */
  comparisons: number;
}

/** The whole table, input first. */
export interface LayerTable {
  input: { height: number; width: number; channels: number };
  layers: LayerRow[];
  totals: { parameters: number; macs: number; comparisons: number };
}

/** An inclusive rectangle of input pixels. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A unit's receptive field: unclipped (padding included) and clipped to the image (null if outside). */
export interface ReceptiveRect {
  unclipped: Rect;
  clipped: Rect | null;
}

/**
 * A bad architecture string. kind 'syntax': a block cannot be read on its own; 'shape': the
 * blocks do not fit together (fc on a map, a size below 1). position is 1-based, null for the whole.
 */
export class ArchitectureError extends Error {
  constructor(
    message: string,
    readonly kind: 'syntax' | 'shape',
    readonly position: number | null,
  ) {
    super(message);
    this.name = 'ArchitectureError';
  }
}

/** The blocks the grammar knows, as listed in error messages. */
export const KNOWN_BLOCKS =
  'input HxWxC, convK-F, poolK, maxpoolK, avgpoolK, flatten, fc-K, relu, bn, dropout[P], gap';

const INT = '(\\d+)';

/** Parses an architecture string into blocks; throws ArchitectureError on anything it cannot read. */
export function parseArchitecture(text: string): Block[] {
  const sources = text.split(',').map((s) => s.trim());
  if (sources.length === 1 && sources[0] === '')
    throw new ArchitectureError(
      `empty architecture; expected e.g. 'input 28x28x1, conv3-10, ...'`,
      'syntax',
      null,
    );
  const blocks = sources.map((source, i) => parseBlock(source, i + 1));
  if (blocks[0].kind !== 'input')
    throw new ArchitectureError(
      `block 1 must be 'input HxWxC' (e.g. 'input 28x28x1') but is '${blocks[0].source}'`,
      'syntax',
      1,
    );
  const again = blocks.findIndex((b, i) => i > 0 && b.kind === 'input');
  if (again > 0)
    throw new ArchitectureError(
      `'${blocks[again].source}' at position ${again + 1}: input must be the first block only`,
      'syntax',
      again + 1,
    );
  return blocks;
}

function parseBlock(source: string, position: number): Block {
  if (source === '') throw new ArchitectureError(`empty block at position ${position}`, 'syntax', position);
  const compact = source.toLowerCase().replace(/\s+/g, '').replace(/×/g, 'x');
  const slash = compact.indexOf('/');
  const base = slash < 0 ? compact : compact.slice(0, slash);
  const optionText = slash < 0 ? '' : compact.slice(slash);
  const spec = parseBase(base, source, position);
  if (spec === null)
    throw new ArchitectureError(
      `unknown block '${source}' at position ${position}; expected one of: ${KNOWN_BLOCKS}`,
      'syntax',
      position,
    );
  applyOptions(spec, optionText, source, position);
  return { ...spec, source, position };
}

function parseBase(base: string, source: string, position: number): BlockSpec | null {
  const int = (digits: string, what: string, min: number): number => {
    const n = Number(digits);
    if (!Number.isSafeInteger(n) || n < min)
      throw new ArchitectureError(
        `'${source}' at position ${position}: ${what} must be an integer of at least ${min}, got ${digits}`,
        'syntax',
        position,
      );
    return n;
  };
  let m = new RegExp(`^input${INT}x${INT}x${INT}$`).exec(base);
  if (m)
    return {
      kind: 'input',
      height: int(m[1], 'the height', 1),
      width: int(m[2], 'the width', 1),
      channels: int(m[3], 'the channel count', 1),
    };
  m = new RegExp(`^conv${INT}-${INT}$`).exec(base);
  if (m) {
    const kernel = int(m[1], 'the kernel size', 1);
    const filters = int(m[2], 'the filter count', 1);
    return { kind: 'conv', kernel, filters, stride: 1, padding: Math.floor(kernel / 2), dilation: 1 };
  }
  m = new RegExp(`^(max|avg)?pool${INT}$`).exec(base);
  if (m) {
    const kernel = int(m[2], 'the pool size', 1);
    return { kind: 'pool', op: m[1] === 'avg' ? 'avg' : 'max', kernel, stride: kernel, padding: 0 };
  }
  m = new RegExp(`^fc-${INT}$`).exec(base);
  if (m) return { kind: 'fc', units: int(m[1], 'the output count', 1) };
  m = /^dropout(\d*\.?\d+)?$/.exec(base);
  if (m) {
    const p = m[1] === undefined ? 0.5 : Number(m[1]);
    if (!(p >= 0 && p < 1))
      throw new ArchitectureError(
        `'${source}' at position ${position}: the drop probability must be in [0, 1), got ${m[1]}`,
        'syntax',
        position,
      );
    return { kind: 'dropout', p };
  }
  if (base === 'flatten') return { kind: 'flatten' };
  if (base === 'relu') return { kind: 'relu' };
  if (base === 'bn') return { kind: 'bn' };
  if (base === 'gap') return { kind: 'gap' };
  return null;
}

/** Applies '/sN', '/pN', '/dN' to a conv or pool spec (mutating it), rejecting anything else. */
function applyOptions(spec: BlockSpec, optionText: string, source: string, position: number): void {
  if (optionText === '') return;
  const fail = (why: string): never => {
    throw new ArchitectureError(`'${source}' at position ${position}: ${why}`, 'syntax', position);
  };
  if (spec.kind !== 'conv' && spec.kind !== 'pool') return fail(`${spec.kind} takes no options`);
  const allowed = spec.kind === 'conv' ? 'sdp' : 'sp';
  const allowedText = spec.kind === 'conv' ? '/sN (stride), /pN (padding), /dN (dilation)' : '/sN, /pN';
  const seen = new Set<string>();
  for (const option of optionText.slice(1).split('/')) {
    const m = /^([a-z])(\d+)$/.exec(option);
    if (!m || !allowed.includes(m[1])) return fail(`unknown option '/${option}'; expected ${allowedText}`);
    if (seen.has(m[1])) return fail(`option '/${m[1]}' given twice`);
    seen.add(m[1]);
    const n = Number(m[2]);
    const min = m[1] === 'p' ? 0 : 1;
    if (!Number.isSafeInteger(n) || n < min) return fail(`'/${option}' must be at least ${min}`);
    if (m[1] === 's') spec.stride = n;
    else if (m[1] === 'p') spec.padding = n;
    else if (spec.kind === 'conv') spec.dilation = n;
  }
  // torch rejects pooling windows that could lie entirely in the padding.
  if (spec.kind === 'pool' && spec.padding > spec.kernel / 2)
    fail(`pool padding ${spec.padding} is more than half the ${spec.kernel}×${spec.kernel} window`);
}

/** Parses an architecture string and computes its layer table. */
export function layerTable(text: string): LayerTable {
  return computeLayerTable(parseArchitecture(text));
}

/** The layer table for parsed blocks (the first must be the input); throws ArchitectureError. */
export function computeLayerTable(blocks: readonly Block[]): LayerTable {
  const first = blocks[0];
  if (first === undefined || first.kind !== 'input')
    throw new ArchitectureError(`the first block must be 'input HxWxC'`, 'syntax', first ? 1 : null);
  const input = { height: first.height, width: first.width, channels: first.channels };
  let act: Activation = spatial(input.height, input.width, input.channels);
  let rf: ReceptiveField = local(1, 1, 0);
  const layers: LayerRow[] = [row(0, first, 'INPUT', zero(), act, rf, 0, 0)];

  for (let i = 1; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'input') throw shapeError(b, 'input must be the first block only');
    const where = `'${b.source}' at position ${b.position}`;
    let params = zero();
    let macs = 0;
    let comparisons = 0;
    let name: string;
    if (b.kind === 'conv' || b.kind === 'pool') {
      if (act.kind !== 'spatial')
        throw shapeError(
          b,
          `needs an H×W×C map but gets a vector of ${act.length} (after flatten, fc or gap)`,
        );
      const dilation = b.kind === 'conv' ? b.dilation : 1;
      const height = outputSize(b, act.height, dilation, `${where} shrinks the ${act.text} map's height`);
      const width = outputSize(b, act.width, dilation, `${where} shrinks the ${act.text} map's width`);
      const c = act.channels;
      rf = local(
        rf.size + (b.kernel - 1) * dilation * rf.jump,
        rf.jump * b.stride,
        rf.start - b.padding * rf.jump,
      );
      if (b.kind === 'conv') {
        const k = b.kernel;
        params = {
          text: `${k}×${k}×${c}×${b.filters} + ${b.filters}`,
          count: k * k * c * b.filters + b.filters,
        };
        macs = height * width * b.filters * k * k * c;
        act = spatial(height, width, b.filters);
        name = `CONV${k}-${b.filters}${suffix(b.stride, 1, b.padding, Math.floor(k / 2), b.dilation)}`;
      } else {
        act = spatial(height, width, c);
        if (b.op === 'max') comparisons = act.size * (b.kernel * b.kernel - 1);
        name = `${b.op === 'max' ? 'POOL' : 'AVGPOOL'}${b.kernel}${suffix(b.stride, b.kernel, b.padding, 0, 1)}`;
      }
    } else if (b.kind === 'flatten') {
      if (act.kind === 'spatial') act = vector(act.size);
      name = 'FLATTEN';
    } else if (b.kind === 'gap') {
      if (act.kind !== 'spatial')
        throw shapeError(b, `needs an H×W×C map but gets a vector of ${act.length}`);
      act = vector(act.channels);
      rf = whole(input, rf);
      name = 'GAP';
    } else if (b.kind === 'fc') {
      if (act.kind !== 'vector')
        throw shapeError(b, `gets a ${act.text} map; put 'flatten' (or 'gap') before it`);
      params = { text: `${act.length}×${b.units} + ${b.units}`, count: act.length * b.units + b.units };
      macs = act.length * b.units;
      act = vector(b.units);
      rf = whole(input, rf);
      name = `FC-${b.units}`;
    } else if (b.kind === 'bn') {
      const c = act.kind === 'spatial' ? act.channels : act.length;
      params = { text: `2×${c}`, count: 2 * c };
      name = 'BN';
    } else if (b.kind === 'relu') {
      comparisons = act.size;
      name = 'RELU';
    } else {
      name = `DROPOUT${b.p}`;
    }
    for (const n of [params.count, macs, comparisons, act.size])
      if (!Number.isSafeInteger(n)) throw shapeError(b, 'the counts are too large to compute exactly');
    layers.push(row(i, b, name, params, act, rf, macs, comparisons));
  }
  const totals = { parameters: 0, macs: 0, comparisons: 0 };
  for (const l of layers) {
    totals.parameters += l.parameters.count;
    totals.macs += l.macs;
    totals.comparisons += l.comparisons;
  }
  if (!Object.values(totals).every(Number.isSafeInteger))
    throw new ArchitectureError('the totals are too large to compute exactly', 'shape', null);
  return { input, layers, totals };
}

/**
 * The input rectangle that unit {row, col} of layer `layerIndex` sees, walked back layer by layer
 * from each kernel, stride, padding and dilation. Unclipped counts padding as input; clipped keeps
 * only real units at every layer (so pixels a floor-mode layer drops are excluded) and is null when
 * the unit reads nothing but padding. A dilated kernel is taken as its bounding window. Vector
 * layers take row 0 and col = the element index.
 */
export function receptiveFieldOf(
  table: LayerTable,
  layerIndex: number,
  unit: { row: number; col: number },
): ReceptiveRect {
  const layer = table.layers[layerIndex];
  if (!Number.isInteger(layerIndex) || layer === undefined)
    throw new RangeError(`layer index ${layerIndex} is not in 0..${table.layers.length - 1}`);
  const { height: H, width: W } = table.input;
  const act = layer.activation;
  const [rows, cols] = act.kind === 'spatial' ? [act.height, act.width] : [1, act.length];
  if (!isIndex(unit.row, rows) || !isIndex(unit.col, cols))
    throw new RangeError(
      `unit (${unit.row}, ${unit.col}) is outside ${layer.name}'s ` +
        (act.kind === 'spatial' ? `${rows}×${cols} map` : `vector of ${cols} (row 0, col 0..${cols - 1})`),
    );
  const image: Rect = { top: 0, left: 0, bottom: H - 1, right: W - 1 };
  if (layer.receptiveField.kind === 'whole') return { unclipped: image, clipped: { ...image } };

  let unclipped: Rect = { top: unit.row, left: unit.col, bottom: unit.row, right: unit.col };
  let clipped: Rect | null = { ...unclipped };
  for (let i = layerIndex; i >= 1; i--) {
    const b = table.layers[i].block;
    const before = table.layers[i - 1].activation;
    if (b.kind === 'flatten' && before.kind === 'spatial') {
      // torch flattens (C, H, W): element k is row (k mod H·W) / W, column k mod W of its channel.
      const k = unit.col % (before.height * before.width);
      const [r, c] = [Math.floor(k / before.width), k % before.width];
      unclipped = { top: r, left: c, bottom: r, right: c };
      clipped = { ...unclipped };
    } else if ((b.kind === 'conv' || b.kind === 'pool') && before.kind === 'spatial') {
      const reach = (b.kernel - 1) * (b.kind === 'conv' ? b.dilation : 1);
      // Units lo..hi of this layer read units lo·s − p .. hi·s − p + reach of the layer before.
      const back = (lo: number, hi: number): [number, number] => [
        lo * b.stride - b.padding,
        hi * b.stride - b.padding + reach,
      ];
      const [top, bottom] = back(unclipped.top, unclipped.bottom);
      const [left, right] = back(unclipped.left, unclipped.right);
      unclipped = { top, left, bottom, right };
      if (clipped !== null) {
        const [t, bt] = back(clipped.top, clipped.bottom);
        const [l, r] = back(clipped.left, clipped.right);
        clipped = clip({ top: t, left: l, bottom: bt, right: r }, before.height, before.width);
      }
    }
  }
  return { unclipped, clipped };
}

/** The part of a rectangle inside a height×width grid, or null if none is. */
function clip(rect: Rect, height: number, width: number): Rect | null {
  const out = {
    top: Math.max(0, rect.top),
    left: Math.max(0, rect.left),
    bottom: Math.min(height - 1, rect.bottom),
    right: Math.min(width - 1, rect.right),
  };
  return out.top > out.bottom || out.left > out.right ? null : out;
}

function isIndex(value: number, size: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < size;
}

function outputSize(
  b: Block & { kind: 'conv' | 'pool' },
  size: number,
  dilation: number,
  what: string,
): number {
  const out = convOutputSize(size, b.kernel, b.stride, b.padding, dilation);
  if (out < 1)
    throw new ArchitectureError(
      `${what} below 1: floor((${size} + 2*${b.padding} - ${dilation}*(${b.kernel}-1) - 1)/${b.stride}) + 1 = ${out}`,
      'shape',
      b.position,
    );
  return out;
}

/** The options that differ from the block's defaults, in the input syntax ('/s2/p0'). */
function suffix(
  stride: number,
  defaultStride: number,
  padding: number,
  defaultPad: number,
  dilation: number,
): string {
  let s = '';
  if (stride !== defaultStride) s += `/s${stride}`;
  if (padding !== defaultPad) s += `/p${padding}`;
  if (dilation !== 1) s += `/d${dilation}`;
  return s;
}

function shapeError(b: Block, why: string): ArchitectureError {
  return new ArchitectureError(`'${b.source}' at position ${b.position} ${why}`, 'shape', b.position);
}

function row(
  index: number,
  block: Block,
  name: string,
  parameters: { text: string; count: number },
  activation: Activation,
  receptiveField: ReceptiveField,
  macs: number,
  comparisons: number,
): LayerRow {
  return { index, name, block, parameters, activation, receptiveField, macs, comparisons };
}

function zero(): { text: string; count: number } {
  return { text: '0', count: 0 };
}

function spatial(height: number, width: number, channels: number): Activation {
  return {
    kind: 'spatial',
    height,
    width,
    channels,
    size: height * width * channels,
    text: `${height}×${width}×${channels}`,
  };
}

function vector(length: number): Activation {
  return { kind: 'vector', length, size: length, text: `${length}` };
}

function local(size: number, jump: number, start: number): ReceptiveField {
  return { kind: 'local', size, jump, start, text: `${size}×${size} (jump ${jump})` };
}

function whole(input: { height: number; width: number }, before: ReceptiveField): ReceptiveField {
  return {
    kind: 'whole',
    size: Math.max(input.height, input.width),
    jump: before.jump,
    start: 0,
    text: `whole input (${input.height}×${input.width})`,
  };
}

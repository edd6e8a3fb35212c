/**
 * ValueInfoProto (a graph input's or output's name and type). The name is read at once; the type
 * only for the one real input and the output, so the initializers that old files also list as
 * inputs cost nothing more.
 */
import type { ImportContext } from './importContext.js';
import { OnnxError, quote } from './onnxError.js';
import { DATA_TYPE, DIMENSION, SHAPE, TENSOR_TYPE, TYPE, TYPE_NAMES, VALUE_INFO } from './onnxSchema.js';
import type { ProtoReader } from './protoReader.js';

export interface ValueInfo {
  name: string;
  /** The TypeProto, unread. */
  type: ProtoReader | null;
}

/** One dimension: a number, a symbolic name, or null when the file says neither. */
export type Dim = number | string | null;

export function readValueInfo(r: ProtoReader, role: string): ValueInfo {
  let name = '';
  let type: ProtoReader | null = null;
  while (r.next()) {
    if (r.field === VALUE_INFO.name) name = r.string('name');
    else if (r.field === VALUE_INFO.type) type = r.message('type', `type of ${role} ${quote(name)}`);
    else r.skip();
  }
  if (name === '') throw new OnnxError(`Expected every ${role} to have a name but received one without`);
  return { name, type };
}

/**
 * The element type and dims of a tensor type; refuses other kinds (sequence, map, ...) and shapes
 * of more than maxRank dims. `shape` is null when the file gives no shape at all.
 */
export function readTensorType(
  info: ValueInfo,
  role: string,
  ctx: ImportContext,
): { elemType: number; shape: Dim[] | null } {
  const label = `${role} ${quote(info.name)}`;
  if (!info.type) throw new OnnxError(`Expected ${label} to have a type but received none`);
  const r = info.type.restart();
  let tensorType: ProtoReader | null = null;
  while (r.next()) {
    if (r.field === TYPE.tensorType) tensorType = r.message('tensor_type', `tensor type of ${label}`);
    else if (r.field in TYPE_NAMES) {
      throw new OnnxError(`Expected ${label} to be a tensor but received a ${TYPE_NAMES[r.field]} type`);
    } else r.skip();
  }
  if (!tensorType) throw new OnnxError(`Expected ${label} to be a tensor but received no tensor type`);
  let elemType: number = DATA_TYPE.UNDEFINED;
  let shape: Dim[] | null = null;
  while (tensorType.next()) {
    if (tensorType.field === TENSOR_TYPE.elemType) elemType = tensorType.int32('elem_type');
    else if (tensorType.field === TENSOR_TYPE.shape) {
      const s = tensorType.message('shape', `shape of ${label}`);
      const dims: Dim[] = (shape = []);
      while (s.next()) {
        if (s.field !== SHAPE.dim) {
          s.skip();
          continue;
        }
        if (dims.length === ctx.limits.maxRank) {
          throw new OnnxError(
            `Expected ${label} to have rank at most ${ctx.limits.maxRank} but received more dims`,
          );
        }
        dims.push(readDim(s.message('dim', `a dimension of ${label}`)));
      }
    } else tensorType.skip();
  }
  return { elemType, shape };
}

function readDim(r: ProtoReader): Dim {
  let dim: Dim = null;
  while (r.next()) {
    if (r.field === DIMENSION.dimValue) dim = r.int64('dim_value');
    else if (r.field === DIMENSION.dimParam) dim = r.string('dim_param');
    else r.skip();
  }
  return dim;
}

/**
 * AttributeProto → AttributeValue. Only the kinds Convscope's ops use are read (float, int,
 * string, tensor, floats, ints); a subgraph is refused at its key, before a byte of it is read,
 * so nested graphs cannot cost anything; other kinds are refused by name.
 */
import type { AttributeValue } from '../modelGraph.js';
import { decodeTensor } from './decodeTensor.js';
import { float32ToDecimal } from './float32ToDecimal.js';
import type { ImportContext } from './importContext.js';
import { OnnxError, quote } from './onnxError.js';
import { ATTRIBUTE, ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_NAMES } from './onnxSchema.js';
import type { ProtoReader } from './protoReader.js';

/** Value fields of kinds Convscope refuses, with the type they belong to. */
const REFUSED_FIELDS: Record<number, number> = {
  [ATTRIBUTE.g]: ATTRIBUTE_TYPE.GRAPH,
  [ATTRIBUTE.graphs]: ATTRIBUTE_TYPE.GRAPHS,
  [ATTRIBUTE.strings]: ATTRIBUTE_TYPE.STRINGS,
  [ATTRIBUTE.tensors]: ATTRIBUTE_TYPE.TENSORS,
  [ATTRIBUTE.sparseTensor]: ATTRIBUTE_TYPE.SPARSE_TENSOR,
  [ATTRIBUTE.sparseTensors]: ATTRIBUTE_TYPE.SPARSE_TENSORS,
  [ATTRIBUTE.tp]: ATTRIBUTE_TYPE.TYPE_PROTO,
  [ATTRIBUTE.typeProtos]: ATTRIBUTE_TYPE.TYPE_PROTOS,
};

const REFUSED_TYPES: ReadonlySet<number> = new Set(Object.values(REFUSED_FIELDS));

/**
 * Reads one attribute of node `nodeLabel` (already quoted). With `wideInts` (a Slice before opset
 * 10, whose ends are INT64_MAX for "to the end"), ints past ±(2^53 - 1) become ±Infinity instead
 * of being refused: only the constant folder reads them, and it clamps them.
 */
export function decodeAttribute(
  r: ProtoReader,
  ctx: ImportContext,
  nodeLabel: string,
  wideInts = false,
): { name: string; value: AttributeValue } {
  const { maxAttributeValues } = ctx.limits;
  let name = '';
  let type: number = ATTRIBUTE_TYPE.UNDEFINED;
  let f: number | undefined;
  let i: number | undefined;
  let s: string | undefined;
  let t: ProtoReader | undefined;
  let floats: number[] | undefined;
  let ints: number[] | undefined;
  const refuse = (kind: number): never => {
    const what =
      kind === ATTRIBUTE_TYPE.GRAPH || kind === ATTRIBUTE_TYPE.GRAPHS ? 'a subgraph' : 'an attribute';
    throw new OnnxError(
      `Expected node ${nodeLabel} to have no ${ATTRIBUTE_TYPE_NAMES[kind]} attributes but received ${what}` +
        `${name ? ` ${quote(name)}` : ''} (no op Convscope runs takes one)`,
    );
  };
  const tooMany = (): never => {
    throw new OnnxError(
      `Expected attribute ${quote(name)} of node ${nodeLabel} to hold at most ${maxAttributeValues} values but received more`,
    );
  };
  while (r.next()) {
    if (r.field in REFUSED_FIELDS) refuse(REFUSED_FIELDS[r.field]);
    switch (r.field) {
      case ATTRIBUTE.name:
        name = r.string('name');
        break;
      case ATTRIBUTE.type:
        type = r.int32('type');
        if (REFUSED_TYPES.has(type)) refuse(type);
        break;
      case ATTRIBUTE.f:
        f = r.float('f');
        break;
      case ATTRIBUTE.i:
        i = r.int64('i');
        break;
      case ATTRIBUTE.s:
        s = r.string('s');
        break;
      case ATTRIBUTE.t:
        t = r.message('t', `tensor attribute of node ${nodeLabel}`);
        break;
      case ATTRIBUTE.floats: {
        const run = r.fixed32Run('floats');
        const list = (floats ??= []);
        if (list.length + run.length / 4 > maxAttributeValues) tooMany();
        const view = new DataView(run.buffer, run.byteOffset, run.length);
        for (let k = 0; k < run.length; k += 4) list.push(float32ToDecimal(view.getFloat32(k, true)));
        break;
      }
      case ATTRIBUTE.ints: {
        const list = (ints ??= []);
        r.forEachInt64(
          'ints',
          (v) => {
            if (list.length === maxAttributeValues) tooMany();
            list.push(v);
          },
          wideInts ? () => {} : undefined,
        );
        break;
      }
      case ATTRIBUTE.refAttrName:
        throw new OnnxError(
          `Expected attribute values in node ${nodeLabel} but received a reference to a function's attribute`,
        );
      default:
        r.skip();
    }
  }

  const label = `attribute ${quote(name)} of node ${nodeLabel}`;
  if (name === '')
    throw new OnnxError(`Expected every attribute of node ${nodeLabel} to have a name but received none`);
  if (type === ATTRIBUTE_TYPE.UNDEFINED) {
    // IR version 1 files leave the type out: it is whichever one value field is present.
    const present = (
      [
        [ATTRIBUTE_TYPE.FLOAT, f],
        [ATTRIBUTE_TYPE.INT, i],
        [ATTRIBUTE_TYPE.STRING, s],
        [ATTRIBUTE_TYPE.TENSOR, t],
        [ATTRIBUTE_TYPE.FLOATS, floats],
        [ATTRIBUTE_TYPE.INTS, ints],
      ] as const
    ).filter(([, v]) => v !== undefined);
    if (present.length !== 1) {
      throw new OnnxError(
        `Expected ${label} to have a type or exactly one value but received ${present.length} values`,
      );
    }
    type = present[0][0];
  }
  switch (type) {
    case ATTRIBUTE_TYPE.FLOAT:
      return { name, value: { type: 'float', value: float32ToDecimal(f ?? 0) } };
    case ATTRIBUTE_TYPE.INT:
      return { name, value: { type: 'int', value: i ?? 0 } };
    case ATTRIBUTE_TYPE.STRING:
      return { name, value: { type: 'string', value: s ?? '' } };
    case ATTRIBUTE_TYPE.FLOATS:
      return { name, value: { type: 'floats', value: floats ?? [] } };
    case ATTRIBUTE_TYPE.INTS:
      return { name, value: { type: 'ints', value: ints ?? [] } };
    case ATTRIBUTE_TYPE.TENSOR: {
      if (!t) throw new OnnxError(`Expected ${label} to hold a tensor but received none`);
      return { name, value: { type: 'tensor', value: decodeTensor(t, ctx, label).tensor } };
    }
    default:
      throw new OnnxError(`Expected ${label} to have an attribute type from 1 to 14 but received ${type}`);
  }
}

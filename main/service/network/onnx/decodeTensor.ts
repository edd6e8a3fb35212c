/**
 * TensorProto → GraphTensor, for a hostile file. Two passes over the message: the first reads
 * dims, type and where the data is, and only counts the values (no allocation); then the dims are
 * checked against the caps and against the count; only then is the data array allocated and
 * filled by the second pass.
 */
import type { GraphTensor } from '../modelGraph.js';
import type { ImportContext } from './importContext.js';
import { OnnxError, quote } from './onnxError.js';
import { DATA_LOCATION_EXTERNAL, DATA_TYPE, STRING_ENTRY, TENSOR, dataTypeName } from './onnxSchema.js';
import { WIRE_FIXED32, WIRE_VARINT, type ProtoReader } from './protoReader.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Reads a TensorProto. `label` names it in messages when it has no name of its own ("attribute
 * 'value' of node 'Constant_3'"). Returns the tensor and its name ('' if none).
 */
export function decodeTensor(
  r: ProtoReader,
  ctx: ImportContext,
  label: string,
): { name: string; tensor: GraphTensor } {
  const { limits } = ctx;
  let name = '';
  const dims: number[] = [];
  let dataType: number = DATA_TYPE.UNDEFINED;
  let raw: Uint8Array | null = null;
  let floatCount = 0;
  let int32Count = 0;
  let int64Count = 0;
  let otherData = false;
  let external = false;
  let location = '';
  let segmented = false;
  let rankExceeded = false;
  while (r.next()) {
    switch (r.field) {
      case TENSOR.dims:
        // Counted, not kept, past maxRank: a packed run of dims could be millions long. The error
        // waits for the end of the message, where the tensor's name is known.
        r.forEachInt64('dims', (d) => {
          if (dims.length < limits.maxRank) dims.push(d);
          else rankExceeded = true;
        });
        break;
      case TENSOR.dataType:
        dataType = r.int32('data_type');
        break;
      case TENSOR.segment:
        segmented = true;
        r.skip();
        break;
      case TENSOR.floatData:
        floatCount += r.countRepeated('float_data', WIRE_FIXED32);
        break;
      case TENSOR.int32Data:
        int32Count += r.countRepeated('int32_data', WIRE_VARINT);
        break;
      case TENSOR.int64Data:
        int64Count += r.countRepeated('int64_data', WIRE_VARINT);
        break;
      case TENSOR.stringData:
      case TENSOR.doubleData:
      case TENSOR.uint64Data:
        otherData = true;
        r.skip();
        break;
      case TENSOR.name:
        name = r.string('name');
        if (name !== '') label = name;
        break;
      case TENSOR.rawData:
        raw = r.bytesView('raw_data');
        break;
      case TENSOR.externalData: {
        external = true;
        const entry = r.message('external_data', `external_data of tensor ${quote(label)}`);
        let key = '';
        let value = '';
        while (entry.next()) {
          if (entry.field === STRING_ENTRY.key) key = entry.string('key');
          else if (entry.field === STRING_ENTRY.value) value = entry.string('value');
          else entry.skip();
        }
        if (key === 'location') location = value;
        break;
      }
      case TENSOR.dataLocation:
        if (r.int32('data_location') === DATA_LOCATION_EXTERNAL) external = true;
        break;
      default:
        r.skip();
    }
  }

  const where = `tensor ${quote(label)}`;
  if (rankExceeded) {
    throw new OnnxError(`Expected ${where} to have rank at most ${limits.maxRank} but received more dims`);
  }
  if (external) {
    throw new OnnxError(
      `Expected ${where} to hold its data in the file but received external data` +
        `${location ? ` in ${quote(location)}` : ''} (Convscope reads no other file)`,
    );
  }
  if (segmented)
    throw new OnnxError(`Expected ${where} in one piece but received a segment of a larger tensor`);
  if (dataType !== DATA_TYPE.FLOAT && dataType !== DATA_TYPE.INT64 && dataType !== DATA_TYPE.INT32) {
    throw new OnnxError(
      `Expected ${where} to be FLOAT (or INT64/INT32 for shapes) but received ${dataTypeName(dataType)}`,
    );
  }
  const isFloat = dataType === DATA_TYPE.FLOAT;
  const cap = isFloat ? limits.maxElements : limits.maxIntElements;
  let count = 1;
  for (const d of dims) {
    if (d < 0 || d > limits.maxDim) {
      throw new OnnxError(
        `Expected the dims of ${where} to be from 0 to ${limits.maxDim} but received [${dims.join(', ')}]`,
      );
    }
    count *= d;
    // Checked as the product grows, so it stays exact (each factor is at most maxDim).
    if (count > cap) {
      throw new OnnxError(
        `Expected ${where} to have at most ${cap} elements${isFloat ? '' : ' (integer tensors are shape-like)'} ` +
          `but its dims [${dims.join(', ')}] make more`,
      );
    }
  }

  const typeName = dataTypeName(dataType);
  const elemSize = dataType === DATA_TYPE.INT64 ? 8 : 4;
  const typedCount = isFloat ? floatCount : dataType === DATA_TYPE.INT32 ? int32Count : int64Count;
  const wrongField = isFloat
    ? int32Count + int64Count
    : floatCount + (dataType === DATA_TYPE.INT32 ? int64Count : int32Count);
  if (otherData || wrongField > 0) {
    throw new OnnxError(
      `Expected ${where} (${typeName}) to keep its values in raw_data or the field for ${typeName} but received another field`,
    );
  }
  if (raw && typedCount > 0) {
    throw new OnnxError(
      `Expected ${where} to keep its values in raw_data or in a typed field but received both`,
    );
  }
  const shape = `(${typeName}, dims [${dims.join(', ')}])`;
  if (raw) {
    if (raw.length !== count * elemSize) {
      throw new OnnxError(
        `Expected ${count * elemSize} bytes of raw_data for ${where} ${shape} but received ${raw.length}`,
      );
    }
  } else if (typedCount !== count) {
    throw new OnnxError(`Expected ${count} values for ${where} ${shape} but received ${typedCount}`);
  }

  if (isFloat) {
    ctx.chargeFloats(count, where);
    const data = new Float32Array(count);
    if (raw) copyLittleEndianFloats(raw, data, 0);
    else if (count > 0) {
      let at = 0;
      const again = r.restart();
      while (again.next()) {
        if (again.field !== TENSOR.floatData) {
          again.skip();
          continue;
        }
        const run = again.fixed32Run('float_data');
        copyLittleEndianFloats(run, data, at);
        at += run.length / 4;
      }
    }
    return { name, tensor: { kind: 'float', dims, data } };
  }

  const data: number[] = [];
  // The first INT64 value past ±(2^53 - 1), exactly: it is kept as ±Infinity for now, since a
  // Slice bound of INT64_MAX ("to the end") is legitimate; importOnnx refuses it, with this value,
  // if the tensor is still there once the constants are folded.
  let wide: string | null = null;
  const onWide = (exact: string): void => {
    wide ??= exact;
  };
  if (raw) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
    for (let i = 0; i < count; i++) {
      data.push(dataType === DATA_TYPE.INT32 ? view.getInt32(i * 4, true) : int64At(view, i * 8, onWide));
    }
  } else if (count > 0) {
    const again = r.restart();
    const field = dataType === DATA_TYPE.INT32 ? TENSOR.int32Data : TENSOR.int64Data;
    while (again.next()) {
      if (again.field !== field) again.skip();
      else again.forEachInt64(`values of ${where}`, (v) => data.push(v), onWide);
    }
    if (dataType === DATA_TYPE.INT32 && data.some((v) => v < -(2 ** 31) || v >= 2 ** 31)) {
      throw new OnnxError(`Expected the values of ${where} to fit in INT32 but received larger ones`);
    }
  }
  const tensor: GraphTensor = { kind: 'int', dims, data };
  if (wide !== null) {
    ctx.deferWide(tensor, `Expected the values of ${where} to be within ±(2^53 - 1) but received ${wide}`);
  }
  return { name, tensor };
}

/** Copies little-endian float32 bytes into data from index `at`, bit for bit (NaN payloads too). */
function copyLittleEndianFloats(bytes: Uint8Array, data: Float32Array, at: number): void {
  if (LITTLE_ENDIAN) {
    new Uint8Array(data.buffer, data.byteOffset + at * 4, bytes.length).set(bytes);
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < bytes.length; i += 4) out.setUint32(at * 4 + i, view.getUint32(i, true));
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A little-endian int64 as a number; outside ±(2^53 - 1) (where doubles stop being exact) it is
 * ±Infinity, and `wide` gets the exact value.
 */
function int64At(view: DataView, offset: number, wide: (exact: string) => void): number {
  const v = view.getBigInt64(offset, true);
  if (v > MAX_SAFE || v < -MAX_SAFE) {
    wide(v.toString());
    return v > 0n ? Infinity : -Infinity;
  }
  return Number(v);
}

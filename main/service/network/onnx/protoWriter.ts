/**
 * A writer of the protobuf wire format: the exporter's half of protoReader.ts. Fields are written
 * in the order they are called; nested messages are built by a callback into a child writer and
 * copied in behind their length.
 */
import { OnnxError } from './onnxError.js';
import { WIRE_FIXED32, WIRE_LEN, WIRE_VARINT } from './protoReader.js';

const TWO_32 = 2 ** 32;

export class ProtoWriter {
  private buf = new Uint8Array(64);
  private len = 0;

  /** A signed 64-bit varint field (int64, int32, enum); negatives take 10 bytes, as protobuf does. */
  int64(field: number, value: number): this {
    this.key(field, WIRE_VARINT);
    return this.int64Value(value, field);
  }

  /** The varint of a signed 64-bit value, with no key (one value of a packed run). */
  private int64Value(value: number, field: number): this {
    if (!Number.isSafeInteger(value)) {
      throw new OnnxError(`Expected an integer within ±(2^53 - 1) for field ${field} but received ${value}`);
    }
    const mag = Math.abs(value);
    let lo = (mag % TWO_32) >>> 0;
    let hi = Math.floor(mag / TWO_32) >>> 0;
    if (value < 0) {
      lo = (~lo + 1) >>> 0;
      hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
    }
    this.varint(lo, hi);
    return this;
  }

  /** A float field (fixed32): the value rounded to float32. */
  float(field: number, value: number): this {
    this.key(field, WIRE_FIXED32);
    this.reserve(4);
    new DataView(this.buf.buffer).setFloat32(this.len, value, true);
    this.len += 4;
    return this;
  }

  /** A packed repeated int64 field: one length-delimited run of varints. */
  packedInt64(field: number, values: readonly number[]): this {
    const run = new ProtoWriter();
    for (const v of values) run.int64Value(v, field);
    return this.bytes(field, run.finish());
  }

  /** A packed repeated float field: one length-delimited run of little-endian float32s. */
  packedFloat(field: number, values: ArrayLike<number>): this {
    const run = new Uint8Array(values.length * 4);
    const view = new DataView(run.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
    return this.bytes(field, run);
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, WIRE_LEN);
    this.varint(value.length, 0);
    this.raw(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** An embedded message, written by `build` into a fresh writer. */
  message(field: number, build: (w: ProtoWriter) => void): this {
    const child = new ProtoWriter();
    build(child);
    return this.bytes(field, child.finish());
  }

  /** Raw bytes with no key: for tests that write malformed input on purpose. */
  raw(value: Uint8Array): this {
    this.reserve(value.length);
    this.buf.set(value, this.len);
    this.len += value.length;
    return this;
  }

  /** A field key with any wire type, also invalid ones: for tests. */
  key(field: number, wire: number): this {
    const key = field * 8 + wire;
    this.varint((key % TWO_32) >>> 0, Math.floor(key / TWO_32) >>> 0);
    return this;
  }

  /** Writes the varint of the 64-bit value hi·2^32 + lo. */
  varint(lo: number, hi: number): this {
    this.reserve(10);
    while (hi !== 0 || lo > 0x7f) {
      this.buf[this.len++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi = hi >>> 7;
    }
    this.buf[this.len++] = lo;
    return this;
  }

  /** The bytes written so far (a copy exactly as long as them). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }
}

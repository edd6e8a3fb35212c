/**
 * A reader of the protobuf wire format for hostile input (no protobufjs: it trusts lengths). Every
 * length is checked against the bytes left in the enclosing message before anything is sliced,
 * varints longer than 10 bytes or past 64 bits are refused, groups are refused, unknown fields are
 * skipped without being looked into, and sub-messages nest only maxDepth deep. Slices are views
 * (no copies), so reading costs no memory beyond what the caller decides to allocate.
 *
 * Use: `while (r.next()) switch (r.field) { case 1: x = r.int64('dims'); break; default: r.skip(); }`
 */
import { OnnxError } from './onnxError.js';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const WIRE_NAMES = ['varint', 'fixed64', 'length-delimited', 'start-group', 'end-group', 'fixed32'];

const TWO_32 = 2 ** 32;
/** hi words at or above this make a 64-bit magnitude of 2^53 or more (no longer exact in a double). */
const UNSAFE_HI = 2 ** 21;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ProtoReader {
  /** The current field's number and wire type, valid after next() returned true. */
  field = 0;
  wire = 0;
  private pos: number;
  /** The 64-bit value of the last varint, as two unsigned 32-bit words. */
  private lo = 0;
  private hi = 0;
  private fieldStart = 0;

  /**
   * @param bytes the whole file (offsets in messages are into it)
   * @param what the message being read, for error messages ("GraphProto", "node 'Conv_0'")
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly start: number,
    readonly end: number,
    readonly what: string,
    readonly depth: number,
    readonly maxDepth: number,
  ) {
    if (!(start >= 0 && start <= end && end <= bytes.length)) {
      throw new OnnxError(
        `Expected a message within the ${bytes.length} bytes but received ${start}..${end}`,
      );
    }
    this.pos = start;
  }

  /** Reads the next field's key; false at the end of the message. */
  next(): boolean {
    if (this.pos >= this.end) return false;
    this.fieldStart = this.pos;
    this.varint64();
    const key = this.lo;
    if (this.hi !== 0 || key >>> 3 === 0) {
      throw this.error(
        `a field key with a field number from 1 to 2^29 - 1 but received ${this.bigint(false)}`,
      );
    }
    this.field = key >>> 3;
    this.wire = key & 7;
    if (this.wire === WIRE_START_GROUP || this.wire === WIRE_END_GROUP) {
      throw this.error(`no groups (a proto2 feature ONNX does not use) but received wire type ${this.wire}`);
    }
    if (this.wire > WIRE_FIXED32) throw this.error(`a wire type from 0 to 5 but received ${this.wire}`);
    return true;
  }

  /** Skips the current field's value, whatever it holds, without looking inside. */
  skip(): void {
    switch (this.wire) {
      case WIRE_VARINT:
        this.varint64();
        return;
      case WIRE_FIXED64:
        this.take(8);
        return;
      case WIRE_FIXED32:
        this.take(4);
        return;
      default:
        this.take(this.length());
    }
  }

  /** A signed 64-bit varint field (int64, or int32/enum, which protobuf sign-extends to 64 bits). */
  int64(name: string): number {
    this.expectWire(WIRE_VARINT, name);
    return this.varintInt64(name);
  }

  /** An int32 or enum field: as int64, then within 32 bits. */
  int32(name: string): number {
    const v = this.int64(name);
    if (v < -(2 ** 31) || v >= 2 ** 31) throw this.error(`${name} to fit in 32 bits but received ${v}`);
    return v;
  }

  /** A float field (fixed32, little-endian). */
  float(name: string): number {
    this.expectWire(WIRE_FIXED32, name);
    const at = this.take(4);
    return new DataView(this.bytes.buffer, this.bytes.byteOffset + at, 4).getFloat32(0, true);
  }

  /** A bytes field as a view into the file (no copy). */
  bytesView(name: string): Uint8Array {
    this.expectWire(WIRE_LEN, name);
    const n = this.length();
    const at = this.take(n);
    return this.bytes.subarray(at, at + n);
  }

  /** A string field, which must be valid UTF-8. */
  string(name: string): string {
    const view = this.bytesView(name);
    try {
      return utf8.decode(view);
    } catch {
      throw this.error(`${name} to be UTF-8 text but received invalid bytes`);
    }
  }

  /** An embedded message field: a reader over its bytes, one level deeper. */
  message(name: string, what: string): ProtoReader {
    this.expectWire(WIRE_LEN, name);
    const n = this.length();
    if (this.depth + 1 > this.maxDepth) {
      throw this.error(`messages nested at most ${this.maxDepth} deep but ${name} is nested deeper`);
    }
    const at = this.take(n);
    return new ProtoReader(this.bytes, at, at + n, what, this.depth + 1, this.maxDepth);
  }

  /** A fresh reader over the same message, from its first field (for a second pass). */
  restart(): ProtoReader {
    return new ProtoReader(this.bytes, this.start, this.end, this.what, this.depth, this.maxDepth);
  }

  /**
   * How many values the current repeated scalar field holds, without decoding them: 1 when it is
   * one unpacked value, else the count in the packed run (for varints, the bytes that end one;
   * for fixed32/64, the length over the width, which must divide it). Leaves the reader after the
   * field either way.
   */
  countRepeated(name: string, unpackedWire: number): number {
    if (this.wire === unpackedWire) {
      this.skip();
      return 1;
    }
    this.expectWire(WIRE_LEN, name, unpackedWire);
    const n = this.length();
    const at = this.take(n);
    if (unpackedWire === WIRE_VARINT) {
      if (n > 0 && this.bytes[at + n - 1] >= 0x80) {
        throw this.error(`packed ${name} to end with a complete varint but received a cut-off one`);
      }
      let count = 0;
      for (let i = at; i < at + n; i++) if (this.bytes[i] < 0x80) count++;
      return count;
    }
    const width = unpackedWire === WIRE_FIXED32 ? 4 : 8;
    if (n % width !== 0) {
      throw this.error(`packed ${name} to be a multiple of ${width} bytes long but received ${n} bytes`);
    }
    return n / width;
  }

  /**
   * Calls `each` with every value of the current repeated varint field (packed or one unpacked),
   * as signed 64-bit integers within ±(2^53 - 1). With `wide`, a value past that range is not
   * refused: `wide` gets its exact decimal text and `each` gets ±Infinity (a Slice's "to the end"
   * bound, INT64_MAX, is the one legitimate use; the caller refuses it anywhere else).
   */
  forEachInt64(name: string, each: (v: number) => void, wide?: (exact: string) => void): void {
    if (this.wire === WIRE_VARINT) {
      each(this.varintInt64(name, wide));
      return;
    }
    this.expectWire(WIRE_LEN, name, WIRE_VARINT);
    const n = this.length();
    const end = this.pos + n;
    this.take(n);
    // Decode from inside the run: a sub-reader bounded by the run, so a varint cannot run past it.
    const run = new ProtoReader(this.bytes, end - n, end, this.what, this.depth, this.maxDepth);
    run.fieldStart = this.fieldStart;
    while (run.pos < end) each(run.varintInt64(name, wide));
  }

  /**
   * The current repeated fixed32 field (packed or one unpacked) as a view of its little-endian
   * bytes (4 per value), for the caller to copy into a typed array it sized beforehand.
   */
  fixed32Run(name: string): Uint8Array {
    if (this.wire === WIRE_FIXED32) {
      const at = this.take(4);
      return this.bytes.subarray(at, at + 4);
    }
    this.expectWire(WIRE_LEN, name, WIRE_FIXED32);
    const n = this.length();
    if (n % 4 !== 0)
      throw this.error(`packed ${name} to be a multiple of 4 bytes long but received ${n} bytes`);
    const at = this.take(n);
    return this.bytes.subarray(at, at + n);
  }

  /** An OnnxError about this message: "Expected <detail> in <what> at byte <n>". */
  error(detail: string): OnnxError {
    return new OnnxError(`Expected ${detail} (in ${this.what}, field at byte ${this.fieldStart})`);
  }

  private expectWire(wire: number, name: string, alternative?: number): void {
    if (this.wire === wire) return;
    const expected =
      alternative === undefined
        ? WIRE_NAMES[wire]
        : `${WIRE_NAMES[alternative]} or packed (length-delimited)`;
    throw this.error(
      `${name} (field ${this.field}) to be ${expected} but received wire type ${WIRE_NAMES[this.wire]}`,
    );
  }

  /** A length prefix: a varint no larger than the bytes left in this message. */
  private length(): number {
    this.varint64();
    const left = this.end - this.pos;
    if (this.hi !== 0 || this.lo > left) {
      throw this.error(`a length of at most ${left} bytes (what is left) but received ${this.bigint(false)}`);
    }
    return this.lo;
  }

  /** Advances past n bytes that must all be inside this message; returns where they start. */
  private take(n: number): number {
    const left = this.end - this.pos;
    if (n > left) throw this.error(`${n} more bytes but received only ${left} before the end of the message`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  private varintInt64(name: string, wide?: (exact: string) => void): number {
    this.varint64();
    let { lo, hi } = this;
    let sign = 1;
    if (hi >= 0x80000000) {
      // Two's complement: the magnitude is ~v + 1.
      sign = -1;
      lo = (~lo + 1) >>> 0;
      hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
    }
    if (hi >= UNSAFE_HI) {
      if (wide) {
        wide(this.bigint(true));
        return sign * Infinity;
      }
      throw this.error(`${name} to be an integer within ±(2^53 - 1) but received ${this.bigint(true)}`);
    }
    const v = sign * (hi * TWO_32 + lo);
    return v === 0 ? 0 : v; // never -0
  }

  /** Reads a varint of at most 10 bytes and 64 bits into lo/hi. */
  private varint64(): void {
    const { bytes, end } = this;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= end) throw this.error('a complete varint but the message ends inside it');
      const b = bytes[this.pos++];
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi = (b & 0x7f) >>> 4;
      } else if (i < 9) hi |= (b & 0x7f) << (7 * i - 32);
      else if (b >= 0x80) throw this.error('a varint of at most 10 bytes but received a longer one');
      else if (b > 1) throw this.error('a varint of at most 64 bits but received more');
      else hi |= b << 31;
      if (b < 0x80) {
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    throw this.error('a varint of at most 10 bytes'); // unreachable: byte 10 either ends it or throws
  }

  private bigint(signed: boolean): string {
    const v = (BigInt(this.hi) << 32n) | BigInt(this.lo);
    return (signed ? BigInt.asIntN(64, v) : v).toString();
  }
}

/** A reader over a whole buffer, for the top-level message. */
export function readerOf(bytes: Uint8Array, what: string, maxDepth: number): ProtoReader {
  return new ProtoReader(bytes, 0, bytes.length, what, 0, maxDepth);
}

// The protobuf wire format under the ONNX importer and exporter: varints at every boundary, 64-bit
// signed values, lengths checked against what is left, packed and unpacked repeated fields,
// unknown fields skipped, groups and malformed keys refused, nesting depth limited.
import { describe, expect, it } from 'vitest';
import { OnnxError } from '../../../main/service/network/onnx/onnxError.js';
import {
  ProtoReader,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LEN,
  WIRE_VARINT,
  readerOf,
} from '../../../main/service/network/onnx/protoReader.js';
import { ProtoWriter } from '../../../main/service/network/onnx/protoWriter.js';

const reader = (bytes: number[] | Uint8Array, maxDepth = 16): ProtoReader =>
  readerOf(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes), 'test message', maxDepth);

/** Reads field 1 of a message holding one varint field 1. */
function readOneInt64(bytes: Uint8Array): number {
  const r = reader(bytes);
  expect(r.next()).toBe(true);
  expect(r.field).toBe(1);
  return r.int64('value');
}

describe('varints', () => {
  const values = [
    0,
    1,
    127,
    128,
    300,
    16383,
    16384,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32 - 1,
    2 ** 32,
    2 ** 35 + 7,
    2 ** 53 - 1,
    -1,
    -2,
    -300,
    -(2 ** 31),
    -(2 ** 32),
    -(2 ** 53 - 1),
  ];
  it.each(values)('int64 %d survives writer → reader', (v) => {
    expect(readOneInt64(new ProtoWriter().int64(1, v).finish())).toBe(v);
  });

  it('encodes as protobuf does: 300 is ac 02, -1 is ten bytes ending in 01', () => {
    expect([...new ProtoWriter().int64(1, 300).finish()]).toEqual([0x08, 0xac, 0x02]);
    expect([...new ProtoWriter().int64(1, -1).finish()]).toEqual([0x08, ...Array(9).fill(0xff), 0x01]);
    expect([...new ProtoWriter().int64(1, 2 ** 53 - 1).finish()]).toEqual([
      0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f,
    ]);
  });

  it('reads a non-minimal varint (padding continuation bytes) as its value', () => {
    expect(readOneInt64(Uint8Array.from([0x08, 0x81, 0x80, 0x80, 0x00]))).toBe(1);
  });

  it('refuses values beyond ±(2^53 - 1), naming the exact value', () => {
    // 2^63 - 1 and -2^63: the largest and smallest int64.
    const max = Uint8Array.from([0x08, ...Array(8).fill(0xff), 0x7f]);
    const min = Uint8Array.from([0x08, ...Array(9).fill(0x80), 0x01]);
    const twoTo53 = Uint8Array.from([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]);
    expect(() => readOneInt64(max)).toThrow(/within ±\(2\^53 - 1\) but received 9223372036854775807/);
    expect(() => readOneInt64(min)).toThrow(/but received -9223372036854775808/);
    expect(() => readOneInt64(twoTo53)).toThrow(/but received 9007199254740992/);
    expect(() => new ProtoWriter().int64(1, 2 ** 53)).toThrow(OnnxError);
    expect(() => new ProtoWriter().int64(1, 0.5)).toThrow(OnnxError);
  });

  it('refuses a varint of 11 bytes, a 10th byte past bit 63, and one cut off', () => {
    expect(() => readOneInt64(Uint8Array.from([0x08, ...Array(10).fill(0x80), 0x00]))).toThrow(
      /varint of at most 10 bytes/,
    );
    expect(() => readOneInt64(Uint8Array.from([0x08, ...Array(9).fill(0xff), 0x02]))).toThrow(
      /varint of at most 64 bits/,
    );
    expect(() => readOneInt64(Uint8Array.from([0x08, 0xff, 0xff]))).toThrow(/message ends inside it/);
  });

  it('int32 fields must fit in 32 bits (negative ones come sign-extended)', () => {
    const r = reader(
      new ProtoWriter()
        .int64(1, -5)
        .int64(2, 2 ** 31)
        .finish(),
    );
    r.next();
    expect(r.int32('a')).toBe(-5);
    r.next();
    expect(() => r.int32('b')).toThrow(/b to fit in 32 bits but received 2147483648/);
  });
});

describe('keys and wire types', () => {
  it('refuses groups (wire types 3 and 4)', () => {
    expect(() => reader([0x0b]).next()).toThrow(/no groups/);
    expect(() => reader([0x0c]).next()).toThrow(/no groups/);
  });

  it('refuses wire types 6 and 7, field number 0 and keys past 32 bits', () => {
    expect(() => reader([0x0e]).next()).toThrow(/wire type from 0 to 5 but received 6/);
    expect(() => reader([0x0f]).next()).toThrow(/but received 7/);
    expect(() => reader([0x00, 0x01]).next()).toThrow(/field number from 1/);
    expect(() => reader([0x88, 0x80, 0x80, 0x80, 0x80, 0x01]).next()).toThrow(/field number from 1/);
  });

  it('says which wire type it expected when a known field has another', () => {
    const r = reader(new ProtoWriter().string(1, 'x').finish());
    r.next();
    expect(() => r.int64('ir_version')).toThrow(
      'Expected ir_version (field 1) to be varint but received wire type length-delimited (in test message, field at byte 0)',
    );
  });

  it('skips unknown fields of every wire type and lands on the next field', () => {
    const w = new ProtoWriter()
      .int64(90, -1) // varint, 10 bytes
      .key(91, WIRE_FIXED64)
      .raw(new Uint8Array(8))
      .float(92, 1.5)
      .bytes(93, new Uint8Array(1000))
      .message(94, (m) => m.message(1, (mm) => mm.string(2, 'deep')))
      .int64(1, 42);
    const r = reader(w.finish());
    const seen: number[] = [];
    let value = -1;
    while (r.next()) {
      seen.push(r.field);
      if (r.field === 1) value = r.int64('value');
      else r.skip();
    }
    expect(seen).toEqual([90, 91, 92, 93, 94, 1]);
    expect(value).toBe(42);
  });

  it('refuses to skip past the end: fixed64 and fixed32 cut off', () => {
    const fixed64 = reader(new ProtoWriter().key(1, WIRE_FIXED64).raw(new Uint8Array(7)).finish());
    fixed64.next();
    expect(() => fixed64.skip()).toThrow(/8 more bytes but received only 7/);
    const fixed32 = reader(new ProtoWriter().key(1, WIRE_FIXED32).raw(new Uint8Array(3)).finish());
    fixed32.next();
    expect(() => fixed32.skip()).toThrow(/4 more bytes but received only 3/);
  });
});

describe('length-delimited fields', () => {
  it('checks every length against the bytes left in the enclosing message, before slicing', () => {
    const r = reader([0x0a, 0x05, 1, 2, 3]);
    r.next();
    expect(() => r.bytesView('raw_data')).toThrow(
      /a length of at most 3 bytes \(what is left\) but received 5/,
    );
    // A length near 2^64, which no Uint8Array could hold.
    const huge = reader([0x0a, ...Array(9).fill(0xff), 0x01]);
    huge.next();
    expect(() => huge.skip()).toThrow(/but received 18446744073709551615/);
  });

  it('bounds a sub-message by its own length, not the file', () => {
    // Outer field 1 holds 2 bytes: an inner field 2 claiming 3 bytes must fail even though the
    // outer message has bytes after it.
    const r = reader([0x0a, 0x02, 0x12, 0x03, 0x08, 0x01, 0x08, 0x01]);
    r.next();
    const inner = r.message('inner', 'inner');
    inner.next();
    expect(() => inner.skip()).toThrow(/at most 0 bytes/);
  });

  it('returns views, not copies, and decodes strings as strict UTF-8', () => {
    const bytes = new ProtoWriter()
      .string(1, 'Conv_0 ✓')
      .bytes(2, Uint8Array.from([0xff, 0xfe]))
      .finish();
    const r = reader(bytes);
    r.next();
    expect(r.string('name')).toBe('Conv_0 ✓');
    r.next();
    const view = r.bytesView('raw');
    expect(view.buffer).toBe(bytes.buffer);
    const bad = reader(bytes);
    bad.next();
    bad.skip();
    bad.next();
    expect(() => bad.string('name')).toThrow(/name to be UTF-8 text but received invalid bytes/);
  });

  it('limits nesting depth', () => {
    let w = new ProtoWriter().int64(1, 1);
    for (let i = 0; i < 5; i++) {
      const inner = w.finish();
      w = new ProtoWriter().bytes(1, inner);
    }
    const descend = (maxDepth: number): number => {
      let r = reader(w.finish(), maxDepth);
      let depth = 0;
      while (r.next() && r.wire === WIRE_LEN) {
        r = r.message('child', `level ${depth + 1}`);
        depth++;
      }
      return depth;
    };
    expect(descend(5)).toBe(5);
    expect(() => descend(4)).toThrow(/messages nested at most 4 deep/);
  });
});

describe('repeated scalars', () => {
  it('reads int64s packed and unpacked alike, and counts without decoding', () => {
    const values = [0, 1, -1, 300, 2 ** 40, -(2 ** 53 - 1)];
    const packed = new ProtoWriter().packedInt64(1, values).finish();
    const unpacked = new ProtoWriter();
    for (const v of values) unpacked.int64(1, v);
    for (const bytes of [packed, unpacked.finish()]) {
      const got: number[] = [];
      let count = 0;
      const r = reader(bytes);
      while (r.next()) r.forEachInt64('ints', (v) => got.push(v));
      const c = reader(bytes);
      while (c.next()) count += c.countRepeated('ints', WIRE_VARINT);
      expect(got).toEqual(values);
      expect(count).toBe(values.length);
    }
  });

  it('refuses a packed varint run that ends inside a varint', () => {
    const r = reader([0x0a, 0x02, 0x01, 0x80]);
    r.next();
    expect(() => r.countRepeated('dims', WIRE_VARINT)).toThrow(/cut-off/);
    const again = reader([0x0a, 0x02, 0x01, 0x80]);
    again.next();
    expect(() => again.forEachInt64('dims', () => {})).toThrow(/message ends inside it/);
  });

  it('reads floats packed and unpacked; a packed run must be whole floats', () => {
    const packed = new ProtoWriter().packedFloat(4, [1.5, -2, 0.1]).finish();
    const unpacked = new ProtoWriter().float(4, 1.5).float(4, -2).float(4, 0.1).finish();
    for (const bytes of [packed, unpacked]) {
      const r = reader(bytes);
      const got: number[] = [];
      while (r.next()) {
        const run = r.fixed32Run('float_data');
        const view = new DataView(run.buffer, run.byteOffset, run.length);
        for (let i = 0; i < run.length; i += 4) got.push(view.getFloat32(i, true));
      }
      expect(got).toEqual([1.5, -2, Math.fround(0.1)]);
    }
    const odd = reader([0x22, 0x05, 0, 0, 0, 0, 0]);
    odd.next();
    expect(() => odd.countRepeated('float_data', WIRE_FIXED32)).toThrow(
      /multiple of 4 bytes long but received 5/,
    );
  });
});

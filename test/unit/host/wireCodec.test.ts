// The bridge's wire format: exact round trips of contract values with typed arrays, and a decoder
// that meets truncated and hostile bodies with a WireFormatError, never a crash or a huge allocation.
import { describe, expect, it } from 'vitest';

import { decodeWire, encodeWire, WireFormatError } from '../../../renderer/src/api/wireCodec.js';

/** Builds a raw message from a header object and attachment bytes (for hostile bodies). */
function rawMessage(header: unknown, attachments: Uint8Array = new Uint8Array(0), lengthField?: number) {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(4 + json.length + attachments.length);
  new DataView(out.buffer).setUint32(0, lengthField ?? json.length, true);
  out.set(json, 4);
  out.set(attachments, 4 + json.length);
  return out;
}

function expectWireError(body: Uint8Array, pattern: RegExp): void {
  expect(() => decodeWire(body)).toThrow(WireFormatError);
  expect(() => decodeWire(body)).toThrow(pattern);
}

describe('wire codec round trips', () => {
  it('carries nested objects with Uint8Array, Uint16Array and Float32Array exactly', () => {
    const f32 = new Float32Array([0, -0, 1.5, NaN, Infinity, -Infinity, 3.4028234663852886e38, 1e-45]);
    const value = {
      info: { id: 'img-1', name: 'photo ☃.png', width: 3, height: 2, channels: 4, hasAlpha: true },
      pixels: { width: 3, height: 2, rgba: new Uint8Array([0, 1, 2, 255, 128, 7]) },
      deep: [[{ u16: new Uint16Array([0, 1, 65535, 258]) }], [], [null, false, 'x']],
      values: f32,
      empty: new Uint8Array(0),
      histogram: Array.from({ length: 256 }, (_, i) => i * 3),
      nothing: null,
    };
    const back = decodeWire(encodeWire(value)) as typeof value;
    expect(back).toEqual(value);
    expect(back.pixels.rgba).toBeInstanceOf(Uint8Array);
    expect(back.deep[0][0]).toBeDefined();
    const u16 = (back.deep[0][0] as { u16: Uint16Array }).u16;
    expect(u16).toBeInstanceOf(Uint16Array);
    expect(Array.from(u16)).toEqual([0, 1, 65535, 258]);
    expect(back.values).toBeInstanceOf(Float32Array);
    // Bit for bit, NaN and -0 included.
    expect(new Uint8Array(back.values.buffer)).toEqual(new Uint8Array(f32.buffer));
    expect(back.empty).toBeInstanceOf(Uint8Array);
    expect(back.empty.length).toBe(0);
  });

  it('sends only a view’s own bytes and gives each decoded array its own buffer', () => {
    const big = new Float32Array([1, 2, 3, 4, 5, 6]);
    const view = big.subarray(2, 4);
    const body = encodeWire({ view, odd: new Uint8Array([9]), after: new Uint16Array([7]) });
    const back = decodeWire(body) as { view: Float32Array; odd: Uint8Array; after: Uint16Array };
    expect(Array.from(back.view)).toEqual([3, 4]);
    expect(back.view.buffer.byteLength).toBe(8);
    // An odd-length attachment before a Uint16Array: the decoded array is still aligned.
    expect(Array.from(back.after)).toEqual([7]);
  });

  it('keeps numbers JSON cannot carry, and $-keys that look like references', () => {
    const value = {
      nums: [NaN, Infinity, -Infinity, -0, 0, 5e-324],
      $bin: 0,
      $num: 'NaN',
      $$x: { $bin: 'not a reference' },
    };
    const back = decodeWire(encodeWire(value)) as typeof value;
    expect(back).toEqual(value);
    expect(Object.is(back.nums[3], -0)).toBe(true);
    expect(Object.is(back.nums[4], 0)).toBe(true);
  });

  it('round-trips the scalars and null at the top level', () => {
    for (const v of [null, true, 0, -1.25, 'text', [], {}]) expect(decodeWire(encodeWire(v))).toEqual(v);
  });

  it('drops undefined object fields (absent optional fields) but refuses what it cannot carry', () => {
    expect(decodeWire(encodeWire({ a: 1, b: undefined }))).toEqual({ a: 1 });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad: Array<[unknown, RegExp]> = [
      [undefined, /undefined at value/],
      [[1, undefined], /undefined at value\[1\]/],
      [{ f: () => 1 }, /function at value\.f/],
      [{ n: 1n }, /bigint/],
      [new Map(), /a Map/],
      [new Date(0), /a Date/],
      [new Int32Array(2), /Int32Array/],
      [new Uint8ClampedArray(2), /Uint8ClampedArray/],
      [new ArrayBuffer(4), /ArrayBuffer/],
      [cyclic, /cycle at value\.self/],
    ];
    for (const [v, pattern] of bad) {
      expect(() => encodeWire(v)).toThrow(WireFormatError);
      expect(() => encodeWire(v)).toThrow(pattern);
    }
  });

  it('lays a message out as [u32 LE header length][JSON header][attachments]', () => {
    const body = encodeWire({ a: new Uint16Array([0x0102]) });
    const length = new DataView(body.buffer).getUint32(0, true);
    const header: unknown = JSON.parse(new TextDecoder().decode(body.subarray(4, 4 + length)));
    expect(header).toEqual({
      version: 1,
      attachments: [{ type: 'Uint16Array', byteLength: 2 }],
      value: { a: { $bin: 0 } },
    });
    expect(Array.from(body.subarray(4 + length))).toEqual([0x02, 0x01]);
  });
});

describe('wire codec against truncated and hostile bodies', () => {
  const good = encodeWire({ a: new Float32Array([1, 2]), b: 'x' });

  it('rejects every truncation of a good message', () => {
    for (let n = 0; n < good.length; n++) {
      expect(() => decodeWire(good.subarray(0, n)), `truncated to ${n} bytes`).toThrow(WireFormatError);
    }
  });

  it('rejects trailing bytes after the attachments', () => {
    const longer = new Uint8Array(good.length + 1);
    longer.set(good);
    expectWireError(longer, /declare 8 bytes but the message carries 9/);
  });

  it('rejects length fields beyond the body', () => {
    expectWireError(
      rawMessage({ version: 1, attachments: [], value: 1 }, undefined, 0xffffffff),
      /over the limit/,
    );
    expectWireError(
      rawMessage({ version: 1, attachments: [], value: 1 }, undefined, 1000),
      /runs past the end/,
    );
    expectWireError(
      rawMessage({ version: 1, attachments: [{ type: 'Uint8Array', byteLength: 1e9 }], value: { $bin: 0 } }),
      /declare 1000000000 bytes/,
    );
  });

  it('rejects attachment references out of range, repeated or missing', () => {
    const one = new Uint8Array([1, 2, 3, 4]);
    const att = [{ type: 'Uint8Array', byteLength: 4 }];
    expectWireError(rawMessage({ version: 1, attachments: att, value: { $bin: 1 } }, one), /out of range/);
    expectWireError(rawMessage({ version: 1, attachments: att, value: { $bin: -1 } }, one), /out of range/);
    expectWireError(rawMessage({ version: 1, attachments: att, value: { $bin: 0.5 } }, one), /out of range/);
    expectWireError(rawMessage({ version: 1, attachments: att, value: { $bin: '0' } }, one), /out of range/);
    expectWireError(
      rawMessage({ version: 1, attachments: att, value: [{ $bin: 0 }, { $bin: 0 }] }, one),
      /referenced twice/,
    );
    expectWireError(rawMessage({ version: 1, attachments: att, value: null }, one), /never referenced/);
  });

  it('rejects bad attachment descriptions', () => {
    const bytes = new Uint8Array(3);
    const cases: Array<[unknown, RegExp]> = [
      [[{ type: 'Float64Array', byteLength: 3 }], /unknown type/],
      [[{ type: 'constructor', byteLength: 3 }], /unknown type/],
      [[{ type: 'Float32Array', byteLength: 3 }], /not a multiple of 4/],
      [[{ type: 'Uint8Array', byteLength: -3 }], /invalid byteLength/],
      [[{ type: 'Uint8Array', byteLength: '3' }], /invalid byteLength/],
      [[null], /unknown type/],
      ['nope', /not an array/],
    ];
    for (const [attachments, pattern] of cases) {
      expectWireError(rawMessage({ version: 1, attachments, value: { $bin: 0 } }, bytes), pattern);
    }
    expect(() =>
      decodeWire(rawMessage({ version: 1, attachments: [], value: 1 }), { maxAttachments: 0 }),
    ).not.toThrow();
    expect(() =>
      decodeWire(
        rawMessage(
          { version: 1, attachments: [{ type: 'Uint8Array', byteLength: 3 }], value: { $bin: 0 } },
          bytes,
        ),
        {
          maxAttachments: 0,
        },
      ),
    ).toThrow(/over the limit of 0/);
  });

  it('rejects bad headers', () => {
    const bad = new Uint8Array([3, 0, 0, 0, 0xff, 0xfe, 0x7b]);
    expectWireError(bad, /not UTF-8 JSON/);
    expectWireError(rawMessage([1, 2]), /not a JSON object/);
    expectWireError(rawMessage(null), /not a JSON object/);
    expectWireError(rawMessage({ version: 2, attachments: [], value: 1 }), /Unsupported wire version/);
    expectWireError(rawMessage({ version: 1, attachments: [], value: 1, extra: 1 }), /Header has keys/);
    expectWireError(rawMessage({ version: 1, value: 1 }), /Header has keys/);
    expectWireError(
      rawMessage({ version: 1, attachments: [], value: { $num: 'huge' } }),
      /Unknown number tag/,
    );
    expectWireError(
      rawMessage({ version: 1, attachments: [], value: { $evil: 1 } }),
      /Unexpected key "\$evil"/,
    );
  });

  it('refuses __proto__ keys instead of setting a prototype', () => {
    const json = '{"version":1,"attachments":[],"value":{"a":{"__proto__":{"polluted":true}}}}';
    const bytes = new TextEncoder().encode(json);
    const body = new Uint8Array(4 + bytes.length);
    new DataView(body.buffer).setUint32(0, bytes.length, true);
    body.set(bytes, 4);
    expectWireError(body, /__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('bounds nesting depth on both sides, with an error rather than a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const json = `{"version":1,"attachments":[],"value":${'['.repeat(100_000)}1${']'.repeat(100_000)}}`;
    const bytes = new TextEncoder().encode(json);
    const body = new Uint8Array(4 + bytes.length);
    new DataView(body.buffer).setUint32(0, bytes.length, true);
    body.set(bytes, 4);
    expect(() => decodeWire(body)).toThrow(WireFormatError);
    expect(() => encodeWire(deep)).toThrow(/nested deeper than 64/);

    let ok: unknown = 1;
    for (let i = 0; i < 60; i++) ok = { a: ok };
    expect(decodeWire(encodeWire(ok))).toEqual(ok);
    expect(() => decodeWire(encodeWire(ok), { maxDepth: 10 })).toThrow(/nested deeper than 10/);
  });

  it('survives random corruption of a good message without anything but WireFormatError', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    for (let trial = 0; trial < 2000; trial++) {
      const body = good.slice();
      const flips = 1 + (next() % 4);
      for (let f = 0; f < flips; f++) body[next() % body.length] = next() & 0xff;
      try {
        decodeWire(body);
      } catch (error) {
        expect(error).toBeInstanceOf(WireFormatError);
      }
    }
  });
});

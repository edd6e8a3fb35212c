// .npy v1.0 files as numpy.load reads them: the magic, the version, a header dict padded so the
// data is 64-byte aligned, and the float32 values little-endian in C order. Parsed back here by
// the format's own rules (numpy is not needed to run the tests).
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../../../main/service/network/npy.js';

function parseNpy(bytes: Uint8Array): {
  header: string;
  shape: number[];
  descr: string;
  fortran: boolean;
  data: Float32Array;
  dataOffset: number;
} {
  expect(Array.from(bytes.subarray(0, 6))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
  expect([bytes[6], bytes[7]]).toEqual([1, 0]);
  const headerLength = bytes[8] | (bytes[9] << 8);
  const header = String.fromCharCode(...bytes.subarray(10, 10 + headerLength));
  const descr = /'descr': '([^']*)'/.exec(header)?.[1] ?? '';
  const fortran = /'fortran_order': (True|False)/.exec(header)?.[1] === 'True';
  const shapeText = /'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '';
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  const dataOffset = 10 + headerLength;
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataOffset);
  const data = Float32Array.from({ length: (bytes.length - dataOffset) / 4 }, (_, i) =>
    view.getFloat32(4 * i, true),
  );
  return { header, shape, descr, fortran, data, dataOffset };
}

describe('encodeNpy', () => {
  it.each([
    [[1, 10, 28, 28], '(1, 10, 28, 28)'],
    [[1, 490], '(1, 490)'],
    [[7], '(7,)'],
    [[], '()'],
  ])('writes dims %j as the shape %s, float32 little-endian, data aligned to 64 bytes', (dims, tuple) => {
    const count = dims.reduce((a, b) => a * b, 1);
    const data = Float32Array.from({ length: count }, (_, i) => (i % 7) * 0.1 - 0.3 + (i === 0 ? 1e-30 : 0));
    const bytes = encodeNpy(dims, data);
    const parsed = parseNpy(bytes);
    expect(parsed.header.endsWith('\n')).toBe(true);
    expect(parsed.header).toContain(`'shape': ${tuple}`);
    expect(parsed.descr).toBe('<f4');
    expect(parsed.fortran).toBe(false);
    expect(parsed.shape).toEqual(dims);
    expect(parsed.dataOffset % 64).toBe(0);
    expect(Array.from(parsed.data)).toEqual(Array.from(data));
    expect(bytes.length).toBe(parsed.dataOffset + 4 * count);
  });

  it('writes the exact float32 bits, special values included', () => {
    const data = Float32Array.of(-0, Number.MIN_VALUE, 3.4028234663852886e38, Number.NaN, -Infinity, 0.1);
    const parsed = parseNpy(encodeNpy([6], data));
    expect(new Uint32Array(parsed.data.buffer)).toEqual(new Uint32Array(data.buffer));
  });

  it('refuses data that does not fit the dims', () => {
    expect(() => encodeNpy([2, 3], new Float32Array(5))).toThrow(
      'Expected 6 values for dims [2, 3] but received 5',
    );
  });
});

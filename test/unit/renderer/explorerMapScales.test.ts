import { describe, expect, it } from 'vitest';
import {
  channelRanges,
  formatValue,
  mapScale,
  rangeOf,
  unionRange,
} from '../../../renderer/src/explorer/mapScales.js';

describe('activation map scales', () => {
  it('ranges per channel skip non-finite values', () => {
    const data = Float32Array.of(1, -2, 3, Number.NaN, 0, 5, 7, Number.POSITIVE_INFINITY);
    expect(channelRanges(data, 2, 4)).toEqual([
      { min: -2, max: 3 },
      { min: 0, max: 7 },
    ]);
    expect(rangeOf([Number.NaN])).toEqual({ min: 0, max: 0 });
    expect(
      unionRange([
        { min: -1, max: 2 },
        { min: 0, max: 5 },
      ]),
    ).toEqual({ min: -1, max: 5 });
  });

  it('per map, per layer and global use their own range; signed layers are diverging', () => {
    const map = { min: 0, max: 1 };
    const layer = { min: -2, max: 4 };
    const all = { min: -10, max: 30 };
    expect(mapScale('map', map, layer, all)).toEqual({ kind: 'diverging', maxAbs: 1 });
    expect(mapScale('layer', map, layer, all)).toEqual({ kind: 'diverging', maxAbs: 4 });
    expect(mapScale('global', map, layer, all)).toEqual({ kind: 'diverging', maxAbs: 30 });
  });

  it('non-negative layers are sequential over the chosen range', () => {
    const layer = { min: 0, max: 4 };
    expect(mapScale('map', { min: 0, max: 2 }, layer, { min: 0, max: 9 })).toEqual({
      kind: 'sequential',
      min: 0,
      max: 2,
    });
    expect(mapScale('layer', { min: 0, max: 2 }, layer, { min: 0, max: 9 })).toEqual({
      kind: 'sequential',
      min: 0,
      max: 4,
    });
    // Global decides by the whole run: one signed layer anywhere makes every map diverging.
    expect(mapScale('global', { min: 0, max: 2 }, layer, { min: -1, max: 9 }).kind).toBe('diverging');
  });

  it('formats values for labels', () => {
    expect(formatValue(0)).toBe('0');
    expect(formatValue(2.34567)).toBe('2.35');
    expect(formatValue(-0.000012)).toBe('-1.20e-5');
    expect(formatValue(123456)).toBe('1.23e+5');
  });
});

import { describe, expect, it } from 'vitest';
import {
  colorOf,
  paintValues,
  scalePosition,
  sequentialColor,
} from '../../../renderer/src/explorer/colorScale.js';
import {
  DIVERGING_NEGATIVE,
  DIVERGING_POSITIVE,
} from '../../../renderer/src/studio/analysis/divergingColormap.js';

describe('explorer colour scales', () => {
  it('diverging: white at 0, the blue end at -maxAbs, the red end at +maxAbs, clamped beyond', () => {
    const scale = { kind: 'diverging', maxAbs: 2 } as const;
    expect(colorOf(0, scale)).toEqual([255, 255, 255]);
    expect(colorOf(-2, scale)).toEqual([...DIVERGING_NEGATIVE]);
    expect(colorOf(2, scale)).toEqual([...DIVERGING_POSITIVE]);
    expect(colorOf(-50, scale)).toEqual([...DIVERGING_NEGATIVE]);
    expect(scalePosition(1, scale)).toBeCloseTo(0.75);
  });

  it('sequential: dark at min, pale at max, brighter as values grow', () => {
    const scale = { kind: 'sequential', min: 0, max: 4 } as const;
    const lum = (v: number) => colorOf(v, scale).reduce((a, b) => a + b, 0);
    expect(colorOf(0, scale)).toEqual(sequentialColor(0));
    expect(colorOf(4, scale)).toEqual(sequentialColor(1));
    for (let v = 0; v < 4; v += 0.5) expect(lum(v + 0.5)).toBeGreaterThan(lum(v));
  });

  it('a scale without extent or a non-finite value does not produce NaN colours', () => {
    expect(colorOf(3, { kind: 'sequential', min: 3, max: 3 })).toEqual(sequentialColor(0));
    expect(colorOf(5, { kind: 'sequential', min: 3, max: 3 })).toEqual(sequentialColor(1));
    expect(colorOf(Number.NaN, { kind: 'diverging', maxAbs: 1 })).toEqual([255, 255, 255]);
    expect(colorOf(1, { kind: 'diverging', maxAbs: 0 })).toEqual([255, 255, 255]);
  });

  it('paints opaque RGBA from an offset', () => {
    const out = new Uint8ClampedArray(8);
    paintValues([9, 0, 1], 1, 2, { kind: 'gray', min: 0, max: 1 }, out);
    expect([...out]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
  });
});

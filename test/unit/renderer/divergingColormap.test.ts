import { describe, expect, it } from 'vitest';
import {
  DIVERGING_NEGATIVE,
  DIVERGING_POSITIVE,
  divergingColor,
} from '../../../renderer/src/studio/analysis/divergingColormap.js';

/** How far a colour is from white towards `end`, 0..1, per channel. */
const towards = (rgb: number[], end: readonly number[]): number[] =>
  rgb.map((v, i) => (255 - v) / (255 - end[i]));

describe('divergingColor', () => {
  it('is white at 0, blue at -maxAbs and red at +maxAbs', () => {
    expect(divergingColor(0, 10)).toEqual([255, 255, 255]);
    expect(divergingColor(-10, 10)).toEqual([...DIVERGING_NEGATIVE]);
    expect(divergingColor(10, 10)).toEqual([...DIVERGING_POSITIVE]);
    const [r, , b] = divergingColor(-10, 10);
    expect(b).toBeGreaterThan(r);
    const [r2, , b2] = divergingColor(10, 10);
    expect(r2).toBeGreaterThan(b2);
  });

  it('is symmetric around 0: equal magnitudes are equally far from white', () => {
    for (const v of [1, 2.5, 5, 7.5]) {
      const pos = towards(divergingColor(v, 10), DIVERGING_POSITIVE);
      const neg = towards(divergingColor(-v, 10), DIVERGING_NEGATIVE);
      for (const t of [...pos, ...neg]) expect(t).toBeCloseTo(v / 10, 1);
    }
    expect(divergingColor(5, 10)).toEqual([217, 140, 149]);
  });

  it('clamps beyond maxAbs and is white for a degenerate scale or value', () => {
    expect(divergingColor(1e9, 10)).toEqual([...DIVERGING_POSITIVE]);
    expect(divergingColor(-1e9, 10)).toEqual([...DIVERGING_NEGATIVE]);
    expect(divergingColor(3, 0)).toEqual([255, 255, 255]);
    expect(divergingColor(3, Number.NaN)).toEqual([255, 255, 255]);
    expect(divergingColor(Number.NaN, 1)).toEqual([255, 255, 255]);
  });
});

// The dropout instrument's statistics against values worked out by hand on small cases, and
// its predicted spread against a simulation with seeded Bernoulli draws.
import { describe, expect, it } from 'vitest';
import { dropoutInput } from '../../../renderer/src/lab/network/dropoutInput.js';
import { dropoutStats } from '../../../renderer/src/lab/network/dropoutStats.js';
import { mulberry32 } from '../../../native-kernels/seededRandom.js';

describe('dropoutStats', () => {
  it('on two passes of four cells: scale, kept count, running means, spreads', () => {
    const x = [1, 2, 3, 4];
    const p = 0.5;
    const mask = [1, 0, 1, 0, /* pass 2 */ 0, 0, 1, 1];
    const y = mask.map((m, i) => x[i % 4] * m * 2);
    const s = dropoutStats(x, y, mask, p);
    expect(s.scale).toBe(2);
    expect(s.measuredScale).toEqual({ min: 2, max: 2 });
    expect(s.maxScalingError).toBe(0);
    expect(s.kept).toBe(2);
    expect(s.keptExpected).toBe(2);
    expect(s.keptSpread).toBeCloseTo(1, 12);
    expect(s.droppedFraction).toBe(0.5);
    expect(s.droppedSpread).toBeCloseTo(Math.sqrt(0.25 / 8), 12);
    expect(s.inputMean).toBe(2.5);
    // Pass 1: (2 + 6)/4 = 2; pass 2: (6 + 8)/4 = 3.5.
    expect(Array.from(s.passMeans)).toEqual([2, 3.5]);
    expect(Array.from(s.runningMeans)).toEqual([2, 2.75]);
    // sqrt(Σx² · p/(1−p)) / n = sqrt(30) / 4.
    expect(s.passSpread).toBeCloseTo(Math.sqrt(30) / 4, 12);
    expect(s.deviationInSpreads).toBeCloseTo(0.25 / (Math.sqrt(30) / 4 / Math.sqrt(2)), 12);
  });

  it('uses the float32 scale for p = 0.3 and reports a wrong scaling', () => {
    const scale = Math.fround(1 / Math.fround(1 - Math.fround(0.3)));
    expect(scale).not.toBe(1 / 0.7);
    const x = [1, 1];
    const y = [scale, 0];
    expect(dropoutStats(x, y, [1, 0], 0.3).scale).toBe(scale);
    expect(dropoutStats(x, y, [1, 0], 0.3).maxScalingError).toBe(0);
    expect(dropoutStats(x, [1, 0], [1, 0], 0.3).maxScalingError).toBeCloseTo(scale - 1, 7);
  });

  it('its predicted spread of the pass mean matches a simulation', () => {
    const x = dropoutInput('ramp');
    const p = 0.3;
    const passes = 4000;
    const next = mulberry32(5);
    const mask: number[] = [];
    const y: number[] = [];
    for (let k = 0; k < passes; k++)
      for (const v of x) {
        const m = next() >= p ? 1 : 0;
        mask.push(m);
        y.push(v * m * (1 / (1 - p)));
      }
    const s = dropoutStats(x, y, mask, p);
    const mean = s.passMeans.reduce((a, b) => a + b, 0) / passes;
    const sd = Math.sqrt(s.passMeans.reduce((a, b) => a + (b - mean) ** 2, 0) / (passes - 1));
    // The sample sd of 4000 pass means is within a few percent of the predicted one.
    expect(sd / s.passSpread).toBeGreaterThan(0.94);
    expect(sd / s.passSpread).toBeLessThan(1.06);
    expect(Math.abs(s.overallMean - s.inputMean)).toBeLessThan(4 * (s.passSpread / Math.sqrt(passes)));
  });

  it('refuses outputs that are not whole passes', () => {
    expect(() => dropoutStats([1, 2], [1, 2, 3], [1, 1, 1], 0.5)).toThrow(RangeError);
  });
});

describe('dropoutInput', () => {
  it('gives 64 ones, a ramp 0.1..6.4, or reproducible hundredths in [0, 1)', () => {
    expect(dropoutInput('ones')).toEqual(Array(64).fill(1));
    const ramp = dropoutInput('ramp');
    expect(ramp[0]).toBe(0.1);
    expect(ramp[63]).toBe(6.4);
    expect(new Set(ramp).size).toBe(64);
    const random = dropoutInput('random', 3);
    expect(dropoutInput('random', 3)).toEqual(random);
    for (const v of random) expect(v >= 0 && v <= 1 && Math.round(v * 100) / 100 === v).toBe(true);
  });
});

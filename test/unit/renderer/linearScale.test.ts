// The lab figures' scale: maps and inverts, and labels with 1-2-5 steps that stay inside the domain.
import { describe, expect, it } from 'vitest';
import { linearScale, niceStep } from '../../../renderer/src/lab/charts/linearScale.js';

describe('linearScale', () => {
  it('maps, inverts and flips', () => {
    const s = linearScale([-6, 12], [40, 400]);
    expect(s(-6)).toBe(40);
    expect(s(12)).toBe(400);
    expect(s(3)).toBe(220);
    expect(s.invert(220)).toBe(3);
    const y = linearScale([0, 1], [300, 20]);
    expect(y(1)).toBe(20);
    expect(y.invert(160)).toBeCloseTo(0.5, 12);
  });

  it('ticks at 1, 2 or 5 times a power of ten, inside the domain', () => {
    expect(niceStep(18, 6)).toBe(2);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(0.16, 4)).toBe(0.05);
    expect(linearScale([-6, 12], [0, 1]).ticks(6)).toEqual([-6, -4, -2, 0, 2, 4, 6, 8, 10, 12]);
    expect(linearScale([0, 0.3], [0, 1]).ticks(3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(linearScale([0.35, 2.65], [0, 1]).ticks(5)).toEqual([0.5, 1, 1.5, 2, 2.5]);
  });
});

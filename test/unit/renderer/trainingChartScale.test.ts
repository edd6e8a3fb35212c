import { describe, expect, it } from 'vitest';
import { linePath, linearScale, niceDomain, tickLabel } from '../../../renderer/src/training/chartScale.js';

describe('training chart scaling', () => {
  it('widens a domain to whole 1-2-5 steps with ticks inside', () => {
    const { domain, ticks } = niceDomain(0.13, 0.87, 4);
    expect(domain).toEqual([0, 1]);
    expect(ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceDomain(81.3, 100, 4)).toEqual({ domain: [80, 100], ticks: [80, 85, 90, 95, 100] });
  });

  it('keeps whole steps for epochs and handles a single value', () => {
    expect(niceDomain(0, 2, 8, 1).ticks).toEqual([0, 1, 2]);
    const single = niceDomain(3, 3, 4, 1);
    expect(single.domain[0]).toBeLessThan(3);
    expect(single.domain[1]).toBeGreaterThan(3);
    expect(niceDomain(Number.NaN, 1)).toEqual({ domain: [0, 1], ticks: [0, 0.5, 1] });
  });

  it('maps values linearly and breaks paths at missing points', () => {
    const sx = linearScale([0, 10], [0, 100]);
    const sy = linearScale([0, 1], [50, 0]);
    expect(sx(5)).toBe(50);
    expect(sy(1)).toBe(0);
    expect(
      linePath(
        [
          { x: 0, y: 0 },
          { x: 5, y: 1 },
          { x: 6, y: Number.NaN },
          { x: 10, y: 0.5 },
        ],
        sx,
        sy,
      ),
    ).toBe('M0.0,50.0L50.0,0.0M100.0,25.0');
  });

  it('labels ticks compactly', () => {
    expect(tickLabel(3)).toBe('3');
    expect(tickLabel(0.30000000000000004)).toBe('0.3');
  });
});

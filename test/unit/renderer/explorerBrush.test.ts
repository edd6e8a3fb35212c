import { describe, expect, it } from 'vitest';
import { PAD_SIZE, paintSegment, toGrayBytes } from '../../../renderer/src/explorer/brush.js';

describe('drawing pad brush', () => {
  it('paints a round dot: full in the middle, soft at the edge, nothing far away', () => {
    const canvas = new Float32Array(PAD_SIZE * PAD_SIZE);
    expect(paintSegment(canvas, PAD_SIZE, { x: 14, y: 14 }, { x: 14, y: 14 }, 1.5)).toBe(true);
    const at = (x: number, y: number) => canvas[y * PAD_SIZE + x];
    expect(at(13, 13)).toBe(1);
    expect(at(14, 14)).toBe(1);
    // Centre 1.58 px from the dot: inside the radius plus the soft pixel.
    expect(at(12, 13)).toBeGreaterThan(0);
    expect(at(12, 13)).toBeLessThan(1);
    expect(at(10, 13)).toBe(0);
    expect(at(5, 5)).toBe(0);
    // Symmetric around the dot's centre (pixel centres at i + 0.5).
    expect(at(12, 13)).toBeCloseTo(at(15, 13));
  });

  it('a segment covers the line between its ends, and repainting never darkens', () => {
    const canvas = new Float32Array(PAD_SIZE * PAD_SIZE);
    paintSegment(canvas, PAD_SIZE, { x: 4, y: 10.5 }, { x: 24, y: 10.5 }, 1);
    for (let x = 4; x < 24; x++) expect(canvas[10 * PAD_SIZE + x]).toBe(1);
    expect(paintSegment(canvas, PAD_SIZE, { x: 10, y: 10.5 }, { x: 12, y: 10.5 }, 0.5)).toBe(false);
  });

  it('clips at the border and converts to bytes', () => {
    const canvas = new Float32Array(PAD_SIZE * PAD_SIZE);
    paintSegment(canvas, PAD_SIZE, { x: -5, y: -5 }, { x: 0.5, y: 0.5 }, 1);
    expect(canvas[0]).toBe(1);
    const bytes = toGrayBytes(canvas);
    expect(bytes[0]).toBe(255);
    expect(bytes.length).toBe(784);
  });
});

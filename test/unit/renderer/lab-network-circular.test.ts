// The circular-padding instrument's pure parts: the homework's images, circular shifts against a
// 2-D implementation written here, the shift that relates two images, crops, the float32
// comparison, seeded weights, the wrap measurement and the chain's steps.
import { describe, expect, it } from 'vitest';
import type { LabKernelRequest, LabTensor } from '../../../preload/labContract.js';
import { circularShift } from '../../../renderer/src/lab/network/circularShift.js';
import { compareVectors, FLOAT32_TOLERANCE } from '../../../renderer/src/lab/network/compareVectors.js';
import { cropMaps } from '../../../renderer/src/lab/network/cropMaps.js';
import { duplicatedWrap } from '../../../renderer/src/lab/network/duplicatedWrap.js';
import { homeworkImages } from '../../../renderer/src/lab/network/homeworkImages.js';
import { invarianceSteps } from '../../../renderer/src/lab/network/invarianceSteps.js';
import { runKernelChain } from '../../../renderer/src/lab/network/runKernelChain.js';
import { seededWeights } from '../../../renderer/src/lab/network/seededWeights.js';
import { shiftBetween } from '../../../renderer/src/lab/network/shiftBetween.js';

const grid = (pixels: readonly number[]) =>
  Array.from({ length: 8 }, (_, r) => pixels.slice(r * 8, r * 8 + 8));

describe('homeworkImages', () => {
  const images = Object.fromEntries(homeworkImages().map((i) => [i.id, grid(i.pixels)]));
  it('x1 has ones exactly in row 1, x4 exactly in row 5', () => {
    for (let r = 0; r < 8; r++) {
      expect(images.x1[r]).toEqual(Array(8).fill(r === 1 ? 1 : 0));
      expect(images.x4[r]).toEqual(Array(8).fill(r === 5 ? 1 : 0));
    }
  });
  it('x2 has ones exactly in column 1, x3 exactly in column 6', () => {
    for (let r = 0; r < 8; r++) {
      expect(images.x2[r]).toEqual([0, 1, 0, 0, 0, 0, 0, 0]);
      expect(images.x3[r]).toEqual([0, 0, 0, 0, 0, 0, 1, 0]);
    }
  });
  it('says that x4 is printed with 7 rows and how it is taken', () => {
    const x4 = homeworkImages().find((i) => i.id === 'x4')!;
    expect(x4.note).toMatch(/7 rows/);
    expect(x4.note).toMatch(/row 5/);
    expect(homeworkImages().filter((i) => i.note !== null)).toHaveLength(1);
  });
});

/** The shift written on a 2-D array: row r + dy, column c + dx receive pixel (r, c). */
function shift2d(image: number[][], dx: number, dy: number): number[][] {
  const n = image.length;
  const out = image.map((row) => row.map(() => NaN));
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) out[(((r + dy) % n) + n) % n][(((c + dx) % n) + n) % n] = image[r][c];
  return out;
}

describe('circularShift', () => {
  const pixels = Array.from({ length: 64 }, (_, i) => i);
  it('moves pixel (r, c) to ((r + dy) mod 8, (c + dx) mod 8), negative shifts included', () => {
    for (const [dx, dy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [3, 5],
      [7, 7],
      [-1, -3],
      [9, 17],
    ])
      expect(grid(circularShift(pixels, 8, dx, dy))).toEqual(shift2d(grid(pixels), dx, dy));
  });
  it('composes, and a full turn is the identity', () => {
    expect(circularShift(circularShift(pixels, 8, 2, 3), 8, 4, 6)).toEqual(circularShift(pixels, 8, 6, 9));
    expect(circularShift(pixels, 8, 8, -8)).toEqual(pixels);
  });
  it('refuses a pixel count that is not size²', () => {
    expect(() => circularShift([1, 2, 3], 2, 0, 0)).toThrow(RangeError);
  });
});

describe('shiftBetween', () => {
  const byId = Object.fromEntries(homeworkImages().map((i) => [i.id, i.pixels]));
  it('finds x4 = x1 shifted 4 rows down and x3 = x2 shifted 5 columns right', () => {
    expect(shiftBetween(byId.x1, byId.x4, 8)).toEqual({ dx: 0, dy: 4 });
    expect(shiftBetween(byId.x2, byId.x3, 8)).toEqual({ dx: 5, dy: 0 });
  });
  it('finds none between a horizontal and a vertical edge', () => {
    expect(shiftBetween(byId.x1, byId.x2, 8)).toBeNull();
  });
  it('recovers a random shift of an image with no symmetry', () => {
    const image = Array.from({ length: 64 }, (_, i) => i);
    expect(shiftBetween(image, circularShift(image, 8, 6, 1), 8)).toEqual({ dx: 6, dy: 1 });
  });
});

describe('cropMaps', () => {
  it('keeps the top-left rows×cols of every map', () => {
    const x: LabTensor = { shape: [2, 3, 3, 4], data: Float32Array.from({ length: 72 }, (_, i) => i) };
    const y = cropMaps(x, 2, 2);
    expect(y.shape).toEqual([2, 3, 2, 2]);
    for (let p = 0; p < 6; p++)
      for (let r = 0; r < 2; r++)
        for (let c = 0; c < 2; c++) expect(y.data[p * 4 + r * 2 + c]).toBe(p * 12 + r * 4 + c);
  });
  it('refuses a crop larger than the maps', () => {
    expect(() => cropMaps({ shape: [1, 1, 2, 2], data: new Float32Array(4) }, 3, 2)).toThrow(RangeError);
  });
});

describe('compareVectors', () => {
  it('tells identical, equal-to-rounding and different vectors apart', () => {
    expect(compareVectors([0.5, 0, 2], [0.5, 0, 2])).toMatchObject({
      identical: true,
      match: true,
      maxDifference: 0,
    });
    // Summing the same float32 values in another order: a difference of an ulp or so.
    const a = Math.fround(0.1) + Math.fround(0.2) + Math.fround(0.3);
    const b = Math.fround(Math.fround(0.3 + Math.fround(0.2)) + Math.fround(0.1));
    const rounding = compareVectors([a], [b]);
    expect(rounding.match).toBe(true);
    expect(compareVectors([1, 2], [1, 2 + 1e-3])).toMatchObject({ match: false, identical: false });
    expect(compareVectors([1, 2], [1, 2 + 1e-3]).maxDifference).toBeCloseTo(1e-3, 12);
  });
  it('scales the tolerance with the largest magnitude', () => {
    expect(compareVectors([1000], [1000 + 1000 * FLOAT32_TOLERANCE * 0.9]).match).toBe(true);
    expect(compareVectors([1], [1 + 2 * FLOAT32_TOLERANCE]).match).toBe(false);
  });
  it('never matches NaN', () => {
    expect(compareVectors([NaN], [NaN]).match).toBe(false);
    expect(compareVectors([1], [NaN]).match).toBe(false);
  });
});

describe('seededWeights', () => {
  it('is reproducible, differs between seeds, and stays in range in hundredths', () => {
    const w = seededWeights(42);
    expect(seededWeights(42)).toEqual(w);
    expect(seededWeights(43)).not.toEqual(w);
    expect(w.conv1.w).toHaveLength(12);
    expect(w.conv2.w).toHaveLength(36);
    expect(w.fc.w).toHaveLength(9);
    for (const layer of [w.conv1, w.conv2, w.fc]) {
      expect(layer.b).toHaveLength(3);
      for (const v of layer.w) expect(Math.abs(v)).toBeLessThanOrEqual(1);
      for (const v of layer.b) expect(Math.abs(v)).toBeLessThanOrEqual(0.2);
      for (const v of [...layer.w, ...layer.b]) expect(Math.round(v * 100) / 100).toBe(v);
    }
  });
});

describe('duplicatedWrap', () => {
  it('measures last-row/first-row and last-column/first-column differences of one map', () => {
    // Map (1, 1) of a [2, 2, 3, 3] tensor: rows [1 2 1], [4 5 4], [1 2 1.5].
    const data = new Float32Array(36);
    data.set([1, 2, 1, 4, 5, 4, 1, 2, 1.5], 27);
    const w = duplicatedWrap({ shape: [2, 2, 3, 3], data }, 1, 1);
    expect(w).toEqual({ rows: 3, cols: 3, rowDifference: 0.5, colDifference: 0.5 });
    data[35] = 1;
    expect(duplicatedWrap({ shape: [2, 2, 3, 3], data }, 1, 1)).toMatchObject({
      rowDifference: 0,
      colDifference: 0,
    });
  });
});

describe('invarianceSteps', () => {
  it('chains conv(padding 1) → relu → conv → relu → gap → fc, cropping only in the torus variant', async () => {
    const weights = seededWeights(1);
    for (const variant of ['circular', 'zeros', 'circular-crop'] as const) {
      const seen: LabKernelRequest[] = [];
      // A stand-in kernel that records the requests and returns the shapes the real ones would.
      const run = async (r: LabKernelRequest) => {
        seen.push(r);
        const x = r.x;
        if (r.op === 'conv2d') {
          const [n, , h, w] = x.shape;
          const shape = [n, r.w.shape[0], h + 1, w + 1];
          return { y: { shape, data: new Float32Array(shape.reduce((a, b) => a * b)) } };
        }
        if (r.op === 'globalAvgPool')
          return {
            y: { shape: [x.shape[0], x.shape[1], 1, 1], data: new Float32Array(x.shape[0] * x.shape[1]) },
          };
        if (r.op === 'linear')
          return { y: { shape: [x.shape[0], 3], data: new Float32Array(x.shape[0] * 3) } };
        return { y: x };
      };
      const stages = await runKernelChain(
        run,
        { shape: [2, 1, 8, 8], data: new Float32Array(128) },
        invarianceSteps(weights, variant),
      );
      expect(seen.map((r) => r.op)).toEqual(['conv2d', 'relu', 'conv2d', 'relu', 'globalAvgPool', 'linear']);
      for (const r of seen)
        if (r.op === 'conv2d') {
          expect(r.options).toEqual({
            stride: 1,
            padding: 1,
            paddingMode: variant === 'zeros' ? 'zeros' : 'circular',
          });
          expect(r.w.data.length).toBe(r.w.shape.reduce((a, b) => a * b));
        }
      const conv1 = stages.find((s) => s.label === 'conv1')!.y;
      expect(conv1.shape).toEqual([2, 3, 9, 9]);
      const conv2In = seen[2].x.shape;
      expect(conv2In).toEqual(variant === 'circular-crop' ? [2, 3, 8, 8] : [2, 3, 9, 9]);
      expect(seen[5].x.shape).toEqual([2, 3]);
      expect(stages.filter((s) => !s.kernel).map((s) => s.label)).toEqual(
        variant === 'circular-crop' ? ['crop1', 'crop2', 'vector'] : ['vector'],
      );
    }
  });
});

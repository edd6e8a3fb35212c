// The network instruments' kernel ops through the shared API handlers and a real compute process.
// 3(f): the chains of CONV2-3 → ReLU → CONV2-3 → ReLU → GAP → FC-3 on x1..x4, a glyph and its
// shifts, against a float64 implementation of circular and zero-padded convolution written here;
// the 9×9 maps; whether the GAP vectors of shifted inputs match, measured (the kernels' verdict is
// asserted to be the float64 verdict, and the facts that hold are asserted as such). Dropout: the
// inverted scaling, the identity at evaluation, the backward mask and the preserved mean.
import { beforeAll, describe, expect, it } from 'vitest';
import { browserApi } from './browserApi.js';
import type { LabKernelRequest } from '../../../preload/labContract.js';
import { circularShift } from '../../../renderer/src/lab/network/circularShift.js';
import { compareVectors } from '../../../renderer/src/lab/network/compareVectors.js';
import { dropoutStats } from '../../../renderer/src/lab/network/dropoutStats.js';
import { duplicatedWrap } from '../../../renderer/src/lab/network/duplicatedWrap.js';
import { homeworkImages } from '../../../renderer/src/lab/network/homeworkImages.js';
import { invarianceReport } from '../../../renderer/src/lab/network/invarianceReport.js';
import {
  invarianceSteps,
  type InvarianceVariant,
} from '../../../renderer/src/lab/network/invarianceSteps.js';
import { runKernelChain, type RunKernel } from '../../../renderer/src/lab/network/runKernelChain.js';
import { seededWeights, type InvarianceWeights } from '../../../renderer/src/lab/network/seededWeights.js';

const api = browserApi();
let run: RunKernel;

beforeAll(() => {
  run = (r: LabKernelRequest) => api['lab:kernel'](r);
});

// ---- float64 reference of the network, written independently of the kernels -------------------

type Maps = number[][][]; // [channel][row][col]

/** Cross-correlation with symmetric padding `pad`, wrap-around or zeros, stride 1. */
function conv64(
  x: Maps,
  w: number[],
  b: number[],
  filters: number,
  k: number,
  pad: number,
  circular: boolean,
): Maps {
  const c = x.length;
  const h = x[0].length;
  const wd = x[0][0].length;
  const at = (ch: number, r: number, q: number) => {
    if (circular) return x[ch][((r % h) + h) % h][((q % wd) + wd) % wd];
    return r < 0 || r >= h || q < 0 || q >= wd ? 0 : x[ch][r][q];
  };
  const oh = h + 2 * pad - k + 1;
  const ow = wd + 2 * pad - k + 1;
  return Array.from({ length: filters }, (_, f) =>
    Array.from({ length: oh }, (_, i) =>
      Array.from({ length: ow }, (_, j) => {
        let s = b[f];
        for (let ch = 0; ch < c; ch++)
          for (let u = 0; u < k; u++)
            for (let v = 0; v < k; v++)
              s += w[((f * c + ch) * k + u) * k + v] * at(ch, i + u - pad, j + v - pad);
        return s;
      }),
    ),
  );
}

const relu64 = (x: Maps): Maps => x.map((m) => m.map((row) => row.map((v) => Math.max(0, v))));
const crop64 = (x: Maps, n: number): Maps => x.map((m) => m.slice(0, n).map((row) => row.slice(0, n)));
const gap64 = (x: Maps): number[] =>
  x.map((m) => m.flat().reduce((a, b) => a + b, 0) / (m.length * m[0].length));

function network64(pixels: readonly number[], w: InvarianceWeights, variant: InvarianceVariant) {
  const circular = variant !== 'zeros';
  const image: Maps = [Array.from({ length: 8 }, (_, r) => pixels.slice(r * 8, r * 8 + 8))];
  let a = conv64(image, w.conv1.w, w.conv1.b, 3, 2, 1, circular);
  const conv1 = a;
  if (variant === 'circular-crop') a = crop64(a, 8);
  a = relu64(a);
  a = conv64(a, w.conv2.w, w.conv2.b, 3, 2, 1, circular);
  const conv2 = a;
  if (variant === 'circular-crop') a = crop64(a, 8);
  const g = gap64(relu64(a));
  const fc = [0, 1, 2].map((o) => w.fc.b[o] + g.reduce((s, v, i) => s + w.fc.w[o * 3 + i] * v, 0));
  return { conv1, conv2, g, fc };
}

/** max |a − b| in float64. */
const maxDiff = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - b[i])));

// ---- inputs ------------------------------------------------------------------------------------

const HW = Object.fromEntries(homeworkImages().map((i) => [i.id, i.pixels]));
const GLYPH = Array.from({ length: 64 }, (_, i) => {
  const [r, c] = [Math.floor(i / 8), i % 8];
  return (c === 2 && r >= 2 && r <= 5) || (r === 5 && c >= 2 && c <= 4) ? 1 : 0;
});
const INPUTS = [
  HW.x1,
  HW.x4,
  HW.x2,
  HW.x3,
  GLYPH,
  circularShift(GLYPH, 8, 3, 2),
  circularShift(GLYPH, 8, 5, 0),
];
const PAIRS = [
  [0, 1],
  [2, 3],
  [4, 5],
  [4, 6],
] as const;
const VARIANTS: InvarianceVariant[] = ['circular', 'zeros', 'circular-crop'];

async function runAll(weights: InvarianceWeights, variant: InvarianceVariant) {
  const x = { shape: [INPUTS.length, 1, 8, 8], data: Float32Array.from(INPUTS.flat()) };
  const stages = await runKernelChain(run, x, invarianceSteps(weights, variant));
  return { stages, report: invarianceReport(variant, stages, PAIRS) };
}

describe('3(f) through the kernels', () => {
  it('gives 9×9 maps after conv1 and 10×10 after conv2 with circular padding 1 (8×8 only when cropped)', async () => {
    const weights = seededWeights(1);
    for (const variant of VARIANTS) {
      const { report, stages } = await runAll(weights, variant);
      expect(report.conv1Shape).toEqual([INPUTS.length, 3, 9, 9]);
      expect(report.conv2Shape).toEqual([
        INPUTS.length,
        3,
        variant === 'circular-crop' ? 9 : 10,
        variant === 'circular-crop' ? 9 : 10,
      ]);
      const gapInput = stages.find((s) => s.label === 'relu2')!.y;
      expect(gapInput.shape.slice(2)).toEqual(variant === 'circular-crop' ? [8, 8] : [10, 10]);
    }
  });

  it('repeats row 0 as row 8 and column 0 as column 8 in the circular 9×9 maps, exactly', async () => {
    const { stages } = await runAll(seededWeights(1), 'circular');
    const conv1 = stages.find((s) => s.label === 'conv1')!.y;
    for (let item = 0; item < INPUTS.length; item++)
      for (let ch = 0; ch < 3; ch++)
        expect(duplicatedWrap(conv1, item, ch)).toMatchObject({ rowDifference: 0, colDifference: 0 });
    // Zero padding's 9×9 maps repeat nothing where the image touches the border: the glyph shifted
    // (5, 0) has pixels in columns 7 and 0, which the circular maps wrap and zero padding does not.
    const zeros = (await runAll(seededWeights(1), 'zeros')).stages.find((s) => s.label === 'conv1')!.y;
    const reference = network64(INPUTS[6], seededWeights(1), 'zeros').conv1;
    const colRepeat64 = Math.max(...reference.flatMap((m) => m.map((row) => Math.abs(row[8] - row[0]))));
    expect(colRepeat64).toBeGreaterThan(1e-3);
    const measured = Math.max(...[0, 1, 2].map((ch) => duplicatedWrap(zeros, 6, ch).colDifference));
    expect(measured).toBeCloseTo(colRepeat64, 5);
  });

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: every stage equals the float64 network, and the kernels' verdicts are float64's`, async () => {
      const weights = seededWeights(seed);
      for (const variant of VARIANTS) {
        const { stages, report } = await runAll(weights, variant);
        const conv1 = stages.find((s) => s.label === 'conv1')!.y;
        const conv2 = stages.find((s) => s.label === 'conv2')!.y;
        const reference = INPUTS.map((p) => network64(p, weights, variant));
        INPUTS.forEach((_, n) => {
          const r = reference[n];
          const size1 = 3 * 81;
          expect(
            maxDiff(Array.from(conv1.data.subarray(n * size1, (n + 1) * size1)), r.conv1.flat(2)),
          ).toBeLessThan(1e-5);
          const size2 = conv2.data.length / INPUTS.length;
          expect(
            maxDiff(Array.from(conv2.data.subarray(n * size2, (n + 1) * size2)), r.conv2.flat(2)),
          ).toBeLessThan(1e-5);
          expect(maxDiff(report.gap[n], r.g)).toBeLessThan(1e-5);
          expect(maxDiff(report.fc[n], r.fc)).toBeLessThan(1e-5);
        });
        PAIRS.forEach(([a, b], k) => {
          const exact = maxDiff(reference[a].g, reference[b].g);
          // float64 either sees equality to rounding or a real difference, never something between.
          expect(exact < 1e-12 || exact > 1e-4).toBe(true);
          expect(report.pairs[k].match).toBe(exact < 1e-12);
        });
      }
    });
  }

  it('what holds for every seed tried: x1/x4 and x2/x3 match under circular padding, the torus matches all', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const weights = seededWeights(seed);
      const circular = (await runAll(weights, 'circular')).report;
      // The edges stay clear of the wrapped row/column, so the duplicated one is background for both.
      expect(circular.pairs[0].match).toBe(true);
      expect(circular.pairs[1].match).toBe(true);
      // On the 8×8 torus GAP is shift-invariant for any image.
      const torus = (await runAll(weights, 'circular-crop')).report;
      for (const c of torus.pairs) expect(c.match).toBe(true);
    }
  });

  it('the 9×9 maps break invariance for the glyph shifted by (3, 2) with seed 1, by a measured amount', async () => {
    const weights = seededWeights(1);
    const { report } = await runAll(weights, 'circular');
    const ref = [INPUTS[4], INPUTS[5]].map((p) => network64(p, weights, 'circular').g);
    expect(report.pairs[2].match).toBe(false);
    expect(report.pairs[2].maxDifference).toBeCloseTo(maxDiff(ref[0], ref[1]), 5);
    expect(report.pairs[2].maxDifference).toBeGreaterThan(1e-3);
  });

  it('zero padding against circular, per input: the kernels agree with float64 on which GAP vectors differ', async () => {
    for (const seed of [1, 2, 3]) {
      const weights = seededWeights(seed);
      const circular = (await runAll(weights, 'circular')).report;
      const zeros = (await runAll(weights, 'zeros')).report;
      INPUTS.forEach((pixels, n) => {
        const exact = maxDiff(
          network64(pixels, weights, 'circular').g,
          network64(pixels, weights, 'zeros').g,
        );
        expect(exact < 1e-12 || exact > 1e-4).toBe(true);
        expect(compareVectors(circular.gap[n], zeros.gap[n]).match).toBe(exact < 1e-12);
      });
      // Where the glyph wraps around the border the two paddings see different images.
      expect(compareVectors(circular.gap[6], zeros.gap[6]).match).toBe(false);
    }
  });

  it('seed 1: zero padding keeps the glyph shifted by (3, 2) invariant, the 9×9 circular maps do not', async () => {
    // With seed 1 conv1's biases are negative, so the background is 0 after ReLU and zero padding
    // adds nothing the shifted glyph would see differently; circular padding's repeated row and
    // column count different rows of the shifted glyph twice.
    const weights = seededWeights(1);
    expect(weights.conv1.b.every((b) => b < 0)).toBe(true);
    const zeros = (await runAll(weights, 'zeros')).report;
    const circular = (await runAll(weights, 'circular')).report;
    expect(zeros.pairs[2].match).toBe(true);
    expect(circular.pairs[2].match).toBe(false);
  });
});

describe('dropout through the kernels', () => {
  const n = 64;
  const x = Float32Array.from({ length: n }, (_, i) => (i + 1) / n);

  it('keeps values times fround(1/(1 − p)) and zeroes the rest, for several p', async () => {
    for (const p of [0.1, 0.3, 0.5, 0.85]) {
      const { y, mask } = await api['lab:kernel']({
        op: 'dropout',
        x: { shape: [8, 8], data: x },
        p,
        seed: 11,
      });
      const scale = Math.fround(1 / Math.fround(1 - Math.fround(p)));
      for (let i = 0; i < n; i++) expect(y.data[i]).toBe(mask.data[i] === 1 ? Math.fround(x[i] * scale) : 0);
      const s = dropoutStats(Array.from(x), y.data, mask.data, p);
      expect(s.scale).toBe(scale);
      expect(s.maxScalingError).toBe(0);
    }
  });

  it('is the identity at evaluation (p = 0), whatever the seed', async () => {
    for (const seed of [0, 1, 123456789]) {
      const { y, mask } = await api['lab:kernel']({
        op: 'dropout',
        x: { shape: [8, 8], data: x },
        p: 0,
        seed,
      });
      expect(Array.from(y.data)).toEqual(Array.from(x));
      expect(mask.data.every((m) => m === 1)).toBe(true);
    }
  });

  it('uses the same mask for dy with the same seed (the backward pass) and a new one with a new seed', async () => {
    const tiled = new Float32Array(n * 10);
    for (let k = 0; k < 10; k++) tiled.set(x, k * n);
    const forward = await api['lab:kernel']({
      op: 'dropout',
      x: { shape: [10, 8, 8], data: tiled },
      p: 0.5,
      seed: 4,
    });
    const dy = Float32Array.from({ length: n }, (_, i) => ((i % 9) - 4) / 4);
    const backward = await api['lab:kernel']({
      op: 'dropout',
      x: { shape: [8, 8], data: dy },
      p: 0.5,
      seed: 4,
    });
    expect(Array.from(backward.mask.data)).toEqual(Array.from(forward.mask.data.subarray(0, n)));
    for (let i = 0; i < n; i++)
      expect(backward.y.data[i]).toBe(Math.fround(dy[i] * backward.mask.data[i] * 2));
    const next = await api['lab:kernel']({ op: 'dropout', x: { shape: [8, 8], data: x }, p: 0.5, seed: 5 });
    expect(Array.from(next.mask.data)).not.toEqual(Array.from(forward.mask.data.subarray(0, n)));
    // Each stacked copy gets its own mask: pass 2 is not pass 1.
    expect(Array.from(forward.mask.data.subarray(n, 2 * n))).not.toEqual(
      Array.from(forward.mask.data.subarray(0, n)),
    );
  });

  it('preserves the mean: 10 000 passes land within 4 expected spreads of the input mean', async () => {
    const passes = 10000;
    for (const p of [0.2, 0.5, 0.9]) {
      const tiled = new Float32Array(n * passes);
      for (let k = 0; k < passes; k++) tiled.set(x, k * n);
      const { y, mask } = await api['lab:kernel']({
        op: 'dropout',
        x: { shape: [passes, 8, 8], data: tiled },
        p,
        seed: 99,
      });
      const s = dropoutStats(Array.from(x), y.data, mask.data, p);
      expect(s.deviationInSpreads).toBeLessThan(4);
      expect(Math.abs(s.droppedFraction - p)).toBeLessThan(4 * s.droppedSpread);
      // Against the mean itself (not only the statistic's own bookkeeping).
      const direct = y.data.reduce((a, b) => a + b, 0) / y.data.length;
      expect(Math.abs(direct - s.inputMean)).toBeLessThan((4 * s.passSpread) / Math.sqrt(passes));
    }
  });
});

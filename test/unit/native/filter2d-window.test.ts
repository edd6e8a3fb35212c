// A preview filters only a window of columns and copies out the values before mapping at chosen
// columns. Both must be exactly what the whole-image pass computes: the window's destination
// samples bit for bit (borders and halos included, in every border mode), the rest untouched, and
// the copied values equal to the whole pass's values at those columns (a whole-width window with
// every column copied is that pass).
import { describe, expect, it } from 'vitest';
import { planFilter2d, runFilter2dRows } from '../../../native-kernels/index.js';
import type { Filter2dOptions, ImageView } from '../../../native-kernels/index.js';
import type { PaddingMode } from '../../../native-kernels/types.js';
import { mulberry32 } from '../../helpers/random.js';

const MODES: PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

function randomImage(rng: () => number, w: number, h: number, c: 1 | 2 | 3 | 4, depth: 8 | 16): ImageView {
  const max = depth === 8 ? 255 : 65535;
  const data = depth === 8 ? new Uint8Array(w * h * c) : new Uint16Array(w * h * c);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(rng() * (max + 1));
  return { data, width: w, height: h, channels: c, depth, hasAlpha: c % 2 === 0 };
}

function randomKernel(rng: () => number, rows: number, cols: number, separable: boolean) {
  const column = Float32Array.from({ length: rows }, () => rng() * 2 - 1);
  const row = Float32Array.from({ length: cols }, () => rng() * 2 - 1);
  if (!separable)
    return { rows, cols, data: Float32Array.from({ length: rows * cols }, () => rng() * 2 - 1) };
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = column[i] * row[j];
  return { rows, cols, data, separable: { column, row } };
}

describe('filter2d over a column window with values copied out', () => {
  const rng = mulberry32(2718);
  const cases = Array.from({ length: 80 }, (_, i) => {
    const channels = (1 + Math.floor(rng() * 4)) as 1 | 2 | 3 | 4;
    const width = 1 + Math.floor(rng() * 40);
    const height = 1 + Math.floor(rng() * 12);
    const rows = 1 + Math.floor(rng() * 9);
    const cols = 1 + Math.floor(rng() * 9);
    const c0 = Math.floor(rng() * width);
    const c1 = c0 + 1 + Math.floor(rng() * (width - c0));
    const r0 = Math.floor(rng() * height);
    const r1 = r0 + 1 + Math.floor(rng() * (height - r0));
    return {
      i,
      image: randomImage(rng, width, height, channels, rng() < 0.5 ? 8 : 16),
      options: {
        kernel: randomKernel(rng, rows, cols, rng() < 0.5),
        kernelY: rng() < 0.25 ? randomKernel(rng, rows, cols, false) : undefined,
        anchor: [Math.floor(rng() * rows), Math.floor(rng() * cols)] as [number, number],
        border: MODES[i % 4],
        mapping: (['clamp', 'abs', 'shift'] as const)[Math.floor(rng() * 3)],
        scale: 40,
        offset: 3,
        luminance: channels >= 3 && rng() < 0.3,
      } satisfies Filter2dOptions,
      cols: [c0, c1] as [number, number],
      rowRange: [r0, r1] as [number, number],
    };
  });

  it.each(cases)('case $i: window equals the whole pass', ({ image, options, cols, rowRange }) => {
    const plan = planFilter2d(image, options);
    const bands = options.luminance ? 1 : image.channels - (image.hasAlpha ? 1 : 0);
    const alloc = () =>
      image.depth === 8 ? new Uint8Array(plan.dstLength) : new Uint16Array(plan.dstLength);
    const allXs = Int32Array.from({ length: image.width }, (_, x) => x);
    const full = alloc();
    const fullValues = new Float32Array(image.height * image.width * bands);
    runFilter2dRows(plan, image.data, full, 0, image.height, null, null, { xs: allXs, values: fullValues });

    const sentinel = image.depth === 8 ? 77 : 4242;
    const part = alloc().fill(sentinel);
    const xs = Int32Array.from({ length: cols[1] - cols[0] }, (_, k) => cols[0] + k).filter(
      (_, k) => k % 2 === 0,
    );
    const [r0, r1] = rowRange;
    const values = new Float32Array((r1 - r0) * xs.length * bands);
    runFilter2dRows(plan, image.data, part, r0, r1, null, null, { cols, xs, values });

    const ch = plan.dstChannels;
    for (let y = 0; y < image.height; y++)
      for (let x = 0; x < image.width; x++)
        for (let c = 0; c < ch; c++) {
          const i = (y * image.width + x) * ch + c;
          const inside = y >= r0 && y < r1 && x >= cols[0] && x < cols[1];
          if (part[i] !== (inside ? full[i] : sentinel))
            expect.fail(`(${y}, ${x}, ${c}): ${part[i]} but expected ${inside ? full[i] : sentinel}`);
        }
    for (let y = r0; y < r1; y++)
      for (let k = 0; k < xs.length; k++)
        for (let b = 0; b < bands; b++) {
          const got = values[((y - r0) * xs.length + k) * bands + b];
          const want = fullValues[(y * image.width + xs[k]) * bands + b];
          if (got !== want) expect.fail(`value (${y}, ${xs[k]}, ${b}): ${got} but expected ${want}`);
        }
  });

  it('rejects windows and columns outside the image', () => {
    const image = randomImage(mulberry32(1), 8, 4, 3, 8);
    const plan = planFilter2d(image, {
      kernel: randomKernel(mulberry32(2), 3, 3, false),
      border: 'zeros',
      mapping: 'clamp',
    });
    const dst = new Uint8Array(plan.dstLength);
    expect(() => runFilter2dRows(plan, image.data, dst, 0, 4, null, null, { cols: [3, 9] })).toThrow(/cols/);
    expect(() => runFilter2dRows(plan, image.data, dst, 0, 4, null, null, { cols: [5, 5] })).toThrow(/cols/);
    const xs = Int32Array.of(2);
    expect(() =>
      runFilter2dRows(plan, image.data, dst, 0, 4, null, null, {
        cols: [3, 6],
        xs,
        values: new Float32Array(12),
      }),
    ).toThrow(/xs/);
    expect(() =>
      runFilter2dRows(plan, image.data, dst, 0, 4, null, null, { xs, values: new Float32Array(11) }),
    ).toThrow(/values/);
    expect(() => runFilter2dRows(plan, image.data, dst, 0, 4, null, null, { xs })).toThrow(/together/);
  });
});

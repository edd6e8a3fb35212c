/**
 * The filter pipeline on a 24-megapixel RGB photo (a sample photo scaled up), through the compute
 * process and its worker pool: decode excluded (the image already in the compute process's store)
 * and included (decode a JPEG of it, then filter), against sharp's convolve in the same run, with
 * the peak memory of the compute process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { createComputeClient } from '../main/compute/computeClient.js';
import type { FilterSpec, KernelMatrix } from '../main/service/filter/filterSpec.js';
import { presetSpec } from '../main/service/filter/presets.js';
import type { SectionReport } from './section.js';
import { summarize, type Summary } from './stats.js';
import { fmt, printTable, verdict } from './table.js';

const WIDTH = 6000;
const HEIGHT = 4000;
const PHOTO = new URL('../test/fixtures/photos/chelsea.png', import.meta.url).pathname;

interface FilterCase {
  name: string;
  spec: FilterSpec;
  /** sharp's convolve needs the kernel as a flat list (odd sizes) and a scale. */
  kernel: KernelMatrix;
  targetMs: number;
  runs: number;
}

function matrix(rows: number, cols: number, f: (i: number, j: number) => number): KernelMatrix {
  return {
    rows,
    cols,
    data: Float32Array.from({ length: rows * cols }, (_, k) => f(Math.floor(k / cols), k % cols)),
  };
}

const binomial = [1, 4, 6, 4, 1];
const CASES: FilterCase[] = [
  {
    name: '3x3 box',
    spec: presetSpec('box', { size: 3 }),
    kernel: matrix(3, 3, () => 1 / 9),
    targetMs: 25,
    runs: 11,
  },
  {
    name: '3x3 Sobel x',
    spec: presetSpec('sobel-x'),
    kernel: presetSpec('sobel-x').kernel,
    targetMs: 25,
    runs: 11,
  },
  {
    name: '5x5 Gaussian',
    spec: { ...presetSpec('identity'), kernel: matrix(5, 5, (i, j) => (binomial[i] * binomial[j]) / 256) },
    kernel: matrix(5, 5, (i, j) => (binomial[i] * binomial[j]) / 256),
    targetMs: Infinity,
    runs: 9,
  },
  {
    // Dense: no rank-1 structure to exploit.
    name: 'dense 15x15',
    spec: {
      ...presetSpec('identity'),
      kernel: matrix(15, 15, (i, j) => (1 + Math.sin(i * 1.7 + j * j * 0.3)) / 225),
    },
    kernel: matrix(15, 15, (i, j) => (1 + Math.sin(i * 1.7 + j * j * 0.3)) / 225),
    targetMs: 400,
    runs: 5,
  },
];

export interface FilterPipelineRow {
  name: string;
  separable: boolean;
  /** ms, image already in the compute process. */
  pool: Summary;
  /** ms, decoding the JPEG included. */
  withDecode: Summary;
  /** ms, sharp's convolve on the raw image (libvips threads) in this process. */
  sharp: Summary;
  targetMs: number;
}

export interface FilterPipelineResult {
  rows: FilterPipelineRow[];
  decodeMs: Summary;
  computeMaxRssMiB: number;
  threads: number;
}

function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  return (async () => {
    await fn(); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
    return samples;
  })();
}

/**
 * Peak RSS of a fresh compute process running one 24-megapixel job: decode the JPEG, run each
 * filter, free the source, export a PNG. (The timing runs above keep two images and spare buffers
 * alive at once.)
 */
async function jobPeakMemoryMiB(jpeg: string): Promise<number> {
  const compute = createComputeClient();
  try {
    // As `convscope filter` does it: decode, filter (here each case, keeping the last result),
    // free the source, export.
    const image = await compute.run('loadImage', { path: jpeg });
    let last: string | undefined;
    for (const c of CASES) {
      const out = await compute.run('filter', {
        id: image.id,
        spec: c.spec,
        returnData: false,
        store: c === CASES.at(-1),
      });
      last = out.stored?.id;
    }
    await compute.run('releaseImage', { id: image.id });
    await compute.run('exportImage', {
      id: last!,
      target: `${jpeg}.png`,
      options: { format: 'png', sourcePath: jpeg },
    });
    return (await compute.run('processStats', {})).maxRssKiB / 1024;
  } finally {
    await compute.close();
  }
}

export async function runFilterPipeline(): Promise<SectionReport<FilterPipelineResult>> {
  const raw = await sharp(PHOTO)
    .resize(WIDTH, HEIGHT, { kernel: 'cubic' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'convscope-bench-'));
  const jpeg = path.join(dir, 'photo-24mp.jpg');
  writeFileSync(jpeg, await sharp(raw.data, { raw: raw.info }).jpeg({ quality: 90 }).toBuffer());
  const compute = createComputeClient();
  try {
    const info = await compute.ready();
    const stored = await compute.run('loadImage', {
      image: {
        width: WIDTH,
        height: HEIGHT,
        channels: 3,
        depth: 8,
        hasAlpha: false,
        data: new Uint8Array(raw.data),
        metadata: { format: 'raw' },
      },
    });
    const rows: FilterPipelineRow[] = [];
    for (const c of CASES) {
      const pool = await timeAsync(c.runs, () =>
        compute.run('filter', { id: stored.id, spec: c.spec, returnData: false }),
      );
      const withDecode = await timeAsync(Math.min(3, c.runs), async () => {
        const d = await compute.run('loadImage', { path: jpeg });
        await compute.run('filter', { id: d.id, spec: c.spec, returnData: false });
        await compute.run('releaseImage', { id: d.id });
      });
      const sharpMs = await timeAsync(Math.min(5, c.runs), () =>
        sharp(raw.data, { raw: raw.info })
          .convolve({
            width: c.kernel.cols,
            height: c.kernel.rows,
            kernel: Array.from(c.kernel.data),
            scale: 1,
          })
          .raw()
          .toBuffer(),
      );
      rows.push({
        name: c.name,
        separable: c.spec.kernel.rows > 1 && c.name !== 'dense 15x15',
        pool: summarize(pool),
        withDecode: summarize(withDecode),
        sharp: summarize(sharpMs),
        targetMs: c.targetMs,
      });
    }
    // After the filters, so the compute process's buffers are warm as in the runs above.
    const decodeMs = summarize(
      await timeAsync(3, async () => {
        const d = await compute.run('loadImage', { path: jpeg });
        await compute.run('releaseImage', { id: d.id });
      }),
    );
    const result: FilterPipelineResult = {
      rows,
      decodeMs,
      computeMaxRssMiB: await jobPeakMemoryMiB(jpeg),
      threads: info.threads,
    };
    printTable(
      `Filter pipeline, ${WIDTH}x${HEIGHT} RGB 8-bit (24 MP), compute process with ${info.threads} worker threads; median (min) ms`,
      ['filter', 'pool, decoded', 'pool + JPEG decode', "sharp's convolve", 'sharp / pool', 'target'],
      rows.map((r) => [
        r.name,
        `${fmt(r.pool.median)} (${fmt(r.pool.min)})`,
        `${fmt(r.withDecode.median)} (${fmt(r.withDecode.min)})`,
        `${fmt(r.sharp.median)} (${fmt(r.sharp.min)})`,
        `${fmt(r.sharp.median / r.pool.median, 1)}x`,
        Number.isFinite(r.targetMs) ? `< ${r.targetMs} ms: ${verdict(r.targetMs, r.pool.median)}` : '',
      ]),
    );
    console.log(
      `JPEG decode alone ${fmt(decodeMs.median)} ms; peak RSS of a compute process running one job (decode, the four filters, PNG export): ` +
        `${fmt(result.computeMaxRssMiB)} MiB (target < 400 MiB; the image stays 8-bit, floats exist per band only)`,
    );
    return { result, workspaceBytes: { main: 0, workers: [] } };
  } finally {
    await compute.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

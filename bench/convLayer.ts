/**
 * Section 2: one realistic conv layer (N=8, C=F=64, 56x56, 3x3, pad 1) forward, backward-input
 * and backward-weight (+bias), on the calling thread and split over two workers, as GFLOP/s and as
 * a fraction of the FMA peak measured in the same interleaved rounds (so a noisy neighbour slows
 * the peak and the conv alike, and the fraction stays meaningful).
 */
import { loadAddon } from '../native-kernels/addon.js';
import { startBenchPool, workerWorkspaces } from './benchPool.js';
import {
  CONV_LAYER,
  CONV_LAYER_FLOPS,
  convLayerShared,
  createConvLayerBuffers,
  type ConvLayerBuffers,
} from './convLayerBuffers.js';
import { bitsEqual, relDiff } from './compare.js';
import { measureInterleaved } from './measure.js';
import { busyMachineNote, peakOnCaller, peakOnPool, PEAK_ITERATIONS } from './peak.js';
import type { SectionReport } from './section.js';
import { split } from './split.js';
import { median, rates, summarizeRates, type RateSummary } from './stats.js';
import { fmt, printTable, verdict } from './table.js';
import type { WorkerPool } from './workerPool.js';

export const CONV_FORWARD_TARGET_GFLOPS = 100;

export interface ConvPass {
  gflops: RateSummary;
  medianMs: number;
  /** Median GFLOP/s over the median peak GFLOP/s of the same thread count. */
  fractionOfPeak: number;
}

export interface ConvThreadsResult {
  threads: number;
  peakGflops: RateSummary;
  forward: ConvPass;
  backwardInput: ConvPass;
  backwardWeight: ConvPass;
}

export interface ConvLayerResult {
  layer: typeof CONV_LAYER;
  /** The forward algorithm the addon's 'auto' picks for this shape. */
  forwardAlgorithm: string;
  flopsPerPass: number;
  oneThread: ConvThreadsResult;
  twoThreads: ConvThreadsResult;
  checks: {
    forwardSplitExact: boolean;
    backwardInputSplitExact: boolean;
    /** max |dw_split - dw_single| / max |dw_single|: the split sums partials in another order. */
    backwardWeightSplitRelDiff: number;
  };
  target: { forwardTwoThreadsGflops: number; verdict: string };
}

const ROWS = CONV_LAYER.n * CONV_LAYER.h; // output rows of the flattened (n, oh) space (stride 1)

function singleThread(b: ConvLayerBuffers): {
  forward: () => void;
  backwardInput: () => void;
  backwardWeight: () => void;
} {
  const addon = loadAddon();
  return {
    forward: () => void addon.conv2dForward(b.x, b.w, b.b, b.y, b.geometry, 0, ROWS, 0),
    backwardInput: () => void addon.conv2dBackwardInput(b.dy, b.w, b.dx, b.geometry, 0, CONV_LAYER.n),
    backwardWeight: () => void addon.conv2dBackwardWeight(b.x, b.dy, b.dw, b.db, b.geometry, 0, CONV_LAYER.n),
  };
}

function pooled(
  pool: WorkerPool,
  b: ConvLayerBuffers,
): { forward: () => void; backwardInput: () => void; backwardWeight: () => void } {
  const parts = pool.size;
  const byRows = (task: string) =>
    Array.from({ length: parts }, (_, i) => ({ task, args: split(ROWS, parts, i) }));
  const byItems = (task: string) =>
    Array.from({ length: parts }, (_, i) => ({ task, args: split(CONV_LAYER.n, parts, i) }));
  const forwardJobs = byRows('convForward');
  const inputJobs = byItems('convBackwardInput');
  const weightJobs = byItems('convBackwardWeight');
  const wsize = b.dw.length;
  const f = b.db.length;
  return {
    forward: () => void pool.run(forwardJobs),
    backwardInput: () => void pool.run(inputJobs),
    backwardWeight: () => {
      pool.run(weightJobs);
      // Each worker wrote a private partial sum; adding them is part of the pass's cost.
      const { dw, db, dwPartials, dbPartials } = b;
      dw.set(dwPartials.subarray(0, wsize));
      db.set(dbPartials.subarray(0, f));
      for (let s = 1; s < parts; ++s) {
        const off = s * wsize;
        for (let i = 0; i < wsize; ++i) dw[i] += dwPartials[off + i];
        for (let i = 0; i < f; ++i) db[i] += dbPartials[s * f + i];
      }
    },
  };
}

function passOf(timesMs: number[], peak: RateSummary): ConvPass {
  const gflops = summarizeRates(rates(timesMs, CONV_LAYER_FLOPS / 1e9));
  return { gflops, medianMs: median(timesMs), fractionOfPeak: gflops.median / peak.median };
}

export async function runConvLayer(): Promise<SectionReport<ConvLayerResult>> {
  const addon = loadAddon();
  const pool = await startBenchPool();
  const b = createConvLayerBuffers(pool.size);
  pool.share(convLayerShared(b));
  const one = singleThread(b);
  const two = pooled(pool, b);

  // Split results must match the single-thread ones (checked once, outside the timing).
  one.forward();
  const y1 = b.y.slice();
  one.backwardInput();
  const dx1 = b.dx.slice();
  one.backwardWeight();
  const dw1 = b.dw.slice();
  b.y.fill(0);
  b.dx.fill(0);
  b.dw.fill(0);
  two.forward();
  two.backwardInput();
  two.backwardWeight();
  const checks = {
    forwardSplitExact: bitsEqual(b.y, y1),
    backwardInputSplitExact: bitsEqual(b.dx, dx1),
    backwardWeightSplitRelDiff: relDiff(b.dw, dw1),
  };

  // Every piece in every round, so that the peak each pass is divided by saw the same machine.
  const flopsPerPeak = (addon.fmaPeak(1000) / 1000) * PEAK_ITERATIONS;
  const samples = measureInterleaved(
    [
      () => peakOnCaller(),
      one.forward,
      one.backwardInput,
      one.backwardWeight,
      () => peakOnPool(pool),
      two.forward,
      two.backwardInput,
      two.backwardWeight,
    ],
    { warmup: 1, rounds: 21 },
  );
  const threadsResult = (threads: number, offset: number, peakFlops: number): ConvThreadsResult => {
    const peakGflops = summarizeRates(rates(samples[offset], peakFlops / 1e9));
    return {
      threads,
      peakGflops,
      forward: passOf(samples[offset + 1], peakGflops),
      backwardInput: passOf(samples[offset + 2], peakGflops),
      backwardWeight: passOf(samples[offset + 3], peakGflops),
    };
  };
  const oneThread = threadsResult(1, 0, flopsPerPeak);
  const twoThreads = threadsResult(pool.size, 4, flopsPerPeak * pool.size);
  const result: ConvLayerResult = {
    layer: CONV_LAYER,
    forwardAlgorithm: addon.conv2dAlgorithm(b.geometry),
    flopsPerPass: CONV_LAYER_FLOPS,
    oneThread,
    twoThreads,
    checks,
    target: {
      forwardTwoThreadsGflops: CONV_FORWARD_TARGET_GFLOPS,
      verdict: verdict(twoThreads.forward.gflops.median, CONV_FORWARD_TARGET_GFLOPS),
    },
  };

  const rows = [oneThread, twoThreads].flatMap((r) => {
    const label = r.threads === 1 ? '1 (calling thread)' : `${r.threads} (workers)`;
    const row = (pass: string, p: ConvPass, target: string): (string | number)[] => [
      label,
      pass,
      fmt(p.medianMs, 2),
      p.gflops.median,
      p.gflops.best,
      `${fmt(100 * p.fractionOfPeak, 1)}%`,
      target,
    ];
    const fwdTarget = r.threads === 1 ? '' : `>= ${CONV_FORWARD_TARGET_GFLOPS}: ${result.target.verdict}`;
    return [
      row('forward (rows of n*oh)', r.forward, fwdTarget),
      row('backward-input (batch items)', r.backwardInput, ''),
      row('backward-weight+bias (items, summed)', r.backwardWeight, ''),
      [label, 'FMA peak, same rounds', '', r.peakGflops.median, r.peakGflops.best, '100.0%', ''],
    ];
  });
  const { n, c, f, h, w, k } = CONV_LAYER;
  printTable(
    `Conv layer N=${n} C=${c} F=${f} ${h}x${w} ${k}x${k} pad 1 stride 1 (${fmt(CONV_LAYER_FLOPS / 1e9, 2)} GFLOP/pass, forward algorithm ${result.forwardAlgorithm}, ${oneThread.forward.gflops.runs} interleaved rounds)`,
    ['threads', 'pass', 'median ms', 'median GFLOP/s', 'best GFLOP/s', 'of peak', 'target'],
    rows,
  );
  console.log(
    `split check: forward ${checks.forwardSplitExact ? 'bit-exact' : 'DIFFERS'}, backward-input ${
      checks.backwardInputSplitExact ? 'bit-exact' : 'DIFFERS'
    }, backward-weight rel. diff ${checks.backwardWeightSplitRelDiff.toExponential(2)} (partials summed in a different order)`,
  );
  const note = busyMachineNote(oneThread.peakGflops, twoThreads.peakGflops, pool.size);
  if (note !== undefined) console.log(note);
  const workers = workerWorkspaces(pool);
  const workspaceBytes = { main: addon.workspaceBytes(), workers };
  console.log(
    `addon workspace after the conv runs: calling thread ${fmt(workspaceBytes.main / 2 ** 20, 2)} MiB, workers ${workers
      .map((x) => `${fmt(x / 2 ** 20, 2)} MiB`)
      .join(', ')}`,
  );
  await pool.close();
  return { result, workspaceBytes };
}

/**
 * Section 1: the machine's FP32 FMA peak, measured in this run, on one thread and on two worker
 * threads at once. Later sections divide by a peak they measure alongside their own runs, so
 * this one is the standalone figure for the machine description.
 */
import { loadAddon } from '../native-kernels/addon.js';
import { startBenchPool, workerWorkspaces } from './benchPool.js';
import { measureInterleaved } from './measure.js';
import type { SectionReport } from './section.js';
import { rates, summarizeRates, type RateSummary } from './stats.js';
import { fmt, printTable } from './table.js';
import type { WorkerPool } from './workerPool.js';

/** About 15-20 ms per call on a ~100 GFLOP/s core: long enough to dwarf dispatch and timer cost. */
export const PEAK_ITERATIONS = 10_000_000;

export interface PeakResult {
  iterations: number;
  flopsPerCall: number;
  cpuLevel: string;
  /** GFLOP/s. */
  oneThread: RateSummary;
  /** GFLOP/s of both workers together (total flops over the wall time of the pair). */
  twoThreads: RateSummary;
}

/** One fmaPeak call on the calling thread; returns its flops. */
export function peakOnCaller(iterations = PEAK_ITERATIONS): number {
  return loadAddon().fmaPeak(iterations);
}

/** One fmaPeak call on every worker at once; returns the total flops. */
export function peakOnPool(pool: WorkerPool, iterations = PEAK_ITERATIONS): number {
  const done = pool.run(Array.from({ length: pool.size }, () => ({ task: 'fmaPeak', args: [iterations] })));
  return done.reduce((a, b) => a + b, 0);
}

/**
 * A warning when the workers did not get a core each: other processes on a shared machine take
 * cores away, and then every multi-thread figure measured alongside is low for that reason.
 */
export function busyMachineNote(one: RateSummary, many: RateSummary, threads: number): string | undefined {
  const scaling = many.median / one.median;
  if (scaling >= 0.8 * threads) return undefined;
  return `note: ${threads} threads reached only ${fmt(scaling, 2)}x the 1-thread FMA peak in these rounds: the machine is busy (other processes), so multi-thread figures here are low for that reason.`;
}

export async function runPeak(): Promise<SectionReport<PeakResult>> {
  const addon = loadAddon();
  const pool = await startBenchPool();
  const flopsPerCall = (addon.fmaPeak(1000) / 1000) * PEAK_ITERATIONS;
  const [one, two] = measureInterleaved([() => peakOnCaller(), () => peakOnPool(pool)], {
    warmup: 2,
    rounds: 31,
  });
  const result: PeakResult = {
    iterations: PEAK_ITERATIONS,
    flopsPerCall,
    cpuLevel: addon.cpuLevel(),
    oneThread: summarizeRates(rates(one, flopsPerCall / 1e9)),
    twoThreads: summarizeRates(rates(two, (pool.size * flopsPerCall) / 1e9)),
  };
  printTable(
    `FP32 FMA peak (fmaPeak, ${fmt(flopsPerCall / 1e9, 2)} GFLOP per thread per call, ${result.oneThread.runs} interleaved runs)`,
    ['threads', 'median GFLOP/s', 'best GFLOP/s', 'scaling vs 1 thread'],
    [
      ['1 (calling thread)', result.oneThread.median, result.oneThread.best, '1.00x'],
      [
        `${pool.size} (workers)`,
        result.twoThreads.median,
        result.twoThreads.best,
        `${fmt(result.twoThreads.median / result.oneThread.median, 2)}x`,
      ],
    ],
  );
  const note = busyMachineNote(result.oneThread, result.twoThreads, pool.size);
  if (note !== undefined) console.log(note);
  const workers = workerWorkspaces(pool);
  await pool.close();
  return { result, workspaceBytes: { main: addon.workspaceBytes(), workers } };
}

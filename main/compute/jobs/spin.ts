/**
 * 'spin': a long native conv2d (the slow direct algorithm on purpose, one band per thread, so each
 * kernel call lasts a good fraction of a second) repeated `passes` times. For cancellation tests:
 * a cancel must stop it inside a kernel call, not at the end of one.
 */
import { planConv2d } from '../../../native-kernels/conv2d.js';
import type { JobHandler } from '../jobRegistry.js';
import type { JobIO } from '../jobTypes.js';
import { sharedFloat32, splitRange } from '../toShared.js';
import { conv2dBandTask } from './conv2dBands.js';

/** Input of 'spin'. */
export interface SpinPayload {
  /** How many times to run the whole convolution (default 1). */
  passes?: number;
  /** Batch size of the [batch, 64, 56, 56] input (default 16: 3.7 GFLOP per pass, a few hundred ms). */
  batch?: number;
}

/** Output of 'spin'. */
export interface SpinResult {
  passes: number;
  /** Wall time of each pass (each thread runs one kernel call per pass). */
  passMs: number[];
}

declare module '../jobTypes.js' {
  interface ComputeJobs {
    spin: JobIO<SpinPayload, SpinResult>;
  }
}

const CHANNELS = 64;
const SIZE = 56;

/** Compute process: runs the passes; each pass is one kernel call per thread. */
export const spin: JobHandler<SpinPayload, SpinResult> = async (payload, context) => {
  const passes = payload.passes ?? 1;
  const batch = payload.batch ?? 16;
  const plan = planConv2d([batch, CHANNELS, SIZE, SIZE], [CHANNELS, CHANNELS, 3, 3], {
    padding: 1,
    algorithm: 'direct',
  });
  const x = sharedFloat32(batch * CHANNELS * SIZE * SIZE);
  const w = sharedFloat32(CHANNELS * CHANNELS * 9);
  // Constant data: the kernel's speed does not depend on the values, and a filling loop here
  // would block this thread (and a cancel message) for a noticeable time on large batches.
  x.fill(0.5);
  w.fill(1 / 64);
  const y = sharedFloat32(x.length);
  const rows = batch * SIZE;
  const ranges = splitRange(rows, context.pool.threads);
  context.reportProgress(0, rows * passes);
  const passMs: number[] = [];
  for (let pass = 0; pass < passes; ++pass) {
    const start = performance.now();
    await context.pool.runAll(
      conv2dBandTask,
      ranges.map(([rowBegin, rowEnd]) => ({
        x,
        w,
        bias: null,
        y,
        geometry: plan.geometry,
        rowBegin,
        rowEnd,
        activation: 0 as const,
      })),
    );
    context.throwIfCancelled();
    passMs.push(performance.now() - start);
  }
  return { passes, passMs };
};

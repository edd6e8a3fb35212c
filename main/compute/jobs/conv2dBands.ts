/**
 * 'conv2dBands': one conv2d forward split over the pool in bands of output rows. Every band reads
 * the whole shared input (its halo rows included) and writes its own rows of the shared output, so
 * no tile is copied. A built-in diagnostic and the template for real jobs.
 */
import { loadAddon } from '../../../native-kernels/addon.js';
import { planConv2d } from '../../../native-kernels/conv2d.js';
import type { Conv2dOptions, Tensor } from '../../../native-kernels/types.js';
import { expectFinite, expectFloat32, expectTensor } from '../../../native-kernels/validate.js';
import type { JobHandler } from '../jobRegistry.js';
import type { JobIO } from '../jobTypes.js';
import { defineTask, type TaskContext } from '../task.js';
import { sharedFloat32, splitRange, toShared } from '../toShared.js';

/** Input of 'conv2dBands'. */
export interface Conv2dBandsPayload {
  x: Tensor;
  w: Tensor;
  bias: Float32Array | null;
  options?: Conv2dOptions;
  /** Apply ReLU to the output. */
  relu?: boolean;
  /** How many bands (default 4 per thread: finer progress, better balance). */
  bands?: number;
}

/** Output of 'conv2dBands'. */
export interface Conv2dBandsResult {
  y: Tensor;
  bands: number;
}

declare module '../jobTypes.js' {
  interface ComputeJobs {
    conv2dBands: JobIO<Conv2dBandsPayload, Conv2dBandsResult>;
  }
}

/** One band's arguments: the shared arrays and the output rows [rowBegin, rowEnd) of (n, oh). */
export interface Conv2dBandArgs {
  x: Float32Array;
  w: Float32Array;
  bias: Float32Array | null;
  y: Float32Array;
  geometry: Int32Array;
  rowBegin: number;
  rowEnd: number;
  activation: 0 | 1;
}

/** Worker thread: computes one band; false if the job was cancelled under it. */
export function conv2dBand(args: Conv2dBandArgs, context: TaskContext): boolean {
  const { x, w, bias, y, geometry, rowBegin, rowEnd, activation } = args;
  const done = loadAddon().conv2dForward(
    x,
    w,
    bias,
    y,
    geometry,
    rowBegin,
    rowEnd,
    activation,
    context.cancel,
  );
  if (done) context.advance(rowEnd - rowBegin);
  return done;
}

/** The band task, for other jobs that run conv2d bands. */
export const conv2dBandTask = defineTask(import.meta.url, 'conv2dBand', conv2dBand);

/** Compute process: validates, shares the data once, runs the bands, returns a plain copy. */
export const conv2dBands: JobHandler<Conv2dBandsPayload, Conv2dBandsResult> = async (payload, context) => {
  const xt = expectTensor('x', payload.x, [4]);
  const wt = expectTensor('w', payload.w, [4]);
  expectFinite('w.data', wt.data);
  const plan = planConv2d(xt.shape, wt.shape, payload.options);
  const [n, f, oh, ow] = plan.outputShape;
  const bias =
    payload.bias === null ? null : toShared(expectFinite('bias', expectFloat32('bias', payload.bias, f)));
  const x = toShared(xt.data);
  const w = toShared(wt.data);
  const y = sharedFloat32(n * f * oh * ow);
  const rows = n * oh;
  const ranges = splitRange(rows, payload.bands ?? context.pool.threads * 4);
  context.reportProgress(0, rows);
  const activation = payload.relu === true ? 1 : 0;
  await context.pool.runAll(
    conv2dBandTask,
    ranges.map(([rowBegin, rowEnd]) => ({
      x,
      w,
      bias,
      y,
      geometry: plan.geometry,
      rowBegin,
      rowEnd,
      activation,
    })),
  );
  context.throwIfCancelled();
  // slice(): a result crosses a process boundary, where shared memory cannot go.
  return { y: { data: y.slice(), shape: plan.outputShape }, bands: ranges.length };
};

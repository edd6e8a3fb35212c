/**
 * 'filter': a FilterSpec applied to a stored image, split over the pool in bands of output rows.
 * Every band reads its halo rows straight from the shared source, so no tile is copied. A 'stretch'
 * mapping runs twice: a statistics pass over all bands for the value range, then the mapping pass.
 */
import { planFilter2d, runFilter2dRows, type Filter2dPlan } from '../../../native-kernels/filter2d.js';
import type { FilterSpec } from '../../service/filter/filterSpec.js';
import { filteredMetadata } from '../../service/filter/filteredMetadata.js';
import { toFilter2dOptions } from '../../service/filter/toFilter2dOptions.js';
import type { RasterImage } from '../../service/image/rasterImage.js';
import {
  getStoredImage,
  recycleBuffer,
  sharedBuffer,
  storeImage,
  type StoredImageInfo,
} from '../imageStore.js';
import type { JobHandler } from '../jobRegistry.js';
import type { JobIO } from '../jobTypes.js';
import { defineTask, type TaskContext } from '../task.js';
import { splitRange } from '../toShared.js';

/** Input of 'filter'. */
export interface FilterPayload {
  /** A stored image (see 'loadImage'). */
  id: string;
  spec: FilterSpec;
  /** Return the filtered samples (default true); false keeps them only in the store. */
  returnData?: boolean;
  /** Keep the result in the store (for export); default false. */
  store?: boolean;
  /** Bands per thread (default 4: balance and progress). */
  bandsPerThread?: number;
}

/** Output of 'filter': the value range before mapping, and the image where asked. */
export interface FilterJobResult {
  min: number;
  max: number;
  channels: RasterImage['channels'];
  stored?: StoredImageInfo;
  data?: Uint8Array | Uint16Array;
}

declare module '../jobTypes.js' {
  interface ComputeJobs {
    filter: JobIO<FilterPayload, FilterJobResult>;
  }
}

/** One band: rows [rowBegin, rowEnd) of the shared source into the shared destination. */
export interface FilterBandArgs {
  plan: Filter2dPlan;
  src: Uint8Array | Uint16Array;
  dst: Uint8Array | Uint16Array | null;
  rowBegin: number;
  rowEnd: number;
  stretch: [number, number] | null;
}

/** Worker thread: filters one band and returns its value range. */
export function filterBand(args: FilterBandArgs, context: TaskContext): { min: number; max: number } {
  const r = runFilter2dRows(
    args.plan,
    args.src,
    args.dst,
    args.rowBegin,
    args.rowEnd,
    args.stretch,
    context.cancel,
  );
  if (r.completed) context.advance(args.rowEnd - args.rowBegin);
  return { min: r.min, max: r.max };
}

const filterBandTask = defineTask(import.meta.url, 'filterBand', filterBand);

/** Compute process: plans once, runs the bands (twice for stretch), stores or returns the result. */
export const filter: JobHandler<FilterPayload, FilterJobResult> = async (payload, context) => {
  const image = getStoredImage(payload.id);
  const plan = planFilter2d(image, toFilter2dOptions(payload.spec));
  const buffer = sharedBuffer(plan.dstLength * (image.depth === 8 ? 1 : 2));
  const dst = image.depth === 8 ? new Uint8Array(buffer) : new Uint16Array(buffer);
  const ranges = splitRange(image.height, context.pool.threads * (payload.bandsPerThread ?? 4));
  const passes = plan.mapping === 'stretch' ? 2 : 1;
  context.reportProgress(0, image.height * passes);
  const run = async (out: typeof dst | null, stretch: [number, number] | null) => {
    const parts = await context.pool.runAll(
      filterBandTask,
      ranges.map(([rowBegin, rowEnd]) => ({ plan, src: image.data, dst: out, rowBegin, rowEnd, stretch })),
    );
    context.throwIfCancelled();
    return {
      min: Math.min(...parts.map((p) => p.min)),
      max: Math.max(...parts.map((p) => p.max)),
    };
  };
  let range: { min: number; max: number } | null = null;
  let min: number;
  let max: number;
  try {
    range = passes === 2 ? await run(null, null) : null;
    ({ min, max } = await run(dst, range === null ? null : [range.min, range.max]));
  } catch (error) {
    recycleBuffer(buffer);
    throw error;
  }
  const channels = plan.dstChannels as RasterImage['channels'];
  const result: FilterJobResult = { min, max, channels };
  if (payload.store === true) {
    result.stored = storeImage({
      width: image.width,
      height: image.height,
      channels,
      depth: image.depth,
      data: dst,
      hasAlpha: image.hasAlpha,
      metadata: filteredMetadata(image.metadata, payload.spec),
    });
  }
  // slice(): shared memory cannot cross the process boundary.
  if (payload.returnData !== false) result.data = dst.slice();
  if (payload.store !== true) recycleBuffer(buffer);
  return result;
};

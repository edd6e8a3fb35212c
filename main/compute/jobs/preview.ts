/**
 * 'preview': what the screen shows of a stored image, a region at a scale, optionally filtered.
 * Display pixels are the image's own pixels under each output pixel (nearest sampling). Filtered
 * previews run the native plan on the whole stored image but only over the rows that are shown,
 * so each displayed pixel is bit for bit the pixel the 'filter' job and an export produce (borders
 * and halos need no special case). The values before mapping (histogram, hover readouts) are
 * computed in float64 at the shown pixels only (see sampledFilterValues.ts for the cost), on the
 * pool. A 'stretch' mapping stretches the shown values' range, not the whole image's.
 */
import { planFilter2d, runFilter2dRows, type Filter2dPlan } from '../../../native-kernels/filter2d.js';
import type { FilterSpec } from '../../service/filter/filterSpec.js';
import { toFilter2dOptions } from '../../service/filter/toFilter2dOptions.js';
import { getStoredImage, recycleBuffer, sharedBuffer } from '../imageStore.js';
import type { JobHandler } from '../jobRegistry.js';
import type { JobIO } from '../jobTypes.js';
import { histogram256 } from '../preview/histogram256.js';
import { MAX_PREVIEW_PIXELS } from '../preview/previewLimits.js';
import { sampleCoordinates } from '../preview/sampleCoordinates.js';
import { outputBands, sampledFilterValues, type ValueSource } from '../preview/sampledFilterValues.js';
import { toDisplayRgba } from '../preview/toDisplayRgba.js';
import { defineTask, type TaskContext } from '../task.js';
import { splitRange } from '../toShared.js';

/** Input of 'preview'. */
export interface PreviewPayload {
  id: string;
  /** Image pixels to show; must lie inside the image. */
  region: { x: number; y: number; width: number; height: number };
  /** Output size in pixels (the caller turns its scale into this). */
  outWidth: number;
  outHeight: number;
  /** Filter to apply; omitted for the image's own pixels. */
  spec?: FilterSpec;
}

/** Output of 'preview'; the statistics are present when a spec was given. */
export interface PreviewJobResult {
  width: number;
  height: number;
  rgba: Uint8Array;
  min?: number;
  max?: number;
  histogram?: number[];
  values?: Float32Array;
}

declare module '../jobTypes.js' {
  interface ComputeJobs {
    preview: JobIO<PreviewPayload, PreviewJobResult>;
  }
}

/** One slice of the float64 values: output rows [rowBegin, rowEnd). */
export interface PreviewValuesArgs {
  image: ValueSource;
  spec: FilterSpec;
  xs: Int32Array;
  ys: Int32Array;
  rowBegin: number;
  rowEnd: number;
  out: Float32Array;
}

/** Worker thread: the values before mapping of some output rows. */
export function previewValues(args: PreviewValuesArgs, context: TaskContext): { min: number; max: number } {
  const { image, spec, xs, ys, rowBegin, rowEnd, out } = args;
  const r = sampledFilterValues(image, spec, xs, ys, rowBegin, rowEnd, out, () => context.cancelled());
  if (r.completed) context.advance(rowEnd - rowBegin);
  return { min: r.min, max: r.max };
}

/** One slice of the mapped pixels: some image rows of the native plan. */
export interface PreviewRowsArgs {
  plan: Filter2dPlan;
  src: Uint8Array | Uint16Array;
  dst: Uint8Array | Uint16Array;
  rows: Int32Array;
  stretch: [number, number] | null;
}

/** Worker thread: runs the native plan over the given image rows, one at a time. */
export function previewRows(args: PreviewRowsArgs, context: TaskContext): void {
  for (const row of args.rows) {
    const r = runFilter2dRows(args.plan, args.src, args.dst, row, row + 1, args.stretch, context.cancel);
    if (!r.completed) return;
  }
  context.advance(args.rows.length);
}

const previewValuesTask = defineTask(import.meta.url, 'previewValues', previewValues);
const previewRowsTask = defineTask(import.meta.url, 'previewRows', previewRows);

function checkPayload(payload: PreviewPayload, width: number, height: number): void {
  const { region, outWidth, outHeight } = payload;
  const inside =
    [region.x, region.y, region.width, region.height].every(Number.isInteger) &&
    region.x >= 0 &&
    region.y >= 0 &&
    region.width >= 1 &&
    region.height >= 1 &&
    region.x + region.width <= width &&
    region.y + region.height <= height;
  if (!inside)
    throw new RangeError(
      `Expected a region inside the ${width}x${height} image but received ${JSON.stringify(region)}`,
    );
  if (
    !Number.isInteger(outWidth) ||
    !Number.isInteger(outHeight) ||
    outWidth < 1 ||
    outHeight < 1 ||
    outWidth * outHeight > MAX_PREVIEW_PIXELS
  )
    throw new RangeError(
      `Expected an output size of at most ${MAX_PREVIEW_PIXELS} pixels but received ${outWidth}x${outHeight}`,
    );
}

/** Compute process: samples (and filters) the region, statistics first when filtering. */
export const preview: JobHandler<PreviewPayload, PreviewJobResult> = async (payload, context) => {
  const image = getStoredImage(payload.id);
  checkPayload(payload, image.width, image.height);
  const { region, outWidth, outHeight, spec } = payload;
  const xs = sampleCoordinates(region.x, region.width, outWidth);
  const ys = sampleCoordinates(region.y, region.height, outHeight);
  if (spec === undefined) return { width: outWidth, height: outHeight, rgba: toDisplayRgba(image, xs, ys) };

  const plan = planFilter2d(image, toFilter2dOptions(spec));
  const view: ValueSource = {
    data: image.data,
    width: image.width,
    height: image.height,
    channels: image.channels,
    depth: image.depth,
    hasAlpha: image.hasAlpha,
  };
  const rows = Int32Array.from(new Set(ys));
  const slices = context.pool.threads * 2;
  context.reportProgress(0, outHeight + rows.length);

  const bands = outputBands(image, spec);
  const out = new Float32Array(new SharedArrayBuffer(outWidth * outHeight * bands * 4));
  const parts = await context.pool.runAll(
    previewValuesTask,
    splitRange(outHeight, slices).map(([rowBegin, rowEnd]) => ({
      image: view,
      spec,
      xs,
      ys,
      rowBegin,
      rowEnd,
      out,
    })),
  );
  context.throwIfCancelled();
  const min = Math.min(...parts.map((p) => p.min));
  const max = Math.max(...parts.map((p) => p.max));

  const buffer = sharedBuffer(plan.dstLength * (image.depth === 8 ? 1 : 2));
  try {
    const dst = image.depth === 8 ? new Uint8Array(buffer) : new Uint16Array(buffer);
    const stretch: [number, number] | null = plan.mapping === 'stretch' ? [min, max] : null;
    await context.pool.runAll(
      previewRowsTask,
      splitRange(rows.length, slices).map(([begin, end]) => ({
        plan,
        src: image.data,
        dst,
        rows: rows.slice(begin, end),
        stretch,
      })),
    );
    context.throwIfCancelled();
    const filtered = { ...view, data: dst, channels: plan.dstChannels as ValueSource['channels'] };
    // slice(): shared memory cannot cross the process boundary.
    const values = out.slice();
    return {
      width: outWidth,
      height: outHeight,
      rgba: toDisplayRgba(filtered, xs, ys),
      min,
      max,
      histogram: histogram256(values, min, max),
      values,
    };
  } finally {
    recycleBuffer(buffer);
  }
};

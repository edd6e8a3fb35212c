/**
 * 'preview': what the screen shows of a stored image, a region at a scale, optionally filtered.
 * Display pixels are the image's own pixels under each output pixel (nearest sampling). Filtered
 * previews run the native plan only over the shown rows and the shown columns (plus the kernel's
 * halo, read from the whole stored image), so each displayed pixel is bit for bit the pixel the
 * 'filter' job and an export produce, borders included. The same native pass copies out the
 * values before mapping at the shown pixels (histogram, hover readout, diverging view, A/B
 * difference); sampledFilterValues.ts is their float64 reference in the tests. A 'stretch'
 * mapping stretches the shown values' range, not the whole image's, so it takes a statistics pass
 * first.
 */
import { planFilter2d, runFilter2dRows, type Filter2dPlan } from '../../../native-kernels/filter2d.js';
import type { FilterSpec } from '../../service/filter/filterSpec.js';
import { toFilter2dOptions } from '../../service/filter/toFilter2dOptions.js';
import { getStoredImage, recycleBuffer, sharedBuffer } from '../imageStore.js';
import type { JobHandler } from '../jobRegistry.js';
import type { JobIO } from '../jobTypes.js';
import { MAX_PREVIEW_PIXELS } from '../preview/previewLimits.js';
import { sampleCoordinates } from '../preview/sampleCoordinates.js';
import { addToHistogram } from '../preview/histogram256.js';
import { outputBands } from '../preview/sampledFilterValues.js';
import { toDisplayRgba, toDisplayRgbaRows, type SampleSource } from '../preview/toDisplayRgba.js';
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
  /** Return the values before mapping too (default true); they are most of the answer's bytes. */
  withValues?: boolean;
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

/** One slice of a preview: some of the shown image rows, filtered over the shown columns. */
export interface PreviewRowsArgs {
  plan: Filter2dPlan;
  src: Uint8Array | Uint16Array;
  /** Null for the statistics pass of 'stretch' (values only). */
  dst: Uint8Array | Uint16Array | null;
  /** Distinct shown rows, ascending; their values start at row slot `first` of `values`. */
  rows: Int32Array;
  first: number;
  cols: [number, number];
  xs: Int32Array;
  /** Values before mapping, shown rows x xs x bands; null when only mapped pixels are wanted. */
  values: Float32Array | null;
  bands: number;
  stretch: [number, number] | null;
  /** The mapped pass also converts its output rows for the screen, in parallel, into `rgba`. */
  display: { filtered: SampleSource; ys: Int32Array; rgba: Uint8Array } | null;
}

/**
 * Worker thread: runs the native plan over each run of consecutive shown rows; returns the range
 * of the slice's values before mapping when it copied them out (so the range is found in parallel).
 */
export function previewRows(args: PreviewRowsArgs, context: TaskContext): [number, number] | null {
  const { rows, values, xs } = args;
  const stride = xs.length * args.bands;
  for (let i = 0; i < rows.length;) {
    // Consecutive rows go in one call so the kernel's halo rows are gathered once per band.
    let j = i + 1;
    while (j < rows.length && rows[j] === rows[j - 1] + 1) j++;
    const at = (args.first + i) * stride;
    const window =
      values === null
        ? { cols: args.cols }
        : { cols: args.cols, xs, values: values.subarray(at, at + (j - i) * stride) };
    const r = runFilter2dRows(
      args.plan,
      args.src,
      args.dst,
      rows[i],
      rows[j - 1] + 1,
      args.stretch,
      context.cancel,
      window,
    );
    if (!r.completed) return null;
    i = j;
  }
  if (args.display !== null && rows.length > 0) {
    // The output rows showing this slice's image rows: a contiguous run, since ys ascends.
    const { filtered, ys, rgba } = args.display;
    let jBegin = 0;
    while (jBegin < ys.length && ys[jBegin] < rows[0]) jBegin++;
    let jEnd = jBegin;
    while (jEnd < ys.length && ys[jEnd] <= rows[rows.length - 1]) jEnd++;
    toDisplayRgbaRows(filtered, xs, ys, jBegin, jEnd, rgba);
  }
  context.advance(rows.length);
  return values === null
    ? null
    : valueRange(values.subarray(args.first * stride, (args.first + rows.length) * stride));
}

/** One slice of the histogram: shown rows [first, first + times.length). */
export interface PreviewHistogramArgs {
  values: Float32Array;
  stride: number;
  first: number;
  times: Int32Array;
  min: number;
  max: number;
}

/** Worker thread: the histogram counts of some shown rows, each row as often as it is shown. */
export function previewHistogram(args: PreviewHistogramArgs): Float64Array {
  const { values, stride, first, times } = args;
  const slice = values.subarray(first * stride, (first + times.length) * stride);
  return addToHistogram(new Float64Array(256), slice, args.min, args.max, times);
}

const previewRowsTask = defineTask(import.meta.url, 'previewRows', previewRows);
const previewHistogramTask = defineTask(import.meta.url, 'previewHistogram', previewHistogram);

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

/** Min and max of the values. */
function valueRange(values: Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
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
  // ys ascends (sampleCoordinates), so its distinct rows do too; times[k]: output rows showing row k.
  const rows = Int32Array.from(new Set(ys));
  const times = new Int32Array(rows.length);
  for (let j = 0, k = 0; j < outHeight; j++) {
    while (rows[k] !== ys[j]) k++;
    times[k]++;
  }
  const cols: [number, number] = [xs[0], xs[xs.length - 1] + 1];
  const bands = outputBands(image, spec);
  const stride = outWidth * bands;
  const shownBuffer = sharedBuffer(rows.length * stride * 4);
  const shown = new Float32Array(shownBuffer);
  const slices = splitRange(rows.length, context.pool.threads * 2);
  const stretching = plan.mapping === 'stretch';
  context.reportProgress(0, rows.length * (stretching ? 2 : 1));

  const buffer = sharedBuffer(plan.dstLength * (image.depth === 8 ? 1 : 2));
  const rgbaBuffer = sharedBuffer(outWidth * outHeight * 4);
  try {
    const dst = image.depth === 8 ? new Uint8Array(buffer) : new Uint16Array(buffer);
    const filtered: SampleSource = {
      data: dst,
      width: image.width,
      channels: plan.dstChannels as SampleSource['channels'],
      depth: image.depth,
      hasAlpha: image.hasAlpha,
    };
    const rgba = new Uint8Array(rgbaBuffer);
    const pass = (mapped: boolean, values: Float32Array | null, stretch: [number, number] | null) =>
      context.pool.runAll(
        previewRowsTask,
        slices.map(([begin, end]) => ({
          plan,
          src: image.data,
          dst: mapped ? dst : null,
          rows: rows.slice(begin, end),
          first: begin,
          cols,
          xs,
          values,
          bands,
          stretch,
          display: mapped ? { filtered, ys, rgba } : null,
        })),
      );
    const ranges = await pass(!stretching, shown, null);
    context.throwIfCancelled();
    const min = Math.min(...ranges.map((r) => r?.[0] ?? Infinity));
    const max = Math.max(...ranges.map((r) => r?.[1] ?? -Infinity));
    if (stretching) {
      await pass(true, null, [min, max]);
      context.throwIfCancelled();
    }
    const parts = await context.pool.runAll(
      previewHistogramTask,
      slices.map(([begin, end]) => ({
        values: shown,
        stride,
        first: begin,
        times: times.slice(begin, end),
        min,
        max,
      })),
    );
    const counts = parts.reduce((sum, part) => sum.map((v, i) => v + part[i]), new Float64Array(256));
    const result: PreviewJobResult = {
      width: outWidth,
      height: outHeight,
      // slice(): shared memory cannot cross the process boundary.
      rgba: rgba.slice(),
      min,
      max,
      histogram: Array.from(counts),
    };
    if (payload.withValues === false) return result;
    // Every output row's values: the distinct rows' own when no row repeats (zoomed out or at
    // 100 %), else expanded.
    if (rows.length === outHeight) return { ...result, values: shown.slice() };
    const values = new Float32Array(outHeight * stride);
    for (let j = 0, k = 0; j < outHeight; j++) {
      while (rows[k] !== ys[j]) k++;
      values.set(shown.subarray(k * stride, (k + 1) * stride), j * stride);
    }
    return { ...result, values };
  } finally {
    recycleBuffer(buffer);
    recycleBuffer(shownBuffer);
    recycleBuffer(rgbaBuffer);
  }
};

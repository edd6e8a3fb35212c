/**
 * The filter's values before mapping at chosen pixels only, in float64 with the reference filter's
 * semantics (referenceFilter.ts: anchors, borders, luminance, gradient pairs, scale and offset).
 * This is the float64 reference for the values the native kernel copies out of a preview (the
 * 'preview' job); the tests compare the two, and the renderer's K x K product readout against it.
 *
 * Cost: output pixels x colour bands x kernel taps (x2 for a gradient pair) multiply-adds, about
 * 20 M for a 1000x700 view of a 3x3 filter on RGB (tens of ms), but about 2 G for a 31x31 kernel
 * (seconds). Only the displayed pixels are evaluated, so zooming out does not cost more.
 */
import type { FilterSpec, KernelMatrix } from '../../service/filter/filterSpec.js';
import { LUMA_WEIGHTS } from '../../service/filter/referenceFilter.js';
import { tapSources } from '../../service/filter/tapSources.js';
import { effectiveScale } from '../../service/filter/validateFilterSpec.js';
import type { SampleSource } from './toDisplayRgba.js';

/** An image the values are read from. */
export interface ValueSource extends SampleSource {
  height: number;
}

/** The colour bands a spec produces on an image: its colour channels, or 1 for luminance. */
export function outputBands(image: SampleSource, spec: FilterSpec): number {
  return spec.channels === 'luminance' ? 1 : image.channels - (image.hasAlpha ? 1 : 0);
}

/**
 * Writes the values of output rows [rowBegin, rowEnd) into `out` (xs.length * ys.length * bands
 * floats, bands interleaved) and returns their range; `completed` is false if `cancelled()` said
 * so between rows.
 */
export function sampledFilterValues(
  image: ValueSource,
  spec: FilterSpec,
  xs: Int32Array,
  ys: Int32Array,
  rowBegin: number,
  rowEnd: number,
  out: Float32Array,
  cancelled: () => boolean = () => false,
): { min: number; max: number; completed: boolean } {
  const { data, width, height, channels } = image;
  const bands = outputBands(image, spec);
  const colour = channels - (image.hasAlpha ? 1 : 0);
  const luminance = spec.channels === 'luminance' && colour === 3;
  const { rows: kr, cols: kc } = spec.kernel;
  const rowSrc = tapSources(ys, height, kr, spec.mode, spec.border);
  const colSrc = tapSources(xs, width, kc, spec.mode, spec.border);
  const scale = effectiveScale(spec);
  const [wr, wg, wb] = LUMA_WEIGHTS;
  const respond = (k: KernelMatrix, j: number, i: number, band: number): number => {
    let acc = 0;
    for (let a = 0; a < kr; a++) {
      const r = rowSrc[j * kr + a];
      if (r < 0) continue;
      for (let b = 0; b < kc; b++) {
        const c = colSrc[i * kc + b];
        if (c < 0) continue;
        const p = (r * width + c) * channels;
        const v = luminance ? wr * data[p] + wg * data[p + 1] + wb * data[p + 2] : data[p + band];
        acc += v * k.data[a * kc + b];
      }
    }
    return acc;
  };
  const gy2 = (j: number, i: number, band: number): number => {
    const gy = respond(spec.kernelY as KernelMatrix, j, i, band);
    return gy * gy;
  };
  let min = Infinity;
  let max = -Infinity;
  for (let j = rowBegin; j < rowEnd; j++) {
    if (cancelled()) return { min, max, completed: false };
    for (let i = 0; i < xs.length; i++) {
      for (let band = 0; band < bands; band++) {
        const gx = respond(spec.kernel, j, i, band);
        const response = spec.kernelY ? Math.sqrt(gx * gx + gy2(j, i, band)) : gx;
        const v = scale * response + spec.offset;
        out[(j * xs.length + i) * bands + band] = v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  return { min, max, completed: true };
}

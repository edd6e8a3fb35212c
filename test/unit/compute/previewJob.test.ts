// The 'preview' job's fast path: only the shown rows and columns are filtered natively, and the
// values before mapping come out of that same pass. Its pixels equal the whole-image filter's at
// the shown image pixels, and its values equal the float64 reference filter's there (to float32
// rounding), zoomed in and out, at the image's edges, in every border mode; 'stretch' stretches
// the shown values' range.
import { planFilter2d, runFilter2dRows } from '../../../native-kernels/filter2d.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComputeClient, type ComputeClient } from '../../../main/compute/computeClient.js';
import { histogram256 } from '../../../main/compute/preview/histogram256.js';
import { sampleCoordinates } from '../../../main/compute/preview/sampleCoordinates.js';
import { outputBands, sampledFilterValues } from '../../../main/compute/preview/sampledFilterValues.js';
import { toDisplayRgba } from '../../../main/compute/preview/toDisplayRgba.js';
import type { FilterSpec } from '../../../main/service/filter/filterSpec.js';
import { effectiveScale } from '../../../main/service/filter/validateFilterSpec.js';
import { toFilter2dOptions } from '../../../main/service/filter/toFilter2dOptions.js';
import { presetSpec } from '../../../main/service/filter/presets.js';
import { loadImage } from '../../../main/service/image/loadImage.js';
import type { RasterImage } from '../../../main/service/image/rasterImage.js';

const photo = new URL('../../fixtures/photos/chelsea.png', import.meta.url).pathname;
let client: ComputeClient;
let local: RasterImage;
let id: string;

beforeAll(async () => {
  client = createComputeClient();
  await client.ready();
  local = await loadImage(photo);
  id = (await client.run('loadImage', { path: photo })).id;
});

afterAll(async () => {
  await client.close();
});

const SPECS: [string, FilterSpec][] = [
  ['Sobel x, reflect', presetSpec('sobel-x')],
  ['13x13 Gaussian, circular', { ...presetSpec('gaussian', { sigma: 2 }), border: 'circular' }],
  ['Laplacian, zero border, stretch', { ...presetSpec('laplacian-4'), border: 'zero', mapping: 'stretch' }],
  [
    'Sobel magnitude, luminance, replicate',
    { ...presetSpec('sobel-magnitude'), channels: 'luminance', border: 'replicate' },
  ],
];
const VIEWS = [
  { name: 'zoomed in at the top-left corner', region: { x: 0, y: 0, width: 30, height: 20 }, out: [90, 60] },
  {
    name: 'zoomed out over the whole photo',
    region: { x: 0, y: 0, width: 451, height: 300 },
    out: [150, 100],
  },
  {
    name: 'at 100 % at the bottom-right edge',
    region: { x: 400, y: 260, width: 51, height: 40 },
    out: [51, 40],
  },
];

describe("the 'preview' job", () => {
  for (const [label, spec] of SPECS)
    for (const view of VIEWS)
      it(`${label}, ${view.name}: pixels as the whole filter, values as the reference`, async () => {
        const [outWidth, outHeight] = view.out;
        const result = await client.run('preview', { id, region: view.region, outWidth, outHeight, spec });
        const xs = sampleCoordinates(view.region.x, view.region.width, outWidth);
        const ys = sampleCoordinates(view.region.y, view.region.height, outHeight);
        const bands = outputBands(local, spec);
        const expected = new Float32Array(outWidth * outHeight * bands);
        sampledFilterValues(local, spec, xs, ys, 0, outHeight, expected);
        const values = result.values as Float32Array;
        expect(values.length).toBe(expected.length);
        // float32 accumulation: a few units of rounding of the largest possible sum, 255 x |k|_1.
        const l1 = (k?: { data: Float32Array }) => (k ? k.data.reduce((a, v) => a + Math.abs(v), 0) : 0);
        const tolerance =
          2 ** -20 * 255 * Math.abs(effectiveScale(spec)) * (l1(spec.kernel) + l1(spec.kernelY));
        let worst = 0;
        for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i] - expected[i]));
        expect(worst).toBeLessThanOrEqual(tolerance);
        expect(result.min).toBe(Math.min(...values));
        expect(result.max).toBe(Math.max(...values));
        // The histogram counts every output pixel, repeated rows included.
        expect(result.histogram).toEqual(histogram256(values, result.min as number, result.max as number));
        const lean = await client.run('preview', {
          id,
          region: view.region,
          outWidth,
          outHeight,
          spec,
          withValues: false,
        });
        expect(lean).toEqual({ ...result, values: undefined });
        // The displayed pixels are the whole-image filter's (stretched over the shown range).
        const plan = planFilter2d(local, toFilter2dOptions(spec));
        const dst = new Uint8Array(plan.dstLength);
        const stretch = spec.mapping === 'stretch' ? ([result.min, result.max] as [number, number]) : null;
        runFilter2dRows(plan, local.data, dst, 0, local.height, stretch);
        const whole = { ...local, data: dst, channels: plan.dstChannels as RasterImage['channels'] };
        expect(result.rgba).toEqual(toDisplayRgba(whole, xs, ys));
      });
});

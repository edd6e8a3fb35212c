/**
 * Edit-to-preview latency on a 12-megapixel photo: the time from asking for a new filter's preview
 * of the visible region to having its display pixels, through the shared API handlers and the
 * compute process (what Electron's IPC calls), and through the browser-mode host and bridge (HTTP
 * and the wire codec on top). Views: a 1280x720 window at 100 % and the whole photo fitted into
 * 1280x720 (scale 0.24). The studio's ordinary view asks for the pixels only; the diverging and
 * A/B views also take every shown value before mapping (three floats a pixel), measured apart.
 * Target: one frame, 33 ms at most.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createApiHandlers } from '../main/api/createApiHandlers.js';
import { createComputeClient } from '../main/compute/computeClient.js';
import { startHost } from '../main/host/startHost.js';
import { specToKernelFile } from '../main/service/filter/parseKernel.js';
import { presetSpec } from '../main/service/filter/presets.js';
import type { ConvscopeApi, PreviewRequest } from '../preload/contract.js';
import { createBrowserBridge } from '../renderer/src/api/browserBridge.js';
import type { SectionReport } from './section.js';
import { summarize, type Summary } from './stats.js';
import { fmt, printTable, verdict } from './table.js';

const WIDTH = 4000;
const HEIGHT = 3000;
const SAMPLE_DIR = fileURLToPath(new URL('../main/assets/sample/', import.meta.url));
const RUNS = 15;
const TARGET_MS = 33;

export interface PreviewLatencyRow {
  path: string;
  view: string;
  filter: string;
  values: boolean;
  ms: Summary;
}

const FILTERS = [
  ['3x3 Sobel x', presetSpec('sobel-x')],
  ['Gaussian sigma 2 (13x13)', presetSpec('gaussian', { sigma: 2 })],
] as const;

/** Alternates two kernels so every request is a real edit (nothing could be served from a cache). */
async function time(
  api: ConvscopeApi,
  base: Omit<PreviewRequest, 'filter'>,
  spec: (typeof FILTERS)[number][1],
) {
  const files = [specToKernelFile(spec), specToKernelFile({ ...spec, offset: spec.offset + 1 })];
  await api['filter:preview']({ ...base, filter: files[0] });
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await api['filter:preview']({ ...base, filter: files[(i + 1) % 2] });
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export async function runPreviewLatency(): Promise<SectionReport<PreviewLatencyRow[]>> {
  const compute = createComputeClient();
  const handlers = createApiHandlers({ compute, shell: 'browser', sampleDir: SAMPLE_DIR });
  const host = await startHost({ rendererDir: SAMPLE_DIR, handlers });
  try {
    const bytes = await sharp(`${SAMPLE_DIR}/astronaut.png`)
      .resize(WIDTH, HEIGHT)
      .png({ compressionLevel: 1 })
      .toBuffer();
    const image = await handlers['image:openBytes']({ name: 'photo-12mp.png', bytes: new Uint8Array(bytes) });
    const bridge = createBrowserBridge({
      origin: host.origin,
      token: host.token,
      fetch: (url, init) => fetch(url, init),
    });
    const views: [string, Omit<PreviewRequest, 'filter'>][] = [
      [
        '1280x720 at 100 %',
        { imageId: image.id, region: { x: 1360, y: 1140, width: 1280, height: 720 }, scale: 1 },
      ],
      [
        'whole photo fitted (scale 0.24)',
        { imageId: image.id, region: { x: 0, y: 0, width: WIDTH, height: HEIGHT }, scale: 0.24 },
      ],
    ];
    const rows: PreviewLatencyRow[] = [];
    for (const [path, api] of [
      ['API handlers + compute process', handlers as ConvscopeApi],
      ['browser-mode host + bridge', bridge],
    ] as const)
      for (const values of [false, true])
        for (const [view, base] of views)
          for (const [filter, spec] of FILTERS)
            rows.push({ path, view, filter, values, ms: await time(api, { ...base, values }, spec) });
    printTable(
      `Edit-to-preview latency, ${WIDTH}x${HEIGHT} RGB photo (12 MP), median (min) of ${RUNS} edits, ms`,
      ['path', 'view', 'filter', 'values', 'latency', `target <= ${TARGET_MS} ms`],
      rows.map((r) => [
        r.path,
        r.view,
        r.filter,
        r.values ? 'all shown' : 'no',
        `${fmt(r.ms.median)} (${fmt(r.ms.min)})`,
        verdict(TARGET_MS, r.ms.median),
      ]),
    );
    return { result: rows, workspaceBytes: { main: 0, workers: [] } };
  } finally {
    await host.close();
    await compute.close();
  }
}

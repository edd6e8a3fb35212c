// A long export followed and stopped by its task id: 'task:progress' reports the filtering bands
// as they finish, then an indeterminate encoding stage, then 'done'; 'task:cancel' stops a running
// export, which then fails as cancelled; ids are the renderer's and cannot be reused while running.
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserApi } from './browserApi.js';
import { specToKernelFile } from '../../../main/service/filter/parseKernel.js';
import { presetSpec } from '../../../main/service/filter/presets.js';
import type { TaskProgress } from '../../../preload/contract.js';

const api = browserApi();
let imageId: string;
// A dense 31x31 kernel on a 12-megapixel photo: long enough to watch its bands finish.
const heavy = specToKernelFile({
  ...presetSpec('box', { size: 31 }),
  kernel: {
    rows: 31,
    cols: 31,
    data: Float32Array.from({ length: 961 }, (_, i) => ((i * 37) % 11) - 5),
  },
});

beforeAll(async () => {
  const bytes = await sharp(path.resolve('main/assets/sample/astronaut.png'))
    .resize(4000, 3000)
    .png({ compressionLevel: 1 })
    .toBuffer();
  imageId = (await api['image:openBytes']({ name: 'big.png', bytes: new Uint8Array(bytes) })).id;
}, 60_000);

/** Polls a task until it leaves 'running', keeping every distinct answer. */
async function watch(taskId: string, onRunning?: (p: TaskProgress) => void): Promise<TaskProgress[]> {
  const seen: TaskProgress[] = [];
  for (;;) {
    const p = await api['task:progress']({ taskId });
    if (JSON.stringify(p) !== JSON.stringify(seen.at(-1))) seen.push(p);
    if (p.state === 'running') onRunning?.(p);
    else if (p.state !== 'unknown' || seen.length > 1) return seen;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('export progress and cancel', () => {
  it('reports filtering bands, then encoding, then done', async () => {
    const exporting = api['export:image']({ imageId, filter: heavy, format: 'png', taskId: 'export-a' });
    const seen = await watch('export-a');
    const result = await exporting;
    expect(result.bytes?.length).toBeGreaterThan(1000);
    const filtering = seen.filter((p) => p.stage === 'filtering');
    expect(filtering.length).toBeGreaterThan(1);
    for (const p of filtering) expect(p.done).toBeLessThanOrEqual(p.total);
    expect(filtering.map((p) => p.done)).toEqual([...filtering.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen.some((p) => p.stage === 'encoding' && p.total === 0)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ state: 'done' });
    expect(await api['task:cancel']({ taskId: 'export-a' })).toBe(false);
  }, 60_000);

  it('stops a running export on cancel', async () => {
    const exporting = api['export:image']({ imageId, filter: heavy, format: 'png', taskId: 'export-b' });
    const outcome = exporting.then(
      () => 'finished',
      (e: Error) => e.message,
    );
    let asked = false;
    const seen = await watch('export-b', (p) => {
      if (!asked && p.stage === 'filtering' && p.done > 0) {
        asked = true;
        void api['task:cancel']({ taskId: 'export-b' });
      }
    });
    expect(asked).toBe(true);
    expect(await outcome).toMatch(/cancel/i);
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled' });
    // The app keeps working: the next export of the same image succeeds.
    const again = await api['export:image']({
      imageId,
      filter: specToKernelFile(presetSpec('sobel-x')),
      format: 'png',
    });
    expect(again.bytes?.length).toBeGreaterThan(1000);
  }, 60_000);

  it('refuses a running id and answers unknown ids', async () => {
    const first = api['export:image']({ imageId, filter: heavy, format: 'png', taskId: 'export-c' });
    await expect(
      api['export:image']({ imageId, filter: heavy, format: 'png', taskId: 'export-c' }),
    ).rejects.toThrow(/export-c" is running/);
    await first;
    expect(await api['task:progress']({ taskId: 'never-started' })).toEqual({
      state: 'unknown',
      stage: '',
      done: 0,
      total: 0,
    });
  }, 60_000);
});

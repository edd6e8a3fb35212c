// The 'filter' job end to end: a photo decoded into the compute process's store, filtered over the
// pool in bands, equal bit for bit to the in-process native filter (rows are independent, so the
// split changes nothing), exported from the store, cancelled mid-way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createComputeClient,
  type ComputeClient,
  type JobProgress,
} from '../../../main/compute/computeClient.js';
import { CancelledError } from '../../../main/compute/errors.js';
import { filterImage } from '../../../main/service/filter/filterImage.js';
import { presetSpec } from '../../../main/service/filter/presets.js';
import { loadImage } from '../../../main/service/image/loadImage.js';

const photo = new URL('../../fixtures/photos/chelsea.png', import.meta.url).pathname;
let client: ComputeClient;
let dir: string;

beforeAll(async () => {
  client = createComputeClient();
  await client.ready();
  dir = mkdtempSync(path.join(tmpdir(), 'convscope-filter-job-'));
});

afterAll(async () => {
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the 'filter' job", () => {
  it('equals the in-process filter, bit for bit, for every mapping', async () => {
    const stored = await client.run('loadImage', { path: photo });
    expect([stored.width, stored.height, stored.channels]).toEqual([451, 300, 3]);
    const local = await loadImage(photo);
    const specs = [
      presetSpec('sobel-x'),
      { ...presetSpec('laplacian-4'), mapping: 'stretch' as const },
      { ...presetSpec('gaussian', { sigma: 3 }), border: 'circular' as const },
      { ...presetSpec('sobel-magnitude'), channels: 'luminance' as const },
    ];
    for (const spec of specs) {
      const progress: JobProgress[] = [];
      const remote = await client.run(
        'filter',
        { id: stored.id, spec },
        { onProgress: (p) => progress.push(p) },
      );
      const here = filterImage(local, spec);
      expect(remote.channels).toBe(here.image.channels);
      expect(remote.min).toBe(here.min);
      expect(remote.max).toBe(here.max);
      const diffs = remote.data!.filter((v, i) => v !== here.image.data[i]).length;
      expect(remote.data!.length).toBe(here.image.data.length);
      expect(diffs, `${spec.kernel.rows}x${spec.kernel.cols} ${spec.mapping}: differing samples`).toBe(0);
      if (progress.length > 0) expect(progress.at(-1)!.total).toBe(spec.mapping === 'stretch' ? 600 : 300);
    }
    await client.run('releaseImage', { id: stored.id });
  });

  it('stores a result that exports to a file decoding to the same pixels', async () => {
    const stored = await client.run('loadImage', { path: photo });
    const result = await client.run('filter', {
      id: stored.id,
      spec: presetSpec('emboss'),
      store: true,
      returnData: false,
    });
    expect(result.data).toBeUndefined();
    const target = path.join(dir, 'emboss.png');
    const written = await client.run('exportImage', {
      id: result.stored!.id,
      target,
      options: { format: 'png', sourcePath: photo },
    });
    expect(written.path).toBe(target);
    const decoded = await sharp(target).raw().toBuffer();
    const expected = filterImage(await loadImage(photo), presetSpec('emboss')).image.data;
    expect(decoded.equals(Buffer.from(expected.buffer))).toBe(true);
    // The source photo is never a target.
    await expect(
      client.run('exportImage', {
        id: result.stored!.id,
        target: photo,
        options: { format: 'png', sourcePath: photo },
      }),
    ).rejects.toThrow(/overwrite|source/i);
    const after = await client.run('releaseImage', { id: result.stored!.id });
    expect(after.released).toBe(true);
    await client.run('releaseImage', { id: stored.id });
  });

  it('rejects an unknown image id and a bad spec with clear errors, then keeps working', async () => {
    await expect(client.run('filter', { id: 'nope', spec: presetSpec('box') })).rejects.toThrow(
      /no image 'nope'/,
    );
    const stored = await client.run('loadImage', { path: photo });
    await expect(
      client.run('filter', { id: stored.id, spec: { ...presetSpec('box'), border: 'mirror' as never } }),
    ).rejects.toThrow(/border/);
    const ok = await client.run('filter', { id: stored.id, spec: presetSpec('identity'), returnData: false });
    expect(ok.channels).toBe(3);
    await client.run('releaseImage', { id: stored.id });
  });

  it('can be cancelled in the middle of a large image', async () => {
    const big = await sharp(photo).resize(6000, 4000).raw().toBuffer({ resolveWithObject: true });
    const stored = await client.run('loadImage', {
      image: {
        width: 6000,
        height: 4000,
        channels: 3,
        depth: 8,
        hasAlpha: false,
        data: new Uint8Array(big.data),
        metadata: { format: 'raw' },
      },
    });
    const dense = {
      ...presetSpec('identity'),
      kernel: { rows: 31, cols: 31, data: new Float32Array(961).fill(1 / 961) },
      normalize: false,
    };
    let started = 0;
    const job = client.start(
      'filter',
      {
        id: stored.id,
        spec: {
          ...dense,
          kernel: { ...dense.kernel, data: dense.kernel.data.map((v, i) => v + (i % 7) * 1e-4) },
        },
        returnData: false,
      },
      {
        onStart: () => (started = performance.now()),
      },
    );
    while (started === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 100));
    const cancelledAt = performance.now();
    job.cancel();
    await expect(job.result).rejects.toBeInstanceOf(CancelledError);
    const latency = performance.now() - cancelledAt;
    console.log(`filter cancel took effect after ${latency.toFixed(1)} ms`);
    expect(latency).toBeLessThan(1000);
    const after = await client.run('filter', { id: stored.id, spec: presetSpec('box'), returnData: false });
    expect(after.channels).toBe(3);
    await client.run('releaseImage', { id: stored.id });
  });
});

// The shared handlers end to end against a real compute process: the sample opens with its
// attribution, pixels and filtered previews match the in-process filter, exports write files
// (desktop) or return bytes (browser) that decode to the filtered pixels, bad requests fail.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CHANNELS } from '../../../preload/contract.js';
import type { ApiDialogs, ApiHandlers } from '../../../main/api/apiTypes.js';
import { createApiHandlers } from '../../../main/api/createApiHandlers.js';
import { validateRequest } from '../../../main/api/validateRequest.js';
import { createRecentStore, MAX_RECENT_FILES } from '../../../main/api/recentStore.js';
import { SAMPLE_ATTRIBUTION } from '../../../main/api/sampleImage.js';
import { createComputeClient, type ComputeClient } from '../../../main/compute/computeClient.js';
import { filterImage } from '../../../main/service/filter/filterImage.js';
import { kernelFileToSpec, specToKernelFile } from '../../../main/service/filter/parseKernel.js';
import { presetSpec } from '../../../main/service/filter/presets.js';
import { mapValue } from '../../../main/service/filter/referenceFilter.js';
import { loadImage } from '../../../main/service/image/loadImage.js';
import type { RasterImage } from '../../../main/service/image/rasterImage.js';

const sampleDir = path.resolve('main/assets/sample');
const samplePath = path.join(sampleDir, 'astronaut.png');
const sobelX = specToKernelFile(presetSpec('sobel-x'));
let compute: ComputeClient;
let dir: string;
let chosen: string | null = null;
const dialogs: ApiDialogs = {
  chooseImageToOpen: async () => chosen,
  chooseExportTarget: async () => chosen,
};
let desktop: ApiHandlers;
let browser: ApiHandlers;
let local: RasterImage;

beforeAll(async () => {
  compute = createComputeClient();
  dir = mkdtempSync(path.join(tmpdir(), 'convscope-api-'));
  desktop = createApiHandlers({
    compute,
    shell: 'electron',
    dialogs,
    recentStore: createRecentStore(path.join(dir, 'userData')),
    sampleDir,
  });
  browser = createApiHandlers({ compute, shell: 'browser', sampleDir });
  local = await loadImage(samplePath);
});

afterAll(async () => {
  await compute.close();
  rmSync(dir, { recursive: true, force: true });
});

/** RGBA8 of an RGB 8-bit image's region (no scaling). */
function rgbaOf(image: RasterImage, x0: number, y0: number, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const p = ((y0 + y) * image.width + x0 + x) * image.channels;
      out.set([image.data[p], image.data[p + 1], image.data[p + 2], 255], (y * w + x) * 4);
    }
  return out;
}

describe('createApiHandlers', () => {
  it('has a handler for every contract channel', () => {
    expect(Object.keys(desktop).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(browser).sort()).toEqual([...CHANNELS].sort());
  });

  it('reports the shell and lists the presets', async () => {
    expect(await browser['app:info'](null)).toMatchObject({ shell: 'browser' });
    const presets = await browser['filter:presets'](null);
    expect(presets.map((p) => p.id)).toContain('sobel-x');
    expect(structuredClone(presets)).toEqual(presets);
  });

  it('opens the sample with its attribution and returns its pixels', async () => {
    expect(readFileSync(path.join(sampleDir, 'ATTRIBUTION.md'), 'utf8')).toContain(SAMPLE_ATTRIBUTION);
    const info = await browser['image:openSample'](null);
    expect(info).toMatchObject({ name: 'astronaut.png', width: 512, height: 512, channels: 3, depth: 8 });
    expect(info.attribution).toBe(SAMPLE_ATTRIBUTION);
    const whole = await browser['image:pixels']({ imageId: info.id });
    expect([whole.width, whole.height, whole.rgba.length]).toEqual([512, 512, 512 * 512 * 4]);
    expect(whole.rgba).toEqual(rgbaOf(local, 0, 0, 512, 512));
    const half = await browser['image:pixels']({
      imageId: info.id,
      region: { x: 100, y: 50, width: 64, height: 32 },
      scale: 0.5,
    });
    expect([half.width, half.height, half.rgba.length]).toEqual([32, 16, 32 * 16 * 4]);
    // Nearest sampling: output (i, j) shows image pixel (100 + 2i + 1, 50 + 2j + 1).
    expect([...half.rgba.subarray(0, 4)]).toEqual([...rgbaOf(local, 101, 51, 1, 1)]);
    await browser['image:close']({ imageId: info.id });
    await expect(browser['image:pixels']({ imageId: info.id })).rejects.toThrow(/open image/);
  });

  it('previews a region exactly as the whole-image filter, halo and borders included', async () => {
    const info = await browser['image:openSample'](null);
    const spec = kernelFileToSpec(sobelX);
    const whole = filterImage(local, spec).image;
    for (const region of [
      { x: 200, y: 150, width: 40, height: 30 },
      { x: 0, y: 0, width: 20, height: 10 },
      { x: 500, y: 490, width: 12, height: 22 },
    ]) {
      const result = await browser['filter:preview']({ imageId: info.id, region, filter: sobelX });
      const values = result.values as Float32Array;
      expect([result.width, result.height]).toEqual([region.width, region.height]);
      expect(result.rgba).toEqual(rgbaOf(whole, region.x, region.y, region.width, region.height));
      expect(values.length).toBe(region.width * region.height * 3);
      expect(result.histogram.length).toBe(256);
      expect(result.histogram.reduce((a, b) => a + b, 0)).toBe(values.length);
      expect(result.min).toBeLessThanOrEqual(result.max);
      // The values before mapping, mapped, give the displayed samples.
      for (const i of [0, 7, values.length - 1]) {
        const pixel = Math.floor(i / 3) * 4 + (i % 3);
        expect(result.rgba[pixel]).toBe(mapValue(values[i], spec.mapping, 8, result.min, result.max));
      }
      // Without its values the answer is the same but for them.
      const lean = await browser['filter:preview']({
        imageId: info.id,
        region,
        filter: sobelX,
        values: false,
      });
      expect(lean).toEqual({ ...result, values: null });
    }
    await browser['image:close']({ imageId: info.id });
  });

  it('previews luminance (gray) with a stretch over the shown values', async () => {
    const info = await browser['image:openSample'](null);
    const filter = { ...sobelX, channels: 'luminance' as const, mapping: 'stretch' as const };
    const result = await browser['filter:preview']({ imageId: info.id, filter, scale: 0.25 });
    expect([result.width, result.height, result.values?.length]).toEqual([128, 128, 128 * 128]);
    const reds = result.rgba.filter((_, i) => i % 4 === 0);
    expect(Math.min(...reds)).toBe(0);
    expect(Math.max(...reds)).toBe(255);
    for (let p = 0; p < result.rgba.length; p += 4)
      expect([result.rgba[p + 1], result.rgba[p + 2], result.rgba[p + 3]]).toEqual([
        result.rgba[p],
        result.rgba[p],
        255,
      ]);
    await browser['image:close']({ imageId: info.id });
  });

  it('rejects regions outside the image and unknown images', async () => {
    const info = await browser['image:openSample'](null);
    await expect(
      browser['image:pixels']({ imageId: info.id, region: { x: 500, y: 0, width: 13, height: 1 } }),
    ).rejects.toThrow(/region inside the 512x512 image/);
    await expect(browser['image:pixels']({ imageId: info.id, scale: 64 })).rejects.toThrow(/request\.scale/);
    await expect(browser['filter:preview']({ imageId: 'nope', filter: sobelX })).rejects.toThrow(
      /request\.imageId/,
    );
    await browser['image:close']({ imageId: info.id });
  });

  it('exports to a file chosen in the save dialog (desktop), decoding to the filtered pixels', async () => {
    const info = await desktop['image:openSample'](null);
    const target = path.join(dir, 'sobel.png');
    await expect(
      desktop['export:image']({ imageId: info.id, filter: sobelX, format: 'png', targetPath: target }),
    ).rejects.toThrow(/save dialog/);
    chosen = target;
    expect(await desktop['export:chooseTarget']({ suggestedName: 'sobel.png' })).toBe(target);
    const result = await desktop['export:image']({
      imageId: info.id,
      filter: sobelX,
      format: 'png',
      targetPath: target,
      sidecar: true,
    });
    expect(result).toEqual({ fileName: 'sobel.png', path: target });
    const decoded = await sharp(target).raw().toBuffer();
    expect(new Uint8Array(decoded)).toEqual(filterImage(local, kernelFileToSpec(sobelX)).image.data);
    expect(JSON.parse(readFileSync(`${target}.json`, 'utf8'))).toMatchObject({ filter: sobelX });
    await desktop['image:close']({ imageId: info.id });
  });

  it('returns export bytes in browser mode', async () => {
    const info = await browser['image:openSample'](null);
    const result = await browser['export:image']({ imageId: info.id, filter: sobelX, format: 'png' });
    expect(result.fileName).toBe('astronaut-filtered.png');
    expect(result.path).toBeUndefined();
    const decoded = await sharp(result.bytes!).raw().toBuffer();
    expect(new Uint8Array(decoded)).toEqual(filterImage(local, kernelFileToSpec(sobelX)).image.data);
    await expect(
      browser['export:image']({
        imageId: info.id,
        filter: sobelX,
        format: 'png',
        targetPath: path.join(dir, 'x.png'),
      }),
    ).rejects.toThrow(/browser mode/);
    await browser['image:close']({ imageId: info.id });
  });

  it('opens bytes in both modes; paths, dialogs and recents only on the desktop', async () => {
    const bytes = new Uint8Array(readFileSync(samplePath));
    const info = await browser['image:openBytes']({ name: 'C:\\Users\\me\\moon.png', bytes });
    expect(info).toMatchObject({ name: 'moon.png', width: 512 });
    await browser['image:close']({ imageId: info.id });
    await expect(browser['image:openPath']({ path: samplePath })).rejects.toThrow(
      /not available in browser mode/,
    );
    await expect(browser['image:openDialog'](null)).rejects.toThrow(/not available in browser mode/);
    await expect(browser['export:chooseTarget']({ suggestedName: 'a.png' })).rejects.toThrow(/browser mode/);
    expect(await browser['recent:list'](null)).toEqual([]);

    chosen = null;
    expect(await desktop['image:openDialog'](null)).toBeNull();
    chosen = samplePath;
    const opened = await desktop['image:openDialog'](null);
    expect(opened?.name).toBe('astronaut.png');
    const recent = await desktop['recent:list'](null);
    expect(recent.map((r) => r.path)).toEqual([samplePath]);
    await desktop['image:close']({ imageId: opened!.id });
    await expect(
      desktop['image:openBytes']({ name: 'junk.png', bytes: Uint8Array.of(1, 2, 3) }),
    ).rejects.toThrow(/junk\.png/);
  });
});

describe('recent files store', () => {
  it('keeps the newest first, once each, at most the limit, and survives a damaged file', async () => {
    const storeDir = path.join(dir, 'recent');
    const store = createRecentStore(storeDir);
    expect(await store.list()).toEqual([]);
    for (let i = 0; i < MAX_RECENT_FILES + 3; i++) await store.add(`/photos/${i}.png`);
    await store.add('/photos/5.png');
    const list = await store.list();
    expect(list.length).toBe(MAX_RECENT_FILES);
    expect(list[0]).toMatchObject({ path: '/photos/5.png', name: '5.png' });
    expect(list.filter((r) => r.path === '/photos/5.png').length).toBe(1);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(storeDir, 'recent-files.json'), '{not json');
    expect(await store.list()).toEqual([]);
  });
});

describe("'filter:presetKernel'", () => {
  it('returns the preset as a kernel file, and rejects unknown presets and parameters out of range', async () => {
    const compute = createComputeClient();
    try {
      const handlers = createApiHandlers({ compute, shell: 'browser', sampleDir });
      const file = await handlers['filter:presetKernel']({ id: 'sobel-x', params: {} });
      expect(file.kernel).toEqual([
        [-1, 0, 1],
        [-2, 0, 2],
        [-1, 0, 1],
      ]);
      expect(file.mapping).toBe('abs');
      const gauss = await handlers['filter:presetKernel']({ id: 'gaussian', params: { sigma: 1 } });
      expect(gauss.kernel).toHaveLength(7);
      const sum = gauss.kernel.flat().reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-5);
      await expect(handlers['filter:presetKernel']({ id: 'nope', params: {} })).rejects.toThrow(/nope/);
      await expect(
        handlers['filter:presetKernel']({ id: 'gaussian', params: { sigma: 99 } }),
      ).rejects.toThrow(/sigma/);
      expect(() => validateRequest('filter:presetKernel', { id: 'box', params: { size: 'x' } })).toThrow(
        /params\.size/,
      );
    } finally {
      await compute.close();
    }
  });
});

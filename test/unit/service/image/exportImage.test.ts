import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportImage } from '../../../../main/service/image/exportImage.js';
import { hashFile } from '../../../../main/service/image/hashFile.js';
import { ImageError } from '../../../../main/service/image/imageError.js';
import { loadImage } from '../../../../main/service/image/loadImage.js';
import type { RasterImage } from '../../../../main/service/image/rasterImage.js';
import { PHOTOS, makeTempDir } from './helpers/tempDir.js';

let dir: string;
let cleanup: () => Promise<void>;
let source: string;
let sourceBytes: Buffer;
let image: RasterImage;

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  source = join(dir, 'photo.png');
  await copyFile(join(PHOTOS, 'camera.png'), source);
  sourceBytes = await readFile(source);
  image = await loadImage(source);
  // Something visibly different from the source, so an overwrite would show.
  image = { ...image, data: image.data.map((v) => 255 - v) };
});
afterEach(async () => cleanup());

async function expectRefused(target: string): Promise<void> {
  const err = await exportImage(image, target, { format: 'png', sourcePath: source }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, target).toBeInstanceOf(ImageError);
  expect((err as ImageError).code).toBe('WOULD_OVERWRITE_SOURCE');
  expect((await readFile(source)).equals(sourceBytes)).toBe(true);
}

describe('exportImage', () => {
  it('writes a file that loads back to the same samples, leaving no temp file', async () => {
    const target = join(dir, 'out.png');
    const result = await exportImage(image, target, { format: 'png', sourcePath: source });
    expect(result).toEqual({ path: target });
    expect(Array.from((await loadImage(target)).data)).toEqual(Array.from(image.data));
    expect((await readdir(dir)).sort()).toEqual(['out.png', 'photo.png']);
  });

  it('never overwrites the source: same path, alias, symlink, hard link, symlinked folder', async () => {
    await expectRefused(source);
    await mkdir(join(dir, 'sub'));
    await expectRefused(`${dir}/sub/..//photo.png`);
    await symlink(source, join(dir, 'link.png'));
    await expectRefused(join(dir, 'link.png'));
    await link(source, join(dir, 'hard.png'));
    await expectRefused(join(dir, 'hard.png'));
    await symlink(dir, join(dir, 'alias-dir'));
    await expectRefused(join(dir, 'alias-dir', 'photo.png'));
    // A plain copy of the source is another file and may be replaced.
    await copyFile(source, join(dir, 'copy.png'));
    await exportImage(image, join(dir, 'copy.png'), { format: 'png', sourcePath: source });
    expect((await readFile(join(dir, 'copy.png'))).equals(sourceBytes)).toBe(false);
  });

  it('writes a sidecar with the recipe, the source hash, the app version and the time', async () => {
    const target = join(dir, 'out.jpg');
    const recipe = { filter: { kernel: new Float32Array([1, 2, 1]) }, border: 'reflect' };
    const before = Date.now();
    const result = await exportImage(image, target, {
      format: 'jpeg',
      quality: 90,
      sourcePath: source,
      sidecar: recipe,
    });
    expect(result.sidecarPath).toBe(`${target}.json`);
    const sidecar = JSON.parse(await readFile(`${target}.json`, 'utf8')) as Record<string, unknown>;
    const pkg = JSON.parse(await readFile(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(sidecar.filter).toEqual({ kernel: [1, 2, 1] });
    expect(sidecar.border).toBe('reflect');
    expect(sidecar.source).toEqual({
      path: source,
      sha256: createHash('sha256').update(sourceBytes).digest('hex'),
    });
    expect(sidecar.appVersion).toBe(pkg.version);
    const created = Date.parse(String(sidecar.createdAt));
    expect(created).toBeGreaterThanOrEqual(before - 1000);
    expect(created).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a sidecar path that is the source', async () => {
    const sidecarSource = join(dir, 'odd.png.json');
    await writeFile(sidecarSource, 'not an image');
    const err = await exportImage(image, join(dir, 'odd.png'), {
      format: 'png',
      sourcePath: sidecarSource,
      sidecar: {},
    }).catch((e: unknown) => e);
    expect((err as ImageError).code).toBe('WOULD_OVERWRITE_SOURCE');
    expect(await readFile(sidecarSource, 'utf8')).toBe('not an image');
    expect((await readdir(dir)).includes('odd.png')).toBe(false);
  });
});

describe('hashFile', () => {
  it('matches the SHA-256 of the bytes', async () => {
    const path = join(dir, 'bytes.bin');
    await writeFile(path, 'abc');
    expect(await hashFile(path)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

import { resolve } from 'node:path';
import { atomicWriteFile } from './atomicWrite.js';
import type { AtomicWriteFs } from './atomicWrite.js';
import { encodeImage } from './encodeImage.js';
import type { EncodeOptions } from './encodeImage.js';
import type { RasterImage } from './rasterImage.js';
import { buildSidecar, serializeSidecar, sidecarPathFor } from './sidecar.js';
import { assertNotSource } from './sourceGuard.js';

export interface ExportOptions extends EncodeOptions {
  /** The photo the image was loaded from: never overwritten, and hashed into the sidecar. */
  sourcePath?: string;
  /** When given, `<target>.json` is written with this recipe plus source, appVersion and createdAt. */
  sidecar?: object;
  /** File operations (tests inject failures). */
  fs?: AtomicWriteFs;
}

export interface ExportResult {
  path: string;
  sidecarPath?: string;
}

/** Encodes and writes an image atomically (and its sidecar JSON), refusing to overwrite the source photo. */
export async function exportImage(
  image: RasterImage,
  targetPath: string,
  options: ExportOptions,
): Promise<ExportResult> {
  const { sourcePath, sidecar, fs, ...encodeOptions } = options;
  const path = resolve(targetPath);
  const sidecarPath = sidecar === undefined ? undefined : sidecarPathFor(path);
  if (sourcePath !== undefined) {
    await assertNotSource(sourcePath, path);
    if (sidecarPath !== undefined) await assertNotSource(sourcePath, sidecarPath);
  }
  const bytes = await encodeImage(image, encodeOptions);
  // Build the sidecar before writing anything, so a failed hash cannot leave an image without one.
  const sidecarBytes =
    sidecar === undefined
      ? undefined
      : new TextEncoder().encode(serializeSidecar(await buildSidecar(sidecar, sourcePath)));
  await atomicWriteFile(path, bytes, { fs });
  if (sidecarPath !== undefined && sidecarBytes !== undefined) {
    await atomicWriteFile(sidecarPath, sidecarBytes, { fs });
    return { path, sidecarPath };
  }
  return { path };
}

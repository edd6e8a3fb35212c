/**
 * Image jobs: decode into the compute process's store, export from it, release. Decoding and
 * encoding run in the compute process (sharp has its own threads), so only ids and metadata travel.
 */
import { exportImage, type ExportOptions, type ExportResult } from '../../service/image/exportImage.js';
import { loadImage, type LoadImageOptions } from '../../service/image/loadImage.js';
import type { RasterImage } from '../../service/image/rasterImage.js';
import {
  describeStored,
  getStoredImage,
  releaseStoredImage,
  storeImage,
  storeSize,
  type StoredImageInfo,
} from '../imageStore.js';
import type { JobHandler } from '../jobRegistry.js';
import type { JobIO } from '../jobTypes.js';

/** Input of 'loadImage': a path, file bytes (browser uploads) or decoded samples. */
export interface LoadImagePayload {
  path?: string;
  bytes?: Uint8Array;
  image?: RasterImage;
  options?: LoadImageOptions;
}

/** Input of 'exportImage'. */
export interface ExportImagePayload {
  id: string;
  target: string;
  options: Omit<ExportOptions, 'fs'>;
}

/** Input of 'getImage': the samples come back (for previews and tests). */
export interface GetImagePayload {
  id: string;
}

declare module '../jobTypes.js' {
  interface ComputeJobs {
    loadImage: JobIO<LoadImagePayload, StoredImageInfo>;
    exportImage: JobIO<ExportImagePayload, ExportResult>;
    getImage: JobIO<GetImagePayload, RasterImage>;
    releaseImage: JobIO<{ id: string }, { released: boolean; images: number; bytes: number }>;
  }
}

/** Decodes (or adopts) an image into the store. */
export const loadImageJob: JobHandler<LoadImagePayload, StoredImageInfo> = async (payload) => {
  if (payload.image !== undefined) return storeImage(payload.image);
  const input = payload.path ?? payload.bytes;
  if (input === undefined)
    throw new TypeError('Expected a path, bytes or image for loadImage but received none');
  return storeImage(await loadImage(input, payload.options));
};

/** Writes a stored image atomically (never over its source; see exportImage). */
export const exportImageJob: JobHandler<ExportImagePayload, ExportResult> = (payload) =>
  exportImage(getStoredImage(payload.id), payload.target, payload.options);

/** Returns a stored image's samples as a plain (cloneable) copy. */
export const getImageJob: JobHandler<GetImagePayload, RasterImage> = (payload) => {
  const image = getStoredImage(payload.id);
  return { ...describeStored(payload.id, image), data: image.data.slice() };
};

/** Forgets a stored image. */
export const releaseImageJob: JobHandler<
  { id: string },
  { released: boolean; images: number; bytes: number }
> = (payload) => ({ released: releaseStoredImage(payload.id), ...storeSize() });

/**
 * Images held by the compute process, in SharedArrayBuffers, so a 24-megapixel photo is decoded
 * once where the pool can read it and only ids and metadata cross the process boundary. The store
 * lives as long as the compute process; callers release what they no longer need (a crash empties
 * it, and the client learns that from the crash error).
 */
import { randomUUID } from 'node:crypto';
import type { RasterImage } from '../service/image/rasterImage.js';

/** What a client learns about a stored image. */
export interface StoredImageInfo {
  id: string;
  width: number;
  height: number;
  channels: RasterImage['channels'];
  depth: RasterImage['depth'];
  hasAlpha: boolean;
  metadata: RasterImage['metadata'];
}

const images = new Map<string, RasterImage>();

/**
 * Released buffers kept for reuse. V8 frees a SharedArrayBuffer only at a full GC and knows little
 * of its size, so a slider dragging 24-megapixel previews would otherwise pile up gigabytes (seen:
 * 4.4 GB peak in the benchmark) and pay fresh page faults on every job.
 */
const spare: SharedArrayBuffer[] = [];
/**
 * Spare bytes kept for reuse. A bound in bytes rather than buffers: a 12-megapixel preview recycles
 * three buffers (filtered image, values, screen pixels; about 51 MiB) and keeps them all, while a
 * 24-megapixel export keeps one of its 72 MiB buffers, not two (peak memory).
 */
const MAX_SPARE_BYTES = 96 * 1024 * 1024;

/** A shared buffer of exactly `bytes` bytes, reused when one was released (contents undefined). */
export function sharedBuffer(bytes: number): SharedArrayBuffer {
  const i = spare.findIndex((b) => b.byteLength === bytes);
  return i >= 0 ? spare.splice(i, 1)[0] : new SharedArrayBuffer(bytes);
}

/** Hands a buffer nobody uses any more back for reuse. */
export function recycleBuffer(buffer: ArrayBufferLike): void {
  if (!(buffer instanceof SharedArrayBuffer)) return;
  spare.push(buffer);
  let bytes = spare.reduce((sum, b) => sum + b.byteLength, 0);
  while (bytes > MAX_SPARE_BYTES) bytes -= (spare.shift() as SharedArrayBuffer).byteLength;
}

/** The image's samples moved into shared memory (a no-op if they already are). */
export function sharedImage(image: RasterImage): RasterImage {
  if (image.data.buffer instanceof SharedArrayBuffer) return image;
  const buffer = sharedBuffer(image.data.byteLength);
  const data = image.depth === 8 ? new Uint8Array(buffer) : new Uint16Array(buffer);
  data.set(image.data);
  return { ...image, data };
}

/** Keeps `image` (in shared memory) and returns its id and description. */
export function storeImage(image: RasterImage): StoredImageInfo {
  const id = randomUUID();
  const shared = sharedImage(image);
  images.set(id, shared);
  return describeStored(id, shared);
}

/** The description of a stored image. */
export function describeStored(id: string, image: RasterImage): StoredImageInfo {
  const { width, height, channels, depth, hasAlpha, metadata } = image;
  return { id, width, height, channels, depth, hasAlpha, metadata };
}

/** The stored image, or an error naming the unknown id. */
export function getStoredImage(id: string): RasterImage {
  const image = images.get(id);
  if (image === undefined)
    throw new RangeError(`no image '${id}' in the compute process (released, or lost in a restart)`);
  return image;
}

/** Forgets an image; true if it was there. */
export function releaseStoredImage(id: string): boolean {
  const image = images.get(id);
  if (image === undefined) return false;
  images.delete(id);
  recycleBuffer(image.data.buffer);
  return true;
}

/** How many images and bytes the store holds (diagnostics and tests). */
export function storeSize(): { images: number; bytes: number } {
  let bytes = 0;
  for (const image of images.values()) bytes += image.data.byteLength;
  return { images: images.size, bytes };
}

/** Image loading and safe export: the only part of the app that imports sharp. */
export type { BitDepth, ChannelCount, ImageMetadata, RasterImage } from './rasterImage.js';
export { maxSample } from './rasterImage.js';
export { ImageError } from './imageError.js';
export type { ImageErrorCode } from './imageError.js';
export { DEFAULT_MAX_PIXELS, loadImage } from './loadImage.js';
export type { LoadImageOptions } from './loadImage.js';
export { encodeImage } from './encodeImage.js';
export type { EncodeOptions, ExportFormat } from './encodeImage.js';
export { exportImage } from './exportImage.js';
export type { ExportOptions, ExportResult } from './exportImage.js';
export { atomicWriteFile, nodeAtomicWriteFs, TEMP_PREFIX } from './atomicWrite.js';
export type { AtomicWriteFs, AtomicWriteOptions } from './atomicWrite.js';
export { sweepTempFiles } from './sweepTempFiles.js';
export type { SweepOptions } from './sweepTempFiles.js';
export { assertNotSource } from './sourceGuard.js';
export { hashFile } from './hashFile.js';
export { buildSidecar, serializeSidecar, sidecarPathFor } from './sidecar.js';
export type { Sidecar } from './sidecar.js';

/**
 * 'encodeImage': a stored image encoded to file bytes, for browser-mode downloads (the desktop app
 * writes files with 'exportImage'). Encoding stays in the compute process with the pixels.
 */
import { encodeImage, type EncodeOptions } from '../../service/image/encodeImage.js';
import { getStoredImage } from '../imageStore.js';
import type { JobHandler } from '../jobRegistry.js';
import type { JobIO } from '../jobTypes.js';

/** Input of 'encodeImage'. */
export interface EncodeImagePayload {
  id: string;
  options: EncodeOptions;
}

declare module '../jobTypes.js' {
  interface ComputeJobs {
    encodeImage: JobIO<EncodeImagePayload, Uint8Array>;
  }
}

/** Encodes a stored image. */
export const encodeImageJob: JobHandler<EncodeImagePayload, Uint8Array> = async (payload) => {
  const bytes = await encodeImage(getStoredImage(payload.id), payload.options);
  // A plain Uint8Array view (no copy): the client is typed for what crosses, not for a Buffer.
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/**
 * Typed arrays on SharedArrayBuffers: the kernels accept them directly, and worker threads can
 * read and write them without copies once the buffers have been shared with the pool.
 */

export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

/** A shared Int32Array holding `values` (kernel geometry arrays that workers read too). */
export function sharedInt32Of(values: readonly number[]): Int32Array {
  const out = sharedInt32(values.length);
  out.set(values);
  return out;
}

/** The SharedArrayBuffer under a typed array (throws for ordinary ArrayBuffers). */
export function sharedBufferOf(array: Float32Array | Int32Array | Uint8Array): SharedArrayBuffer {
  const buffer = array.buffer;
  if (!(buffer instanceof SharedArrayBuffer)) throw new Error('array is not on a SharedArrayBuffer');
  if (array.byteOffset !== 0 || array.byteLength !== buffer.byteLength)
    throw new Error('array must span its whole SharedArrayBuffer');
  return buffer;
}

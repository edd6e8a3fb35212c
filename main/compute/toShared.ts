/** Copies of job data in SharedArrayBuffers, which every pool task then reads in place. */

/** `source` itself if it already lives in a SharedArrayBuffer, else one shared copy of it. */
export function toShared(source: Float32Array): Float32Array {
  if (source.buffer instanceof SharedArrayBuffer) return source;
  const shared = new Float32Array(new SharedArrayBuffer(source.byteLength));
  shared.set(source);
  return shared;
}

/** A zeroed Float32Array of `length` over a new SharedArrayBuffer. */
export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

/** Splits [0, total) into at most `parts` contiguous ranges of near-equal size. */
export function splitRange(total: number, parts: number): Array<[number, number]> {
  const count = Math.max(1, Math.min(parts, total));
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < count; ++i) {
    const begin = Math.floor((i * total) / count);
    const end = Math.floor(((i + 1) * total) / count);
    if (end > begin) ranges.push([begin, end]);
  }
  return ranges;
}

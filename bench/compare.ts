/** Exact and relative comparisons of kernel outputs (checks run once, outside the timing). */

/** Bit-for-bit equality (so -0 vs 0 or differing NaN payloads count as different). */
export function bitsEqual(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < ua.length; ++i) if (ua[i] !== ub[i]) return false;
  return true;
}

/** max |a - reference| / max |reference| (the absolute difference if the reference is all zero). */
export function relDiff(a: ArrayLike<number>, reference: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; ++i) {
    diff = Math.max(diff, Math.abs(a[i] - reference[i]));
    scale = Math.max(scale, Math.abs(reference[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

/**
 * A small seeded generator (mulberry32) so that inputs and weights are the same in every run and
 * every process: the 1-thread and 2-thread outputs can then be compared exactly.
 */

export type Random = () => number;

/** Uniform in [0, 1). */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fills `out` with values uniform in [-scale, scale). */
export function fillUniform<T extends Float32Array | Float64Array>(out: T, random: Random, scale = 1): T {
  for (let i = 0; i < out.length; ++i) out[i] = (random() * 2 - 1) * scale;
  return out;
}

/**
 * The project's one seeded generator (mulberry32) and what training draws from it. Pure (no
 * Node), so the renderer's concepts lab draws its samples from it too. Everything
 * seeded in Convscope (test data, benchmark inputs, weight initialisation, shuffling, dropout
 * seeds, the MNIST split) comes from here, so the same seed gives the same numbers in every
 * process and on every machine: the generator is pure 32-bit integer arithmetic, and V8 computes
 * Math.log/Math.cos with its own portable routines.
 */

/** A generator of uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: a tiny 32-bit generator; returns a function giving uniform numbers in [0, 1). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform 32-bit unsigned integer (the generator's outputs are multiples of 2^-32). */
export function nextUint32(random: Random): number {
  return Math.floor(random() * 4294967296) >>> 0;
}

/**
 * Standard normal samples by Box-Muller, both values of each pair used. 1 - u keeps the
 * logarithm's argument in (0, 1].
 */
export function gaussian(random: Random): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** Fisher-Yates shuffle in place (every permutation equally likely for a uniform generator). */
export function shuffleInPlace<T extends { length: number; [index: number]: number }>(
  values: T,
  random: Random,
): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
  return values;
}

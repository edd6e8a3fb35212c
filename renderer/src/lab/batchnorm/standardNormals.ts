/**
 * `count` independent N(0, 1) values from a seed (Box–Muller on mulberry32). Instruments draw
 * these once and scale them (x = mu + sigma z), so moving a slider moves the same sample rather
 * than drawing a new one.
 */
import { mulberry32 } from '../../../../native-kernels/seededRandom.js';

export function standardNormals(count: number, seed: number): Float64Array {
  const uniform = mulberry32(seed);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const theta = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(theta);
    if (i + 1 < count) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}

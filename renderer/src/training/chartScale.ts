/**
 * The training charts' arithmetic on top of the lab's linear scale and 1-2-5 steps: an axis
 * domain widened to whole steps (with a smallest step, for epochs), and SVG paths that break at
 * missing points.
 */
import { niceStep } from '../lab/charts/linearScale.js';

export { linearScale } from '../lab/charts/linearScale.js';

/**
 * A domain widened to whole steps, and the ticks within it (about `count` of them); steps are at
 * least `minStep` (1 for epochs, which have no halves).
 */
export function niceDomain(
  min: number,
  max: number,
  count = 5,
  minStep = 0,
): { domain: [number, number]; ticks: number[] } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { domain: [0, 1], ticks: [0, 0.5, 1] };
  if (min === max) {
    const pad = minStep > 0 ? minStep : min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceDomain(min - pad, max + pad, count, minStep);
  }
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const step = Math.max(minStep, niceStep(hi - lo, count));
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's decimals so 0.30000000000000004 prints as 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let i = 0; start + i * step <= end + step / 2; i++)
    ticks.push(Number((start + i * step).toFixed(decimals)));
  return { domain: [start, end], ticks };
}

/** An SVG path through the points, starting a new piece after every non-finite point. */
export function linePath(
  points: readonly { x: number; y: number }[],
  sx: (v: number) => number,
  sy: (v: number) => number,
): string {
  let path = '';
  let pen = false;
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      pen = false;
      continue;
    }
    path += `${pen ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`;
    pen = true;
  }
  return path;
}

/** A tick label: integers as they are, else up to 3 significant digits. */
export function tickLabel(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(3)));
}

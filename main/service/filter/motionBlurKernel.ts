/**
 * Motion blur: a normalised, anti-aliased line kernel. Each pixel's weight is the exact length of
 * the line segment inside that pixel's unit square (the limit of sampling the line infinitely
 * densely), so a horizontal line of length 4 is [0.5, 1, 1, 1, 0.5] / 4 and any angle is smooth.
 */
import type { KernelMatrix } from './filterSpec.js';

/** Narrows the t range of segment p0 + t d (t in [0, 1]) to the part inside [lo, hi] on one axis. */
function clipAxis(p0: number, d: number, lo: number, hi: number, range: [number, number]): void {
  if (d === 0) {
    if (p0 < lo || p0 > hi) range[1] = -1;
    return;
  }
  const ta = (lo - p0) / d;
  const tb = (hi - p0) / d;
  range[0] = Math.max(range[0], Math.min(ta, tb));
  range[1] = Math.min(range[1], Math.max(ta, tb));
}

/** cos/sin of an angle in degrees with the rounding residue at multiples of 90 degrees removed. */
function direction(angleDegrees: number): [number, number] {
  const rad = (angleDegrees * Math.PI) / 180;
  // sin(180 deg) is 1.2e-16, not 0; left in, it would tilt a horizontal line into a second row.
  const snap = (v: number): number => (Math.abs(v) < 1e-12 ? 0 : v);
  return [snap(Math.cos(rad)), snap(Math.sin(rad))];
}

/**
 * A line of `length` pixels (1..31) through the kernel centre at `angleDegrees` counter-clockwise
 * from the +x axis as seen on screen (image rows grow downwards, so 90 degrees is vertical and
 * 45 degrees runs from bottom-left to top-right). Weights sum to 1; the kernel is cropped to the
 * smallest odd-sided box around the centre that holds the line, so 0 degrees gives 1 x L' (L' odd).
 * The kernel is point-symmetric, so convolution and correlation agree.
 */
export function motionBlurKernel(length: number, angleDegrees: number): KernelMatrix {
  const [cos, sin] = direction(angleDegrees);
  // Segment from -L/2 to +L/2 along (cos, -sin) in (x = column, y = row) coordinates.
  const x0 = (-length / 2) * cos;
  const y0 = (length / 2) * sin;
  const dx = length * cos;
  const dy = -length * sin;
  const half = Math.ceil(length / 2) + 1;
  const side = 2 * half + 1;
  const grid = new Float64Array(side * side);
  const range: [number, number] = [0, 1];
  for (let r = -half; r <= half; r++) {
    for (let c = -half; c <= half; c++) {
      range[0] = 0;
      range[1] = 1;
      clipAxis(x0, dx, c - 0.5, c + 0.5, range);
      clipAxis(y0, dy, r - 0.5, r + 0.5, range);
      grid[(r + half) * side + (c + half)] = Math.max(0, range[1] - range[0]) * length;
    }
  }
  // Crop symmetrically to the pixels the line really crosses (a corner touch has length ~0).
  let maxR = 0;
  let maxC = 0;
  let total = 0;
  for (let r = -half; r <= half; r++) {
    for (let c = -half; c <= half; c++) {
      const w = grid[(r + half) * side + (c + half)];
      if (w > 1e-9 * length) {
        maxR = Math.max(maxR, Math.abs(r));
        maxC = Math.max(maxC, Math.abs(c));
        total += w;
      }
    }
  }
  const rows = 2 * maxR + 1;
  const cols = 2 * maxC + 1;
  const data = new Float32Array(rows * cols);
  for (let r = -maxR; r <= maxR; r++) {
    for (let c = -maxC; c <= maxC; c++) {
      const w = grid[(r + half) * side + (c + half)];
      data[(r + maxR) * cols + (c + maxC)] = w > 1e-9 * length ? w / total : 0;
    }
  }
  return { rows, cols, data };
}

/**
 * The drawing pad's round brush on a 28×28 float canvas (0 black .. 1 white). A stroke segment
 * paints every pixel whose centre lies within `radius` of the segment, with one pixel of soft
 * edge, and keeps the brighter of old and new values: strokes look like MNIST's anti-aliased pen
 * and repainting a spot never darkens it.
 */

/** The pad's side in pixels (the network's input). */
export const PAD_SIZE = 28;

/** Distance from point (px, py) to segment (ax, ay)-(bx, by). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / length2));
  const cx = ax + t * dx - px;
  const cy = ay + t * dy - py;
  return Math.sqrt(cx * cx + cy * cy);
}

/**
 * Paints a segment from (ax, ay) to (bx, by), in pixel units (pixel i covers i..i+1), into
 * `canvas` (size × size values in 0..1). Returns whether any value changed.
 */
export function paintSegment(
  canvas: Float32Array,
  size: number,
  a: { x: number; y: number },
  b: { x: number; y: number },
  radius: number,
): boolean {
  let changed = false;
  const reach = radius + 1;
  const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - reach));
  const x1 = Math.min(size - 1, Math.ceil(Math.max(a.x, b.x) + reach));
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - reach));
  const y1 = Math.min(size - 1, Math.ceil(Math.max(a.y, b.y) + reach));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const d = segmentDistance(x + 0.5, y + 0.5, a.x, a.y, b.x, b.y);
      // Full inside the radius, falling linearly to 0 over the next pixel.
      const v = Math.min(1, Math.max(0, radius + 1 - d));
      const i = y * size + x;
      if (v > canvas[i]) {
        canvas[i] = v;
        changed = true;
      }
    }
  }
  return changed;
}

/** The canvas as gray bytes (what the network is fed: 'drawn' input). */
export function toGrayBytes(canvas: Float32Array): Uint8Array {
  return Uint8Array.from(canvas, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
}

/** Stepping through an oh x ow output: in reading order (buttons) or by arrow keys (2-D). */

/** The cell `delta` steps from (r, c) in reading order, clamped to the first and last cell. */
export function rasterStep(
  r: number,
  c: number,
  delta: number,
  rows: number,
  cols: number,
): [number, number] {
  const total = rows * cols;
  const at = Math.min(total - 1, Math.max(0, r * cols + c + delta));
  return [Math.floor(at / cols), at % cols];
}

/** The cell an arrow key (or Home/End) moves to; null for any other key. */
export function arrowStep(
  r: number,
  c: number,
  key: string,
  rows: number,
  cols: number,
): [number, number] | null {
  const clampR = (v: number) => Math.min(rows - 1, Math.max(0, v));
  const clampC = (v: number) => Math.min(cols - 1, Math.max(0, v));
  switch (key) {
    case 'ArrowUp':
      return [clampR(r - 1), c];
    case 'ArrowDown':
      return [clampR(r + 1), c];
    case 'ArrowLeft':
      return [r, clampC(c - 1)];
    case 'ArrowRight':
      return [r, clampC(c + 1)];
    case 'Home':
      return [0, 0];
    case 'End':
      return [rows - 1, cols - 1];
    default:
      return null;
  }
}

/**
 * A kernel's frequency response: |DFT| of the kernel zero-padded to size x size. Where the kernel
 * sits in the padded grid only changes the phase, so the magnitude is that of the filter whatever
 * its anchor, and the same for convolution and correlation (a 180-degree turn conjugates it).
 */

/** The default grid side of the response. */
export const FREQUENCY_GRID = 64;

/**
 * Magnitudes, row-major size x size, shifted so DC (zero frequency) is at (floor(size/2),
 * floor(size/2)); row y is the vertical frequency (y - floor(size/2)) / size cycles per pixel, column
 * x the horizontal one. Computed as two passes of 1-D DFTs (rows then columns): rows * cols * size
 * + size * size * rows multiply-adds, well under a millisecond for 31x31 on 64x64.
 */
export function frequencyResponse(
  kernel: readonly (readonly number[])[],
  size = FREQUENCY_GRID,
): Float64Array {
  const rows = kernel.length;
  const cols = kernel[0]?.length ?? 0;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`frequency grid size must be a positive integer, not ${size}`);
  // A kernel larger than the grid would wrap around onto itself and alias.
  if (rows > size || cols > size)
    throw new RangeError(`a ${rows}x${cols} kernel does not fit a ${size}x${size} frequency grid`);
  const cos = Float64Array.from({ length: size }, (_, k) => Math.cos((2 * Math.PI * k) / size));
  const sin = Float64Array.from({ length: size }, (_, k) => Math.sin((2 * Math.PI * k) / size));
  // Pass 1: A[r][v] = sum_c k[r][c] e^{-2 pi i v c / size}.
  const aRe = new Float64Array(rows * size);
  const aIm = new Float64Array(rows * size);
  for (let r = 0; r < rows; r++) {
    for (let v = 0; v < size; v++) {
      let re = 0;
      let im = 0;
      for (let c = 0; c < cols; c++) {
        const w = kernel[r][c];
        const k = (v * c) % size;
        re += w * cos[k];
        im -= w * sin[k];
      }
      aRe[r * size + v] = re;
      aIm[r * size + v] = im;
    }
  }
  // Pass 2: H[u][v] = sum_r A[r][v] e^{-2 pi i u r / size}, written shifted.
  const out = new Float64Array(size * size);
  const half = Math.floor(size / 2);
  for (let u = 0; u < size; u++) {
    const y = (u + half) % size;
    for (let v = 0; v < size; v++) {
      let re = 0;
      let im = 0;
      for (let r = 0; r < rows; r++) {
        const k = (u * r) % size;
        const ar = aRe[r * size + v];
        const ai = aIm[r * size + v];
        // (ar + i ai)(cos - i sin)
        re += ar * cos[k] + ai * sin[k];
        im += ai * cos[k] - ar * sin[k];
      }
      out[y * size + ((v + half) % size)] = Math.hypot(re, im);
    }
  }
  return out;
}

/**
 * Rank-1 detection: whether a kernel is the outer product column ⊗ row (k[i,j] = column[i] * row[j]),
 * found from the weights themselves, not from how the kernel was declared. A separable R x C kernel
 * costs R + C multiplies per pixel instead of R * C, and the UI shows the two 1-D factors. A pure
 * module: the back end and the renderer both use it.
 */
/** A row-major kernel (the shape of the back end's KernelMatrix). */
export interface KernelMatrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** The two 1-D factors of a separable kernel: k[i,j] ≈ column[i] * row[j]. */
export interface SeparableFactors {
  column: Float32Array;
  row: Float32Array;
}

/** Relative tolerance of the rank-1 check, as a fraction of max|k|. */
export const SEPARABLE_TOLERANCE = 1e-6;

function reconstructs(kernel: KernelMatrix, f: SeparableFactors, tol: number): boolean {
  for (let i = 0; i < kernel.rows; i++) {
    for (let j = 0; j < kernel.cols; j++) {
      if (!(Math.abs(kernel.data[i * kernel.cols + j] - f.column[i] * f.row[j]) <= tol)) return false;
    }
  }
  return true;
}

function isIntegral(values: Float32Array): boolean {
  return values.every((v) => Number.isInteger(v));
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Rescales verified factors into the form people write: integer kernels get the smallest integer
 * factors ([1,2,1] and [-1,0,1] for Sobel x); otherwise a row with a non-zero sum is normalised to
 * sum 1 (a Gaussian splits into two identical normalised 1-D Gaussians). Signs are chosen so that a
 * factor with a non-zero sum has a positive sum, the column's first.
 */
function canonical(kernel: KernelMatrix, column: Float32Array, row: Float32Array): SeparableFactors {
  let c = Float64Array.from(column);
  let r = Float64Array.from(row);
  const scaleBy = (s: number): void => {
    c = c.map((v) => v / s);
    r = r.map((v) => v * s);
  };
  const roundish = (values: Float64Array): boolean => values.every((v) => Math.abs(v - Math.round(v)) < 1e-9);
  if (isIntegral(kernel.data) && roundish(c)) {
    const g = c.reduce((a, v) => gcd(a, Math.round(v)), 0);
    if (g > 0) scaleBy(g);
    if (!roundish(r)) {
      c = Float64Array.from(column);
      r = Float64Array.from(row);
    }
  } else {
    const rowSum = r.reduce((a, b) => a + b, 0);
    const rowAbs = r.reduce((a, b) => a + Math.abs(b), 0);
    if (Math.abs(rowSum) > 1e-6 * rowAbs) scaleBy(1 / rowSum);
  }
  const colSum = c.reduce((a, b) => a + b, 0);
  const colAbs = c.reduce((a, b) => a + Math.abs(b), 0);
  const rowSum = r.reduce((a, b) => a + b, 0);
  const rowAbs = r.reduce((a, b) => a + Math.abs(b), 0);
  const flip = Math.abs(colSum) > 1e-6 * colAbs ? colSum < 0 : Math.abs(rowSum) > 1e-6 * rowAbs && rowSum < 0;
  if (flip) scaleBy(-1);
  return { column: Float32Array.from(c), row: Float32Array.from(r) };
}

/**
 * The factors of a rank-1 kernel, or null when no pair reproduces every weight to within
 * SEPARABLE_TOLERANCE * max|k|. Pivot on the largest-magnitude weight k[i*, j*]: column = k[:, j*],
 * row = k[i*, :] / k[i*, j*]; this is exact for a true outer product, and checking every element
 * afterwards (in float64, with the float32 factors the caller will use) is what makes it a
 * detection. An all-zero kernel is separable (both factors zero).
 */
export function separate(kernel: KernelMatrix): SeparableFactors | null {
  const { rows, cols, data } = kernel;
  let pivot = 0;
  for (let k = 1; k < data.length; k++) if (Math.abs(data[k]) > Math.abs(data[pivot])) pivot = k;
  const maxAbs = Math.abs(data[pivot]);
  if (maxAbs === 0) return { column: new Float32Array(rows), row: new Float32Array(cols) };
  const pi = Math.floor(pivot / cols);
  const pj = pivot % cols;
  const column = Float32Array.from({ length: rows }, (_, i) => data[i * cols + pj]);
  const row = Float32Array.from({ length: cols }, (_, j) => data[pi * cols + j] / data[pivot]);
  const tol = SEPARABLE_TOLERANCE * maxAbs;
  if (!reconstructs(kernel, { column, row }, tol)) return null;
  const nice = canonical(kernel, column, row);
  // Rescaling rounds again; keep the plain pivot factors if that ever costs accuracy.
  return reconstructs(kernel, nice, tol) ? nice : { column, row };
}

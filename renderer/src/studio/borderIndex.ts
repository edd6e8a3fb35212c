/**
 * Where a kernel tap outside the image reads from, per border mode. The same rule as
 * native-kernels/padding.ts (the lint layer table does not share that module with the renderer);
 * test/unit/renderer/kernelProducts.test.ts checks the two agree.
 */
import type { KernelFile } from './kernelFile.js';

/** A filter's border mode. */
export type BorderMode = NonNullable<KernelFile['border']>;

/** The source index (0..size-1) of index q on an axis of `size` samples, or -1 for a zero tap. */
export function borderIndex(q: number, size: number, mode: BorderMode): number {
  if (q >= 0 && q < size) return q;
  switch (mode) {
    case 'zero':
      return -1;
    case 'replicate':
      return q < 0 ? 0 : size - 1;
    case 'reflect': {
      if (size === 1) return 0;
      const period = 2 * (size - 1);
      const p = ((q % period) + period) % period;
      return p < size ? p : period - p;
    }
    case 'circular':
      return ((q % size) + size) % size;
  }
}

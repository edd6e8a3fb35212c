/**
 * A circular shift of a square image on the torus: content moves dx columns right and dy rows
 * down, what leaves one side comes back on the other. out[r][c] = in[(r − dy) mod n][(c − dx) mod n].
 */
export function circularShift(pixels: readonly number[], size: number, dx: number, dy: number): number[] {
  if (pixels.length !== size * size)
    throw new RangeError(`expected ${size * size} pixels for a ${size}×${size} image, got ${pixels.length}`);
  const wrap = (v: number) => ((v % size) + size) % size;
  return Array.from({ length: size * size }, (_, i) => {
    const r = Math.floor(i / size);
    const c = i % size;
    return pixels[wrap(r - dy) * size + wrap(c - dx)];
  });
}

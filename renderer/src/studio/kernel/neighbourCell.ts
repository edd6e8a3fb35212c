/** Arrow-key movement between the cells of a kernel grid. */

/** The cell an arrow key moves to from (r, c), or null at the edge or for any other key. */
export function neighbourCell(
  r: number,
  c: number,
  key: string,
  rows: number,
  cols: number,
): [number, number] | null {
  const [dr, dc] =
    key === 'ArrowUp'
      ? [-1, 0]
      : key === 'ArrowDown'
        ? [1, 0]
        : key === 'ArrowLeft'
          ? [0, -1]
          : key === 'ArrowRight'
            ? [0, 1]
            : [0, 0];
  if (dr === 0 && dc === 0) return null;
  const nr = r + dr;
  const nc = c + dc;
  return nr >= 0 && nr < rows && nc >= 0 && nc < cols ? [nr, nc] : null;
}

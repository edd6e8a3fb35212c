/**
 * Lays out rows of cells in columns, two spaces apart; a null row is a rule of dashes across every
 * column; `right` lists the right-aligned columns.
 */
export function formatTable(
  rows: readonly (readonly string[] | null)[],
  right: readonly number[] = [],
): string {
  const widths: number[] = [];
  for (const row of rows) row?.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      (row ?? widths.map((w) => '-'.repeat(w)))
        .map((cell, i) => (right.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

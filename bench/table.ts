/** Plain-text tables for stdout: right-aligned numbers, left-aligned text. */

export type Cell = string | number;

/** Formats a number with a fixed count of significant-ish decimals for readability. */
export function fmt(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

export function formatTable(title: string, headers: readonly string[], rows: readonly Cell[][]): string {
  const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? fmt(cell) : cell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  const numeric = headers.map((_, i) =>
    rows.every((row) => typeof row[i] === 'number' || /^[-+\d.,%x ]*$/.test(String(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [`\n== ${title} ==`, line(headers), rule, ...text.map(line)].join('\n');
}

export function printTable(title: string, headers: readonly string[], rows: readonly Cell[][]): void {
  console.log(formatTable(title, headers, rows));
}

/** "PASS" / "MISS" against an informational target (the bench never fails on it). */
export function verdict(value: number, target: number): string {
  return value >= target ? 'PASS' : 'MISS';
}

/**
 * Numbers as the network instruments print them: counts with thin-space thousands (705 600),
 * values to a few significant digits, tiny differences in scientific notation; a true minus sign.
 */

export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  const text =
    abs >= 1e-3 && abs < 1e6 ? String(Number(value.toPrecision(digits))) : value.toExponential(digits - 2);
  return text.replace('-', '−');
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US').replace(/,/g, '\u2009');
}

/**
 * Numbers as the instruments print them: integers as integers, others to `digits` significant
 * digits without trailing zeros, −0 as 0, and a true minus sign so columns read well.
 */
export function formatValue(v: number, digits = 6): string {
  if (Number.isNaN(v)) return '—';
  if (Object.is(v, -0) || v === 0) return '0';
  const text = Number.isInteger(v) && Math.abs(v) < 1e7 ? String(v) : String(Number(v.toPrecision(digits)));
  return text.replace(/^-/, '−');
}

/**
 * Numbers as the lab prints them: `digits` significant digits without trailing zeros, a true
 * minus sign, and scientific notation for the very small and very large (differences of 1e-8 must
 * not print as 0).
 */
export function formatNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  const text =
    a < 1e-3 || a >= 1e6
      ? v.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e')
      : String(Number(v.toPrecision(digits)));
  return text.replace(/-/g, '−');
}

/** A vector as [a, b, c]. */
export function formatVector(v: readonly number[], digits = 3): string {
  return `[${v.map((e) => formatNumber(e, digits)).join(', ')}]`;
}

/**
 * The value range of a stem panel: it always holds 0 (stems grow from it) and every value, with
 * a little room above and below so markers are not cut; an all-zero panel spans −1..1.
 */
export function stemPanelDomain(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  if (hi - lo < 1e-300) return [-1, 1];
  const room = (hi - lo) * 0.12;
  return [lo < 0 ? lo - room : 0, hi > 0 ? hi + room : 0];
}

/** Integer ticks for n over [lo, hi], every 1, 2, 5 or 10 so labels do not collide. */
export function integerTicks(lo: number, hi: number): number[] {
  const span = hi - lo;
  const step = span <= 24 ? 1 : span <= 48 ? 2 : span <= 120 ? 5 : 10;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) out.push(t);
  return out;
}

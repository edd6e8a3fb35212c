/**
 * The shortest decimal that reads back as the same float32: kernel results are float32, and
 * printing their float64 expansion (0.10000000149011612) would show digits that mean nothing.
 */
export function formatFloat32(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Object.is(value, -0)) return '0';
  const target = Math.fround(value);
  for (let digits = 1; digits < 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === target) return String(Number(text));
  }
  return String(Number(value.toPrecision(9)));
}

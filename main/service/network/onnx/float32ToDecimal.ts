/**
 * The shortest decimal that rounds to the same float32 as f, as a number: 1e-5 for the float32
 * 9.99999974e-6. ONNX stores float attributes (epsilon, alpha, a pad value) as float32; reading
 * them back this way gives what the person or tool wrote, so a graph built with epsilon 1e-5
 * survives export and import unchanged, and rounds to the same float32 again on the next export.
 */
export function float32ToDecimal(f: number): number {
  if (!Number.isFinite(f) || f === 0) return f; // keeps NaN, ±Infinity and -0 as they are
  const single = Math.fround(f);
  for (let digits = 1; digits < 9; digits++) {
    const v = Number(single.toPrecision(digits));
    if (Math.fround(v) === single) return v;
  }
  return single; // 9 digits always round-trip float32; the float32 itself is the exact answer
}

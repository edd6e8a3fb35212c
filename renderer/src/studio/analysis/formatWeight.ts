/** Kernel weights as people read them. */

/** The shortest decimal that reads back as the same float32 (1/9 is written 0.11111111); -0 as 0. */
export function formatWeight(v: number): string {
  if (Object.is(v, -0)) return '0';
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const n = Number(f.toPrecision(p));
    if (Math.fround(n) === f) return String(n);
  }
  return String(f);
}

/**
 * The lab figures' one scale: a linear map from a data interval to pixels, and "nice" tick values
 * (1, 2 or 5 times a power of ten) that label it.
 */

export interface LinearScale {
  (value: number): number;
  domain: [number, number];
  range: [number, number];
  /** About `count` round values inside the domain. */
  ticks(count?: number): number[];
  /** The data value at a pixel. */
  invert(pixel: number): number;
}

/** A tick step of 1, 2 or 5 times a power of ten, giving about `count` ticks over `span`. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit < 1.5 ? 1 : unit < 3.5 ? 2 : unit < 7.5 ? 5 : 10) * power;
}

export function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((v: number) => r0 + (v - d0) * k) as LinearScale;
  scale.domain = [d0, d1];
  scale.range = [r0, r1];
  scale.invert = (p: number) => (k === 0 ? d0 : d0 + (p - r0) / k);
  scale.ticks = (count = 6) => {
    const lo = Math.min(d0, d1);
    const hi = Math.max(d0, d1);
    const step = niceStep(hi - lo, count);
    const out: number[] = [];
    // Rounded to the step's decimals so 0.1 + 0.2 prints as 0.3.
    const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
      out.push(Number(t.toFixed(decimals)));
    return out;
  };
  return scale;
}

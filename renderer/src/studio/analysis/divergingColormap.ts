/**
 * A blue-white-red colormap for signed values (ColorBrewer RdBu ends): white at 0, the blue end at
 * -maxAbs, the red end at +maxAbs, linear in between, so equal magnitudes are equally far from white.
 */

/** The colour of -maxAbs. */
export const DIVERGING_NEGATIVE: readonly [number, number, number] = [33, 102, 172];
/** The colour of 0. */
export const DIVERGING_ZERO: readonly [number, number, number] = [255, 255, 255];
/** The colour of +maxAbs. */
export const DIVERGING_POSITIVE: readonly [number, number, number] = [178, 24, 43];

/**
 * The colour of `value` on a scale symmetric around 0 reaching its ends at +-maxAbs (values beyond
 * are clamped); white when maxAbs is not positive or either argument is not finite.
 */
export function divergingColor(value: number, maxAbs: number): [number, number, number] {
  if (!(maxAbs > 0) || !Number.isFinite(maxAbs) || !Number.isFinite(value)) return [...DIVERGING_ZERO];
  const t = Math.min(1, Math.abs(value) / maxAbs);
  const end = value < 0 ? DIVERGING_NEGATIVE : DIVERGING_POSITIVE;
  return [0, 1, 2].map((i) => Math.round(DIVERGING_ZERO[i] + t * (end[i] - DIVERGING_ZERO[i]))) as [
    number,
    number,
    number,
  ];
}

/** What a number field's text means, for fields that only accept some numbers. */

/** The limits of a number field. */
export interface NumberLimits {
  min?: number;
  max?: number;
  integer?: boolean;
}

/**
 * The number `text` stands for, or null while it is not (yet) an acceptable one: empty, "-", "1e",
 * out of range, not an integer where one is needed, or beyond float32 (the back end stores
 * kernels as float32, where 1e39 is infinite).
 */
export function parseNumberText(text: string, limits: NumberLimits = {}): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const v = Number(trimmed);
  if (!Number.isFinite(v) || !Number.isFinite(Math.fround(v))) return null;
  if (limits.integer && !Number.isInteger(v)) return null;
  if (limits.min !== undefined && v < limits.min) return null;
  if (limits.max !== undefined && v > limits.max) return null;
  return v;
}

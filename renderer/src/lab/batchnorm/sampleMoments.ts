/**
 * Mean and (biased, 1/n) variance of every `stride`-th value from `offset`: the same statistics
 * batch norm computes, in double, for reading a sample or a kernel output.
 */
export interface Moments {
  count: number;
  mean: number;
  /** Σ (x - mean)² / count, the batch variance batch norm uses. */
  variance: number;
}

export function sampleMoments(values: ArrayLike<number>, stride = 1, offset = 0): Moments {
  let count = 0;
  let sum = 0;
  for (let i = offset; i < values.length; i += stride, count++) sum += values[i];
  const mean = count > 0 ? sum / count : NaN;
  let squares = 0;
  for (let i = offset; i < values.length; i += stride) squares += (values[i] - mean) ** 2;
  return { count, mean, variance: count > 0 ? squares / count : NaN };
}

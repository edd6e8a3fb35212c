/** A layer's activity in one picture: the mean |value| over its channels, per position. */
export function channelMeanAbs(data: ArrayLike<number>, channels: number, plane: number): Float32Array {
  const out = new Float32Array(plane);
  for (let c = 0; c < channels; c++) for (let i = 0; i < plane; i++) out[i] += Math.abs(data[c * plane + i]);
  if (channels > 0) for (let i = 0; i < plane; i++) out[i] /= channels;
  return out;
}

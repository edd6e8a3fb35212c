/**
 * Batch norm's training-mode backward pass for one feature in closed form, in double:
 *   dX = γ / (m √(σ² + ε)) · (m dY − Σ dY − Z Σ(dY Z)),  dγ = Σ dY Z,  dβ = Σ dY
 * with Z = (X − μ) / √(σ² + ε) and the batch's own μ and (biased) σ². The lab shows it beside the
 * kernel library's batchNormBackwardTrain.
 */
export interface BatchNormBackward {
  mean: number;
  variance: number;
  z: number[];
  dx: number[];
  dgamma: number;
  dbeta: number;
}

export function batchNormBackwardClosedForm(
  x: readonly number[],
  dy: readonly number[],
  gamma: number,
  eps: number,
): BatchNormBackward {
  const m = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / m;
  const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / m;
  const root = Math.sqrt(variance + eps);
  const z = x.map((v) => (v - mean) / root);
  const dbeta = dy.reduce((a, b) => a + b, 0);
  const dgamma = dy.reduce((a, g, i) => a + g * z[i], 0);
  const dx = dy.map((g, i) => (gamma / (m * root)) * (m * g - dbeta - z[i] * dgamma));
  return { mean, variance, z, dx, dgamma, dbeta };
}

/**
 * Batch norm for one feature as a computational graph, forward and backward, in double. Nodes:
 * X, γ, β (inputs), μ = mean(X), σ² = mean((X − μ)²), Z = (X − μ)/√(σ² + ε), Y = γ Z + β. The
 * backward pass runs node by node with the chain rule — each edge carries the gradient of the
 * loss with respect to its source through that edge alone, and a node's gradient is the sum over
 * its outgoing edges — so it is computed independently of the closed form it is compared with.
 */
export type NodeId = 'X' | 'gamma' | 'beta' | 'mu' | 'var' | 'Z' | 'Y';
export type GraphValue = number | number[];

export interface GraphEdge {
  from: NodeId;
  to: NodeId;
  /** The value the edge carries forward (its source's value). */
  forward: GraphValue;
  /** ∂L/∂source through this edge. */
  grad: GraphValue;
}

export interface BatchNormGraph {
  /** Forward values of the nodes. */
  values: Record<NodeId, GraphValue>;
  /** ∂L/∂node: the sum of its outgoing edges' gradients (dY as given for Y). */
  grads: Record<NodeId, GraphValue>;
  edges: GraphEdge[];
}

export function batchNormGraph(
  x: readonly number[],
  dy: readonly number[],
  gamma: number,
  beta: number,
  eps: number,
): BatchNormGraph {
  const m = x.length;
  const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);
  // Forward.
  const mu = sum(x) / m;
  const centred = x.map((v) => v - mu);
  const variance = sum(centred.map((d) => d * d)) / m;
  const root = Math.sqrt(variance + eps);
  const z = centred.map((d) => d / root);
  const y = z.map((v) => gamma * v + beta);
  // Backward, from Y towards X.
  const zToY = dy.map((g) => gamma * g); // ∂(γZ + β)/∂Z = γ
  const gammaToY = sum(dy.map((g, i) => g * z[i])); // ∂Y_i/∂γ = Z_i
  const betaToY = sum(dy); // ∂Y_i/∂β = 1
  const dz = zToY;
  // Z_i = (X_i − μ)(σ² + ε)^(−1/2)
  const xToZ = dz.map((g) => g / root);
  const muToZ = -sum(dz) / root;
  const varToZ = sum(dz.map((g, i) => g * centred[i])) * -0.5 * (variance + eps) ** -1.5;
  const dvar = varToZ;
  // σ² = (1/m) Σ (X_i − μ)²
  const xToVar = centred.map((d) => (dvar * 2 * d) / m);
  const muToVar = (dvar * -2 * sum(centred)) / m; // Σ(X − μ) = 0: zero up to rounding
  const dmu = muToZ + muToVar;
  // μ = (1/m) Σ X_i
  const xToMu = x.map(() => dmu / m);
  const dx = x.map((_, i) => xToMu[i] + xToVar[i] + xToZ[i]);
  const xs = [...x];
  return {
    values: { X: xs, gamma, beta, mu, var: variance, Z: z, Y: y },
    grads: { X: dx, gamma: gammaToY, beta: betaToY, mu: dmu, var: dvar, Z: dz, Y: [...dy] },
    edges: [
      { from: 'X', to: 'mu', forward: xs, grad: xToMu },
      { from: 'X', to: 'var', forward: xs, grad: xToVar },
      { from: 'X', to: 'Z', forward: xs, grad: xToZ },
      { from: 'mu', to: 'var', forward: mu, grad: muToVar },
      { from: 'mu', to: 'Z', forward: mu, grad: muToZ },
      { from: 'var', to: 'Z', forward: variance, grad: varToZ },
      { from: 'Z', to: 'Y', forward: z, grad: zToY },
      { from: 'gamma', to: 'Y', forward: gamma, grad: gammaToY },
      { from: 'beta', to: 'Y', forward: beta, grad: betaToY },
    ],
  };
}

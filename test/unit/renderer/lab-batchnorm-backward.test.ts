// Batch norm's backward pass as the lab shows it: the closed form dX = γ/(m√(σ²+ε))(m dY − ΣdY −
// Z Σ dY Z) and the graph's node-by-node chain rule both equal a central finite difference of the
// forward pass; dγ and dβ too; every node's gradient is the sum of its outgoing edges' gradients;
// and ΣdX = 0, Σ dX·Z = 0 but for an ε term (batch norm's output does not move if X shifts or scales).
import { describe, expect, it } from 'vitest';
import { batchNormBackwardClosedForm } from '../../../renderer/src/lab/batchnorm/batchNormBackwardClosedForm.js';
import { batchNormGraph } from '../../../renderer/src/lab/batchnorm/batchNormGraph.js';

const EPS = 1e-5;

/** L = Σ dY·Y for Y = γ (X − mean)/√(var + ε) + β, written out again in plain double arithmetic. */
function loss(x: number[], dy: number[], gamma: number, beta: number, eps: number) {
  const m = x.length;
  let mean = 0;
  for (const v of x) mean += v / m;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2 / m;
  return x.reduce((a, v, i) => a + dy[i] * (gamma * ((v - mean) / Math.sqrt(variance + eps)) + beta), 0);
}

function centralDifference(f: (t: number) => number, h = 1e-5) {
  return (f(h) - f(-h)) / (2 * h);
}

const CASES = [
  { x: [1, 2, 3, 6], dy: [1, 0, 0, 0], gamma: 1, beta: 0 },
  { x: [1, 2, 3, 6], dy: [0.5, -1, 2, 0.25], gamma: 2, beta: 3 },
  { x: [-0.3, 4.1, 2.2], dy: [1, -2, 0.5], gamma: -1.5, beta: 0.7 },
  { x: [0.1, 0.2], dy: [3, -1], gamma: 0.5, beta: 0 },
  { x: [5, 5.5, 4, 7, 6.25], dy: [1, 1, 1, 1, 1], gamma: 1, beta: 0 },
];

describe('batchNormBackwardClosedForm and batchNormGraph', () => {
  it.each(CASES)('equal a finite difference of the forward pass (%o)', ({ x, dy, gamma, beta }) => {
    const closed = batchNormBackwardClosedForm(x, dy, gamma, EPS);
    const graph = batchNormGraph(x, dy, gamma, beta, EPS);
    const scale = Math.max(1, ...closed.dx.map(Math.abs));
    x.forEach((_, i) => {
      const fd = centralDifference((h) =>
        loss(
          x.map((v, j) => (j === i ? v + h : v)),
          dy,
          gamma,
          beta,
          EPS,
        ),
      );
      expect(Math.abs(closed.dx[i] - fd) / scale).toBeLessThan(1e-6);
      expect(Math.abs((graph.grads.X as number[])[i] - fd) / scale).toBeLessThan(1e-6);
    });
    const dgamma = centralDifference((h) => loss(x, dy, gamma + h, beta, EPS));
    const dbeta = centralDifference((h) => loss(x, dy, gamma, beta + h, EPS));
    expect(closed.dgamma).toBeCloseTo(dgamma, 6);
    expect(closed.dbeta).toBeCloseTo(dbeta, 6);
    expect(graph.grads.gamma).toBeCloseTo(dgamma, 6);
    expect(graph.grads.beta).toBeCloseTo(dbeta, 6);
  });

  it.each(CASES)(
    'graph: forward values, and each node gradient is the sum of its outgoing edges (%o)',
    (c) => {
      const g = batchNormGraph(c.x, c.dy, c.gamma, c.beta, EPS);
      const m = c.x.length;
      const mean = c.x.reduce((a, b) => a + b, 0) / m;
      expect(g.values.mu).toBeCloseTo(mean, 12);
      expect(g.values.var).toBeCloseTo(c.x.reduce((a, b) => a + (b - mean) ** 2, 0) / m, 12);
      const sum = (a: number | number[], b: number | number[]) =>
        typeof a === 'number' ? (a as number) + (b as number) : a.map((v, i) => v + (b as number[])[i]);
      const zero = (v: number | number[]) => (typeof v === 'number' ? 0 : v.map(() => 0));
      for (const id of ['X', 'mu', 'var', 'Z', 'gamma', 'beta'] as const) {
        const out = g.edges.filter((e) => e.from === id);
        expect(out.length).toBeGreaterThan(0);
        const total = out.reduce((acc, e) => sum(acc, e.grad), zero(g.grads[id]));
        if (typeof total === 'number') expect(total).toBeCloseTo(g.grads[id] as number, 12);
        else total.forEach((v, i) => expect(v).toBeCloseTo((g.grads[id] as number[])[i], 12));
      }
      // Every edge carries its source's forward value.
      for (const e of g.edges) expect(e.forward).toEqual(g.values[e.from]);
    },
  );

  it.each(CASES)('ΣdX = 0 and Σ dX·Z = 0 up to the ε term (%o)', ({ x, dy, gamma }) => {
    const r = batchNormBackwardClosedForm(x, dy, gamma, EPS);
    const scale = Math.max(1, ...r.dx.map(Math.abs));
    expect(Math.abs(r.dx.reduce((a, b) => a + b, 0)) / scale).toBeLessThan(1e-12);
    // Not exactly 0 with ε > 0: Σ Z² = m σ²/(σ² + ε), which leaves γ ΣdYZ · ε / ((σ² + ε) √(σ² + ε)).
    const root = Math.sqrt(r.variance + EPS);
    const residual = (gamma * r.dgamma * EPS) / ((r.variance + EPS) * root);
    expect(r.dx.reduce((a, v, i) => a + v * r.z[i], 0)).toBeCloseTo(residual, 10);
  });

  it("the homework's batch [1, 2, 3, 6]: μ = 3, σ² = 3.5, and dY on one output moves all four inputs", () => {
    const r = batchNormBackwardClosedForm([1, 2, 3, 6], [1, 0, 0, 0], 1, EPS);
    expect(r.mean).toBe(3);
    expect(r.variance).toBe(3.5);
    for (const v of r.dx) expect(Math.abs(v)).toBeGreaterThan(0.05);
    // A constant dY has no effect: adding a constant to every Y is what β does, not X.
    expect(
      batchNormBackwardClosedForm([1, 2, 3, 6], [1, 1, 1, 1], 1, EPS).dx.every((v) => Math.abs(v) < 1e-15),
    ).toBe(true);
  });
});

/**
 * Planning of Gemm and MatMul as one fully connected step y = x' W^T + bias on the native linear
 * kernel: the weights are laid out as [N, K] once here (transposed when the file holds [K, N]) with
 * Gemm's alpha folded in, and beta * C becomes the bias row or a term added after.
 */
import type { LinearStep } from './graphPlan.js';
import { show, type NodeReader } from './nodeReader.js';

/** W = scale * B laid out [N, K]: B is [K, N] unless bIsNK. */
function weightNK(b: Float32Array, k: number, n: number, bIsNK: boolean, scale: number): Float32Array {
  if (bIsNK && scale === 1) return b;
  const w = new Float32Array(k * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) w[i * k + j] = scale * (bIsNK ? b[i * k + j] : b[j * n + i]);
  return w;
}

export function planGemm(r: NodeReader): LinearStep {
  r.allowAttributes('alpha', 'beta', 'transA', 'transB');
  r.expectInputs(2, 3);
  const output = r.expectOneOutput();
  const a = r.floatInput(0, 'A');
  if (a.dims.length !== 2) r.fail('a 2-D tensor', `input 0 (A) '${a.name}'`, `dims ${show(a.dims)}`);
  const b = r.weightInput(1, 'B');
  if (b.shape.length !== 2)
    r.fail('a 2-D tensor', `input 1 (B) '${r.node.inputs[1]}'`, `dims ${show(b.shape)}`);
  const alpha = r.float('alpha', 1);
  const beta = r.float('beta', 1);
  const flag = (name: string): boolean => {
    const v = r.int(name, 0);
    if (v !== 0 && v !== 1) r.fail('0 or 1', `attribute '${name}'`, String(v));
    return v === 1;
  };
  const transA = flag('transA');
  const transB = flag('transB');
  const [m, k] = transA ? [a.dims[1], a.dims[0]] : a.dims;
  const [kb, n] = transB ? [b.shape[1], b.shape[0]] : b.shape;
  if (kb !== k)
    r.fail(
      `B with ${k} rows${transB ? ' (columns, transB = 1)' : ''} to match A's ${m}×${k}`,
      `input 1 (B) '${r.node.inputs[1]}'`,
      `dims ${show(b.shape)}`,
    );
  const weight = { data: weightNK(b.data, k, n, transB, alpha), shape: [n, k] };
  let bias: Float32Array | null = null;
  let addAfter: Float32Array | null = null;
  if (r.inputName(2) !== null) {
    const c = r.weightInput(2, 'C');
    // Unidirectional broadcast of C to [M, N]: right-aligned, each dimension equal or 1.
    const cd = c.shape;
    const rows = cd.length === 2 ? cd[0] : 1;
    const cols = cd.length >= 1 ? cd[cd.length - 1] : 1;
    if (cd.length > 2 || (rows !== 1 && rows !== m) || (cols !== 1 && cols !== n))
      r.fail(`dims that broadcast to [${m}, ${n}]`, `input 2 (C) '${r.node.inputs[2]}'`, show(cd));
    // beta = 0 drops C, as the specification's Y = alpha A'B' + beta C says.
    if (beta !== 0) {
      const at = (i: number, j: number): number =>
        beta * c.data[(rows === 1 ? 0 : i) * cols + (cols === 1 ? 0 : j)];
      if (rows === 1) bias = Float32Array.from({ length: n }, (_, j) => at(0, j));
      else addAfter = Float32Array.from({ length: m * n }, (_, t) => at(Math.floor(t / n), t % n));
    }
  }
  return {
    kind: 'linear',
    node: r.node,
    output,
    outDims: [m, n],
    x: a.name,
    inDims: a.dims,
    transposeX: transA,
    m,
    k,
    n,
    weight,
    bias,
    addAfter,
  };
}

/**
 * MatMul of a computed 1-D or 2-D A by constant weights B (1-D or 2-D), numpy's rules: a 1-D A is a
 * row and a 1-D B a column, and that dimension is dropped from the result. Batched (rank > 2)
 * products are refused.
 */
export function planMatMul(r: NodeReader): LinearStep {
  r.allowAttributes();
  r.expectInputs(2, 2);
  const output = r.expectOneOutput();
  const a = r.floatInput(0, 'A');
  if (a.dims.length < 1 || a.dims.length > 2)
    r.fail(
      'a 1-D or 2-D tensor (Convscope runs no batched MatMul)',
      `input 0 (A) '${a.name}'`,
      `dims ${show(a.dims)}`,
    );
  const bInfo = r.floatInput(1, 'B');
  if (bInfo.value === null)
    r.fail(
      'constant weights (an initializer or a Constant output)',
      `input 1 (B) '${bInfo.name}'`,
      'a computed tensor',
    );
  const b = r.weightInput(1, 'B');
  if (b.shape.length < 1 || b.shape.length > 2)
    r.fail(
      'a 1-D or 2-D tensor (Convscope runs no batched MatMul)',
      `input 1 (B) '${bInfo.name}'`,
      `dims ${show(b.shape)}`,
    );
  const [m, k] = a.dims.length === 2 ? a.dims : [1, a.dims[0]];
  const [kb, n] = b.shape.length === 2 ? b.shape : [b.shape[0], 1];
  if (kb !== k)
    r.fail(`${k} rows to match A's ${k} columns`, `input 1 (B) '${bInfo.name}'`, `dims ${show(b.shape)}`);
  const outDims = [...(a.dims.length === 2 ? [m] : []), ...(b.shape.length === 2 ? [n] : [])];
  return {
    kind: 'linear',
    node: r.node,
    output,
    outDims,
    x: a.name,
    inDims: a.dims,
    transposeX: false,
    m,
    k,
    n,
    weight: { data: weightNK(b.data, k, n, false, 1), shape: [n, k] },
    bias: null,
    addAfter: null,
  };
}

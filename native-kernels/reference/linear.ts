/** Reference fully connected layer y = x W^T + b (torch.nn.functional.linear), W is [out, in]. */
import type { FloatArray, LinearGrads, Tensor } from '../types.js';
import { expectLength, expectRank, expectShape, zeros } from './tensor.js';

function dims(x: Tensor<FloatArray>, w: Tensor<FloatArray>): { n: number; i: number; o: number } {
  expectRank(x, 2, 'linear input');
  expectRank(w, 2, 'linear weight');
  if (x.shape[1] !== w.shape[1]) {
    throw new Error(`linear: input [${x.shape.join(', ')}] does not fit weight [${w.shape.join(', ')}]`);
  }
  return { n: x.shape[0], i: x.shape[1], o: w.shape[0] };
}

/** y[r, o] = bias[o] + sum_i x[r, i] * w[o, i]. */
export function linear(
  x: Tensor<FloatArray>,
  w: Tensor<FloatArray>,
  bias: FloatArray | null,
): Tensor<Float64Array> {
  const d = dims(x, w);
  if (bias !== null) expectLength(bias, d.o, 'linear bias');
  const y = zeros([d.n, d.o]);
  for (let r = 0; r < d.n; r++) {
    for (let o = 0; o < d.o; o++) {
      let sum = bias === null ? 0 : bias[o];
      for (let i = 0; i < d.i; i++) sum += x.data[r * d.i + i] * w.data[o * d.i + i];
      y.data[r * d.o + o] = sum;
    }
  }
  return y;
}

/** dx = dy W, dW = dy^T x, db = column sums of dy (null without bias). */
export function linearBackward(
  x: Tensor<FloatArray>,
  w: Tensor<FloatArray>,
  dy: Tensor<FloatArray>,
  hasBias: boolean,
): LinearGrads<Float64Array> {
  const d = dims(x, w);
  expectShape(dy, [d.n, d.o], 'linear dy');
  const dx = zeros(x.shape);
  const dw = zeros(w.shape);
  const db = hasBias ? zeros([d.o]) : null;
  for (let r = 0; r < d.n; r++) {
    for (let o = 0; o < d.o; o++) {
      const g = dy.data[r * d.o + o];
      for (let i = 0; i < d.i; i++) {
        dx.data[r * d.i + i] += g * w.data[o * d.i + i];
        dw.data[o * d.i + i] += g * x.data[r * d.i + i];
      }
      if (db !== null) db.data[o] += g;
    }
  }
  return { dx, dw, db };
}

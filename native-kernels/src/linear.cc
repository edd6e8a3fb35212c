#include "linear.h"

#include <cmath>

#include "gemm.h"

namespace cs {

bool linear_forward(const LinearGeom& g, const float* x, const float* w, const float* bias,
                    float* y, index_t row_begin, index_t row_end, Workspace& ws,
                    const Cancel& cancel) {
  const index_t rows = row_end - row_begin;
  float* y0 = y + row_begin * g.out;
  if (!sgemm(false, true, rows, g.out, g.in, x + row_begin * g.in, g.in, w, g.in, y0, g.out, false,
             ws.floats(gemm_workspace_floats()), cancel))
    return false;
  if (bias != nullptr)
    for (index_t r = 0; r < rows; ++r)
      for (index_t o = 0; o < g.out; ++o) y0[r * g.out + o] += bias[o];
  return true;
}

bool linear_backward_input(const LinearGeom& g, const float* dy, const float* w, float* dx,
                           index_t row_begin, index_t row_end, Workspace& ws,
                           const Cancel& cancel) {
  return sgemm(false, false, row_end - row_begin, g.in, g.out, dy + row_begin * g.out, g.out, w,
               g.in, dx + row_begin * g.in, g.in, false, ws.floats(gemm_workspace_floats()),
               cancel);
}

bool linear_backward_weight(const LinearGeom& g, const float* x, const float* dy, float* dw,
                            float* dbias, index_t o_begin, index_t o_end, Workspace& ws,
                            const Cancel& cancel) {
  // dW[o_begin:o_end, :] = dy[:, o_begin:o_end]^T x; dy stored N x O is the transposed A.
  if (!sgemm(true, false, o_end - o_begin, g.in, g.n, dy + o_begin, g.out, x, g.in,
             dw + o_begin * g.in, g.in, false, ws.floats(gemm_workspace_floats()), cancel))
    return false;
  if (dbias != nullptr)
    for (index_t o = o_begin; o < o_end; ++o) {
      double s = 0.0;
      for (index_t r = 0; r < g.n; ++r) s += dy[r * g.out + o];
      dbias[o] = static_cast<float>(s);
    }
  return true;
}

double softmax_xent_forward(index_t n, index_t classes, const float* logits,
                            const std::int32_t* labels, float* probs, index_t row_begin,
                            index_t row_end) {
  (void)n;
  double loss = 0.0;
  for (index_t r = row_begin; r < row_end; ++r) {
    const float* z = logits + r * classes;
    float* p = probs + r * classes;
    double zmax = z[0];
    for (index_t k = 1; k < classes; ++k) zmax = std::fmax(zmax, static_cast<double>(z[k]));
    double sum = 0.0;
    for (index_t k = 0; k < classes; ++k) sum += std::exp(z[k] - zmax);
    const double lse = zmax + std::log(sum);
    for (index_t k = 0; k < classes; ++k) p[k] = static_cast<float>(std::exp(z[k] - lse));
    loss += lse - z[labels[r]];
  }
  return loss;
}

void softmax_xent_backward(index_t classes, const float* probs, const std::int32_t* labels,
                           float scale, float* dlogits, index_t row_begin, index_t row_end) {
  for (index_t r = row_begin; r < row_end; ++r) {
    const float* p = probs + r * classes;
    float* d = dlogits + r * classes;
    for (index_t k = 0; k < classes; ++k) d[k] = p[k] * scale;
    d[labels[r]] -= scale;
  }
}

}  // namespace cs

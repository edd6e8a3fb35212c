#include "batchnorm.h"

#include <cmath>

namespace cs {
namespace {

// Element (i, c, s) of an (N, C, HW) tensor.
inline index_t at(const BatchNormGeom& g, index_t i, index_t c, index_t s) {
  return (i * g.c + c) * g.hw + s;
}

}  // namespace

// Statistics accumulate in double, as torch's CPU kernel does for float input (acc_type).
void batchnorm_forward_train(const BatchNormGeom& g, const float* x, const float* gamma,
                             const float* beta, float* y, float* save_mean, float* save_invstd,
                             float* running_mean, float* running_var, index_t c_begin,
                             index_t c_end) {
  const index_t m = g.n * g.hw;
  for (index_t c = c_begin; c < c_end; ++c) {
    double sum = 0.0;
    for (index_t i = 0; i < g.n; ++i)
      for (index_t s = 0; s < g.hw; ++s) sum += x[at(g, i, c, s)];
    const double mean = sum / static_cast<double>(m);
    double ss = 0.0;
    for (index_t i = 0; i < g.n; ++i)
      for (index_t s = 0; s < g.hw; ++s) {
        const double d = x[at(g, i, c, s)] - mean;
        ss += d * d;
      }
    const double var = ss / static_cast<double>(m);
    const double invstd = 1.0 / std::sqrt(var + g.eps);
    const double scale = gamma[c] * invstd;
    const double shift = beta[c] - mean * scale;
    for (index_t i = 0; i < g.n; ++i)
      for (index_t s = 0; s < g.hw; ++s) {
        const index_t k = at(g, i, c, s);
        y[k] = static_cast<float>(x[k] * scale + shift);
      }
    save_mean[c] = static_cast<float>(mean);
    save_invstd[c] = static_cast<float>(invstd);
    if (running_mean != nullptr) {
      const double unbiased = ss / static_cast<double>(m - 1);
      running_mean[c] =
          static_cast<float>((1.0 - g.momentum) * running_mean[c] + g.momentum * mean);
      running_var[c] =
          static_cast<float>((1.0 - g.momentum) * running_var[c] + g.momentum * unbiased);
    }
  }
}

void batchnorm_forward_eval(const BatchNormGeom& g, const float* x, const float* gamma,
                            const float* beta, const float* running_mean, const float* running_var,
                            float* y, index_t c_begin, index_t c_end) {
  for (index_t c = c_begin; c < c_end; ++c) {
    const double invstd = 1.0 / std::sqrt(static_cast<double>(running_var[c]) + g.eps);
    const double scale = gamma[c] * invstd;
    const double shift = beta[c] - running_mean[c] * scale;
    for (index_t i = 0; i < g.n; ++i)
      for (index_t s = 0; s < g.hw; ++s) {
        const index_t k = at(g, i, c, s);
        y[k] = static_cast<float>(x[k] * scale + shift);
      }
  }
}

void batchnorm_backward_train(const BatchNormGeom& g, const float* x, const float* dy,
                              const float* gamma, const float* save_mean, const float* save_invstd,
                              float* dx, float* dgamma, float* dbeta, index_t c_begin,
                              index_t c_end) {
  const double m = static_cast<double>(g.n * g.hw);
  for (index_t c = c_begin; c < c_end; ++c) {
    const double mean = save_mean[c];
    const double invstd = save_invstd[c];
    double sum_dy = 0.0, sum_dy_xhat = 0.0;
    for (index_t i = 0; i < g.n; ++i)
      for (index_t s = 0; s < g.hw; ++s) {
        const index_t k = at(g, i, c, s);
        sum_dy += dy[k];
        sum_dy_xhat += dy[k] * (x[k] - mean) * invstd;
      }
    const double mean_dy = sum_dy / m;
    const double mean_dy_xhat = sum_dy_xhat / m;
    const double scale = gamma[c] * invstd;
    for (index_t i = 0; i < g.n; ++i)
      for (index_t s = 0; s < g.hw; ++s) {
        const index_t k = at(g, i, c, s);
        const double xhat = (x[k] - mean) * invstd;
        dx[k] = static_cast<float>(scale * (dy[k] - mean_dy - xhat * mean_dy_xhat));
      }
    dgamma[c] = static_cast<float>(sum_dy_xhat);
    dbeta[c] = static_cast<float>(sum_dy);
  }
}

void batchnorm_backward_eval(const BatchNormGeom& g, const float* x, const float* dy,
                             const float* gamma, const float* running_mean,
                             const float* running_var, float* dx, float* dgamma, float* dbeta,
                             index_t c_begin, index_t c_end) {
  for (index_t c = c_begin; c < c_end; ++c) {
    const double invstd = 1.0 / std::sqrt(static_cast<double>(running_var[c]) + g.eps);
    const double scale = gamma[c] * invstd;
    double sum_dy = 0.0, sum_dy_xhat = 0.0;
    for (index_t i = 0; i < g.n; ++i)
      for (index_t s = 0; s < g.hw; ++s) {
        const index_t k = at(g, i, c, s);
        dx[k] = static_cast<float>(dy[k] * scale);
        sum_dy += dy[k];
        sum_dy_xhat += dy[k] * (x[k] - running_mean[c]) * invstd;
      }
    dgamma[c] = static_cast<float>(sum_dy_xhat);
    dbeta[c] = static_cast<float>(sum_dy);
  }
}

}  // namespace cs

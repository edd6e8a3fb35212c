// Batch normalization over (N, C, HW) float32 tensors (HW = 1 for (N, D) inputs), with
// torch.nn.functional.batch_norm semantics. Channels are independent, so the caller's range is a
// range of channels.
#pragma once

#include "common.h"

namespace cs {

struct BatchNormGeom {
  index_t n, c, hw;
  double eps, momentum;
};

/// Batch statistics; saves mean and 1/sqrt(var + eps) for backward and, when running_mean is
/// non-null, updates the running estimates with momentum (unbiased variance, as torch does).
void batchnorm_forward_train(const BatchNormGeom& g, const float* x, const float* gamma,
                             const float* beta, float* y, float* save_mean, float* save_invstd,
                             float* running_mean, float* running_var, index_t c_begin,
                             index_t c_end);

void batchnorm_forward_eval(const BatchNormGeom& g, const float* x, const float* gamma,
                            const float* beta, const float* running_mean, const float* running_var,
                            float* y, index_t c_begin, index_t c_end);

/// Training-mode backward: dx = gamma * invstd * (dy - mean(dy) - xhat * mean(dy * xhat)).
void batchnorm_backward_train(const BatchNormGeom& g, const float* x, const float* dy,
                              const float* gamma, const float* save_mean, const float* save_invstd,
                              float* dx, float* dgamma, float* dbeta, index_t c_begin,
                              index_t c_end);

/// Evaluation-mode backward: the statistics are constants.
void batchnorm_backward_eval(const BatchNormGeom& g, const float* x, const float* dy,
                             const float* gamma, const float* running_mean,
                             const float* running_var, float* dx, float* dgamma, float* dbeta,
                             index_t c_begin, index_t c_end);

}  // namespace cs

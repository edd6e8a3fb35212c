// Fully connected layer y = x W^T + b with x [N, I], W [O, I] (torch.nn.functional.linear), and
// softmax cross-entropy with mean reduction (torch.nn.functional.cross_entropy).
#pragma once

#include "common.h"

namespace cs {

struct LinearGeom {
  index_t n, in, out;
};

/// Rows [row_begin, row_end) of y; bias may be null.
bool linear_forward(const LinearGeom& g, const float* x, const float* w, const float* bias,
                    float* y, index_t row_begin, index_t row_end, Workspace& ws,
                    const Cancel& cancel);
/// Rows [row_begin, row_end) of dx = dy W.
bool linear_backward_input(const LinearGeom& g, const float* dy, const float* w, float* dx,
                           index_t row_begin, index_t row_end, Workspace& ws, const Cancel& cancel);
/// Output features [o_begin, o_end) of dW = dy^T x and dbias = sum dy (no cross-range sums).
bool linear_backward_weight(const LinearGeom& g, const float* x, const float* dy, float* dw,
                            float* dbias, index_t o_begin, index_t o_end, Workspace& ws,
                            const Cancel& cancel);

/// Rows [row_begin, row_end): probs = softmax(logits); returns the sum of -log probs[label].
double softmax_xent_forward(index_t n, index_t classes, const float* logits,
                            const std::int32_t* labels, float* probs, index_t row_begin,
                            index_t row_end);
/// Rows [row_begin, row_end) of dlogits = (probs - onehot(label)) * scale, where scale is
/// dloss / N for mean reduction.
void softmax_xent_backward(index_t classes, const float* probs, const std::int32_t* labels,
                           float scale, float* dlogits, index_t row_begin, index_t row_end);

}  // namespace cs

// Element-wise layers: ReLU and inverted dropout. The caller's range is a range of elements.
#pragma once

#include "common.h"

namespace cs {

void relu_forward(const float* x, float* y, index_t begin, index_t end);
/// torch's threshold_backward on the output: dx = dy where y > 0, else 0.
void relu_backward(const float* dy, const float* y, float* dx, index_t begin, index_t end);

/// Uniform in [0, 1) from (seed, element index): a counter-based hash, so the mask does not depend
/// on how the elements were split between threads. The TypeScript reference uses the same hash.
std::uint32_t dropout_hash(std::uint32_t seed, std::uint32_t index);

/// Inverted dropout: y = x * (mask / (1 - p)), mask[i] = 1 with probability 1 - p.
void dropout_forward(const float* x, float* y, std::uint8_t* mask, float p, std::uint32_t seed,
                     index_t begin, index_t end);
void dropout_backward(const float* dy, const std::uint8_t* mask, float p, float* dx, index_t begin,
                      index_t end);

}  // namespace cs

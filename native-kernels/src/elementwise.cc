#include "elementwise.h"

namespace cs {
namespace {

// "lowbias32" integer finaliser (Chris Wellons' hash prospector): well mixed, cheap, and easy to
// reproduce bit-exactly in TypeScript with Math.imul.
inline std::uint32_t mix32(std::uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

/// 1 / (1 - p) rounded to float, then applied as one multiply: what torch's dropout does.
inline float keep_scale(float p) {
  return p >= 1.0f ? 0.0f : 1.0f / (1.0f - p);
}

}  // namespace

CS_CLONES void relu_forward(const float* x, float* y, index_t begin, index_t end) {
  for (index_t i = begin; i < end; ++i) y[i] = x[i] < 0.0f ? 0.0f : x[i];  // NaN passes through
}

CS_CLONES void relu_backward(const float* dy, const float* y, float* dx, index_t begin,
                             index_t end) {
  for (index_t i = begin; i < end; ++i) dx[i] = y[i] > 0.0f ? dy[i] : 0.0f;
}

std::uint32_t dropout_hash(std::uint32_t seed, std::uint32_t index) {
  const std::uint32_t s = mix32(seed ^ 0x9e3779b9U);
  return mix32(mix32(index ^ s) + s);
}

void dropout_forward(const float* x, float* y, std::uint8_t* mask, float p, std::uint32_t seed,
                     index_t begin, index_t end) {
  const float scale = keep_scale(p);
  const double threshold = static_cast<double>(p) * 16777216.0;  // p * 2^24
  for (index_t i = begin; i < end; ++i) {
    const std::uint32_t u24 = dropout_hash(seed, static_cast<std::uint32_t>(i)) >> 8;
    const bool keep = static_cast<double>(u24) >= threshold;
    mask[i] = keep ? 1 : 0;
    y[i] = keep ? x[i] * scale : 0.0f;
  }
}

void dropout_backward(const float* dy, const std::uint8_t* mask, float p, float* dx, index_t begin,
                      index_t end) {
  const float scale = keep_scale(p);
  for (index_t i = begin; i < end; ++i) dx[i] = mask[i] != 0 ? dy[i] * scale : 0.0f;
}

}  // namespace cs

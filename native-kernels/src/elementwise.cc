#include "elementwise.h"

#include <cmath>

namespace cs {
namespace {

// "lowbias32" integer finaliser (Chris Wellons' hash prospector): well mixed, cheap, and easy to
// reproduce bit-exactly in TypeScript with Math.imul.
CS_INLINE std::uint32_t mix32(std::uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

CS_INLINE std::uint32_t hash(std::uint32_t seed_mix, std::uint32_t index) {
  return mix32(mix32(index ^ seed_mix) + seed_mix);
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
  return hash(mix32(seed ^ 0x9e3779b9U), index);
}

// Branch-free, so the integer hash vectorises (AVX2 has 8-lane 32-bit multiplies) and random
// masks cost no mispredictions.
CS_CLONES void dropout_forward(const float* x, float* y, std::uint8_t* mask, float p,
                               std::uint32_t seed, index_t begin, index_t end) {
  const float scale = keep_scale(p);
  // keep iff u24 >= p * 2^24, i.e. u24 >= ceil(p * 2^24): an exact integer threshold (p * 2^24 is
  // exact in double), compared in 32-bit lanes.
  const double t = std::ceil(static_cast<double>(p) * 16777216.0);
  const auto threshold = static_cast<std::uint32_t>(t);
  const std::uint32_t seed_mix = mix32(seed ^ 0x9e3779b9U);
  for (index_t i = begin; i < end; ++i) {
    const std::uint32_t u24 = hash(seed_mix, static_cast<std::uint32_t>(i)) >> 8;
    const bool keep = u24 >= threshold;
    mask[i] = static_cast<std::uint8_t>(keep);
    y[i] = x[i] * (static_cast<float>(keep) * scale);  // torch: x * noise, so 0 * NaN stays NaN
  }
}

CS_CLONES void dropout_backward(const float* dy, const std::uint8_t* mask, float p, float* dx,
                                index_t begin, index_t end) {
  const float scale = keep_scale(p);
  for (index_t i = begin; i < end; ++i) dx[i] = dy[i] * (static_cast<float>(mask[i]) * scale);
}

}  // namespace cs

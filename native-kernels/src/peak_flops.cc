#include "peak_flops.h"

namespace cs {
namespace {
typedef float v8 __attribute__((vector_size(32)));
}

CS_CLONES double fma_peak_loop(index_t iterations, float* sink) {
  // 12 independent accumulator chains cover the FMA latency (4 cycles) x 2 ports with margin.
  v8 acc[12];
  for (int i = 0; i < 12; ++i) acc[i] = v8{} + (1.0f + 0.001f * static_cast<float>(i));
  const v8 a = v8{} + 0.999999f;
  const v8 b = v8{} + 1e-7f;
  for (index_t it = 0; it < iterations; ++it) {
#pragma GCC unroll 12
    for (int i = 0; i < 12; ++i) acc[i] = acc[i] * a + b;
  }
  v8 total = {};
  for (int i = 0; i < 12; ++i) total += acc[i];
  float s = 0.0f;
  for (int i = 0; i < 8; ++i) s += total[i];
  *sink = s;
  return static_cast<double>(iterations) * 12.0 * 8.0 * 2.0;
}

}  // namespace cs

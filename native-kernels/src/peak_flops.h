// A loop of independent vector FMAs: the machine's FP32 peak, measured by the benchmark in the
// same run as the kernels it is compared with.
#pragma once

#include "common.h"

namespace cs {

/// Runs `iterations` rounds of independent FMAs; returns the number of floating-point operations
/// and a value derived from the result (so the loop cannot be optimised away).
double fma_peak_loop(index_t iterations, float* sink);

}  // namespace cs

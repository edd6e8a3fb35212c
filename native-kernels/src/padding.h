// Border handling shared by convolution and image filtering: one index map per axis.
#pragma once

#include <vector>

#include "common.h"

namespace cs {

enum class PadMode : int { kZeros = 0, kReflect = 1, kReplicate = 2, kCircular = 3 };

/// Maps padded coordinate p (0 <= p < before + in + after) to a source coordinate, or -1 for a
/// zero. One table per axis lets every padding mode share the same loops, and backward passes
/// accumulate into reflected or wrapped sources exactly as torch's pad backward does. Reflect
/// (no edge repeat) and circular fold repeatedly, so padding wider than the input still maps
/// inside it (torch forbids that for conv2d, and the TypeScript front enforces it there; image
/// filters allow any kernel on any image).
inline std::vector<int> pad_map(index_t in, index_t before, index_t after, PadMode mode) {
  std::vector<int> map(static_cast<std::size_t>(before + in + after));
  for (index_t p = 0; p < before + in + after; ++p) {
    index_t q = p - before;
    if (q < 0 || q >= in) {
      switch (mode) {
        case PadMode::kZeros:
          q = -1;
          break;
        case PadMode::kReplicate:
          q = q < 0 ? 0 : in - 1;
          break;
        case PadMode::kReflect: {
          const index_t period = 2 * (in - 1);
          if (period == 0) {
            q = 0;
            break;
          }
          q = ((q % period) + period) % period;
          if (q >= in) q = period - q;
          break;
        }
        case PadMode::kCircular:
          q = ((q % in) + in) % in;
          break;
      }
    }
    map[static_cast<std::size_t>(p)] = static_cast<int>(q);
  }
  return map;
}

}  // namespace cs

// Shared building blocks of the kernels: CPU dispatch, workspace, cancellation.
// Plain C++ over raw views; nothing here knows about Node-API.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

// Hot loops are compiled three times and picked at load time by the CPU they run on (GCC ifunc), so
// the shipped binary runs on any x86-64 and still uses AVX2/FMA or AVX-512 where present. Elsewhere
// (arm64) the compiler's baseline vectorisation is used.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(CS_NO_CLONES)
#define CS_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define CS_CLONES
#endif

#define CS_INLINE inline __attribute__((always_inline))

namespace cs {

using index_t = std::int64_t;

/// Shared cancel flag (an Int32 in a SharedArrayBuffer); null when the caller cannot cancel.
/// Kernels poll it between tiles and return early when it is non-zero.
struct Cancel {
  const std::int32_t* flag = nullptr;
  bool requested() const { return flag != nullptr && __atomic_load_n(flag, __ATOMIC_RELAXED) != 0; }
};

/// Grow-only scratch memory, 64-byte aligned. One per Node environment (worker thread), so kernels
/// never share scratch between threads and the per-thread footprint stays bounded by the tiling.
class Workspace {
 public:
  Workspace() = default;
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  ~Workspace() { std::free(data_); }

  /// Scratch for `floats` floats (contents undefined). Invalidates earlier pointers.
  float* floats(std::size_t floats) { return static_cast<float*>(bytes(floats * sizeof(float))); }

  void* bytes(std::size_t n) {
    if (n > capacity_) {
      std::size_t cap = (n + 63) / 64 * 64;
      void* p = std::aligned_alloc(64, cap);
      if (p == nullptr) throw std::bad_alloc();
      std::free(data_);
      data_ = p;
      capacity_ = cap;
    }
    return data_;
  }

  std::size_t capacity() const { return capacity_; }

 private:
  void* data_ = nullptr;
  std::size_t capacity_ = 0;
};

}  // namespace cs

// Packed, cache-blocked single-precision GEMM (BLIS-style loop nest).
//   C[M x N] (+)= A[M x K] * B[K x N]
// The operands are produced by packer callables, so convolution can pack its im2col panels
// straight from the image without materialising the whole im2col matrix.
#pragma once

#include <algorithm>

#include "common.h"

namespace cs {

constexpr int kMR = 6;     // rows of C per micro-tile
constexpr int kNR = 16;    // columns of C per micro-tile (two 8-float vectors)
constexpr int kKC = 256;   // depth of a packed block: an A micro-panel plus a B micro-panel fit L1
constexpr int kMC = 144;   // rows of a packed A block (kMC x kKC floats stay in L2)
constexpr int kNC = 1024;  // columns of a packed B block (bounds the per-thread workspace)

inline index_t round_up(index_t v, index_t m) {
  return (v + m - 1) / m * m;
}

/// Floats of workspace gemm_blocked needs (packed A block + packed B block).
inline std::size_t gemm_workspace_floats() {
  return static_cast<std::size_t>(kMC) * kKC + static_cast<std::size_t>(kNC) * kKC;
}

/// Whether the AVX2+FMA micro-kernel runs on this CPU (else the portable one).
bool cpu_has_avx2_fma();

/// C[mc x nc] (+)= Apacked * Bpacked for one packed block pair, dispatched on the CPU.
void gemm_macro_kernel(int mc, int nc, int kc, const float* a_packed, const float* b_packed,
                       float* c, index_t ldc, bool accumulate);

// Generic packers over strided row-major storage. Packed A: ceil(mc/MR) panels, each kc x MR
// (k-major, rows interleaved). Packed B: ceil(nc/NR) panels, each kc x NR. Tails are zero-filled.

/// A[i][k] = src[i * ld + k]
void pack_a_rows(const float* src, index_t ld, int mc, int kc, float* dst);
/// A[i][k] = src[k * ld + i]  (A stored transposed)
void pack_a_cols(const float* src, index_t ld, int mc, int kc, float* dst);
/// B[k][j] = src[k * ld + j]
void pack_b_rows(const float* src, index_t ld, int kc, int nc, float* dst);
/// B[k][j] = src[j * ld + k]  (B stored transposed)
void pack_b_cols(const float* src, index_t ld, int kc, int nc, float* dst);

/// The blocked loop nest. pack_a(i0, k0, mc, kc, dst) and pack_b(k0, j0, kc, nc, dst) fill packed
/// blocks; `workspace` holds gemm_workspace_floats() floats. Returns false if cancelled.
template <typename PackA, typename PackB>
bool gemm_blocked(index_t M, index_t N, index_t K, PackA&& pack_a, PackB&& pack_b, float* c,
                  index_t ldc, bool accumulate, float* workspace, const Cancel& cancel) {
  float* a_buf = workspace;
  float* b_buf = workspace + static_cast<std::size_t>(kMC) * kKC;
  if (K == 0) {
    if (!accumulate)
      for (index_t i = 0; i < M; ++i) std::fill(c + i * ldc, c + i * ldc + N, 0.0f);
    return true;
  }
  for (index_t j0 = 0; j0 < N; j0 += kNC) {
    if (cancel.requested()) return false;
    const int nc = static_cast<int>(std::min<index_t>(kNC, N - j0));
    for (index_t k0 = 0; k0 < K; k0 += kKC) {
      const int kc = static_cast<int>(std::min<index_t>(kKC, K - k0));
      pack_b(k0, j0, kc, nc, b_buf);
      for (index_t i0 = 0; i0 < M; i0 += kMC) {
        const int mc = static_cast<int>(std::min<index_t>(kMC, M - i0));
        pack_a(i0, k0, mc, kc, a_buf);
        gemm_macro_kernel(mc, nc, kc, a_buf, b_buf, c + i0 * ldc + j0, ldc, accumulate || k0 > 0);
      }
    }
  }
  return true;
}

/// Plain strided GEMM: C (+)= op(A) * op(B), where transA means A is stored K x M and transB
/// means B is stored N x K.
bool sgemm(bool trans_a, bool trans_b, index_t M, index_t N, index_t K, const float* a, index_t lda,
           const float* b, index_t ldb, float* c, index_t ldc, bool accumulate, float* workspace,
           const Cancel& cancel);

}  // namespace cs

#include "gemm.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace cs {
namespace {

#if defined(__x86_64__) && defined(__GNUC__)
#define CS_HAVE_AVX2_PATH 1
#define CS_AVX2 __attribute__((target("avx2,fma")))

// 6x16 micro-tile: 12 accumulators + 2 B vectors + 1 broadcast = 15 of 16 AVX2 registers.
// Intrinsics under a target attribute, picked at run time, so the shipped build stays baseline
// x86-64 (GCC's generic vectors compiled broadcasts into insert chains here).
CS_AVX2 inline void micro_tile_avx2(int kc, const float* __restrict a, const float* __restrict b,
                                    float* __restrict c, index_t ldc, bool accumulate) {
  __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
  __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
  __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
  __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
  __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
  __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
  for (int k = 0; k < kc; ++k) {
    const __m256 b0 = _mm256_load_ps(b);
    const __m256 b1 = _mm256_load_ps(b + 8);
    __m256 av;
    av = _mm256_broadcast_ss(a + 0);
    c00 = _mm256_fmadd_ps(av, b0, c00);
    c01 = _mm256_fmadd_ps(av, b1, c01);
    av = _mm256_broadcast_ss(a + 1);
    c10 = _mm256_fmadd_ps(av, b0, c10);
    c11 = _mm256_fmadd_ps(av, b1, c11);
    av = _mm256_broadcast_ss(a + 2);
    c20 = _mm256_fmadd_ps(av, b0, c20);
    c21 = _mm256_fmadd_ps(av, b1, c21);
    av = _mm256_broadcast_ss(a + 3);
    c30 = _mm256_fmadd_ps(av, b0, c30);
    c31 = _mm256_fmadd_ps(av, b1, c31);
    av = _mm256_broadcast_ss(a + 4);
    c40 = _mm256_fmadd_ps(av, b0, c40);
    c41 = _mm256_fmadd_ps(av, b1, c41);
    av = _mm256_broadcast_ss(a + 5);
    c50 = _mm256_fmadd_ps(av, b0, c50);
    c51 = _mm256_fmadd_ps(av, b1, c51);
    a += kMR;
    b += kNR;
  }
  __m256* acc[kMR][2] = {{&c00, &c01}, {&c10, &c11}, {&c20, &c21},
                         {&c30, &c31}, {&c40, &c41}, {&c50, &c51}};
  for (int i = 0; i < kMR; ++i) {
    float* r = c + i * ldc;
    if (accumulate) {
      *acc[i][0] = _mm256_add_ps(*acc[i][0], _mm256_loadu_ps(r));
      *acc[i][1] = _mm256_add_ps(*acc[i][1], _mm256_loadu_ps(r + 8));
    }
    _mm256_storeu_ps(r, *acc[i][0]);
    _mm256_storeu_ps(r + 8, *acc[i][1]);
  }
}
#endif

// Portable micro-tile: the compiler vectorises the inner j loop for whatever the target has.
inline void micro_tile_generic(int kc, const float* __restrict a, const float* __restrict b,
                               float* __restrict c, index_t ldc, bool accumulate) {
  float t[kMR][kNR] = {};
  for (int k = 0; k < kc; ++k) {
    for (int i = 0; i < kMR; ++i)
      for (int j = 0; j < kNR; ++j) t[i][j] += a[i] * b[j];
    a += kMR;
    b += kNR;
  }
  for (int i = 0; i < kMR; ++i)
    for (int j = 0; j < kNR; ++j) c[i * ldc + j] = accumulate ? c[i * ldc + j] + t[i][j] : t[i][j];
}

template <void (*Tile)(int, const float*, const float*, float*, index_t, bool)>
inline void macro_kernel(int mc, int nc, int kc, const float* a_packed, const float* b_packed,
                         float* c, index_t ldc, bool accumulate) {
  alignas(64) float edge[kMR * kNR];
  for (int j = 0; j < nc; j += kNR) {
    const int nr = std::min(kNR, nc - j);
    const float* bp = b_packed + static_cast<index_t>(j) * kc;
    for (int i = 0; i < mc; i += kMR) {
      const int mr = std::min(kMR, mc - i);
      const float* ap = a_packed + static_cast<index_t>(i) * kc;
      float* ct = c + i * ldc + j;
      if (mr == kMR && nr == kNR) {
        Tile(kc, ap, bp, ct, ldc, accumulate);
      } else {
        // Partial tile: compute the full tile into a scratch tile, copy the valid part (row by
        // row, in loops the compiler vectorises: narrow layers such as the homework's 10-filter
        // convs take this path for every other tile).
        Tile(kc, ap, bp, edge, kNR, false);
        for (int ii = 0; ii < mr; ++ii) {
          float* dst = ct + ii * ldc;
          const float* src = edge + ii * kNR;
          if (accumulate) {
            for (int jj = 0; jj < nr; ++jj) dst[jj] += src[jj];
          } else {
            for (int jj = 0; jj < nr; ++jj) dst[jj] = src[jj];
          }
        }
      }
    }
  }
}

#if CS_HAVE_AVX2_PATH
CS_AVX2 void macro_kernel_avx2(int mc, int nc, int kc, const float* a, const float* b, float* c,
                               index_t ldc, bool accumulate) {
  macro_kernel<micro_tile_avx2>(mc, nc, kc, a, b, c, ldc, accumulate);
}
#endif

}  // namespace

bool cpu_has_avx2_fma() {
#if CS_HAVE_AVX2_PATH
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

void gemm_macro_kernel(int mc, int nc, int kc, const float* a_packed, const float* b_packed,
                       float* c, index_t ldc, bool accumulate) {
#if CS_HAVE_AVX2_PATH
  if (cpu_has_avx2_fma()) {
    macro_kernel_avx2(mc, nc, kc, a_packed, b_packed, c, ldc, accumulate);
    return;
  }
#endif
  macro_kernel<micro_tile_generic>(mc, nc, kc, a_packed, b_packed, c, ldc, accumulate);
}

void pack_a_rows(const float* src, index_t ld, int mc, int kc, float* dst) {
  for (int i0 = 0; i0 < mc; i0 += kMR) {
    const int mr = std::min(kMR, mc - i0);
    for (int i = 0; i < kMR; ++i) {
      if (i < mr) {
        const float* s = src + (i0 + i) * ld;
        for (int k = 0; k < kc; ++k) dst[k * kMR + i] = s[k];
      } else {
        for (int k = 0; k < kc; ++k) dst[k * kMR + i] = 0.0f;
      }
    }
    dst += static_cast<index_t>(kMR) * kc;
  }
}

void pack_a_cols(const float* src, index_t ld, int mc, int kc, float* dst) {
  for (int i0 = 0; i0 < mc; i0 += kMR) {
    const int mr = std::min(kMR, mc - i0);
    for (int k = 0; k < kc; ++k) {
      const float* s = src + k * ld + i0;
      float* d = dst + k * kMR;
      int i = 0;
      for (; i < mr; ++i) d[i] = s[i];
      for (; i < kMR; ++i) d[i] = 0.0f;
    }
    dst += static_cast<index_t>(kMR) * kc;
  }
}

void pack_b_rows(const float* src, index_t ld, int kc, int nc, float* dst) {
  for (int j0 = 0; j0 < nc; j0 += kNR) {
    const int nr = std::min(kNR, nc - j0);
    for (int k = 0; k < kc; ++k) {
      const float* s = src + k * ld + j0;
      float* d = dst + k * kNR;
      if (nr == kNR) {
        std::memcpy(d, s, sizeof(float) * kNR);
      } else {
        int j = 0;
        for (; j < nr; ++j) d[j] = s[j];
        for (; j < kNR; ++j) d[j] = 0.0f;
      }
    }
    dst += static_cast<index_t>(kNR) * kc;
  }
}

void pack_b_cols(const float* src, index_t ld, int kc, int nc, float* dst) {
  for (int j0 = 0; j0 < nc; j0 += kNR) {
    const int nr = std::min(kNR, nc - j0);
    for (int j = 0; j < kNR; ++j) {
      if (j < nr) {
        const float* s = src + (j0 + j) * ld;
        for (int k = 0; k < kc; ++k) dst[k * kNR + j] = s[k];
      } else {
        for (int k = 0; k < kc; ++k) dst[k * kNR + j] = 0.0f;
      }
    }
    dst += static_cast<index_t>(kNR) * kc;
  }
}

bool sgemm(bool trans_a, bool trans_b, index_t M, index_t N, index_t K, const float* a, index_t lda,
           const float* b, index_t ldb, float* c, index_t ldc, bool accumulate, float* workspace,
           const Cancel& cancel) {
  auto pa = [&](index_t i0, index_t k0, int mc, int kc, float* dst) {
    if (trans_a)
      pack_a_cols(a + k0 * lda + i0, lda, mc, kc, dst);
    else
      pack_a_rows(a + i0 * lda + k0, lda, mc, kc, dst);
  };
  auto pb = [&](index_t k0, index_t j0, int kc, int nc, float* dst) {
    if (trans_b)
      pack_b_cols(b + j0 * ldb + k0, ldb, kc, nc, dst);
    else
      pack_b_rows(b + k0 * ldb + j0, ldb, kc, nc, dst);
  };
  return gemm_blocked(M, N, K, pa, pb, c, ldc, accumulate, workspace, cancel);
}

}  // namespace cs

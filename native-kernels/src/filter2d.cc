#include "filter2d.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "gemm.h"

namespace cs {
namespace {

/// out[r][e] = sum_ij k[i][j] * in[r + i][e + j * step] for e in [0, count): the one loop behind
/// the 2-D pass and both 1-D passes. `step` is the samples per pixel, so interleaved colour
/// channels are filtered together with one contiguous vector loop.
struct TapPass {
  const float* in;
  index_t in_stride;
  float* out;
  index_t out_stride;
  index_t rows, count;
  const float* k;
  index_t kh, kw, step;
};

#if defined(__x86_64__) && defined(__GNUC__)
#define CS_HAVE_AVX2_FILTER 1
// 64 outputs per chunk in 8 independent accumulators (FMA latency x 2 ports), each tap one
// broadcast and eight unaligned loads: load-bound rather than latency-bound.
__attribute__((target("avx2,fma"))) void tap_pass_avx2(const TapPass& p) {
  for (index_t r = 0; r < p.rows; ++r) {
    float* o = p.out + r * p.out_stride;
    index_t e = 0;
    for (; e + 64 <= p.count; e += 64) {
      __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(),
             a3 = _mm256_setzero_ps(), a4 = _mm256_setzero_ps(), a5 = _mm256_setzero_ps(),
             a6 = _mm256_setzero_ps(), a7 = _mm256_setzero_ps();
      for (index_t i = 0; i < p.kh; ++i) {
        const float* b = p.in + (r + i) * p.in_stride + e;
        const float* kr = p.k + i * p.kw;
        for (index_t j = 0; j < p.kw; ++j) {
          const __m256 kv = _mm256_broadcast_ss(kr + j);
          const float* q = b + j * p.step;
          a0 = _mm256_fmadd_ps(kv, _mm256_loadu_ps(q), a0);
          a1 = _mm256_fmadd_ps(kv, _mm256_loadu_ps(q + 8), a1);
          a2 = _mm256_fmadd_ps(kv, _mm256_loadu_ps(q + 16), a2);
          a3 = _mm256_fmadd_ps(kv, _mm256_loadu_ps(q + 24), a3);
          a4 = _mm256_fmadd_ps(kv, _mm256_loadu_ps(q + 32), a4);
          a5 = _mm256_fmadd_ps(kv, _mm256_loadu_ps(q + 40), a5);
          a6 = _mm256_fmadd_ps(kv, _mm256_loadu_ps(q + 48), a6);
          a7 = _mm256_fmadd_ps(kv, _mm256_loadu_ps(q + 56), a7);
        }
      }
      _mm256_storeu_ps(o + e, a0);
      _mm256_storeu_ps(o + e + 8, a1);
      _mm256_storeu_ps(o + e + 16, a2);
      _mm256_storeu_ps(o + e + 24, a3);
      _mm256_storeu_ps(o + e + 32, a4);
      _mm256_storeu_ps(o + e + 40, a5);
      _mm256_storeu_ps(o + e + 48, a6);
      _mm256_storeu_ps(o + e + 56, a7);
    }
    for (; e + 8 <= p.count; e += 8) {
      __m256 a = _mm256_setzero_ps();
      for (index_t i = 0; i < p.kh; ++i) {
        const float* b = p.in + (r + i) * p.in_stride + e;
        for (index_t j = 0; j < p.kw; ++j)
          a = _mm256_fmadd_ps(_mm256_broadcast_ss(p.k + i * p.kw + j),
                              _mm256_loadu_ps(b + j * p.step), a);
      }
      _mm256_storeu_ps(o + e, a);
    }
    // The tail uses the vector lanes' exact operation (a fused multiply-add per tap, in the same
    // order), so a value does not depend on where the window puts it: a preview's window and the
    // whole-image export compute every pixel bit for bit alike.
    for (; e < p.count; ++e) {
      float a = 0.0f;
      for (index_t i = 0; i < p.kh; ++i)
        for (index_t j = 0; j < p.kw; ++j)
          a = std::fma(p.k[i * p.kw + j], p.in[(r + i) * p.in_stride + e + j * p.step], a);
      o[e] = a;
    }
  }
}
#endif

// Portable: per tap, one scaled row added into the output row (the compiler vectorises it).
void tap_pass_generic(const TapPass& p) {
  for (index_t r = 0; r < p.rows; ++r) {
    float* __restrict o = p.out + r * p.out_stride;
    std::fill(o, o + p.count, 0.0f);
    for (index_t i = 0; i < p.kh; ++i)
      for (index_t j = 0; j < p.kw; ++j) {
        const float kv = p.k[i * p.kw + j];
        const float* __restrict b = p.in + (r + i) * p.in_stride + j * p.step;
        for (index_t e = 0; e < p.count; ++e) o[e] += kv * b[e];
      }
  }
}

void tap_pass(const TapPass& p) {
#if CS_HAVE_AVX2_FILTER
  if (cpu_has_avx2_fma()) return tap_pass_avx2(p);
#endif
  tap_pass_generic(p);
}

/// Per-call tables and scratch layout.
struct FilterPlan {
  const Filter2dGeom& g;
  index_t elems;      // samples per pixel in the float band: 1 for luminance, else channels
  index_t band_rows;  // output rows per sub-band (bounds scratch to about 1 MB of band)
  index_t x0, cols;   // the window's first column and width
  index_t wp;         // padded window width in pixels
  std::vector<int> map_h, map_w;

  FilterPlan(const Filter2dGeom& geom, index_t col_begin, index_t col_end)
      : g(geom), x0(col_begin), cols(col_end - col_begin) {
    elems = g.luminance ? 1 : g.channels;
    wp = cols + g.kw - 1;
    const index_t per_row = wp * elems;
    band_rows = std::clamp<index_t>((index_t{1} << 18) / std::max<index_t>(per_row, 1), 4, 64);
    map_h = pad_map(g.height, g.anchor_y, g.kh - 1 - g.anchor_y, g.border);
    map_w = pad_map(g.width, g.anchor_x, g.kw - 1 - g.anchor_x, g.border);
  }

  std::size_t band_floats() const {
    return static_cast<std::size_t>((band_rows + g.kh - 1) * wp * elems);
  }
  std::size_t rows_floats() const { return static_cast<std::size_t>(band_rows * wp * elems); }
};

/// Source sample (y, x, c) as float; luminance uses Rec. 709 weights on the stored values.
template <typename T>
inline float luminance_at(const Filter2dGeom& g, const T* src, index_t y, index_t x) {
  const T* px = src + (y * g.width + x) * g.channels;
  if (g.channels < 3) return static_cast<float>(px[0]);
  return 0.2126f * static_cast<float>(px[0]) + 0.7152f * static_cast<float>(px[1]) +
         0.0722f * static_cast<float>(px[2]);
}

/// Fills band rows for output rows [y0, y0 + rows) over the window's padded columns: padded rows
/// and columns through the border maps; the part of each row inside the image is one contiguous
/// conversion.
template <typename T>
CS_CLONES void gather_band(const FilterPlan& plan, const T* src, index_t y0, index_t rows,
                           float* band) {
  const Filter2dGeom& g = plan.g;
  const index_t e = plan.elems;
  const index_t row_len = plan.wp * e;
  // Padded column xp (of the whole image) reads image column xp - anchor_x; the window's padded
  // columns are x0 .. x0 + wp - 1, and those in [anchor_x, anchor_x + width) are inside.
  const index_t in_lo = std::max(plan.x0, g.anchor_x);
  const index_t in_hi = std::min(plan.x0 + plan.wp, g.anchor_x + g.width);
  for (index_t br = 0; br < rows + g.kh - 1; ++br) {
    float* d = band + br * row_len;
    const int sy = plan.map_h[static_cast<std::size_t>(y0 + br)];
    if (sy < 0) {
      std::fill(d, d + row_len, 0.0f);
      continue;
    }
    const T* srow = src + static_cast<index_t>(sy) * g.width * g.channels;
    for (index_t xp = plan.x0; xp < plan.x0 + plan.wp; ++xp) {
      float* dp = d + (xp - plan.x0) * e;
      if (xp == in_lo && in_lo < in_hi) {
        const index_t x_first = in_lo - g.anchor_x, n = in_hi - in_lo;
        if (g.luminance) {
          for (index_t x = 0; x < n; ++x) dp[x] = luminance_at(g, src, sy, x_first + x);
        } else {
          const T* sp = srow + x_first * e;
          for (index_t i = 0; i < n * e; ++i) dp[i] = static_cast<float>(sp[i]);
        }
        xp = in_hi - 1;
        continue;
      }
      const int sx = plan.map_w[static_cast<std::size_t>(xp)];
      for (index_t c = 0; c < e; ++c) {
        float v = 0.0f;
        if (sx >= 0)
          v = g.luminance ? luminance_at(g, src, sy, sx) : static_cast<float>(srow[sx * e + c]);
        dp[c] = v;
      }
    }
  }
}

/// Turns one row of raw filter output into values: the gradient magnitude when there are two,
/// then scale and offset; in place in gx. Returns nothing; min/max come from colour_range.
CS_CLONES void combine_row(float* gx, const float* gy, index_t count, float scale, float offset) {
  if (gy == nullptr && scale == 1.0f && offset == 0.0f) return;
  if (gy != nullptr) {
    for (index_t e = 0; e < count; ++e)
      gx[e] = std::sqrt(gx[e] * gx[e] + gy[e] * gy[e]) * scale + offset;
  } else {
    for (index_t e = 0; e < count; ++e) gx[e] = gx[e] * scale + offset;
  }
}

#if CS_HAVE_AVX2_FILTER
// Vector min/max: GCC will not vectorise a float min reduction without fast-math, and this loop
// runs over every filtered sample.
__attribute__((target("avx2,fma"))) void range_avx2(const float* v, index_t count, float& lo,
                                                    float& hi) {
  __m256 vlo = _mm256_set1_ps(lo), vhi = _mm256_set1_ps(hi);
  index_t e = 0;
  for (; e + 8 <= count; e += 8) {
    const __m256 x = _mm256_loadu_ps(v + e);
    vlo = _mm256_min_ps(vlo, x);
    vhi = _mm256_max_ps(vhi, x);
  }
  alignas(32) float l[8], h[8];
  _mm256_store_ps(l, vlo);
  _mm256_store_ps(h, vhi);
  for (int i = 0; i < 8; ++i) {
    lo = std::min(lo, l[i]);
    hi = std::max(hi, h[i]);
  }
  for (; e < count; ++e) {
    lo = std::min(lo, v[e]);
    hi = std::max(hi, v[e]);
  }
}
#endif

/// Min and max over the colour samples of a row (every `elems`-th sample is alpha when set).
void colour_range(const float* v, index_t count, index_t elems, bool skip_alpha, double* minmax) {
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  if (!skip_alpha) {
#if CS_HAVE_AVX2_FILTER
    if (cpu_has_avx2_fma()) {
      range_avx2(v, count, lo, hi);
    } else
#endif
    {
      for (index_t e = 0; e < count; ++e) {
        lo = std::min(lo, v[e]);
        hi = std::max(hi, v[e]);
      }
    }
  } else {
    for (index_t e = 0; e < count; e += elems)
      for (index_t c = 0; c + 1 < elems; ++c) {
        lo = std::min(lo, v[e + c]);
        hi = std::max(hi, v[e + c]);
      }
  }
  minmax[0] = std::min(minmax[0], static_cast<double>(lo));
  minmax[1] = std::max(minmax[1], static_cast<double>(hi));
}

/// Maps values to samples: one simple loop per mapping so each vectorises. Values are clamped to
/// the sample range, then rounded half up.
template <typename T>
CS_CLONES void to_samples(const float* v, index_t count, Mapping mapping, int depth,
                          const FilterParams& prm, T* out) {
  const float maxv = depth == 8 ? 255.0f : 65535.0f;
  auto store = [&](index_t e, float x) {
    x = std::min(std::max(x, 0.0f), maxv);
    out[e] = static_cast<T>(static_cast<int>(x + 0.5f));
  };
  switch (mapping) {
    case Mapping::kAbs:
      for (index_t e = 0; e < count; ++e) store(e, std::fabs(v[e]));
      break;
    case Mapping::kShift: {
      const float shift = depth == 8 ? 128.0f : 32768.0f;
      for (index_t e = 0; e < count; ++e) store(e, v[e] + shift);
      break;
    }
    case Mapping::kStretch: {
      const double span = prm.stretch_max - prm.stretch_min;
      const float smin = static_cast<float>(prm.stretch_min);
      const float k = span > 0 ? static_cast<float>(maxv / span) : 0.0f;
      for (index_t e = 0; e < count; ++e) store(e, (v[e] - smin) * k);
      break;
    }
    default:
      for (index_t e = 0; e < count; ++e) store(e, v[e]);
      break;
  }
}

/// Copies the values at the shown columns out of one filtered row (window coordinates).
void copy_values(const float* v, index_t x0, index_t elems, const Filter2dWindow& w, index_t bands,
                 float* out) {
  for (index_t i = 0; i < w.xs_count; ++i) {
    const float* px = v + (w.xs[i] - x0) * elems;
    for (index_t c = 0; c < bands; ++c) out[i * bands + c] = px[c];
  }
}

template <typename T>
bool filter2d_typed(const Filter2dGeom& g, const T* src, T* dst, const FilterKernel& kx,
                    const FilterKernel& ky, const FilterParams& prm, double* minmax,
                    index_t row_begin, index_t row_end, const Filter2dWindow& win, Workspace& ws,
                    const Cancel& cancel) {
  FilterPlan plan(g, win.col_begin, win.col_end);
  const index_t e = plan.elems;
  const index_t row_len = plan.wp * e;
  const index_t out_len = plan.cols * e;
  const index_t bands = filter2d_value_bands(g);
  const std::size_t bf = plan.band_floats(), rf = plan.rows_floats();
  float* band = ws.floats(bf + 3 * rf);
  float* tmp = band + bf;   // separable: the vertical pass, full padded width
  float* outx = tmp + rf;   // filtered values of kx
  float* outy = outx + rf;  // filtered values of ky (gradient magnitude)
  const index_t dst_ch = filter2d_dst_channels(g);
  minmax[0] = std::numeric_limits<double>::infinity();
  minmax[1] = -std::numeric_limits<double>::infinity();

  auto apply = [&](const FilterKernel& fk, index_t rows, float* out) {
    if (fk.col != nullptr && fk.row != nullptr) {
      // Row by row, so the intermediate row stays in cache between the two 1-D passes.
      for (index_t r = 0; r < rows; ++r) {
        tap_pass({band + r * row_len, row_len, tmp, row_len, 1, row_len, fk.col, g.kh, 1, e});
        tap_pass({tmp, row_len, out + r * out_len, out_len, 1, out_len, fk.row, 1, g.kw, e});
      }
    } else {
      tap_pass({band, row_len, out, out_len, rows, out_len, fk.k, g.kh, g.kw, e});
    }
  };

  for (index_t y0 = row_begin; y0 < row_end; y0 += plan.band_rows) {
    if (cancel.requested()) return false;
    const index_t rows = std::min(plan.band_rows, row_end - y0);
    gather_band(plan, src, y0, rows, band);
    apply(kx, rows, outx);
    if (g.gradient) apply(ky, rows, outy);
    for (index_t r = 0; r < rows; ++r) {
      const index_t y = y0 + r;
      float* v = outx + r * out_len;
      combine_row(v, g.gradient ? outy + r * out_len : nullptr, out_len,
                  static_cast<float>(prm.scale), static_cast<float>(prm.offset));
      colour_range(v, out_len, e, !g.luminance && g.has_alpha, minmax);
      if (win.values != nullptr)
        copy_values(v, plan.x0, e, win, bands, win.values + (y - row_begin) * win.xs_count * bands);
      if (g.mapping == Mapping::kStatsOnly) continue;
      T* drow = dst + (y * g.width + plan.x0) * dst_ch;
      const T* srow = src + (y * g.width + plan.x0) * g.channels;
      if (dst_ch == e) {
        to_samples<T>(v, out_len, g.mapping, g.depth, prm, drow);
      } else {
        // Luminance with alpha: map into the (now free) tmp buffer, then interleave gray + alpha.
        T* gray = reinterpret_cast<T*>(tmp);
        to_samples<T>(v, out_len, g.mapping, g.depth, prm, gray);
        for (index_t x = 0; x < plan.cols; ++x) drow[x * 2] = gray[x];
      }
      if (g.has_alpha) {
        // Alpha passes through untouched (per channel, it was filtered above and is overwritten).
        for (index_t x = 0; x < plan.cols; ++x)
          drow[x * dst_ch + dst_ch - 1] = srow[x * g.channels + g.channels - 1];
      }
    }
  }
  return true;
}

}  // namespace

index_t filter2d_dst_channels(const Filter2dGeom& g) {
  if (!g.luminance) return g.channels;
  return g.has_alpha ? 2 : 1;
}

index_t filter2d_value_bands(const Filter2dGeom& g) {
  if (g.luminance) return 1;
  return g.channels - (g.has_alpha ? 1 : 0);
}

bool filter2d(const Filter2dGeom& g, const void* src, void* dst, const FilterKernel& kx,
              const FilterKernel& ky, const FilterParams& params, double* minmax, index_t row_begin,
              index_t row_end, const Filter2dWindow& window, Workspace& ws, const Cancel& cancel) {
  if (g.depth == 8)
    return filter2d_typed(g, static_cast<const std::uint8_t*>(src), static_cast<std::uint8_t*>(dst),
                          kx, ky, params, minmax, row_begin, row_end, window, ws, cancel);
  return filter2d_typed(g, static_cast<const std::uint16_t*>(src), static_cast<std::uint16_t*>(dst),
                        kx, ky, params, minmax, row_begin, row_end, window, ws, cancel);
}

}  // namespace cs

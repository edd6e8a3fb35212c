#include "pool2d.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cs {
namespace {

/// The input window of output (oh, ow), clipped to the image; `divisor` follows torch's
/// avg_pool2d: the window clipped to the padded image when padding counts, else to the image.
struct Window {
  index_t h0, h1, w0, w1, divisor;
};

inline Window window(const Pool2dGeom& g, index_t oh, index_t ow) {
  index_t h0 = oh * g.sh - g.ph, w0 = ow * g.sw - g.pw;
  index_t h1 = std::min(h0 + g.kh, g.h + g.ph), w1 = std::min(w0 + g.kw, g.w + g.pw);
  const index_t padded = (h1 - h0) * (w1 - w0);
  h0 = std::max<index_t>(h0, 0);
  w0 = std::max<index_t>(w0, 0);
  h1 = std::min(h1, g.h);
  w1 = std::min(w1, g.w);
  return {h0, h1, w0, w1, g.count_include_pad ? padded : (h1 - h0) * (w1 - w0)};
}

}  // namespace

namespace {

/// Branch-free max/argmax step with torch's rules: a larger value or any NaN takes over, so the
/// first maximum wins and, among NaNs, the last one. After ReLU the comparisons are unpredictable,
/// so selects beat branches several times over.
CS_INLINE void take_max(float v, std::int32_t idx, float& best, std::int32_t& arg) {
  const bool take = (v > best) | (v != v);
  best = take ? v : best;
  arg = take ? idx : arg;
}

/// Windows entirely inside the image (no padding): the common case, without clipping per output.
template <int KH, int KW>
CS_INLINE void maxpool_plane_unpadded(const Pool2dGeom& g, const float* xp, float* yp,
                                      std::int32_t* ip) {
  const index_t kh = KH > 0 ? KH : g.kh;
  const index_t kw = KW > 0 ? KW : g.kw;
  for (index_t oh = 0; oh < g.oh; ++oh) {
    const index_t h0 = oh * g.sh;
    for (index_t ow = 0; ow < g.ow; ++ow) {
      const index_t w0 = ow * g.sw;
      const index_t first = h0 * g.w + w0;
      float best = xp[first];
      auto arg = static_cast<std::int32_t>(first);
      for (index_t i = 0; i < kh; ++i)
        for (index_t j = 0; j < kw; ++j) {
          const index_t idx = (h0 + i) * g.w + w0 + j;
          take_max(xp[idx], static_cast<std::int32_t>(idx), best, arg);
        }
      yp[oh * g.ow + ow] = best;
      ip[oh * g.ow + ow] = arg;
    }
  }
}

}  // namespace

CS_CLONES void maxpool2d_forward(const Pool2dGeom& g, const float* x, float* y,
                                 std::int32_t* indices, index_t plane_begin, index_t plane_end) {
  const bool unpadded = g.ph == 0 && g.pw == 0;
  for (index_t p = plane_begin; p < plane_end; ++p) {
    const float* xp = x + p * g.h * g.w;
    float* yp = y + p * g.oh * g.ow;
    std::int32_t* ip = indices + p * g.oh * g.ow;
    if (unpadded && g.kh == 2 && g.kw == 2) {
      maxpool_plane_unpadded<2, 2>(g, xp, yp, ip);
      continue;
    }
    if (unpadded) {
      maxpool_plane_unpadded<0, 0>(g, xp, yp, ip);
      continue;
    }
    for (index_t oh = 0; oh < g.oh; ++oh)
      for (index_t ow = 0; ow < g.ow; ++ow) {
        const Window win = window(g, oh, ow);
        float best = -std::numeric_limits<float>::infinity();
        auto arg = static_cast<std::int32_t>(win.h0 * g.w + win.w0);
        for (index_t ih = win.h0; ih < win.h1; ++ih)
          for (index_t iw = win.w0; iw < win.w1; ++iw)
            take_max(xp[ih * g.w + iw], static_cast<std::int32_t>(ih * g.w + iw), best, arg);
        yp[oh * g.ow + ow] = best;
        ip[oh * g.ow + ow] = arg;
      }
  }
}

void maxpool2d_backward(const Pool2dGeom& g, const float* dy, const std::int32_t* indices,
                        float* dx, index_t plane_begin, index_t plane_end) {
  for (index_t p = plane_begin; p < plane_end; ++p) {
    float* dxp = dx + p * g.h * g.w;
    std::fill(dxp, dxp + g.h * g.w, 0.0f);
    const float* dyp = dy + p * g.oh * g.ow;
    const std::int32_t* ip = indices + p * g.oh * g.ow;
    for (index_t o = 0; o < g.oh * g.ow; ++o) dxp[ip[o]] += dyp[o];
  }
}

void avgpool2d_forward(const Pool2dGeom& g, const float* x, float* y, index_t plane_begin,
                       index_t plane_end) {
  for (index_t p = plane_begin; p < plane_end; ++p) {
    const float* xp = x + p * g.h * g.w;
    float* yp = y + p * g.oh * g.ow;
    for (index_t oh = 0; oh < g.oh; ++oh)
      for (index_t ow = 0; ow < g.ow; ++ow) {
        const Window win = window(g, oh, ow);
        float sum = 0.0f;
        for (index_t ih = win.h0; ih < win.h1; ++ih)
          for (index_t iw = win.w0; iw < win.w1; ++iw) sum += xp[ih * g.w + iw];
        yp[oh * g.ow + ow] = sum / static_cast<float>(win.divisor);
      }
  }
}

void avgpool2d_backward(const Pool2dGeom& g, const float* dy, float* dx, index_t plane_begin,
                        index_t plane_end) {
  for (index_t p = plane_begin; p < plane_end; ++p) {
    float* dxp = dx + p * g.h * g.w;
    std::fill(dxp, dxp + g.h * g.w, 0.0f);
    const float* dyp = dy + p * g.oh * g.ow;
    for (index_t oh = 0; oh < g.oh; ++oh)
      for (index_t ow = 0; ow < g.ow; ++ow) {
        const Window win = window(g, oh, ow);
        const float share = dyp[oh * g.ow + ow] / static_cast<float>(win.divisor);
        for (index_t ih = win.h0; ih < win.h1; ++ih)
          for (index_t iw = win.w0; iw < win.w1; ++iw) dxp[ih * g.w + iw] += share;
      }
  }
}

void global_avgpool_forward(index_t hw, const float* x, float* y, index_t plane_begin,
                            index_t plane_end) {
  for (index_t p = plane_begin; p < plane_end; ++p) {
    double sum = 0.0;
    for (index_t s = 0; s < hw; ++s) sum += x[p * hw + s];
    y[p] = static_cast<float>(sum / static_cast<double>(hw));
  }
}

void global_avgpool_backward(index_t hw, const float* dy, float* dx, index_t plane_begin,
                             index_t plane_end) {
  for (index_t p = plane_begin; p < plane_end; ++p) {
    const float share = dy[p] / static_cast<float>(hw);
    std::fill(dx + p * hw, dx + (p + 1) * hw, share);
  }
}

}  // namespace cs

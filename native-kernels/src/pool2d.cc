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

void maxpool2d_forward(const Pool2dGeom& g, const float* x, float* y, std::int32_t* indices,
                       index_t plane_begin, index_t plane_end) {
  for (index_t p = plane_begin; p < plane_end; ++p) {
    const float* xp = x + p * g.h * g.w;
    float* yp = y + p * g.oh * g.ow;
    std::int32_t* ip = indices + p * g.oh * g.ow;
    for (index_t oh = 0; oh < g.oh; ++oh)
      for (index_t ow = 0; ow < g.ow; ++ow) {
        const Window win = window(g, oh, ow);
        float best = -std::numeric_limits<float>::infinity();
        index_t arg = win.h0 * g.w + win.w0;
        // As torch's CPU kernel: the first maximum wins, NaN propagates, and with several NaNs in
        // a window the last one is the argmax (no early exit).
        for (index_t ih = win.h0; ih < win.h1; ++ih)
          for (index_t iw = win.w0; iw < win.w1; ++iw) {
            const float v = xp[ih * g.w + iw];
            if (v > best || std::isnan(v)) {
              best = v;
              arg = ih * g.w + iw;
            }
          }
        yp[oh * g.ow + ow] = best;
        ip[oh * g.ow + ow] = static_cast<std::int32_t>(arg);
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

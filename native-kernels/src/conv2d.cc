#include "conv2d.h"

#include <algorithm>
#include <vector>

#include "gemm.h"
#include "padding.h"

namespace cs {
namespace {

/// A run of output pixels in one output row and one NR panel: contiguous in every layout.
struct Segment {
  int j0, len;
  index_t oh, ow0;
};

/// Per-call tables shared by im2col and col2im.
struct Plan {
  const Conv2dGeom& g;
  index_t kg;  // contraction length per group: (c / groups) * kh * kw
  std::vector<int> map_h, map_w;
  std::vector<int> run_w;  // run_w[p]: how many of map_w[p], map_w[p+1], ... are consecutive
  std::vector<int> k_chan, k_off_h, k_off_w;
  std::vector<Segment> segs;

  explicit Plan(const Conv2dGeom& geom) : g(geom) {
    const index_t cg = g.c / g.groups;
    kg = cg * g.kh * g.kw;
    map_h = pad_map(g.h, g.ph, g.ph, g.mode);
    map_w = pad_map(g.w, g.pw, g.pw, g.mode);
    run_w.assign(map_w.size(), 0);
    for (index_t p = static_cast<index_t>(map_w.size()) - 1; p >= 0; --p) {
      const auto i = static_cast<std::size_t>(p);
      if (map_w[i] < 0) continue;
      const bool next = i + 1 < map_w.size() && map_w[i + 1] == map_w[i] + 1;
      run_w[i] = next ? run_w[i + 1] + 1 : 1;
    }
    k_chan.resize(static_cast<std::size_t>(kg));
    k_off_h.resize(static_cast<std::size_t>(kg));
    k_off_w.resize(static_cast<std::size_t>(kg));
    for (index_t k = 0; k < kg; ++k) {
      const auto i = static_cast<std::size_t>(k);
      k_chan[i] = static_cast<int>(k / (g.kh * g.kw));
      const index_t r = k % (g.kh * g.kw);
      k_off_h[i] = static_cast<int>((r / g.kw) * g.dh);
      k_off_w[i] = static_cast<int>((r % g.kw) * g.dw);
    }
  }

  /// Splits output pixels [p0, p0 + nc) of one plane at row and panel boundaries.
  void plan_segments(index_t p0, int nc) {
    segs.clear();
    int j = 0;
    while (j < nc) {
      const index_t p = p0 + j;
      const index_t oh = p / g.ow;
      const index_t ow = p % g.ow;
      const int len = static_cast<int>(
          std::min<index_t>({static_cast<index_t>(nc - j), g.ow - ow, kNR - (j % kNR)}));
      segs.push_back({j, len, oh, ow});
      j += len;
    }
  }

  /// Writes im2col rows [k0, k0 + kc) for the planned pixels. Panel layout (GEMM B operand) or
  /// row-major with leading dimension ld.
  template <bool kPanel>
  void im2col(const float* xg, index_t k0, int kc, int nc, float* dst, index_t ld) const {
    const index_t plane = g.h * g.w;
    for (int kk = 0; kk < kc; ++kk) {
      const auto k = static_cast<std::size_t>(k0 + kk);
      const float* xc = xg + k_chan[k] * plane;
      for (const Segment& s : segs) {
        float* d = kPanel
                       ? dst + static_cast<index_t>(s.j0 / kNR) * kc * kNR + kk * kNR + s.j0 % kNR
                       : dst + kk * ld + s.j0;
        const int ih = map_h[static_cast<std::size_t>(s.oh * g.sh + k_off_h[k])];
        if (ih < 0) {
          std::fill(d, d + s.len, 0.0f);
          continue;
        }
        const float* row = xc + static_cast<index_t>(ih) * g.w;
        const auto base = static_cast<std::size_t>(s.ow0 * g.sw + k_off_w[k]);
        if (g.sw == 1 && run_w[base] >= s.len) {
          std::memcpy(d, row + map_w[base], sizeof(float) * static_cast<std::size_t>(s.len));
        } else {
          for (int t = 0; t < s.len; ++t) {
            const int iw = map_w[base + static_cast<std::size_t>(t * g.sw)];
            d[t] = iw < 0 ? 0.0f : row[iw];
          }
        }
      }
      if (kPanel && nc % kNR != 0) {
        float* d = dst + static_cast<index_t>(nc / kNR) * kc * kNR + kk * kNR;
        std::fill(d + nc % kNR, d + kNR, 0.0f);
      }
    }
  }

  /// Scatter-adds row-major columns (leading dimension ld) back into the image gradient.
  void col2im(const float* col, index_t ld, int kc, float* dxg) const {
    const index_t plane = g.h * g.w;
    for (int kk = 0; kk < kc; ++kk) {
      const auto k = static_cast<std::size_t>(kk);
      float* dc = dxg + k_chan[k] * plane;
      for (const Segment& s : segs) {
        const float* src = col + kk * ld + s.j0;
        const int ih = map_h[static_cast<std::size_t>(s.oh * g.sh + k_off_h[k])];
        if (ih < 0) continue;
        float* row = dc + static_cast<index_t>(ih) * g.w;
        const auto base = static_cast<std::size_t>(s.ow0 * g.sw + k_off_w[k]);
        if (g.sw == 1 && run_w[base] >= s.len) {
          float* r = row + map_w[base];
          for (int t = 0; t < s.len; ++t) r[t] += src[t];
        } else {
          for (int t = 0; t < s.len; ++t) {
            const int iw = map_w[base + static_cast<std::size_t>(t * g.sw)];
            if (iw >= 0) row[iw] += src[t];
          }
        }
      }
    }
  }
};

/// Weights in the orientation cross-correlation needs: a flipped copy for true convolution.
const float* oriented_weights(const Conv2dGeom& g, const float* w, float* scratch) {
  if (!g.flip) return w;
  const index_t taps = g.kh * g.kw;
  const index_t blocks = g.f * (g.c / g.groups);
  for (index_t b = 0; b < blocks; ++b)
    std::reverse_copy(w + b * taps, w + (b + 1) * taps, scratch + b * taps);
  return scratch;
}

/// Pixels per im2col block in the backward passes: bounds the column buffer to about 4 MB.
index_t col_block(index_t kg) {
  const index_t cols = std::max<index_t>(kNR, (index_t{1} << 20) / std::max<index_t>(kg, 1));
  return std::min<index_t>(kNC, cols / kNR * kNR);
}

}  // namespace

namespace {

/// Adds the bias and applies the activation to rows of `count` outputs of `filters` filters.
CS_CLONES void finish_outputs(float* y, index_t stride, index_t filters, index_t count,
                              const float* bias, Activation act) {
  for (index_t f = 0; f < filters; ++f) {
    float* yr = y + f * stride;
    const float b = bias != nullptr ? bias[f] : 0.0f;
    if (act == Activation::kRelu) {
      for (index_t p = 0; p < count; ++p) yr[p] = std::max(yr[p] + b, 0.0f);
    } else if (b != 0.0f) {
      for (index_t p = 0; p < count; ++p) yr[p] += b;
    }
  }
}

/// Calls fn(n, oh0, oh1) for each image's share of the flattened (n, oh) row range.
template <typename Fn>
bool for_each_image_rows(const Conv2dGeom& g, index_t row_begin, index_t row_end,
                         const Cancel& cancel, Fn&& fn) {
  for (index_t row = row_begin; row < row_end;) {
    if (cancel.requested()) return false;
    const index_t n = row / g.oh;
    const index_t oh0 = row % g.oh;
    const index_t oh1 = std::min<index_t>(g.oh, oh0 + (row_end - row));
    row += oh1 - oh0;
    if (!fn(n, oh0, oh1)) return false;
  }
  return true;
}

/// im2col + packed GEMM: each output pixel is a GEMM column, each filter a row. Fast when the
/// filters and the contraction (channels x taps per group) fill the 6x16 micro-tiles.
bool forward_gemm(const Conv2dGeom& g, Plan& plan, const float* x, const float* wt,
                  const float* bias, float* y, index_t row_begin, index_t row_end, Activation act,
                  float* gemm_ws, const Cancel& cancel) {
  const index_t fg = g.f / g.groups;
  const index_t cg = g.c / g.groups;
  const index_t opix = g.oh * g.ow;
  return for_each_image_rows(
      g, row_begin, row_end, cancel, [&](index_t n, index_t oh0, index_t oh1) {
        const index_t p0 = oh0 * g.ow;
        const index_t npix = (oh1 - oh0) * g.ow;
        for (index_t gi = 0; gi < g.groups; ++gi) {
          const float* wg = wt + gi * fg * plan.kg;
          const float* xg = x + (n * g.c + gi * cg) * g.h * g.w;
          float* yg = y + (n * g.f + gi * fg) * opix + p0;
          auto pack_a = [&](index_t i0, index_t k0, int mc, int kc, float* dst) {
            pack_a_rows(wg + i0 * plan.kg + k0, plan.kg, mc, kc, dst);
          };
          auto pack_b = [&](index_t k0, index_t j0, int kc, int nc, float* dst) {
            if (k0 == 0) plan.plan_segments(p0 + j0, nc);
            plan.im2col<true>(xg, k0, kc, nc, dst, 0);
          };
          if (!gemm_blocked(fg, npix, plan.kg, pack_a, pack_b, yg, opix, false, gemm_ws, cancel))
            return false;
          finish_outputs(yg, opix, fg, npix, bias == nullptr ? nullptr : bias + gi * fg, act);
        }
        return true;
      });
}

/// Scratch floats of forward_gemm_wide for R output rows per block.
struct WideLayout {
  index_t rows_per_block, band_rows, wp, band_floats, out_floats;
};

WideLayout wide_layout(const Conv2dGeom& g) {
  WideLayout l{};
  l.wp = g.w + 2 * g.pw;
  l.rows_per_block = std::max<index_t>(1, kNC / l.wp);
  l.band_rows = l.rows_per_block + (g.kh - 1) * g.dh;
  // (kw - 1) * dw of slack: the last wide columns read past the band's end (into discarded output).
  l.band_floats = (g.c / g.groups) * l.band_rows * l.wp + (g.kw - 1) * g.dw + kNR;
  l.out_floats = (g.f / g.groups) * l.rows_per_block * l.wp;
  return l;
}

/// Stride 1: im2col + GEMM over "wide" rows. Each block of output rows is computed over the full
/// padded width, so every im2col row is one contiguous run of a padded band of the image and
/// packing is plain copies (no per-row segments). The wp - ow extra columns per row are computed
/// and then dropped when the block is copied out with bias and activation.
bool forward_gemm_wide(const Conv2dGeom& g, const Plan& plan, const float* x, const float* wt,
                       const float* bias, float* y, index_t row_begin, index_t row_end,
                       Activation act, float* gemm_ws, float* band, float* wide,
                       const Cancel& cancel) {
  const WideLayout l = wide_layout(g);
  const index_t fg = g.f / g.groups;
  const index_t cg = g.c / g.groups;
  const index_t opix = g.oh * g.ow;
  return for_each_image_rows(
      g, row_begin, row_end, cancel, [&](index_t n, index_t oh0, index_t oh1) {
        for (index_t r0 = oh0; r0 < oh1; r0 += l.rows_per_block) {
          if (cancel.requested()) return false;
          const index_t rows = std::min(l.rows_per_block, oh1 - r0);
          const index_t brows = rows + (g.kh - 1) * g.dh;
          const index_t plane = brows * l.wp;
          for (index_t gi = 0; gi < g.groups; ++gi) {
            // The padded band: rows [r0, r0 + brows) of the padded input, all padded columns.
            for (index_t c = 0; c < cg; ++c) {
              const float* xc = x + (n * g.c + gi * cg + c) * g.h * g.w;
              for (index_t r = 0; r < brows; ++r) {
                float* d = band + c * plane + r * l.wp;
                const int ih = plan.map_h[static_cast<std::size_t>(r0 + r)];
                if (ih < 0) {
                  std::fill(d, d + l.wp, 0.0f);
                  continue;
                }
                const float* src = xc + static_cast<index_t>(ih) * g.w;
                for (index_t p = 0; p < l.wp;) {
                  const auto pu = static_cast<std::size_t>(p);
                  if (plan.map_w[pu] < 0) {
                    d[p++] = 0.0f;
                    continue;
                  }
                  const index_t run = plan.run_w[pu];
                  std::copy(src + plan.map_w[pu], src + plan.map_w[pu] + run, d + p);
                  p += run;
                }
              }
            }
            std::fill(band + cg * plane, band + cg * plane + (g.kw - 1) * g.dw + kNR, 0.0f);

            const float* wg = wt + gi * fg * plan.kg;
            const index_t npix = rows * l.wp;
            auto pack_a = [&](index_t i0, index_t k0, int mc, int kc, float* dst) {
              pack_a_rows(wg + i0 * plan.kg + k0, plan.kg, mc, kc, dst);
            };
            auto pack_b = [&](index_t k0, index_t j0, int kc, int nc, float* dst) {
              for (int kk = 0; kk < kc; ++kk) {
                const auto k = static_cast<std::size_t>(k0 + kk);
                const float* src =
                    band + plan.k_chan[k] * plane + plan.k_off_h[k] * l.wp + plan.k_off_w[k] + j0;
                for (int q = 0; q < nc; q += kNR) {
                  float* d = dst + static_cast<index_t>(q) * kc + kk * kNR;
                  const int len = std::min(kNR, nc - q);
                  for (int t = 0; t < len; ++t) d[t] = src[q + t];
                  for (int t = len; t < kNR; ++t) d[t] = 0.0f;
                }
              }
            };
            if (!gemm_blocked(fg, npix, plan.kg, pack_a, pack_b, wide, npix, false, gemm_ws,
                              cancel))
              return false;
            // Copy the valid columns out, with bias and activation.
            for (index_t f = 0; f < fg; ++f) {
              float* yf = y + (n * g.f + gi * fg + f) * opix + r0 * g.ow;
              for (index_t r = 0; r < rows; ++r)
                std::copy(wide + f * npix + r * l.wp, wide + f * npix + r * l.wp + g.ow,
                          yf + r * g.ow);
            }
            finish_outputs(y + (n * g.f + gi * fg) * opix + r0 * g.ow, opix, fg, rows * g.ow,
                           bias == nullptr ? nullptr : bias + gi * fg, act);
          }
        }
        return true;
      });
}

/// Direct: for each filter and tap, one scaled row added into each output row (a vectorised
/// axpy). No packing at all, so it wins when a GEMM would be mostly padding: few filters per
/// group (depthwise, single-channel image filters) or a tiny contraction.
CS_CLONES bool forward_direct(const Conv2dGeom& g, const Plan& plan, const float* x,
                              const float* wt, const float* bias, float* y, index_t row_begin,
                              index_t row_end, Activation act, const Cancel& cancel) {
  const index_t fg = g.f / g.groups;
  const index_t cg = g.c / g.groups;
  const index_t opix = g.oh * g.ow;
  return for_each_image_rows(
      g, row_begin, row_end, cancel, [&](index_t n, index_t oh0, index_t oh1) {
        for (index_t fo = 0; fo < g.f; ++fo) {
          const index_t gi = fo / fg;
          float* yp = y + (n * g.f + fo) * opix;
          std::fill(yp + oh0 * g.ow, yp + oh1 * g.ow, 0.0f);
          const float* wf = wt + fo * plan.kg;
          for (index_t k = 0; k < plan.kg; ++k) {
            const float wv = wf[k];
            const auto ku = static_cast<std::size_t>(k);
            const float* xc = x + (n * g.c + gi * cg + plan.k_chan[ku]) * g.h * g.w;
            const index_t koff_w = plan.k_off_w[ku];
            for (index_t oh = oh0; oh < oh1; ++oh) {
              const int ih = plan.map_h[static_cast<std::size_t>(oh * g.sh + plan.k_off_h[ku])];
              if (ih < 0) continue;
              const float* __restrict xr = xc + static_cast<index_t>(ih) * g.w;
              float* __restrict yr = yp + oh * g.ow;
              if (g.sw == 1) {
                for (index_t ow = 0; ow < g.ow;) {
                  const auto p = static_cast<std::size_t>(ow + koff_w);
                  if (plan.map_w[p] < 0) {
                    ++ow;
                    continue;
                  }
                  const index_t run = std::min<index_t>(plan.run_w[p], g.ow - ow);
                  const float* __restrict xs = xr + plan.map_w[p];
                  float* __restrict ys = yr + ow;
                  for (index_t t = 0; t < run; ++t) ys[t] += wv * xs[t];
                  ow += run;
                }
              } else {
                for (index_t ow = 0; ow < g.ow; ++ow) {
                  const int iw = plan.map_w[static_cast<std::size_t>(ow * g.sw + koff_w)];
                  if (iw >= 0) yr[ow] += wv * xr[iw];
                }
              }
            }
          }
        }
        const index_t p0 = oh0 * g.ow;
        finish_outputs(y + n * g.f * opix + p0, opix, g.f, (oh1 - oh0) * g.ow, bias, act);
        return true;
      });
}

}  // namespace

ConvAlgorithm choose_algorithm(const Conv2dGeom& g) {
  if (g.algorithm != ConvAlgorithm::kAuto) return g.algorithm;
  // Measured with `npm run bench` (section "Conv forward algorithms") on a 2-core AVX-512 Zen 4:
  // with 3 or more filters per group the GEMM wins even on a 9-long contraction (the homework's
  // first layer: 22.6 vs 7.4 GFLOP/s; its second: 38.6 vs 5.1); with one filter per group
  // (depthwise, per-channel image filters) direct wins by 1.8x to 2.3x; two filters per group were
  // a tie (13.8 vs 13.6), left to direct.
  return g.f / g.groups >= 3 ? ConvAlgorithm::kGemm : ConvAlgorithm::kDirect;
}

bool conv2d_forward(const Conv2dGeom& g, const float* x, const float* w, const float* bias,
                    float* y, index_t row_begin, index_t row_end, Activation act, Workspace& ws,
                    const Cancel& cancel) {
  Plan plan(g);
  const ConvAlgorithm algorithm = choose_algorithm(g);
  const bool wide = algorithm == ConvAlgorithm::kGemm && g.sh == 1 && g.sw == 1;
  const WideLayout l = wide_layout(g);
  const std::size_t wsize = g.flip ? static_cast<std::size_t>(g.f * plan.kg) : 0;
  const std::size_t gsize = gemm_workspace_floats();
  const std::size_t bsize = wide ? static_cast<std::size_t>(l.band_floats) : 0;
  const std::size_t osize = wide ? static_cast<std::size_t>(l.out_floats) : 0;
  float* base = ws.floats(gsize + bsize + osize + wsize);
  const float* wt = oriented_weights(g, w, base + gsize + bsize + osize);
  if (algorithm == ConvAlgorithm::kDirect)
    return forward_direct(g, plan, x, wt, bias, y, row_begin, row_end, act, cancel);
  if (wide)
    return forward_gemm_wide(g, plan, x, wt, bias, y, row_begin, row_end, act, base, base + gsize,
                             base + gsize + bsize, cancel);
  return forward_gemm(g, plan, x, wt, bias, y, row_begin, row_end, act, base, cancel);
}

bool conv2d_backward_input(const Conv2dGeom& g, const float* dy, const float* w, float* dx,
                           index_t n_begin, index_t n_end, Workspace& ws, const Cancel& cancel) {
  Plan plan(g);
  const index_t fg = g.f / g.groups;
  const index_t cg = g.c / g.groups;
  const index_t opix = g.oh * g.ow;
  const index_t cols = col_block(plan.kg);
  const std::size_t wsize = static_cast<std::size_t>(g.f * plan.kg);
  const std::size_t colsize = static_cast<std::size_t>(plan.kg * cols);
  float* base = ws.floats(gemm_workspace_floats() + colsize + (g.flip ? wsize : 0));
  float* gemm_ws = base;
  float* col = base + gemm_workspace_floats();
  const float* wt = oriented_weights(g, w, col + colsize);

  for (index_t n = n_begin; n < n_end; ++n) {
    std::fill(dx + n * g.c * g.h * g.w, dx + (n + 1) * g.c * g.h * g.w, 0.0f);
    for (index_t gi = 0; gi < g.groups; ++gi) {
      const float* wg = wt + gi * fg * plan.kg;
      const float* dyg = dy + (n * g.f + gi * fg) * opix;
      float* dxg = dx + (n * g.c + gi * cg) * g.h * g.w;
      for (index_t j0 = 0; j0 < opix; j0 += cols) {
        const int nc = static_cast<int>(std::min<index_t>(cols, opix - j0));
        // dcol[kg x nc] = Wg^T [kg x fg] * dY[fg x nc]
        if (!sgemm(true, false, plan.kg, nc, fg, wg, plan.kg, dyg + j0, opix, col, nc, false,
                   gemm_ws, cancel))
          return false;
        plan.plan_segments(j0, nc);
        plan.col2im(col, nc, static_cast<int>(plan.kg), dxg);
      }
    }
  }
  return true;
}

bool conv2d_backward_weight(const Conv2dGeom& g, const float* x, const float* dy, float* dw,
                            float* dbias, index_t n_begin, index_t n_end, Workspace& ws,
                            const Cancel& cancel) {
  Plan plan(g);
  const index_t fg = g.f / g.groups;
  const index_t cg = g.c / g.groups;
  const index_t opix = g.oh * g.ow;
  const index_t cols = col_block(plan.kg);
  float* gemm_ws = ws.floats(gemm_workspace_floats() + static_cast<std::size_t>(plan.kg * cols));
  float* col = gemm_ws + gemm_workspace_floats();

  std::fill(dw, dw + g.f * plan.kg, 0.0f);
  if (dbias != nullptr) std::fill(dbias, dbias + g.f, 0.0f);
  for (index_t n = n_begin; n < n_end; ++n) {
    for (index_t gi = 0; gi < g.groups; ++gi) {
      const float* xg = x + (n * g.c + gi * cg) * g.h * g.w;
      const float* dyg = dy + (n * g.f + gi * fg) * opix;
      float* dwg = dw + gi * fg * plan.kg;
      for (index_t j0 = 0; j0 < opix; j0 += cols) {
        const int nc = static_cast<int>(std::min<index_t>(cols, opix - j0));
        plan.plan_segments(j0, nc);
        plan.im2col<false>(xg, 0, static_cast<int>(plan.kg), nc, col, nc);
        // dWg[fg x kg] += dY[fg x nc] * col^T  (col stored kg x nc)
        if (!sgemm(false, true, fg, plan.kg, nc, dyg + j0, opix, col, nc, dwg, plan.kg, true,
                   gemm_ws, cancel))
          return false;
      }
      if (dbias != nullptr) {
        for (index_t f = 0; f < fg; ++f) {
          double s = 0.0;
          const float* r = dyg + f * opix;
          for (index_t p = 0; p < opix; ++p) s += r[p];
          dbias[gi * fg + f] += static_cast<float>(s);
        }
      }
    }
  }
  if (g.flip) {
    const index_t taps = g.kh * g.kw;
    for (index_t b = 0; b < g.f * cg; ++b) std::reverse(dw + b * taps, dw + (b + 1) * taps);
  }
  return true;
}

}  // namespace cs

// 2-D image filtering of interleaved 8- or 16-bit images straight to 8- or 16-bit output: the
// kernel behind Filter Studio and `convscope filter`. Rows are independent given the source, so
// the caller's range is a range of output rows (a worker pool splits an image into row bands; the
// halo rows are read from the shared source, never copied).
#pragma once

#include "common.h"
#include "padding.h"

namespace cs {

/// How filtered values become samples; kStatsOnly computes the min/max (for a later stretch) and
/// writes nothing.
enum class Mapping : int { kClamp = 0, kAbs = 1, kShift = 2, kStretch = 3, kStatsOnly = 4 };

struct Filter2dGeom {
  index_t width, height;
  index_t channels;  // source samples per pixel (1..4), interleaved
  int depth;         // 8 or 16, for source and destination
  bool has_alpha;    // last channel is alpha: copied, never filtered
  bool luminance;    // filter Rec. 709 luminance into one gray channel (+ alpha)
  index_t kh, kw;    // kernel size (1..31 each)
  index_t anchor_y,
      anchor_x;  // output (y, x) reads input rows y - anchor_y + i, cols x - anchor_x + j
  PadMode border;
  Mapping mapping;
  bool gradient;  // output sqrt(gx^2 + gy^2) from two kernels
};

/// A correlation kernel kh x kw (already flipped for true convolution); when `col` and `row` are
/// set the kernel is their outer product and is applied as two 1-D passes.
struct FilterKernel {
  const float* k = nullptr;
  const float* col = nullptr;
  const float* row = nullptr;
};

struct FilterParams {
  double scale, offset;
  double stretch_min, stretch_max;  // kStretch: the range mapped onto [0, max sample]
};

/// Which columns to compute and which pre-mapping values to hand out. A preview shows a window of
/// the image, so only its columns are filtered (the destination rows are written there only), and
/// the values before mapping (histogram, hover readout, diverging view) are copied out at the
/// shown columns `xs` (each in [col_begin, col_end)): `values` receives, per output row in order,
/// xs_count pixels of `colour bands` floats (the colour channels, or 1 for luminance; never alpha).
struct Filter2dWindow {
  index_t col_begin = 0, col_end = 0;
  const std::int32_t* xs = nullptr;
  index_t xs_count = 0;
  float* values = nullptr;
};

/// Destination channels: 1 (+1 alpha) for luminance, else the source's.
index_t filter2d_dst_channels(const Filter2dGeom& g);

/// Colour bands of the pre-mapping values: 1 for luminance, else the colour channels.
index_t filter2d_value_bands(const Filter2dGeom& g);

/// Filters output rows [row_begin, row_end) over the window's columns. minmax[0..1] receive the
/// min and max of the pre-mapping values computed (colour channels only). Returns false if
/// cancelled.
bool filter2d(const Filter2dGeom& g, const void* src, void* dst, const FilterKernel& kx,
              const FilterKernel& ky, const FilterParams& params, double* minmax, index_t row_begin,
              index_t row_end, const Filter2dWindow& window, Workspace& ws, const Cancel& cancel);

}  // namespace cs

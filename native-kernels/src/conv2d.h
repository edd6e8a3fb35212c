// 2-D convolution over NCHW float32 tensors, with torch.nn.functional.conv2d semantics.
#pragma once

#include "common.h"
#include "padding.h"

namespace cs {

/// How the forward pass is computed. kAuto picks by shape (see choose_algorithm in conv2d.cc);
/// the others exist so that tests and the benchmark can run and compare each one.
enum class ConvAlgorithm : int { kAuto = 0, kGemm = 1, kDirect = 2 };

/// Geometry of one conv2d call; all values validated by the TypeScript front.
struct Conv2dGeom {
  index_t n, c, h, w;  // input
  index_t f, kh, kw;   // weights [f, c / groups, kh, kw]
  index_t oh, ow;      // output spatial size
  index_t sh, sw, ph, pw, dh, dw, groups;
  PadMode mode;
  bool flip;  // true convolution: the kernel is flipped in both spatial axes
  ConvAlgorithm algorithm;
};

enum class Activation : int { kNone = 0, kRelu = 1 };

/// The forward algorithm used for this geometry (resolves kAuto).
ConvAlgorithm choose_algorithm(const Conv2dGeom& g);

/// y rows [row_begin, row_end) of the flattened (n, oh) space; bias may be null.
bool conv2d_forward(const Conv2dGeom& g, const float* x, const float* w, const float* bias,
                    float* y, index_t row_begin, index_t row_end, Activation act, Workspace& ws,
                    const Cancel& cancel);

/// dx for batch items [n_begin, n_end) (overwritten).
bool conv2d_backward_input(const Conv2dGeom& g, const float* dy, const float* w, float* dx,
                           index_t n_begin, index_t n_end, Workspace& ws, const Cancel& cancel);

/// dw (and dbias if non-null) overwritten with the sum over batch items [n_begin, n_end); the
/// caller adds the partial sums of several ranges.
bool conv2d_backward_weight(const Conv2dGeom& g, const float* x, const float* dy, float* dw,
                            float* dbias, index_t n_begin, index_t n_end, Workspace& ws,
                            const Cancel& cancel);

}  // namespace cs

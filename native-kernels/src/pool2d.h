// Max, average and global average pooling over NCHW float32 tensors, with
// torch.nn.functional semantics (ceil_mode false). Planes (n, c) are independent, so the caller's
// range is a range of planes.
#pragma once

#include "common.h"

namespace cs {

struct Pool2dGeom {
  index_t h, w, kh, kw, sh, sw, ph, pw, oh, ow;
  bool count_include_pad;  // average pooling only
};

/// indices receive the argmax as a flat index into the input plane (torch's return_indices).
void maxpool2d_forward(const Pool2dGeom& g, const float* x, float* y, std::int32_t* indices,
                       index_t plane_begin, index_t plane_end);
void maxpool2d_backward(const Pool2dGeom& g, const float* dy, const std::int32_t* indices,
                        float* dx, index_t plane_begin, index_t plane_end);
void avgpool2d_forward(const Pool2dGeom& g, const float* x, float* y, index_t plane_begin,
                       index_t plane_end);
void avgpool2d_backward(const Pool2dGeom& g, const float* dy, float* dx, index_t plane_begin,
                        index_t plane_end);
void global_avgpool_forward(index_t hw, const float* x, float* y, index_t plane_begin,
                            index_t plane_end);
void global_avgpool_backward(index_t hw, const float* dy, float* dx, index_t plane_begin,
                             index_t plane_end);

}  // namespace cs

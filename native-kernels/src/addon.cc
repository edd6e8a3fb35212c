// The only file that knows Node-API. It unpacks typed arrays into plain views, re-checks every
// length and range (the TypeScript front already validated them and gives the friendly messages;
// these checks exist so that no call, however malformed, can read or write out of bounds), and
// calls the plain C++ kernels. Per-environment state (one per worker thread) lives in the Addon
// instance.
#include <napi.h>

#include <cmath>
#include <string>

#include "batchnorm.h"
#include "conv2d.h"
#include "elementwise.h"
#include "filter2d.h"
#include "linear.h"
#include "peak_flops.h"
#include "pool2d.h"

namespace {

using cs::index_t;

[[noreturn]] void fail(Napi::Env env, const std::string& what) {
  throw Napi::RangeError::New(env, "convscope native kernels: " + what);
}

template <typename T>
struct ElementType;
template <>
struct ElementType<float> {
  static constexpr napi_typedarray_type value = napi_float32_array;
};
template <>
struct ElementType<std::int32_t> {
  static constexpr napi_typedarray_type value = napi_int32_array;
};
template <>
struct ElementType<std::uint8_t> {
  static constexpr napi_typedarray_type value = napi_uint8_array;
};
template <>
struct ElementType<std::uint16_t> {
  static constexpr napi_typedarray_type value = napi_uint16_array;
};
template <>
struct ElementType<double> {
  static constexpr napi_typedarray_type value = napi_float64_array;
};

template <typename T>
T* typed(const Napi::CallbackInfo& info, std::size_t i, index_t min_len, const char* name,
         bool nullable = false) {
  Napi::Env env = info.Env();
  if (nullable && (info[i].IsNull() || info[i].IsUndefined())) return nullptr;
  if (!info[i].IsTypedArray()) fail(env, std::string(name) + " must be a typed array");
  auto arr = info[i].As<Napi::TypedArray>();
  if (arr.TypedArrayType() != ElementType<T>::value)
    fail(env, std::string(name) + " has the wrong element type");
  auto view = info[i].As<Napi::TypedArrayOf<T>>();
  if (static_cast<index_t>(view.ElementLength()) < min_len)
    fail(env, std::string(name) + " is too short: " + std::to_string(view.ElementLength()) + " < " +
                  std::to_string(min_len));
  return view.Data();
}

index_t integer(const Napi::CallbackInfo& info, std::size_t i, const char* name) {
  if (!info[i].IsNumber()) fail(info.Env(), std::string(name) + " must be a number");
  const double v = info[i].As<Napi::Number>().DoubleValue();
  if (!std::isfinite(v) || v != std::floor(v) || std::fabs(v) > 9.0e15)
    fail(info.Env(), std::string(name) + " must be an integer");
  return static_cast<index_t>(v);
}

double number(const Napi::CallbackInfo& info, std::size_t i, const char* name) {
  if (!info[i].IsNumber()) fail(info.Env(), std::string(name) + " must be a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

void check_range(Napi::Env env, index_t begin, index_t end, index_t limit) {
  if (begin < 0 || end < begin || end > limit)
    fail(env, "range [" + std::to_string(begin) + ", " + std::to_string(end) + ") is outside [0, " +
                  std::to_string(limit) + ")");
}

cs::Cancel cancel_flag(const Napi::CallbackInfo& info, std::size_t i) {
  if (info.Length() <= i) return {};
  return {typed<std::int32_t>(info, i, 1, "cancel", true)};
}

index_t out_size(index_t in, index_t pad, index_t dil, index_t k, index_t stride) {
  const index_t span = in + 2 * pad - dil * (k - 1) - 1;
  return span < 0 ? 0 : span / stride + 1;
}

/// Geometry array: [n, c, h, w, f, kh, kw, sh, sw, ph, pw, dh, dw, groups, mode, flip,
/// algorithm?] (algorithm 0 auto, 1 im2col+GEMM, 2 direct; absent means auto).
cs::Conv2dGeom conv_geom(const Napi::CallbackInfo& info, std::size_t i) {
  Napi::Env env = info.Env();
  const std::int32_t* v = typed<std::int32_t>(info, i, 16, "geometry");
  cs::Conv2dGeom g{};
  g.n = v[0];
  g.c = v[1];
  g.h = v[2];
  g.w = v[3];
  g.f = v[4];
  g.kh = v[5];
  g.kw = v[6];
  g.sh = v[7];
  g.sw = v[8];
  g.ph = v[9];
  g.pw = v[10];
  g.dh = v[11];
  g.dw = v[12];
  g.groups = v[13];
  const int mode = v[14];
  g.flip = v[15] != 0;
  const int algorithm = info[i].As<Napi::Int32Array>().ElementLength() > 16 ? v[16] : 0;
  if (algorithm < 0 || algorithm > 2) fail(env, "unknown conv2d algorithm");
  g.algorithm = static_cast<cs::ConvAlgorithm>(algorithm);
  if (g.n < 1 || g.c < 1 || g.h < 1 || g.w < 1 || g.f < 1 || g.kh < 1 || g.kw < 1 || g.sh < 1 ||
      g.sw < 1 || g.ph < 0 || g.pw < 0 || g.dh < 1 || g.dw < 1 || g.groups < 1 ||
      g.c % g.groups != 0 || g.f % g.groups != 0 || mode < 0 || mode > 3)
    fail(env, "invalid conv2d geometry");
  g.mode = static_cast<cs::PadMode>(mode);
  if ((g.mode == cs::PadMode::kReflect && (g.ph >= g.h || g.pw >= g.w)) ||
      (g.mode == cs::PadMode::kCircular && (g.ph > g.h || g.pw > g.w)))
    fail(env, "padding too large for the padding mode");
  g.oh = out_size(g.h, g.ph, g.dh, g.kh, g.sh);
  g.ow = out_size(g.w, g.pw, g.dw, g.kw, g.sw);
  if (g.oh < 1 || g.ow < 1) fail(env, "kernel larger than the padded input");
  return g;
}

/// Geometry array: [n, c, h, w, kh, kw, sh, sw, ph, pw, countIncludePad].
struct PoolArgs {
  cs::Pool2dGeom g;
  index_t planes;
};
PoolArgs pool_geom(const Napi::CallbackInfo& info, std::size_t i) {
  const std::int32_t* v = typed<std::int32_t>(info, i, 11, "geometry");
  cs::Pool2dGeom g{};
  const index_t n = v[0], c = v[1];
  g.h = v[2];
  g.w = v[3];
  g.kh = v[4];
  g.kw = v[5];
  g.sh = v[6];
  g.sw = v[7];
  g.ph = v[8];
  g.pw = v[9];
  g.count_include_pad = v[10] != 0;
  if (n < 1 || c < 1 || g.h < 1 || g.w < 1 || g.kh < 1 || g.kw < 1 || g.sh < 1 || g.sw < 1 ||
      g.ph < 0 || g.pw < 0 || 2 * g.ph > g.kh || 2 * g.pw > g.kw)
    fail(info.Env(), "invalid pooling geometry");
  g.oh = out_size(g.h, g.ph, 1, g.kh, g.sh);
  g.ow = out_size(g.w, g.pw, 1, g.kw, g.sw);
  if (g.oh < 1 || g.ow < 1) fail(info.Env(), "pooling window larger than the padded input");
  return {g, n * c};
}

cs::BatchNormGeom bn_geom(const Napi::CallbackInfo& info, std::size_t i, double eps,
                          double momentum) {
  const index_t n = integer(info, i, "n"), c = integer(info, i + 1, "c"),
                hw = integer(info, i + 2, "hw");
  if (n < 1 || c < 1 || hw < 1) fail(info.Env(), "invalid batch norm geometry");
  if (!(eps > 0) || !std::isfinite(eps) || !(momentum >= 0 && momentum <= 1))
    fail(info.Env(), "invalid eps or momentum");
  return {n, c, hw, eps, momentum};
}

cs::LinearGeom linear_geom(const Napi::CallbackInfo& info, std::size_t i) {
  const index_t n = integer(info, i, "n"), in = integer(info, i + 1, "in"),
                out = integer(info, i + 2, "out");
  if (n < 1 || in < 1 || out < 1) fail(info.Env(), "invalid linear geometry");
  return {n, in, out};
}

class Kernels : public Napi::Addon<Kernels> {
 public:
  Kernels(Napi::Env env, Napi::Object exports) {
    DefineAddon(exports,
                {
                    InstanceMethod("conv2dForward", &Kernels::Conv2dForward),
                    InstanceMethod("conv2dBackwardInput", &Kernels::Conv2dBackwardInput),
                    InstanceMethod("conv2dBackwardWeight", &Kernels::Conv2dBackwardWeight),
                    InstanceMethod("batchNormForwardTrain", &Kernels::BatchNormForwardTrain),
                    InstanceMethod("batchNormForwardEval", &Kernels::BatchNormForwardEval),
                    InstanceMethod("batchNormBackwardTrain", &Kernels::BatchNormBackwardTrain),
                    InstanceMethod("batchNormBackwardEval", &Kernels::BatchNormBackwardEval),
                    InstanceMethod("maxPool2dForward", &Kernels::MaxPool2dForward),
                    InstanceMethod("maxPool2dBackward", &Kernels::MaxPool2dBackward),
                    InstanceMethod("avgPool2dForward", &Kernels::AvgPool2dForward),
                    InstanceMethod("avgPool2dBackward", &Kernels::AvgPool2dBackward),
                    InstanceMethod("globalAvgPoolForward", &Kernels::GlobalAvgPoolForward),
                    InstanceMethod("globalAvgPoolBackward", &Kernels::GlobalAvgPoolBackward),
                    InstanceMethod("reluForward", &Kernels::ReluForward),
                    InstanceMethod("reluBackward", &Kernels::ReluBackward),
                    InstanceMethod("dropoutForward", &Kernels::DropoutForward),
                    InstanceMethod("dropoutBackward", &Kernels::DropoutBackward),
                    InstanceMethod("dropoutHash", &Kernels::DropoutHash),
                    InstanceMethod("linearForward", &Kernels::LinearForward),
                    InstanceMethod("linearBackwardInput", &Kernels::LinearBackwardInput),
                    InstanceMethod("linearBackwardWeight", &Kernels::LinearBackwardWeight),
                    InstanceMethod("softmaxXentForward", &Kernels::SoftmaxXentForward),
                    InstanceMethod("softmaxXentBackward", &Kernels::SoftmaxXentBackward),
                    InstanceMethod("filter2d", &Kernels::Filter2d),
                    InstanceMethod("fmaPeak", &Kernels::FmaPeak),
                    InstanceMethod("cpuLevel", &Kernels::CpuLevel),
                    InstanceMethod("conv2dAlgorithm", &Kernels::Conv2dAlgorithm),
                    InstanceMethod("workspaceBytes", &Kernels::WorkspaceBytes),
#ifdef CONVSCOPE_TEST_FAULTS
                    InstanceMethod("crashForTest", &Kernels::CrashForTest),
#endif
                });
  }

 private:
  cs::Workspace ws_;

  // Kernels allocate scratch; an allocation failure becomes a JS error, never an abort.
  template <typename F>
  Napi::Value guarded(Napi::Env env, F&& f) {
    try {
      return f();
    } catch (const std::bad_alloc&) {
      fail(env, "out of memory for kernel workspace");
    }
  }

  // conv2dForward(x, w, bias|null, y, geometry, rowBegin, rowEnd, activation, cancel?)
  Napi::Value Conv2dForward(const Napi::CallbackInfo& info) {
    const cs::Conv2dGeom g = conv_geom(info, 4);
    const float* x = typed<float>(info, 0, g.n * g.c * g.h * g.w, "x");
    const float* w = typed<float>(info, 1, g.f * (g.c / g.groups) * g.kh * g.kw, "w");
    const float* b = typed<float>(info, 2, g.f, "bias", true);
    float* y = typed<float>(info, 3, g.n * g.f * g.oh * g.ow, "y");
    const index_t r0 = integer(info, 5, "rowBegin"), r1 = integer(info, 6, "rowEnd");
    check_range(info.Env(), r0, r1, g.n * g.oh);
    const index_t act = integer(info, 7, "activation");
    if (act < 0 || act > 1) fail(info.Env(), "unknown activation");
    const cs::Cancel cancel = cancel_flag(info, 8);
    return guarded(info.Env(), [&] {
      return Napi::Boolean::New(
          info.Env(),
          cs::conv2d_forward(g, x, w, b, y, r0, r1, static_cast<cs::Activation>(act), ws_, cancel));
    });
  }

  // conv2dBackwardInput(dy, w, dx, geometry, nBegin, nEnd, cancel?)
  Napi::Value Conv2dBackwardInput(const Napi::CallbackInfo& info) {
    const cs::Conv2dGeom g = conv_geom(info, 3);
    const float* dy = typed<float>(info, 0, g.n * g.f * g.oh * g.ow, "dy");
    const float* w = typed<float>(info, 1, g.f * (g.c / g.groups) * g.kh * g.kw, "w");
    float* dx = typed<float>(info, 2, g.n * g.c * g.h * g.w, "dx");
    const index_t n0 = integer(info, 4, "nBegin"), n1 = integer(info, 5, "nEnd");
    check_range(info.Env(), n0, n1, g.n);
    const cs::Cancel cancel = cancel_flag(info, 6);
    return guarded(info.Env(), [&] {
      return Napi::Boolean::New(info.Env(),
                                cs::conv2d_backward_input(g, dy, w, dx, n0, n1, ws_, cancel));
    });
  }

  // conv2dBackwardWeight(x, dy, dw, dbias|null, geometry, nBegin, nEnd, cancel?)
  Napi::Value Conv2dBackwardWeight(const Napi::CallbackInfo& info) {
    const cs::Conv2dGeom g = conv_geom(info, 4);
    const float* x = typed<float>(info, 0, g.n * g.c * g.h * g.w, "x");
    const float* dy = typed<float>(info, 1, g.n * g.f * g.oh * g.ow, "dy");
    float* dw = typed<float>(info, 2, g.f * (g.c / g.groups) * g.kh * g.kw, "dw");
    float* db = typed<float>(info, 3, g.f, "dbias", true);
    const index_t n0 = integer(info, 5, "nBegin"), n1 = integer(info, 6, "nEnd");
    check_range(info.Env(), n0, n1, g.n);
    const cs::Cancel cancel = cancel_flag(info, 7);
    return guarded(info.Env(), [&] {
      return Napi::Boolean::New(info.Env(),
                                cs::conv2d_backward_weight(g, x, dy, dw, db, n0, n1, ws_, cancel));
    });
  }

  // batchNormForwardTrain(x, gamma, beta, y, saveMean, saveInvstd, runMean|null, runVar|null,
  //                       n, c, hw, eps, momentum, cBegin, cEnd)
  Napi::Value BatchNormForwardTrain(const Napi::CallbackInfo& info) {
    const cs::BatchNormGeom g =
        bn_geom(info, 8, number(info, 11, "eps"), number(info, 12, "momentum"));
    if (g.n * g.hw < 2) fail(info.Env(), "training batch norm needs more than one value");
    const index_t total = g.n * g.c * g.hw;
    const float* x = typed<float>(info, 0, total, "x");
    const float* gamma = typed<float>(info, 1, g.c, "gamma");
    const float* beta = typed<float>(info, 2, g.c, "beta");
    float* y = typed<float>(info, 3, total, "y");
    float* sm = typed<float>(info, 4, g.c, "saveMean");
    float* si = typed<float>(info, 5, g.c, "saveInvstd");
    float* rm = typed<float>(info, 6, g.c, "runningMean", true);
    float* rv = typed<float>(info, 7, g.c, "runningVar", rm == nullptr);
    if ((rm == nullptr) != (rv == nullptr)) fail(info.Env(), "running mean and var go together");
    const index_t c0 = integer(info, 13, "cBegin"), c1 = integer(info, 14, "cEnd");
    check_range(info.Env(), c0, c1, g.c);
    cs::batchnorm_forward_train(g, x, gamma, beta, y, sm, si, rm, rv, c0, c1);
    return info.Env().Undefined();
  }

  // batchNormForwardEval(x, gamma, beta, runMean, runVar, y, n, c, hw, eps, cBegin, cEnd)
  Napi::Value BatchNormForwardEval(const Napi::CallbackInfo& info) {
    const cs::BatchNormGeom g = bn_geom(info, 6, number(info, 9, "eps"), 0.0);
    const index_t total = g.n * g.c * g.hw;
    const float* x = typed<float>(info, 0, total, "x");
    const float* gamma = typed<float>(info, 1, g.c, "gamma");
    const float* beta = typed<float>(info, 2, g.c, "beta");
    const float* rm = typed<float>(info, 3, g.c, "runningMean");
    const float* rv = typed<float>(info, 4, g.c, "runningVar");
    float* y = typed<float>(info, 5, total, "y");
    const index_t c0 = integer(info, 10, "cBegin"), c1 = integer(info, 11, "cEnd");
    check_range(info.Env(), c0, c1, g.c);
    cs::batchnorm_forward_eval(g, x, gamma, beta, rm, rv, y, c0, c1);
    return info.Env().Undefined();
  }

  // batchNormBackwardTrain(x, dy, gamma, saveMean, saveInvstd, dx, dgamma, dbeta, n, c, hw,
  //                        cBegin, cEnd)
  Napi::Value BatchNormBackwardTrain(const Napi::CallbackInfo& info) {
    const cs::BatchNormGeom g = bn_geom(info, 8, 1e-5, 0.0);
    const index_t total = g.n * g.c * g.hw;
    const float* x = typed<float>(info, 0, total, "x");
    const float* dy = typed<float>(info, 1, total, "dy");
    const float* gamma = typed<float>(info, 2, g.c, "gamma");
    const float* sm = typed<float>(info, 3, g.c, "saveMean");
    const float* si = typed<float>(info, 4, g.c, "saveInvstd");
    float* dx = typed<float>(info, 5, total, "dx");
    float* dg = typed<float>(info, 6, g.c, "dgamma");
    float* dbt = typed<float>(info, 7, g.c, "dbeta");
    const index_t c0 = integer(info, 11, "cBegin"), c1 = integer(info, 12, "cEnd");
    check_range(info.Env(), c0, c1, g.c);
    cs::batchnorm_backward_train(g, x, dy, gamma, sm, si, dx, dg, dbt, c0, c1);
    return info.Env().Undefined();
  }

  // batchNormBackwardEval(x, dy, gamma, runMean, runVar, dx, dgamma, dbeta, n, c, hw, eps,
  //                       cBegin, cEnd)
  Napi::Value BatchNormBackwardEval(const Napi::CallbackInfo& info) {
    const cs::BatchNormGeom g = bn_geom(info, 8, number(info, 11, "eps"), 0.0);
    const index_t total = g.n * g.c * g.hw;
    const float* x = typed<float>(info, 0, total, "x");
    const float* dy = typed<float>(info, 1, total, "dy");
    const float* gamma = typed<float>(info, 2, g.c, "gamma");
    const float* rm = typed<float>(info, 3, g.c, "runningMean");
    const float* rv = typed<float>(info, 4, g.c, "runningVar");
    float* dx = typed<float>(info, 5, total, "dx");
    float* dg = typed<float>(info, 6, g.c, "dgamma");
    float* dbt = typed<float>(info, 7, g.c, "dbeta");
    const index_t c0 = integer(info, 12, "cBegin"), c1 = integer(info, 13, "cEnd");
    check_range(info.Env(), c0, c1, g.c);
    cs::batchnorm_backward_eval(g, x, dy, gamma, rm, rv, dx, dg, dbt, c0, c1);
    return info.Env().Undefined();
  }

  // maxPool2dForward(x, y, indices, geometry, planeBegin, planeEnd)
  Napi::Value MaxPool2dForward(const Napi::CallbackInfo& info) {
    const PoolArgs p = pool_geom(info, 3);
    const float* x = typed<float>(info, 0, p.planes * p.g.h * p.g.w, "x");
    float* y = typed<float>(info, 1, p.planes * p.g.oh * p.g.ow, "y");
    auto* idx = typed<std::int32_t>(info, 2, p.planes * p.g.oh * p.g.ow, "indices");
    const index_t b = integer(info, 4, "planeBegin"), e = integer(info, 5, "planeEnd");
    check_range(info.Env(), b, e, p.planes);
    cs::maxpool2d_forward(p.g, x, y, idx, b, e);
    return info.Env().Undefined();
  }

  // maxPool2dBackward(dy, indices, dx, geometry, planeBegin, planeEnd)
  Napi::Value MaxPool2dBackward(const Napi::CallbackInfo& info) {
    const PoolArgs p = pool_geom(info, 3);
    const index_t outs = p.planes * p.g.oh * p.g.ow;
    const float* dy = typed<float>(info, 0, outs, "dy");
    const auto* idx = typed<std::int32_t>(info, 1, outs, "indices");
    float* dx = typed<float>(info, 2, p.planes * p.g.h * p.g.w, "dx");
    const index_t b = integer(info, 4, "planeBegin"), e = integer(info, 5, "planeEnd");
    check_range(info.Env(), b, e, p.planes);
    const index_t plane = p.g.h * p.g.w;
    for (index_t i = b * p.g.oh * p.g.ow; i < e * p.g.oh * p.g.ow; ++i)
      if (idx[i] < 0 || idx[i] >= plane) fail(info.Env(), "pooling index out of range");
    cs::maxpool2d_backward(p.g, dy, idx, dx, b, e);
    return info.Env().Undefined();
  }

  // avgPool2dForward(x, y, geometry, planeBegin, planeEnd)
  Napi::Value AvgPool2dForward(const Napi::CallbackInfo& info) {
    const PoolArgs p = pool_geom(info, 2);
    const float* x = typed<float>(info, 0, p.planes * p.g.h * p.g.w, "x");
    float* y = typed<float>(info, 1, p.planes * p.g.oh * p.g.ow, "y");
    const index_t b = integer(info, 3, "planeBegin"), e = integer(info, 4, "planeEnd");
    check_range(info.Env(), b, e, p.planes);
    cs::avgpool2d_forward(p.g, x, y, b, e);
    return info.Env().Undefined();
  }

  // avgPool2dBackward(dy, dx, geometry, planeBegin, planeEnd)
  Napi::Value AvgPool2dBackward(const Napi::CallbackInfo& info) {
    const PoolArgs p = pool_geom(info, 2);
    const float* dy = typed<float>(info, 0, p.planes * p.g.oh * p.g.ow, "dy");
    float* dx = typed<float>(info, 1, p.planes * p.g.h * p.g.w, "dx");
    const index_t b = integer(info, 3, "planeBegin"), e = integer(info, 4, "planeEnd");
    check_range(info.Env(), b, e, p.planes);
    cs::avgpool2d_backward(p.g, dy, dx, b, e);
    return info.Env().Undefined();
  }

  // globalAvgPoolForward(x, y, planes, hw, planeBegin, planeEnd)
  Napi::Value GlobalAvgPoolForward(const Napi::CallbackInfo& info) {
    const index_t planes = integer(info, 2, "planes"), hw = integer(info, 3, "hw");
    if (planes < 1 || hw < 1) fail(info.Env(), "invalid global pooling geometry");
    const float* x = typed<float>(info, 0, planes * hw, "x");
    float* y = typed<float>(info, 1, planes, "y");
    const index_t b = integer(info, 4, "planeBegin"), e = integer(info, 5, "planeEnd");
    check_range(info.Env(), b, e, planes);
    cs::global_avgpool_forward(hw, x, y, b, e);
    return info.Env().Undefined();
  }

  // globalAvgPoolBackward(dy, dx, planes, hw, planeBegin, planeEnd)
  Napi::Value GlobalAvgPoolBackward(const Napi::CallbackInfo& info) {
    const index_t planes = integer(info, 2, "planes"), hw = integer(info, 3, "hw");
    if (planes < 1 || hw < 1) fail(info.Env(), "invalid global pooling geometry");
    const float* dy = typed<float>(info, 0, planes, "dy");
    float* dx = typed<float>(info, 1, planes * hw, "dx");
    const index_t b = integer(info, 4, "planeBegin"), e = integer(info, 5, "planeEnd");
    check_range(info.Env(), b, e, planes);
    cs::global_avgpool_backward(hw, dy, dx, b, e);
    return info.Env().Undefined();
  }

  // reluForward(x, y, begin, end)
  Napi::Value ReluForward(const Napi::CallbackInfo& info) {
    const index_t b = integer(info, 2, "begin"), e = integer(info, 3, "end");
    const float* x = typed<float>(info, 0, e, "x");
    float* y = typed<float>(info, 1, e, "y");
    check_range(info.Env(), b, e, e);
    cs::relu_forward(x, y, b, e);
    return info.Env().Undefined();
  }

  // reluBackward(dy, y, dx, begin, end)
  Napi::Value ReluBackward(const Napi::CallbackInfo& info) {
    const index_t b = integer(info, 3, "begin"), e = integer(info, 4, "end");
    const float* dy = typed<float>(info, 0, e, "dy");
    const float* y = typed<float>(info, 1, e, "y");
    float* dx = typed<float>(info, 2, e, "dx");
    check_range(info.Env(), b, e, e);
    cs::relu_backward(dy, y, dx, b, e);
    return info.Env().Undefined();
  }

  static float drop_p(const Napi::CallbackInfo& info, std::size_t i) {
    const double p = number(info, i, "p");
    if (!(p >= 0.0 && p <= 1.0)) fail(info.Env(), "p must lie in [0, 1]");
    return static_cast<float>(p);
  }

  // dropoutForward(x, y, mask, p, seed, begin, end)
  Napi::Value DropoutForward(const Napi::CallbackInfo& info) {
    const index_t b = integer(info, 5, "begin"), e = integer(info, 6, "end");
    if (e > 0xffffffffLL) fail(info.Env(), "dropout supports at most 2^32 elements");
    const float* x = typed<float>(info, 0, e, "x");
    float* y = typed<float>(info, 1, e, "y");
    auto* mask = typed<std::uint8_t>(info, 2, e, "mask");
    const float p = drop_p(info, 3);
    const index_t seed = integer(info, 4, "seed");
    check_range(info.Env(), b, e, e);
    cs::dropout_forward(x, y, mask, p, static_cast<std::uint32_t>(seed), b, e);
    return info.Env().Undefined();
  }

  // dropoutBackward(dy, mask, p, dx, begin, end)
  Napi::Value DropoutBackward(const Napi::CallbackInfo& info) {
    const index_t b = integer(info, 4, "begin"), e = integer(info, 5, "end");
    const float* dy = typed<float>(info, 0, e, "dy");
    const auto* mask = typed<std::uint8_t>(info, 1, e, "mask");
    const float p = drop_p(info, 2);
    float* dx = typed<float>(info, 3, e, "dx");
    check_range(info.Env(), b, e, e);
    cs::dropout_backward(dy, mask, p, dx, b, e);
    return info.Env().Undefined();
  }

  // dropoutHash(seed, index)
  Napi::Value DropoutHash(const Napi::CallbackInfo& info) {
    const auto seed = static_cast<std::uint32_t>(integer(info, 0, "seed"));
    const auto index = static_cast<std::uint32_t>(integer(info, 1, "index"));
    return Napi::Number::New(info.Env(), cs::dropout_hash(seed, index));
  }

  // linearForward(x, w, bias|null, y, n, in, out, rowBegin, rowEnd, cancel?)
  Napi::Value LinearForward(const Napi::CallbackInfo& info) {
    const cs::LinearGeom g = linear_geom(info, 4);
    const float* x = typed<float>(info, 0, g.n * g.in, "x");
    const float* w = typed<float>(info, 1, g.out * g.in, "w");
    const float* b = typed<float>(info, 2, g.out, "bias", true);
    float* y = typed<float>(info, 3, g.n * g.out, "y");
    const index_t r0 = integer(info, 7, "rowBegin"), r1 = integer(info, 8, "rowEnd");
    check_range(info.Env(), r0, r1, g.n);
    const cs::Cancel cancel = cancel_flag(info, 9);
    return guarded(info.Env(), [&] {
      return Napi::Boolean::New(info.Env(), cs::linear_forward(g, x, w, b, y, r0, r1, ws_, cancel));
    });
  }

  // linearBackwardInput(dy, w, dx, n, in, out, rowBegin, rowEnd, cancel?)
  Napi::Value LinearBackwardInput(const Napi::CallbackInfo& info) {
    const cs::LinearGeom g = linear_geom(info, 3);
    const float* dy = typed<float>(info, 0, g.n * g.out, "dy");
    const float* w = typed<float>(info, 1, g.out * g.in, "w");
    float* dx = typed<float>(info, 2, g.n * g.in, "dx");
    const index_t r0 = integer(info, 6, "rowBegin"), r1 = integer(info, 7, "rowEnd");
    check_range(info.Env(), r0, r1, g.n);
    const cs::Cancel cancel = cancel_flag(info, 8);
    return guarded(info.Env(), [&] {
      return Napi::Boolean::New(info.Env(),
                                cs::linear_backward_input(g, dy, w, dx, r0, r1, ws_, cancel));
    });
  }

  // linearBackwardWeight(x, dy, dw, dbias|null, n, in, out, outBegin, outEnd, cancel?)
  Napi::Value LinearBackwardWeight(const Napi::CallbackInfo& info) {
    const cs::LinearGeom g = linear_geom(info, 4);
    const float* x = typed<float>(info, 0, g.n * g.in, "x");
    const float* dy = typed<float>(info, 1, g.n * g.out, "dy");
    float* dw = typed<float>(info, 2, g.out * g.in, "dw");
    float* db = typed<float>(info, 3, g.out, "dbias", true);
    const index_t o0 = integer(info, 7, "outBegin"), o1 = integer(info, 8, "outEnd");
    check_range(info.Env(), o0, o1, g.out);
    const cs::Cancel cancel = cancel_flag(info, 9);
    return guarded(info.Env(), [&] {
      return Napi::Boolean::New(info.Env(),
                                cs::linear_backward_weight(g, x, dy, dw, db, o0, o1, ws_, cancel));
    });
  }

  static void check_labels(const Napi::CallbackInfo& info, const std::int32_t* labels, index_t b,
                           index_t e, index_t classes) {
    for (index_t r = b; r < e; ++r)
      if (labels[r] < 0 || labels[r] >= classes) fail(info.Env(), "label out of range");
  }

  // softmaxXentForward(logits, labels, probs, n, classes, rowBegin, rowEnd) -> sum of losses
  Napi::Value SoftmaxXentForward(const Napi::CallbackInfo& info) {
    const index_t n = integer(info, 3, "n"), k = integer(info, 4, "classes");
    if (n < 1 || k < 1) fail(info.Env(), "invalid cross-entropy geometry");
    const float* z = typed<float>(info, 0, n * k, "logits");
    const auto* labels = typed<std::int32_t>(info, 1, n, "labels");
    float* probs = typed<float>(info, 2, n * k, "probs");
    const index_t b = integer(info, 5, "rowBegin"), e = integer(info, 6, "rowEnd");
    check_range(info.Env(), b, e, n);
    check_labels(info, labels, b, e, k);
    return Napi::Number::New(info.Env(), cs::softmax_xent_forward(n, k, z, labels, probs, b, e));
  }

  // softmaxXentBackward(probs, labels, scale, dlogits, n, classes, rowBegin, rowEnd)
  Napi::Value SoftmaxXentBackward(const Napi::CallbackInfo& info) {
    const index_t n = integer(info, 4, "n"), k = integer(info, 5, "classes");
    if (n < 1 || k < 1) fail(info.Env(), "invalid cross-entropy geometry");
    const float* probs = typed<float>(info, 0, n * k, "probs");
    const auto* labels = typed<std::int32_t>(info, 1, n, "labels");
    const auto scale = static_cast<float>(number(info, 2, "scale"));
    float* d = typed<float>(info, 3, n * k, "dlogits");
    const index_t b = integer(info, 6, "rowBegin"), e = integer(info, 7, "rowEnd");
    check_range(info.Env(), b, e, n);
    check_labels(info, labels, b, e, k);
    cs::softmax_xent_backward(k, probs, labels, scale, d, b, e);
    return info.Env().Undefined();
  }

  // filter2d(src, dst|null, geometry, kernel, kernelY|null, colX|null, rowX|null, colY|null,
  //          rowY|null, params, minmax, rowBegin, rowEnd, cancel?, cols?, xs?, values?)
  //          -> completed
  // geometry: [width, height, channels, depth, hasAlpha, luminance, kh, kw, anchorY, anchorX,
  //            border (0 zeros, 1 reflect, 2 replicate, 3 circular), mapping (0 clamp, 1 abs,
  //            2 shift, 3 stretch, 4 stats only), gradient]; params: [scale, offset, stretchMin,
  //            stretchMax]; minmax receives [min, max] of the pre-mapping values.
  // cols: Int32Array [colBegin, colEnd) to filter (default all); xs: Int32Array of columns in
  // that window whose pre-mapping values go to `values` (Float32Array, rows x xs x bands).
  Napi::Value Filter2d(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const std::int32_t* v = typed<std::int32_t>(info, 2, 13, "geometry");
    cs::Filter2dGeom g{};
    g.width = v[0];
    g.height = v[1];
    g.channels = v[2];
    g.depth = v[3];
    g.has_alpha = v[4] != 0;
    g.luminance = v[5] != 0;
    g.kh = v[6];
    g.kw = v[7];
    g.anchor_y = v[8];
    g.anchor_x = v[9];
    const int border = v[10], mapping = v[11];
    g.gradient = v[12] != 0;
    if (g.width < 1 || g.height < 1 || g.channels < 1 || g.channels > 4 ||
        (g.depth != 8 && g.depth != 16) || (g.has_alpha && g.channels % 2 != 0) || g.kh < 1 ||
        g.kw < 1 || g.kh > 63 || g.kw > 63 || g.anchor_y < 0 || g.anchor_y >= g.kh ||
        g.anchor_x < 0 || g.anchor_x >= g.kw || border < 0 || border > 3 || mapping < 0 ||
        mapping > 4)
      fail(env, "invalid filter2d geometry");
    g.border = static_cast<cs::PadMode>(border);
    g.mapping = static_cast<cs::Mapping>(mapping);
    const index_t pixels = g.width * g.height;
    const index_t dst_len = pixels * cs::filter2d_dst_channels(g);
    const bool stats_only = g.mapping == cs::Mapping::kStatsOnly;
    const void* src;
    void* dst;
    if (g.depth == 8) {
      src = typed<std::uint8_t>(info, 0, pixels * g.channels, "src");
      dst = typed<std::uint8_t>(info, 1, dst_len, "dst", stats_only);
    } else {
      src = typed<std::uint16_t>(info, 0, pixels * g.channels, "src");
      dst = typed<std::uint16_t>(info, 1, dst_len, "dst", stats_only);
    }
    const index_t taps = g.kh * g.kw;
    cs::FilterKernel kx, ky;
    kx.k = typed<float>(info, 3, taps, "kernel");
    ky.k = typed<float>(info, 4, taps, "kernelY", !g.gradient);
    kx.col = typed<float>(info, 5, g.kh, "colX", true);
    kx.row = typed<float>(info, 6, g.kw, "rowX", true);
    ky.col = typed<float>(info, 7, g.kh, "colY", true);
    ky.row = typed<float>(info, 8, g.kw, "rowY", true);
    if ((kx.col == nullptr) != (kx.row == nullptr) || (ky.col == nullptr) != (ky.row == nullptr))
      fail(env, "separable factors come in pairs");
    const double* p = typed<double>(info, 9, 4, "params");
    double* minmax = typed<double>(info, 10, 2, "minmax");
    const index_t r0 = integer(info, 11, "rowBegin"), r1 = integer(info, 12, "rowEnd");
    check_range(env, r0, r1, g.height);
    const cs::Cancel cancel = cancel_flag(info, 13);
    const cs::FilterParams params{p[0], p[1], p[2], p[3]};
    cs::Filter2dWindow win;
    win.col_end = g.width;
    if (const std::int32_t* cols = typed<std::int32_t>(info, 14, 2, "cols", true)) {
      win.col_begin = cols[0];
      win.col_end = cols[1];
      if (win.col_begin < 0 || win.col_begin >= win.col_end || win.col_end > g.width)
        fail(env, "cols must satisfy 0 <= colBegin < colEnd <= width");
    }
    if (!info[15].IsNull() && !info[15].IsUndefined()) {
      win.xs = typed<std::int32_t>(info, 15, 0, "xs");
      win.xs_count = static_cast<index_t>(info[15].As<Napi::Int32Array>().ElementLength());
      for (index_t i = 0; i < win.xs_count; ++i)
        if (win.xs[i] < win.col_begin || win.xs[i] >= win.col_end)
          fail(env, "xs must lie in [colBegin, colEnd)");
      win.values =
          typed<float>(info, 16, (r1 - r0) * win.xs_count * cs::filter2d_value_bands(g), "values");
    }
    return guarded(env, [&] {
      return Napi::Boolean::New(
          env, cs::filter2d(g, src, dst, kx, ky, params, minmax, r0, r1, win, ws_, cancel));
    });
  }

  // fmaPeak(iterations) -> floating-point operations performed
  Napi::Value FmaPeak(const Napi::CallbackInfo& info) {
    const index_t it = integer(info, 0, "iterations");
    if (it < 0) fail(info.Env(), "iterations must be >= 0");
    float sink = 0.0f;
    const double flops = cs::fma_peak_loop(it, &sink);
    return Napi::Number::New(info.Env(), sink == 12345.0f ? flops + 1 : flops);
  }

  // cpuLevel() -> the code path the CPU dispatch picks
  Napi::Value CpuLevel(const Napi::CallbackInfo& info) {
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    const char* level = __builtin_cpu_supports("x86-64-v4")   ? "x86-64-v4 (AVX-512)"
                        : __builtin_cpu_supports("x86-64-v3") ? "x86-64-v3 (AVX2+FMA)"
                                                              : "x86-64 (SSE2)";
#else
    const char* level = "portable";
#endif
    return Napi::String::New(info.Env(), level);
  }

  // conv2dAlgorithm(geometry) -> "gemm" | "direct": what auto picks for this shape
  Napi::Value Conv2dAlgorithm(const Napi::CallbackInfo& info) {
    const cs::Conv2dGeom g = conv_geom(info, 0);
    return Napi::String::New(
        info.Env(), cs::choose_algorithm(g) == cs::ConvAlgorithm::kDirect ? "direct" : "gemm");
  }

#ifdef CONVSCOPE_TEST_FAULTS
  // crashForTest(): a genuine native fault (SIGSEGV), only in the test build
  // (scripts/build-test-addon.sh), so tests can prove a crash costs only the job that was running.
  Napi::Value CrashForTest(const Napi::CallbackInfo& info) {
    volatile int* volatile nowhere = nullptr;
    *nowhere = 42;
    return info.Env().Undefined();
  }
#endif

  Napi::Value WorkspaceBytes(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(ws_.capacity()));
  }
};

}  // namespace

NODE_API_ADDON(Kernels)

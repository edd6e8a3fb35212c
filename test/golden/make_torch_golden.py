#!/usr/bin/env python3
"""Writes test/fixtures/torch-golden.json: PyTorch's answers for a fixed set of small kernel cases.

Every op and option of the Convscope kernels is exercised once or more (dropout excepted: torch's
random numbers differ from the kernels' counter-based hash, so it has nothing to compare). Inputs
come from a seeded numpy generator in float32 and torch computes in float32, as the kernels do;
backward passes come from autograd with a random upstream gradient dy.

Run from the repository root:  /usr/bin/python3 test/golden/make_torch_golden.py
"""

import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

SEED = 20240607
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "torch-golden.json")

rng = np.random.default_rng(SEED)
torch.use_deterministic_algorithms(True)
torch.set_num_threads(1)


def rand(*shape, lo=-1.0, hi=1.0):
    return rng.uniform(lo, hi, size=shape).astype(np.float32)


def num(v):
    """A float32 value as JSON: 9 significant digits round-trip float32 exactly."""
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return float(f"{v:.9g}")


def enc(t):
    """A tensor (torch or numpy) as {shape, data}, floats rounded as in num()."""
    a = t.detach().cpu().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    if np.issubdtype(a.dtype, np.integer):
        return {"shape": list(a.shape), "data": [int(v) for v in a.reshape(-1)]}
    return {"shape": list(a.shape), "data": [num(v) for v in a.reshape(-1)]}


def leaf(a):
    return torch.tensor(a, dtype=torch.float32, requires_grad=True)


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


cases = []


def add(name, op, options, inputs, outputs):
    cases.append({"name": name, "op": op, "options": options, "inputs": inputs, "outputs": outputs})


# ---------------------------------------------------------------- conv2d


def conv_case(name, n, c, h, w, f, k, stride=1, padding=0, dilation=1, groups=1, mode="zeros", flip=False, bias=True):
    kh, kw = pair(k)
    x_np = rand(n, c, h, w)
    w_np = rand(f, c // groups, kh, kw, lo=-0.5, hi=0.5)
    b_np = rand(f) if bias else None
    x, wt = leaf(x_np), leaf(w_np)
    b = leaf(b_np) if bias else None
    ph, pw = pair(padding)
    # True convolution is cross-correlation with the kernel reversed in both spatial axes; the
    # flip is part of the autograd graph, so dw comes back in the caller's orientation.
    weight = wt.flip([2, 3]) if flip else wt
    if mode == "zeros":
        y = F.conv2d(x, weight, b, stride=stride, padding=(ph, pw), dilation=dilation, groups=groups)
    else:
        # What torch.nn.Conv2d(padding_mode=mode) does: F.pad, then an unpadded convolution.
        xp = F.pad(x, (pw, pw, ph, ph), mode=mode)
        y = F.conv2d(xp, weight, b, stride=stride, padding=0, dilation=dilation, groups=groups)
        if not flip:
            module = torch.nn.Conv2d(c, f, (kh, kw), stride, (ph, pw), dilation, groups, bias, mode)
            with torch.no_grad():
                module.weight.copy_(wt)
                if bias:
                    module.bias.copy_(b)
                assert torch.equal(module(x), y), name
    dy = torch.tensor(rand(*y.shape))
    y.backward(dy)
    options = {
        "stride": list(pair(stride)),
        "padding": [ph, pw],
        "dilation": list(pair(dilation)),
        "groups": groups,
        "paddingMode": mode,
        "flip": flip,
    }
    inputs = {"x": enc(x_np), "w": enc(w_np), "bias": enc(b_np) if bias else None, "dy": enc(dy)}
    outputs = {"y": enc(y), "dx": enc(x.grad), "dw": enc(wt.grad), "db": enc(b.grad) if bias else None}
    add(name, "conv2d", options, inputs, outputs)


conv_case("conv 3x3 plain", 2, 3, 6, 5, 4, 3)
conv_case("conv stride 2 pad 1", 2, 3, 7, 6, 4, 3, stride=2, padding=1)
conv_case("conv 2x3 kernel, stride (2,1), pad (1,0)", 1, 2, 7, 8, 3, (2, 3), stride=(2, 1), padding=(1, 0))
conv_case("conv dilation 2 pad 2", 1, 2, 8, 7, 3, 3, padding=2, dilation=2)
conv_case("conv dilation (2,1) stride (1,2) odd sizes", 2, 2, 7, 9, 2, (3, 2), stride=(1, 2), padding=(1, 1), dilation=(2, 1))
conv_case("conv groups 2", 2, 4, 5, 6, 6, 3, padding=1, groups=2)
conv_case("conv depthwise multiplier 2", 1, 3, 6, 6, 6, 3, padding=1, groups=3)
conv_case("conv depthwise stride 2 pad 1", 2, 4, 7, 7, 4, 3, stride=2, padding=1, groups=4)
conv_case("conv no bias", 1, 3, 5, 5, 2, 3, padding=1, bias=False)
conv_case("conv 1x1", 2, 5, 4, 3, 3, 1)
conv_case("conv kernel covers the padded input", 1, 2, 4, 3, 2, (6, 5), padding=1)
conv_case("conv reflect pad 1", 2, 2, 5, 6, 3, 3, padding=1, mode="reflect")
conv_case("conv reflect pad (2,1) stride 2 dilation 2", 1, 3, 6, 5, 2, 3, stride=2, padding=(2, 1), dilation=2, mode="reflect")
conv_case("conv replicate pad 2", 1, 2, 5, 4, 3, 3, padding=2, mode="replicate")
conv_case("conv replicate 3x2 kernel groups 2", 2, 4, 5, 5, 2, (3, 2), padding=(1, 2), groups=2, mode="replicate")
conv_case("conv circular pad 1", 2, 2, 4, 5, 3, 3, padding=1, mode="circular")
conv_case("conv circular pad equal to size", 1, 2, 3, 4, 2, (3, 2), padding=(3, 1), mode="circular")
conv_case("conv flip pad 1 stride 2", 1, 2, 6, 7, 3, 3, stride=2, padding=1, flip=True)
conv_case("conv flip reflect groups 2 2x3 kernel", 2, 4, 5, 6, 4, (2, 3), padding=1, groups=2, mode="reflect", flip=True)
conv_case("conv flip depthwise circular dilation 2", 1, 3, 6, 5, 3, 3, padding=2, dilation=2, groups=3, mode="circular", flip=True)
conv_case("conv flip replicate no bias", 1, 2, 5, 5, 2, (3, 2), padding=(1, 1), mode="replicate", flip=True, bias=False)

# ------------------------------------------------------------- batch norm


def bn_train_case(name, shape, momentum=0.1, eps=1e-5, running=True):
    c = shape[1]
    x_np = rand(*shape, lo=-2.0, hi=3.0)
    g_np = rand(c, lo=0.5, hi=1.5)
    b_np = rand(c)
    rm_np = rand(c, lo=-0.5, hi=0.5) if running else None
    rv_np = rand(c, lo=0.5, hi=2.0) if running else None
    x, g, b = leaf(x_np), leaf(g_np), leaf(b_np)
    rm = torch.tensor(rm_np) if running else None
    rv = torch.tensor(rv_np) if running else None
    y = F.batch_norm(x, rm, rv, g, b, training=True, momentum=momentum, eps=eps)
    dy = torch.tensor(rand(*y.shape))
    y.backward(dy)
    with torch.no_grad():
        # The saved statistics the kernels also return: batch mean and 1/sqrt(biased var + eps).
        _, mean, invstd = torch.native_batch_norm(torch.tensor(x_np), None, None, None, None, True, momentum, eps)
    inputs = {
        "x": enc(x_np),
        "gamma": enc(g_np),
        "beta": enc(b_np),
        "runningMean": enc(rm_np) if running else None,
        "runningVar": enc(rv_np) if running else None,
        "dy": enc(dy),
    }
    outputs = {
        "y": enc(y),
        "mean": enc(mean),
        "invstd": enc(invstd),
        "runningMean": enc(rm) if running else None,
        "runningVar": enc(rv) if running else None,
        "dx": enc(x.grad),
        "dgamma": enc(g.grad),
        "dbeta": enc(b.grad),
    }
    add(name, "batchNormTrain", {"eps": eps, "momentum": momentum}, inputs, outputs)


def bn_eval_case(name, shape, eps=1e-5):
    c = shape[1]
    x_np = rand(*shape, lo=-2.0, hi=3.0)
    g_np = rand(c, lo=0.5, hi=1.5)
    b_np = rand(c)
    rm_np = rand(c, lo=-0.5, hi=0.5)
    rv_np = rand(c, lo=0.5, hi=2.0)
    x, g, b = leaf(x_np), leaf(g_np), leaf(b_np)
    y = F.batch_norm(x, torch.tensor(rm_np), torch.tensor(rv_np), g, b, training=False, eps=eps)
    dy = torch.tensor(rand(*y.shape))
    y.backward(dy)
    inputs = {
        "x": enc(x_np),
        "gamma": enc(g_np),
        "beta": enc(b_np),
        "runningMean": enc(rm_np),
        "runningVar": enc(rv_np),
        "dy": enc(dy),
    }
    outputs = {"y": enc(y), "dx": enc(x.grad), "dgamma": enc(g.grad), "dbeta": enc(b.grad)}
    add(name, "batchNormEval", {"eps": eps}, inputs, outputs)


bn_train_case("batch norm train (N, D)", (8, 5))
bn_train_case("batch norm train (N, C, H, W) momentum 0.3 eps 1e-3", (3, 4, 5, 3), momentum=0.3, eps=1e-3)
bn_train_case("batch norm train (N, C, H, W) without running stats", (2, 3, 4, 4), running=False)
bn_train_case("batch norm train (N, D) with N = 2", (2, 6), momentum=0.5)
bn_eval_case("batch norm eval (N, C, H, W)", (2, 3, 4, 5))
bn_eval_case("batch norm eval (N, D) eps 1e-3", (6, 4), eps=1e-3)

# ---------------------------------------------------------------- pooling


def max_pool_case(name, x_np, kernel, stride=None, padding=0):
    x = leaf(x_np)
    y, idx = F.max_pool2d(x, kernel, stride=stride, padding=padding, return_indices=True)
    dy = torch.tensor(rand(*y.shape))
    y.backward(dy)
    options = {"kernel": list(pair(kernel)), "padding": list(pair(padding))}
    if stride is not None:
        options["stride"] = list(pair(stride))
    outputs = {"y": enc(y), "indices": enc(idx), "dx": enc(x.grad)}
    add(name, "maxPool2d", options, {"x": enc(x_np), "dy": enc(dy)}, outputs)


def avg_pool_case(name, shape, kernel, stride=None, padding=0, count_include_pad=True):
    x_np = rand(*shape)
    x = leaf(x_np)
    y = F.avg_pool2d(x, kernel, stride=stride, padding=padding, count_include_pad=count_include_pad)
    dy = torch.tensor(rand(*y.shape))
    y.backward(dy)
    options = {"kernel": list(pair(kernel)), "padding": list(pair(padding)), "countIncludePad": count_include_pad}
    if stride is not None:
        options["stride"] = list(pair(stride))
    add(name, "avgPool2d", options, {"x": enc(x_np), "dy": enc(dy)}, {"y": enc(y), "dx": enc(x.grad)})


max_pool_case("max pool 2x2 (stride defaults to kernel)", rand(2, 3, 6, 6), 2)
max_pool_case("max pool 3x3 stride 2 pad 1 odd sizes", rand(1, 2, 7, 5), 3, stride=2, padding=1)
max_pool_case("max pool 3x2 stride (1,2) pad (1,1)", rand(2, 2, 5, 6), (3, 2), stride=(1, 2), padding=(1, 1))
# Small integers make many ties: torch keeps the first maximum in row-major window order.
max_pool_case("max pool ties", rng.integers(0, 3, size=(1, 2, 6, 6)).astype(np.float32), 3, stride=1, padding=1)
nonfinite = rand(1, 1, 4, 6)
nonfinite[0, 0, 0, 1] = np.nan  # one NaN in a window
nonfinite[0, 0, 0, 2] = np.nan  # two NaNs in one window: torch keeps the index of the last
nonfinite[0, 0, 1, 3] = np.nan
nonfinite[0, 0, 2:4, 4:6] = -np.inf  # a window of only -inf: index of the window's first pixel
max_pool_case("max pool NaN and -inf", nonfinite, 2, stride=2)

avg_pool_case("avg pool 2x2", (2, 3, 6, 4), 2)
avg_pool_case("avg pool 3x3 stride 2 pad 1 counting padding", (2, 2, 7, 6), 3, stride=2, padding=1, count_include_pad=True)
avg_pool_case("avg pool 3x3 stride 2 pad 1 not counting padding", (2, 2, 7, 6), 3, stride=2, padding=1, count_include_pad=False)
avg_pool_case("avg pool 3x2 stride (2,1) pad (1,1) not counting padding", (1, 2, 6, 5), (3, 2), stride=(2, 1), padding=(1, 1), count_include_pad=False)
avg_pool_case("avg pool 3x2 stride (2,1) pad (1,1) counting padding", (1, 2, 6, 5), (3, 2), stride=(2, 1), padding=(1, 1))

gx_np = rand(2, 3, 5, 4)
gx = leaf(gx_np)
gy = F.adaptive_avg_pool2d(gx, 1)
gdy = torch.tensor(rand(*gy.shape))
gy.backward(gdy)
add("global avg pool", "globalAvgPool", {}, {"x": enc(gx_np), "dy": enc(gdy)}, {"y": enc(gy), "dx": enc(gx.grad)})

# ------------------------------------------------------------------- relu

rx_np = rand(3, 2, 4, 5)
rx_np.reshape(-1)[[0, 7, 19]] = 0.0  # exactly zero: torch's gradient there is 0
rx_np.reshape(-1)[11] = -0.0
rx = leaf(rx_np)
ry = torch.relu(rx)
rdy = torch.tensor(rand(*ry.shape))
ry.backward(rdy)
add("relu", "relu", {}, {"x": enc(rx_np), "dy": enc(rdy)}, {"y": enc(ry), "dx": enc(rx.grad)})

# ----------------------------------------------------------------- linear


def linear_case(name, n, i, o, bias=True):
    x_np, w_np = rand(n, i), rand(o, i, lo=-0.5, hi=0.5)
    b_np = rand(o) if bias else None
    x, w = leaf(x_np), leaf(w_np)
    b = leaf(b_np) if bias else None
    y = F.linear(x, w, b)
    dy = torch.tensor(rand(*y.shape))
    y.backward(dy)
    inputs = {"x": enc(x_np), "w": enc(w_np), "bias": enc(b_np) if bias else None, "dy": enc(dy)}
    outputs = {"y": enc(y), "dx": enc(x.grad), "dw": enc(w.grad), "db": enc(b.grad) if bias else None}
    add(name, "linear", {}, inputs, outputs)


linear_case("linear with bias", 4, 7, 5)
linear_case("linear without bias", 3, 10, 2, bias=False)

# ---------------------------------------------------------- cross-entropy


def xent_case(name, n, k, scale, dloss):
    z_np = rand(n, k, lo=-scale, hi=scale)
    labels = rng.integers(0, k, size=n).astype(np.int32)
    z = leaf(z_np)
    loss = F.cross_entropy(z, torch.tensor(labels, dtype=torch.long), reduction="mean")
    loss.backward(torch.tensor(dloss, dtype=torch.float32))
    inputs = {"logits": enc(z_np), "labels": enc(labels), "dloss": dloss}
    outputs = {"loss": num(loss.item()), "probs": enc(torch.softmax(z, dim=1)), "dlogits": enc(z.grad)}
    add(name, "softmaxCrossEntropy", {}, inputs, outputs)


xent_case("cross-entropy", 5, 4, 2.0, 1.0)
xent_case("cross-entropy large logits, dloss 0.5", 3, 7, 60.0, 0.5)

doc = {
    "generator": "test/golden/make_torch_golden.py",
    "torch": torch.__version__,
    "numpy": np.__version__,
    "seed": SEED,
    "cases": cases,
}
with open(OUT, "w") as fh:
    json.dump(doc, fh, separators=(",", ":"), allow_nan=False)
    fh.write("\n")
print(f"wrote {len(cases)} cases ({os.path.getsize(OUT)} bytes) to {os.path.relpath(OUT)} with torch {torch.__version__}")

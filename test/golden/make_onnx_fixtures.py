#!/usr/bin/env python3
"""Writes test/fixtures/onnx/: small seeded PyTorch models exported to ONNX, with torch's answers.

For each model, <model>.json holds a fixed input, torch's output for it and the model's state_dict
(float32 values as torch holds them), and <model>_op<N>.onnx is torch.onnx.export's file at opset N.
The models are exported in eval mode with torch's default export options (constant folding on),
so a Conv followed by a BatchNorm2d is folded into one Conv with new weights, as users' files are;
the variants named *_bnkept keep BatchNormalization as its own node (training=PRESERVE on a model
in eval mode skips only that fold), so the importer's BatchNormalization is seen with torch's own
running statistics.

torch 1.13 cannot constant-fold the pads it computes for F.pad at opset 11 and later (a Slice
with step -1), so its opset 13 and 17 files reach Pad through ConstantOfShape, Concat, Slice,
Transpose and Cast, which Convscope does not run but folds at import (foldConstants.ts).
opsnet_op13/op17 have that subgraph folded to one int64 initializer by fold_pads() below (what
onnx-simplifier does); opsnet_unfolded_op13.onnx and opsnet_unfolded_op17.onnx are torch's files as
written (reflect and constant F.pad), to test that the importer's folding gives the same graph and
torch's output.

The ops the files contain are listed per file in the JSON ("ops"), taken from the exported file,
so a torch upgrade that exports differently shows up in the diff. Every file is checked with
onnx.checker (full_check) before it is written.

Run from the repository root:  /usr/bin/python3 test/golden/make_onnx_fixtures.py
(Debian's python3-torch and python3-onnx; the `python3` on the PATH may be another Python.)
"""

import io
import json
import math
import os

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20241105
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "onnx")
OPSETS = (9, 13, 17)

torch.use_deterministic_algorithms(True)
torch.set_num_threads(1)


def num(v):
    """A float32 value as JSON: 9 significant digits round-trip float32 exactly."""
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        raise ValueError("fixtures hold finite values only")
    return float(f"{v:.9g}")


def enc(t):
    a = t.detach().cpu().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    if np.issubdtype(a.dtype, np.integer):
        return {"shape": list(a.shape), "data": [int(v) for v in a.reshape(-1)]}
    return {"shape": list(a.shape), "data": [num(v) for v in a.reshape(-1).astype(np.float32)]}


class HomeworkCNN(nn.Module):
    """The homework's network: input 28x28x1 -> CONV3-10 -> ReLU -> POOL2 -> CONV3-10 -> ReLU ->
    POOL2 -> FLATTEN -> FC-10, with batch norm after each conv and dropout before the FC layer."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(10)
        self.conv2 = nn.Conv2d(10, 10, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(10)
        self.pool = nn.MaxPool2d(2)
        self.flatten = nn.Flatten()
        self.dropout = nn.Dropout(0.5)
        self.fc = nn.Linear(490, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.bn1(self.conv1(x))))
        x = self.pool(F.relu(self.bn2(self.conv2(x))))
        return self.fc(self.dropout(self.flatten(x)))


class OpsNet(nn.Module):
    """Every other op and option: conv stride 2 + padding, dilation with groups, a residual Add,
    batch norm not after a conv (so it stays a node), reflect and constant F.pad, max pooling
    with padding, AvgPool2d without counting padding, AdaptiveAvgPool2d(1), Reshape, Linear,
    torch.matmul with a weight matrix, Softmax."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=2, dilation=2, groups=4)
        self.bn = nn.BatchNorm2d(8)
        self.maxpool = nn.MaxPool2d(3, stride=1, padding=1)
        self.avgpool = nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, 6)
        self.proj = nn.Parameter(torch.empty(6, 5))
        nn.init.uniform_(self.proj, -0.5, 0.5)

    def forward(self, x):
        a = F.relu(self.conv1(x))  # 1x8x8x8
        x = a + F.relu(self.conv2(a))  # residual
        x = self.bn(x)
        x = F.pad(x, (1, 1, 1, 1), mode="reflect")  # 1x8x10x10
        x = self.maxpool(x)  # 1x8x10x10
        x = self.avgpool(x)  # 1x8x5x5
        x = F.pad(x, (0, 1, 1, 0), mode="constant", value=0.5)  # 1x8x6x6
        x = self.gap(x).reshape(1, -1)  # 1x8
        x = torch.matmul(F.relu(self.fc(x)), self.proj)  # 1x5
        return F.softmax(x, dim=1)


def randomize_bn(model, gen):
    """Non-trivial running statistics and affine parameters, as a trained network has."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5, generator=gen)
                m.running_var.uniform_(0.5, 2.0, generator=gen)
                m.weight.uniform_(0.5, 1.5, generator=gen)
                m.bias.uniform_(-0.5, 0.5, generator=gen)


# The shape arithmetic torch 1.13 writes for F.pad's pads at opset 11 and later: a Slice with step
# -1 (a flip) that its constant folding cannot fold, so the pads reach Pad through six more ops.
PADS_OPS = {"ConstantOfShape", "Concat", "Reshape", "Slice", "Transpose", "Cast"}


def fold_pads(proto):
    """Folds the constant pads subgraph torch leaves in front of Pad (opset >= 11) into one int64
    initializer per Pad, as onnx-simplifier would: evaluates, in numpy, each node of PADS_OPS whose
    inputs are all constant, then drops nodes left without consumers. Constant nodes that feed a
    kept node (Pad's value, Reshape's shape) stay, so Constant is still covered."""
    from onnx import numpy_helper

    graph = proto.graph
    const = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    for n in graph.node:
        if n.op_type == "Constant":
            const[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
    folded = set()
    for n in graph.node:
        ins = [i for i in n.input if i]
        if n.op_type not in PADS_OPS or not all(i in const for i in ins):
            continue
        a = [const[i] for i in n.input]
        attrs = {at.name: onnx.helper.get_attribute_value(at) for at in n.attribute}
        if n.op_type == "ConstantOfShape":
            fill = numpy_helper.to_array(attrs["value"])
            out = np.full(tuple(a[0]), fill[0], dtype=fill.dtype)
        elif n.op_type == "Concat":
            out = np.concatenate(a, axis=attrs["axis"])
        elif n.op_type == "Reshape":
            out = a[0].reshape(tuple(a[1]))
        elif n.op_type == "Slice":
            data, starts, ends, axes, steps = a
            index = [slice(None)] * data.ndim
            for s, e, ax, st in zip(starts, ends, axes, steps):
                # int64 extremes mean "to the end", as in ONNX.
                e = None if abs(int(e)) >= 2**62 else int(e)
                index[int(ax)] = slice(int(s), e, int(st))
            out = data[tuple(index)]
        elif n.op_type == "Transpose":
            out = np.transpose(a[0], attrs["perm"])
        else:  # Cast
            out = a[0].astype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[attrs["to"]])
        const[n.output[0]] = out
        folded.add(n.name)
    kept = [n for n in graph.node if n.name not in folded]
    # Drop nodes nothing reads any more (the Constants only the folded nodes used), repeatedly.
    while True:
        used = {i for n in kept for i in n.input} | {o.name for o in graph.output}
        live = [n for n in kept if any(o in used for o in n.output)]
        if len(live) == len(kept):
            break
        kept = live
    produced = {o for n in kept for o in n.output}
    needed = sorted({i for n in kept for i in n.input if i and i not in produced and i in const})
    have = {t.name for t in graph.initializer}
    for name in needed:
        if name not in have:
            graph.initializer.append(numpy_helper.from_array(np.ascontiguousarray(const[name]), name))
    del graph.node[:]
    graph.node.extend(kept)
    return proto


def export(model, x, opset, fold=False, **kwargs):
    buf = io.BytesIO()
    torch.onnx.export(model, (x,), buf, opset_version=opset, input_names=["input"], output_names=["output"], **kwargs)
    proto = onnx.load_from_string(buf.getvalue())
    if fold:
        proto = fold_pads(proto)
    onnx.checker.check_model(proto, full_check=True)
    return proto.SerializeToString(), proto


def write_model(name, model, x, variants):
    model.eval()
    with torch.no_grad():
        y = model(x)
    files = {}
    for file_name, opset, kwargs in variants:
        data, proto = export(model, x, opset, **kwargs)
        with open(os.path.join(OUT, file_name), "wb") as f:
            f.write(data)
        inits = {t.name: t for t in proto.graph.initializer}
        files[file_name] = {
            "opset": opset,
            "ops": sorted({n.op_type for n in proto.graph.node}),
            "initializers": sorted(inits),
            # Each Pad's pads as the file holds them (attribute up to opset 10, then an input),
            # so a wrong fold_pads shows up here next to opset 9's attribute.
            "pads": [
                [int(v) for v in onnx.numpy_helper.to_array(inits[n.input[1]])]
                if len(n.input) > 1 and n.input[1] in inits
                else list(onnx.helper.get_attribute_value(next(a for a in n.attribute if a.name == "pads")))
                if any(a.name == "pads" for a in n.attribute)
                else None
                for n in proto.graph.node
                if n.op_type == "Pad"
            ],
        }
    state = {k: enc(v) for k, v in model.state_dict().items() if v.dtype == torch.float32}
    doc = {
        "torch": torch.__version__,
        "onnx": onnx.__version__,
        "model": name,
        "files": files,
        "input": enc(x),
        "output": enc(y),
        "state_dict": state,
    }
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(SEED)
    gen = torch.Generator().manual_seed(SEED)

    homework = HomeworkCNN()
    randomize_bn(homework, gen)
    x = torch.rand(1, 1, 28, 28, generator=gen)
    variants = [(f"homework_op{o}.onnx", o, {}) for o in OPSETS]
    # Opset 9 with the initializers also listed as graph inputs (what older exporters wrote).
    variants[0] = ("homework_op9.onnx", 9, {"keep_initializers_as_inputs": True})
    variants.append(("homework_bnkept_op13.onnx", 13, {"training": torch.onnx.TrainingMode.PRESERVE}))
    # A symbolic batch dimension, as files exported for batched inference have.
    variants.append(("homework_dynbatch_op13.onnx", 13, {"dynamic_axes": {"input": {0: "batch"}, "output": {0: "batch"}}}))
    write_model("homework", homework, x, variants)

    ops = OpsNet()
    randomize_bn(ops, gen)
    x = torch.rand(1, 3, 16, 16, generator=gen) * 2 - 1
    variants = [(f"opsnet_op{o}.onnx", o, {"fold": o >= 11}) for o in OPSETS]
    # torch's own files at opsets 13 and 17, pads subgraph and all: what Convscope folds at import.
    variants.append(("opsnet_unfolded_op13.onnx", 13, {}))
    variants.append(("opsnet_unfolded_op17.onnx", 17, {}))
    write_model("opsnet", ops, x, variants)


if __name__ == "__main__":
    main()

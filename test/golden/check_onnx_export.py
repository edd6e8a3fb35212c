#!/usr/bin/env python3
"""Checks the ONNX files Convscope exported (test/fixtures/onnx/exported/, written by
`npx tsx test/golden/make-onnx-export.ts`), by hand: CI has no Python.

For each file:
  1. onnx.checker.check_model(model, full_check=True): the official checker, including strict
     shape inference, so the output dims Convscope wrote must agree with ONNX's own;
  2. the file is run with torch.nn.functional by a small evaluator of the 16 ops Convscope exports
     (written from the ONNX operator spec, independent of Convscope's runner); for the files that
     are PyTorch fixtures exported again, the result must equal PyTorch's own output in the
     fixture's JSON (1e-5 absolute + 1e-4 relative).

Run from the repository root:  /usr/bin/python3 test/golden/check_onnx_export.py [files...]
Exit status 0 when every file passes.
"""

import glob
import json
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures", "onnx")


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def pads2d(a):
    p = list(a.get("pads", [0, 0, 0, 0]))
    if p[0] != p[2] or p[1] != p[3]:
        raise ValueError("asymmetric pads are not in these files")
    return (p[0], p[1])


def run(model, x):
    """Evaluates the graph on x with torch, op by op, per the ONNX spec of each op."""
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    env = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in model.graph.initializer}
    env[model.graph.input[0].name] = torch.from_numpy(x)
    for n in model.graph.node:
        a = attrs(n)
        i = [env[name] if name else None for name in n.input]
        op = n.op_type
        if op == "Conv":
            y = F.conv2d(i[0], i[1], i[2] if len(i) > 2 else None, tuple(a.get("strides", [1, 1])),
                         pads2d(a), tuple(a.get("dilations", [1, 1])), a.get("group", 1))
        elif op == "BatchNormalization":
            y = F.batch_norm(i[0], i[3], i[4], i[1], i[2], False, 0.0, a.get("epsilon", 1e-5))
        elif op == "Relu":
            y = F.relu(i[0])
        elif op == "MaxPool":
            y = F.max_pool2d(i[0], tuple(a["kernel_shape"]), tuple(a.get("strides", [1, 1])), pads2d(a),
                             ceil_mode=bool(a.get("ceil_mode", 0)))
        elif op == "AveragePool":
            y = F.avg_pool2d(i[0], tuple(a["kernel_shape"]), tuple(a.get("strides", [1, 1])), pads2d(a),
                             ceil_mode=bool(a.get("ceil_mode", 0)),
                             count_include_pad=bool(a.get("count_include_pad", 0)))
        elif op == "GlobalAveragePool":
            y = i[0].mean(dim=(2, 3), keepdim=True)
        elif op == "Flatten":
            axis = a.get("axis", 1)
            y = i[0].reshape(int(np.prod(i[0].shape[:axis])), -1)
        elif op == "Reshape":
            shape = [int(s) if s != 0 else i[0].shape[k] for k, s in enumerate(i[1].tolist())]
            y = i[0].reshape(shape)
        elif op == "Gemm":
            A = i[0].T if a.get("transA", 0) else i[0]
            B = i[1].T if a.get("transB", 0) else i[1]
            y = a.get("alpha", 1.0) * (A @ B)
            if len(i) > 2 and i[2] is not None:
                y = y + a.get("beta", 1.0) * i[2]
        elif op == "MatMul":
            y = torch.matmul(i[0], i[1])
        elif op == "Add":
            y = i[0] + i[1]
        elif op in ("Dropout", "Identity"):
            y = i[0]
        elif op == "Pad":
            pads = list(a["pads"]) if opset < 11 else i[1].tolist()
            value = a.get("value", 0.0) if opset < 11 else (float(i[2]) if len(i) > 2 and i[2] is not None else 0.0)
            mode = a.get("mode", b"constant").decode()
            r = len(pads) // 2
            # ONNX: [x1_begin, x2_begin, ..., x1_end, ...]; F.pad: last axis first, (begin, end) pairs.
            torch_pads = []
            for axis in reversed(range(r)):
                torch_pads += [pads[axis], pads[axis + r]]
            while len(torch_pads) > 4 and torch_pads[-2:] == [0, 0]:
                torch_pads = torch_pads[:-2]
            y = F.pad(i[0], torch_pads, mode=mode, value=value) if mode == "constant" else F.pad(i[0], torch_pads, mode=mode)
        elif op == "Softmax":
            axis = a.get("axis", -1 if opset >= 13 else 1)
            if opset >= 13:
                y = F.softmax(i[0], dim=axis)
            else:  # coerced to 2-D at the axis
                shape = i[0].shape
                y = F.softmax(i[0].reshape(int(np.prod(shape[:axis])), -1), dim=1).reshape(shape)
        elif op == "Constant":
            y = torch.from_numpy(numpy_helper.to_array(a["value"]).copy())
        else:
            raise ValueError(f"op {op} is not one Convscope exports")
        env[n.output[0]] = y
    return env[model.graph.output[0].name]


def main():
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(FIXTURES, "exported", "*.onnx")))
    if not files:
        print("no files: run `npx tsx test/golden/make-onnx-export.ts` first")
        return 1
    failures = 0
    for path in files:
        name = os.path.basename(path)
        try:
            model = onnx.load(path)
            onnx.checker.check_model(model, full_check=True)
            model_json = os.path.join(FIXTURES, name.split("_")[0] + ".json")
            if os.path.exists(model_json) and not name.startswith("all_ops"):
                doc = json.load(open(model_json))
                x = np.array(doc["input"]["data"], dtype=np.float32).reshape(doc["input"]["shape"])
                y = run(model, x).detach().numpy()
                want = np.array(doc["output"]["data"], dtype=np.float32).reshape(doc["output"]["shape"])
                err = np.abs(y - want)
                if y.shape != want.shape or not np.all(err <= 1e-5 + 1e-4 * np.abs(want)):
                    raise ValueError(f"output differs from torch's: max abs error {err.max()}")
                detail = f"equals torch's output (max abs error {err.max():.2g})"
            else:
                dims = [d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim]
                x = np.random.default_rng(0).uniform(-1, 1, size=dims).astype(np.float32)
                y = run(model, x).detach().numpy()
                detail = f"runs: output {list(y.shape)}, sum {float(y.sum()):.6f}"
            print(f"ok    {name}: checker (full_check) passed; ir_version {model.ir_version}, "
                  f"opset {model.opset_import[0].version}, producer {model.producer_name}; {detail}")
        except Exception as e:  # report every file, then fail
            failures += 1
            print(f"FAIL  {name}: {type(e).__name__}: {e}")
    print(f"onnx {onnx.__version__}, torch {torch.__version__}: {len(files) - failures}/{len(files)} passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes backend-suite cases for the operators Debian's ONNX 1.12 test data predates (Mish and GroupNormalization of
opset 18, GroupNormalization's per-channel form of opset 21, Gelu of opset 20) and for Trilu on floats (the suite's
Trilu cases are all integers, which have no gradient to check), in the suite's own layout
(model.onnx, test_data_set_0/input_0.pb, output_0.pb) under Adversarial.Tests/Fixtures/onnx/conformance/.
The expected outputs are PyTorch's in float64 (F.mish, F.gelu, F.group_norm), stored as float32, as the suite stores them.

    /usr/bin/python3 tools/onnx_extra_conformance_cases.py
"""
import os
import shutil

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Adversarial.Tests", "Fixtures", "onnx", "conformance")


def write_case(name, op, opset, inputs, expected, attributes=None, initializers=None):
    """One case: a single-node graph of op on the named inputs (initializers are constants of the graph, float or int64)."""
    initializers = initializers or {}
    node = helper.make_node(op, list(inputs) + list(initializers), ["y"], **(attributes or {}))
    graph = helper.make_graph(
        [node], name,
        [helper.make_tensor_value_info(k, TensorProto.FLOAT, v.shape) for k, v in inputs.items()],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, expected.shape)],
        [numpy_helper.from_array(v if v.dtype == np.int64 else v.astype(np.float32), k) for k, v in initializers.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="onnx_extra_conformance_cases")
    folder = os.path.join(OUT, name)
    data = os.path.join(folder, "test_data_set_0")
    os.makedirs(data)
    onnx.save(model, os.path.join(folder, "model.onnx"))
    for i, value in enumerate(inputs.values()):
        with open(os.path.join(data, f"input_{i}.pb"), "wb") as f:
            f.write(numpy_helper.from_array(value.astype(np.float32)).SerializeToString())
    with open(os.path.join(data, "output_0.pb"), "wb") as f:
        f.write(numpy_helper.from_array(expected.astype(np.float32)).SerializeToString())


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    rng = np.random.default_rng(20261204)
    x = rng.uniform(-5, 5, (3, 4, 5)).astype(np.float32)
    t = torch.from_numpy(x).double()
    write_case("test_mish", "Mish", 18, {"x": x}, F.mish(t).numpy())
    write_case("test_gelu_default", "Gelu", 20, {"x": x}, F.gelu(t).numpy())
    write_case("test_gelu_tanh", "Gelu", 20, {"x": x}, F.gelu(t, approximate="tanh").numpy(), {"approximate": "tanh"})

    images = rng.normal(0, 2, (3, 4, 3, 5)).astype(np.float32)
    ti = torch.from_numpy(images).double()
    group_scale, group_bias = rng.normal(1, 0.5, 2), rng.normal(0, 0.5, 2)
    expected = F.group_norm(ti, 2, torch.from_numpy(np.repeat(group_scale, 2)), torch.from_numpy(np.repeat(group_bias, 2)), 1e-5)
    write_case("test_group_normalization_per_group", "GroupNormalization", 18, {"x": images}, expected.numpy(), {"num_groups": 2},
               {"scale": group_scale, "bias": group_bias})
    channel_scale, channel_bias = np.repeat(group_scale, 2), np.repeat(group_bias, 2)
    expected = F.group_norm(ti, 4, torch.from_numpy(channel_scale), torch.from_numpy(channel_bias), 1e-2)
    write_case("test_group_normalization_epsilon", "GroupNormalization", 18, {"x": images}, expected.numpy(), {"num_groups": 4, "epsilon": 1e-2},
               {"scale": channel_scale, "bias": channel_bias})
    channel_scale, channel_bias = rng.normal(1, 0.5, 4), rng.normal(0, 0.5, 4)
    expected = F.group_norm(ti, 2, torch.from_numpy(channel_scale), torch.from_numpy(channel_bias), 1e-5)
    write_case("test_group_normalization_per_channel_opset21", "GroupNormalization", 21, {"x": images}, expected.numpy(), {"num_groups": 2},
               {"scale": channel_scale, "bias": channel_bias})
    matrices = rng.normal(0, 1, (2, 4, 5)).astype(np.float32)
    tm = torch.from_numpy(matrices).double()
    write_case("test_trilu_upper_float", "Trilu", 14, {"x": matrices}, torch.triu(tm, 1).numpy(), {}, {"k": np.array(1, dtype=np.int64)})
    write_case("test_trilu_lower_float", "Trilu", 14, {"x": matrices}, torch.tril(tm, -1).numpy(), {"upper": 0}, {"k": np.array(-1, dtype=np.int64)})
    print(f"wrote {len(os.listdir(OUT))} cases to {OUT}")


if __name__ == "__main__":
    main()

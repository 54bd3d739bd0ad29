#!/usr/bin/env python3
"""Writes the ONNX models of the importer's tests and benchmarks with Debian's PyTorch 1.13 (torch.onnx.export),
from our shipped weights. The shipped models in ONNX form go to models/onnx/ (the bench command embeds them):

  lenet.onnx           our LeNet (log-probabilities), opset 13, dynamic batch
  cifar-resnet.onnx    our CIFAR-10 ResNet with its normalization inside (log-probabilities), opset 13, dynamic batch

the test-only ones to Adversarial.Tests/Fixtures/onnx/:

  lenet-opset17.onnx   our LeNet again, at opset 17 (the newest PyTorch 1.13 writes)
  bn-dropout-gemm.onnx a small CNN with BatchNorm, Dropout, Flatten and Gemm (logits), opset 9, seeded weights,
                       its initializers also listed among the graph inputs (as older exporters do)
  lenet-nhwc.onnx      our LeNet taking channels-last images (a leading Transpose, as tf2onnx writes), opset 11

and a new user's own untrained networks (seeded), for the command line's refusals and warnings:

  leaky-bn-cnn.onnx    Conv → BatchNorm → LeakyReLU → MaxPool → Dropout → Conv → ELU → Flatten → Linear, MNIST-shaped, opset 13
  five-classes.onnx    the BatchNorm/Dropout/Gemm CNN above with 5 outputs, MNIST-shaped, opset 13
  gray-any-size.onnx   one grey channel of any height and width ([batch, 1, height, width]), global average pool, opset 13

    /usr/bin/python3 tools/export_onnx_fixtures.py
"""
import os
import sys

import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
from compare_pytorch import CifarResNet, LeNet  # noqa: E402
from torchsharp_weights import load_state_dict  # noqa: E402

SHIPPED = os.path.join(ROOT, "models", "onnx")
OUT = os.path.join(ROOT, "Adversarial.Tests", "Fixtures", "onnx")


class BnDropoutGemm(nn.Module):
    """Conv → BatchNorm → ReLU → MaxPool → Dropout → Flatten → Linear (Gemm) → ReLU → Linear, on MNIST-shaped input."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(8 * 14 * 14, 32), nn.ReLU(), nn.Linear(32, 10))

    def forward(self, x):
        return self.head(self.features(x))


class ChannelsLast(nn.Module):
    """A network fed NHWC images, transposed to NCHW first (what tf2onnx produces for Keras models)."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x.permute(0, 3, 1, 2))


class LeakyBnCnn(nn.Module):
    """A user's MNIST CNN: BatchNorm, LeakyReLU, Dropout and ELU (the activations whose alpha the importer passes to libtorch)."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 8, 3), nn.BatchNorm2d(8), nn.LeakyReLU(0.1), nn.MaxPool2d(2), nn.Dropout(0.25),
                                      nn.Conv2d(8, 16, 3), nn.ELU(0.5))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(16 * 11 * 11, 10))

    def forward(self, x):
        return self.head(self.features(x))


class GrayAnySize(nn.Module):
    """Grey images of any size: a convolution, a global average pool and a linear head."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.head = nn.Linear(8, 10)

    def forward(self, x):
        return self.head(torch.relu(self.conv(x)).mean(dim=(2, 3)))


def export(model, shape, name, opset, initializers_as_inputs=False, folder=OUT, image_axes=None):
    model.eval()
    path = os.path.join(folder, name)
    torch.onnx.export(model, torch.rand(*shape), path, opset_version=opset, input_names=["image"], output_names=["scores"],
                      dynamic_axes={"image": image_axes or {0: "batch"}, "scores": {0: "batch"}},
                      keep_initializers_as_inputs=initializers_as_inputs)
    print(f"wrote {path} ({os.path.getsize(path)} bytes, opset {opset})")


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(SHIPPED, exist_ok=True)
    torch.manual_seed(0)
    lenet = LeNet()
    lenet.load_state_dict(load_state_dict(os.path.join(ROOT, "models", "lenet-mnist.bin")))
    export(lenet, (1, 1, 28, 28), "lenet.onnx", 13, folder=SHIPPED)
    resnet = CifarResNet()
    resnet.load_state_dict(load_state_dict(os.path.join(ROOT, "models", "cifar10-resnet.bin")))
    export(resnet, (1, 3, 32, 32), "cifar-resnet.onnx", 13, folder=SHIPPED)
    small = BnDropoutGemm()
    with torch.no_grad():
        # Running statistics away from (0, 1), so BatchNormalization is not the identity.
        small.features[1].running_mean.uniform_(-0.5, 0.5)
        small.features[1].running_var.uniform_(0.5, 2.0)
    export(small, (1, 1, 28, 28), "bn-dropout-gemm.onnx", 9, initializers_as_inputs=True)
    export(ChannelsLast(lenet), (1, 28, 28, 1), "lenet-nhwc.onnx", 11)
    # Last, so the random draws before it (the fixtures above) stay as they were.
    export(lenet, (1, 1, 28, 28), "lenet-opset17.onnx", 17)
    # A new user's own networks, each from its own seed.
    torch.manual_seed(1)
    leaky = LeakyBnCnn()
    with torch.no_grad():
        leaky.features[1].running_mean.uniform_(-0.5, 0.5)
        leaky.features[1].running_var.uniform_(0.5, 2.0)
    export(leaky, (1, 1, 28, 28), "leaky-bn-cnn.onnx", 13)
    torch.manual_seed(2)
    five = BnDropoutGemm()
    five.head[-1] = nn.Linear(32, 5)
    export(five, (1, 1, 28, 28), "five-classes.onnx", 13)
    torch.manual_seed(3)
    export(GrayAnySize(), (1, 1, 28, 28), "gray-any-size.onnx", 13, image_axes={0: "batch", 2: "height", 3: "width"})


if __name__ == "__main__":
    main()

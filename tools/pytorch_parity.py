#!/usr/bin/env python3
"""PyTorch reference counts for the FGSM sweep of our LeNet on the MNIST test set, written as a fixture:

    ADVERSARIAL_DATASETS=../shared/datasets python3 tools/pytorch_parity.py > Adversarial.Tests/Fixtures/pytorch-parity.json

It loads our weights (models/lenet-mnist.bin, read by benchmarks/torchsharp_weights.py) into the PyTorch
definition of the network and counts correct predictions per epsilon twice: with the plain sign of the
input gradient (the tutorial's FGSM), and with gradients smaller than DEADZONE in magnitude treated as zero.
PyTorch 1.13 and libtorch 2.10 sum the convolution backward in a different order, so the sign of the
~1.8% of gradients that are ~1e-9 (where contributions cancel) differs. The dead zone removes most of those
flips (some gradients still fall on either side of it), so the counts then agree within a few images.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
from compare_pytorch import EPSILONS, load_mnist_test, load_model  # noqa: E402

DEADZONE = 1e-6


def counts(images, labels, deadzone):
    model = load_model(requires_grad=False)
    result = [0] * len(EPSILONS)
    for start in range(0, len(labels), 256):
        data = images[start:start + 256].clone().requires_grad_(True)
        target = labels[start:start + 256]
        gradient = torch.autograd.grad(F.nll_loss(model(data), target, reduction="sum"), data)[0]
        sign = torch.where(gradient.abs() < deadzone, torch.zeros_like(gradient), gradient.sign())
        with torch.no_grad():
            for e, eps in enumerate(EPSILONS):
                result[e] += int((model(torch.clamp(data + eps * sign, 0, 1)).argmax(1) == target).sum())
    return result


def main():
    torch.set_num_threads(2)
    images, labels = load_mnist_test()
    print(json.dumps({
        "generator": f"tools/pytorch_parity.py with torch {torch.__version__}",
        "epsilons": EPSILONS,
        "deadzone": DEADZONE,
        "correct": counts(images, labels, 0.0),
        "correctWithDeadzone": counts(images, labels, DEADZONE),
    }, indent=2))


if __name__ == "__main__":
    main()

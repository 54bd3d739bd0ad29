#!/usr/bin/env python3
"""PyTorch reference counts for the FGSM sweep of our LeNet on the MNIST test set, written as a fixture:

    ADVERSARIAL_DATASETS=../shared/datasets /usr/bin/python3 tools/pytorch_parity.py > Adversarial.Tests/Fixtures/pytorch-parity.json

It loads our weights (the shipped LeNet, read by benchmarks/torchsharp_weights.py) into the PyTorch definition
of the network and counts correct predictions per epsilon three ways:

- float32: the tutorial's FGSM as written (nll_loss on the network's log_softmax output);
- float64: the same in double precision, i.e. the exact gradient sign;
- float32Recentred: float32 with the loss taken on log_softmax of the log-probabilities (the same values),
  whose backward removes the cancellation in p_y - 1 that float32 rounds to a multiple of 6e-8.

For confident images that rounding is as large as the exact value, so float32 FGSM signs depend on the last bit
of the forward pass (PyTorch 1.13 and libtorch 2.10 differ there); float64 and the re-centred float32 loss agree.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
from compare_pytorch import EPSILONS, load_mnist_test, load_model  # noqa: E402

MNIST_EPSILONS = EPSILONS["mnist"]


def counts(images, labels, dtype, recentre):
    model = load_model(requires_grad=False).to(dtype)
    result = [0] * len(MNIST_EPSILONS)
    for start in range(0, len(labels), 500):
        data = images[start:start + 500].to(dtype).clone().requires_grad_(True)
        target = labels[start:start + 500]
        output = model(data)
        if recentre:
            output = F.log_softmax(output, dim=1)
        gradient = torch.autograd.grad(F.nll_loss(output, target, reduction="sum"), data)[0]
        with torch.no_grad():
            for e, eps in enumerate(MNIST_EPSILONS):
                result[e] += int((model(torch.clamp(data + eps * gradient.sign(), 0, 1)).argmax(1) == target).sum())
    return result


def main():
    torch.set_num_threads(2)
    images, labels = load_mnist_test()
    print(json.dumps({
        "generator": f"tools/pytorch_parity.py with torch {torch.__version__}",
        "epsilons": MNIST_EPSILONS,
        "float32": counts(images, labels, torch.float32, recentre=False),
        "float64": counts(images, labels, torch.float64, recentre=False),
        "float32Recentred": counts(images, labels, torch.float32, recentre=True),
    }, indent=2))


if __name__ == "__main__":
    main()

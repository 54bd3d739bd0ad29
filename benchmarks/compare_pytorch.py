#!/usr/bin/env python3
"""Side by side: our `adversarial sweep --dataset mnist` against PyTorch doing the same FGSM sweep
(LeNet, 10,000 MNIST test images, 7 epsilons) on the same weights and data, on this machine.

    ADVERSARIAL_DATASETS=../shared/datasets python3 benchmarks/compare_pytorch.py [--runs 3] [--skip-tutorial]

Uses Debian's python3-torch (never a runtime dependency of the tool). Runs alternate between the
contenders; the medians are reported, with each contender's correct counts per epsilon.

Counts agree up to epsilon 0.1 and then drift apart: about 1.8% of input gradients are tiny (|g| ~ 1e-9, where
contributions cancel) and their sign differs between PyTorch 1.13 and libtorch 2.10 because the two sum the
convolution backward in a different order. FGSM takes the sign, so at a large epsilon those pixels move the
other way and a few percent of predictions change. The PyTorch contenders agree with each other exactly.
"""
import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torchsharp_weights import load_state_dict  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EPSILONS = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]
THREADS = 2


class LeNet(nn.Module):
    """The PyTorch FGSM tutorial's network, as in Adversarial.Transforms/Models/LeNet.cs."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.conv2_drop = nn.Dropout2d()
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = x.view(-1, 320)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, training=self.training)
        return F.log_softmax(self.fc2(x), dim=1)


def load_mnist_test():
    folder = os.path.join(os.environ.get("ADVERSARIAL_DATASETS", os.path.join(ROOT, "datasets")), "mnist")
    with gzip.open(os.path.join(folder, "t10k-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)
    with gzip.open(os.path.join(folder, "t10k-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    # Division in float32, as torchvision's ToTensor and our loader do.
    return torch.from_numpy(images.astype(np.float32) / np.float32(255)), torch.from_numpy(labels.astype(np.int64))


def load_model(requires_grad=True):
    model = LeNet()
    model.load_state_dict(load_state_dict(os.path.join(ROOT, "models", "lenet-mnist.bin")))
    model.eval()
    for p in model.parameters():
        p.requires_grad_(requires_grad)
    return model


def tutorial_loop(images, labels):
    """The tutorial's test(): batch 1, parameter gradients on, one gradient per image and epsilon."""
    model = load_model()
    counts = []
    for eps in EPSILONS:
        correct = 0
        for i in range(len(labels)):
            data, target = images[i:i + 1].clone().requires_grad_(True), labels[i:i + 1]
            output = model(data)
            if output.max(1)[1].item() != target.item():
                continue
            loss = F.nll_loss(output, target)
            model.zero_grad()
            loss.backward()
            perturbed = torch.clamp(data + eps * data.grad.data.sign(), 0, 1)
            correct += int(model(perturbed).max(1)[1].item() == target.item())
        counts.append(correct)
    return counts


def batched_straightforward(images, labels, batch=256):
    """Batch 256, parameter gradients on, the gradient recomputed for every epsilon."""
    model = load_model()
    counts = []
    for eps in EPSILONS:
        correct = 0
        for start in range(0, len(labels), batch):
            data = images[start:start + batch].clone().requires_grad_(True)
            target = labels[start:start + batch]
            loss = F.nll_loss(model(data), target, reduction="sum")
            model.zero_grad()
            loss.backward()
            perturbed = torch.clamp(data + eps * data.grad.sign(), 0, 1)
            correct += int((model(perturbed).argmax(1) == target).sum())
        counts.append(correct)
    return counts


def batched_optimized(images, labels, batch=256):
    """Batch 256, no parameter gradients, the gradient once for all epsilons, scoring in inference mode."""
    model = load_model(requires_grad=False)
    counts = [0] * len(EPSILONS)
    for start in range(0, len(labels), batch):
        data = images[start:start + batch].clone().requires_grad_(True)
        target = labels[start:start + batch]
        loss = F.nll_loss(model(data), target, reduction="sum")
        sign = torch.autograd.grad(loss, data)[0].sign()
        with torch.inference_mode():
            for e, eps in enumerate(EPSILONS):
                perturbed = torch.clamp(data.detach() + eps * sign, 0, 1)
                counts[e] += int((model(perturbed).argmax(1) == target).sum())
    return counts


def ours():
    """Our CLI, as a user runs it (process start, loading, attack, ML.NET Evaluate, statistics)."""
    dll = os.path.join(ROOT, "Adversarial.Pipelines", "bin", "Release", "net10.0", "linux-x64", "adversarial.dll")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "sweep.json")
        env = dict(os.environ, ADVERSARIAL_TORCH_THREADS=str(THREADS))
        subprocess.run(["dotnet", dll, "sweep", "--dataset", "mnist", "--json", path], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        result = json.load(open(path))
    return [row["correct"] for row in result["epsilons"]]


def timed(function, *args):
    start = time.perf_counter()
    counts = function(*args)
    return time.perf_counter() - start, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-tutorial", action="store_true", help="skip the slow batch-1 loop")
    args = parser.parse_args()
    torch.set_num_threads(THREADS)
    images, labels = load_mnist_test()
    contenders = {"ours (adversarial sweep, whole command)": ours,
                  "PyTorch batched, optimized": lambda: batched_optimized(images, labels),
                  "PyTorch batched, straightforward": lambda: batched_straightforward(images, labels)}
    times = {name: [] for name in contenders}
    counts = {}
    for _ in range(args.runs):
        for name, function in contenders.items():
            seconds, result = timed(function)
            times[name].append(seconds)
            counts[name] = result
    if not args.skip_tutorial:
        seconds, result = timed(tutorial_loop, images, labels)
        times["PyTorch tutorial loop (batch 1)"] = [seconds]
        counts["PyTorch tutorial loop (batch 1)"] = result

    ours_name = "ours (adversarial sweep, whole command)"
    ours_time = statistics.median(times[ours_name])
    print(f"Machine: {os.cpu_count()} cores, torch {torch.__version__} with {THREADS} threads; MNIST test set, LeNet, "
          f"epsilons {EPSILONS}; medians of {args.runs} alternating runs (the tutorial loop: one run)")
    print(f"{'contender':44} {'median s':>9} {'ours faster by':>15}   correct per epsilon")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:44} {median:9.2f} {median / ours_time:14.2f}x   {counts[name]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of our process: {peak:.0f} MB")
    pytorch = [value for name, value in counts.items() if name != ours_name]
    if any(value != pytorch[0] for value in pytorch):
        print("the PyTorch contenders disagree with each other: this is a bug in this script")
        return 1
    differences = [o - p for o, p in zip(counts[ours_name], pytorch[0])]
    print(f"ours minus PyTorch, correct images per epsilon: {differences} (near-zero gradient signs, see the docstring)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

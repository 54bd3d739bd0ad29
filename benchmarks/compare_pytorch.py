#!/usr/bin/env python3
"""Side by side: our `adversarial sweep` against PyTorch doing the same FGSM sweep on the same weights and
data, on this machine: LeNet on the 10,000 MNIST test images at 7 epsilons, or our CIFAR ResNet on the
10,000 CIFAR-10 test images at 6 epsilons.

    ADVERSARIAL_DATASETS=../shared/datasets /usr/bin/python3 benchmarks/compare_pytorch.py \
        [--dataset mnist|cifar10] [--runs 3] [--skip-tutorial] [--tutorial-limit N]

Uses Debian's python3-torch (never a runtime dependency of the tool). Runs alternate between the
contenders; the medians are reported, with each contender's correct counts per epsilon. The PyTorch
loops are timed in-process (data and model already loaded), so "ours" is reported twice: the same span
of work inside our process (attack, scoring and ML.NET Evaluate, as the sweep prints it) and the whole
command (process start, runtime, dataset checksums, model loading, report). Ratios use the former.
The tutorial's batch-1 loop can run on the first N images (--tutorial-limit); its time is then scaled
to the whole test set and marked so.

On MNIST the counts agree up to epsilon 0.1 and then differ. That is float32 rounding in the tutorial's loss,
not a difference between the libraries: for a confident image the true class's component of d loss/d logits,
p_y - 1, is rounded to a multiple of 6e-8, about as large as its exact value, so the direction of the gradient
depends on the last bit of the forward pass. Our attack takes the loss on re-centred log-probabilities (same
values, exact gradient) and gets PyTorch's float64 counts; tools/pytorch_parity.py measures all three.
The PyTorch contenders agree with each other exactly.
"""
import argparse
import collections
import gzip
import json
import os
import re
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
EPSILONS = {"mnist": [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3], "cifar10": [0, 1 / 255, 2 / 255, 4 / 255, 8 / 255, 16 / 255]}
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
        x = x.reshape(-1, 320)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, training=self.training)
        return F.log_softmax(self.fc2(x), dim=1)


class SmallCnn(nn.Module):
    """Adversarial.Transforms/Models/SmallCnn.cs: the MNIST CNN of Wong, Rice and Kolter (2020); logits out."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 4, stride=2, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 4, stride=2, padding=1)
        self.fc1 = nn.Linear(32 * 7 * 7, 100)
        self.fc2 = nn.Linear(100, 10)

    def forward(self, x):
        x = F.relu(self.conv2(F.relu(self.conv1(x))))
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def conv_bn(inputs, outputs):
    return nn.Sequential(collections.OrderedDict(
        conv=nn.Conv2d(inputs, outputs, 3, padding=1, bias=False), bn=nn.BatchNorm2d(outputs), relu=nn.ReLU()))


class CifarResNet(nn.Module):
    """Adversarial.Transforms/Models/CifarResNet.cs with the normalization of its TorchImageClassifier wrapper."""

    def __init__(self, width=16):
        super().__init__()
        self.register_buffer("mean", torch.tensor([0.4914, 0.4822, 0.4465]).view(1, 3, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor([0.2470, 0.2435, 0.2616]).view(1, 3, 1, 1), persistent=False)
        self.prep = conv_bn(3, width)
        self.layer1 = nn.Sequential(collections.OrderedDict(conv=conv_bn(width, 2 * width), pool=nn.MaxPool2d(2)))
        self.res1 = nn.Sequential(collections.OrderedDict(a=conv_bn(2 * width, 2 * width), b=conv_bn(2 * width, 2 * width)))
        self.layer2 = nn.Sequential(collections.OrderedDict(conv=conv_bn(2 * width, 4 * width), pool=nn.MaxPool2d(2)))
        self.layer3 = nn.Sequential(collections.OrderedDict(conv=conv_bn(4 * width, 8 * width), pool=nn.MaxPool2d(2)))
        self.res3 = nn.Sequential(collections.OrderedDict(a=conv_bn(8 * width, 8 * width), b=conv_bn(8 * width, 8 * width)))
        self.fc = nn.Linear(8 * width, 10, bias=False)

    def forward(self, x):
        x = self.prep((x - self.mean) / self.std)
        x = self.layer1(x)
        x = x + self.res1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        x = x + self.res3(x)
        x = F.adaptive_max_pool2d(x, 1).flatten(1)
        return F.log_softmax(self.fc(x) * 0.125, dim=1)


def load_cifar_test():
    folder = os.path.join(os.environ.get("ADVERSARIAL_DATASETS", os.path.join(ROOT, "datasets")), "cifar10", "cifar-10-batches-bin")
    records = np.fromfile(os.path.join(folder, "test_batch.bin"), dtype=np.uint8).reshape(-1, 3073)
    images = records[:, 1:].reshape(-1, 3, 32, 32).astype(np.float32) / np.float32(255)
    return torch.from_numpy(images), torch.from_numpy(records[:, 0].astype(np.int64))


def load_mnist_test():
    folder = os.path.join(os.environ.get("ADVERSARIAL_DATASETS", os.path.join(ROOT, "datasets")), "mnist")
    with gzip.open(os.path.join(folder, "t10k-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)
    with gzip.open(os.path.join(folder, "t10k-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    # Division in float32, as torchvision's ToTensor and our loader do.
    return torch.from_numpy(images.astype(np.float32) / np.float32(255)), torch.from_numpy(labels.astype(np.int64))


DATASETS = {"mnist": (load_mnist_test, LeNet, "lenet-mnist.bin"), "cifar10": (load_cifar_test, CifarResNet, "cifar10-resnet.bin")}
DATASET = "mnist"
PEAKS_MB = []
OUR_DLL = os.path.join(ROOT, "Adversarial.Cli", "bin", "Release", "net10.0", "linux-x64", "adversarial.dll")
OUR_ENV = dict(os.environ, ADVERSARIAL_PARALLEL_BATCHES=str(THREADS))


def load_model(requires_grad=True):
    _, network, weights = DATASETS[DATASET]
    model = network()
    state = load_state_dict(os.path.join(ROOT, "models", weights))
    model.load_state_dict(state)
    model.eval()
    for p in model.parameters():
        p.requires_grad_(requires_grad)
    return model


def tutorial_loop(images, labels):
    """The tutorial's test(): batch 1, parameter gradients on, one gradient per image and epsilon."""
    model = load_model()
    counts = []
    for eps in EPSILONS[DATASET]:
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
    for eps in EPSILONS[DATASET]:
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
    counts = [0] * len(EPSILONS[DATASET])
    for start in range(0, len(labels), batch):
        data = images[start:start + batch].clone().requires_grad_(True)
        target = labels[start:start + batch]
        loss = F.nll_loss(model(data), target, reduction="sum")
        sign = torch.autograd.grad(loss, data)[0].sign()
        with torch.inference_mode():
            for e, eps in enumerate(EPSILONS[DATASET]):
                perturbed = torch.clamp(data.detach() + eps * sign, 0, 1)
                counts[e] += int((model(perturbed).argmax(1) == target).sum())
    return counts


def pgd_batched(images, labels, epsilon=0.3, steps=40, step_size=0.01, batch=256):
    """PGD-40 (L-inf, random start, no early stop) batched as a PyTorch user would write it; then scoring."""
    model = load_model(requires_grad=False)
    generator = torch.Generator().manual_seed(0)
    correct = 0
    for start in range(0, len(labels), batch):
        clean, target = images[start:start + batch], labels[start:start + batch]
        adversarial = (clean + torch.empty_like(clean).uniform_(-epsilon, epsilon, generator=generator)).clamp(0, 1)
        for _ in range(steps):
            adversarial.requires_grad_(True)
            loss = F.nll_loss(model(adversarial), target, reduction="sum")
            gradient, = torch.autograd.grad(loss, adversarial)
            adversarial = torch.min(torch.max(adversarial.detach() + step_size * gradient.sign(), clean - epsilon),
                                    clean + epsilon).clamp(0, 1)
        with torch.inference_mode():
            correct += int((model(adversarial).argmax(1) == target).sum())
    return correct


def ours_pgd(runs):
    """Our bench scenario mnist-pgd40: the same 1,000 images x 40 steps through ML.NET, in its own process."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bench.json")
        subprocess.run(["dotnet", OUR_DLL, "bench", "--scenario", "mnist-pgd40", "--runs", str(runs), "--child-json", path],
                       check=True, env=OUR_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return json.load(open(path))["runs"]


def ours():
    """Our CLI, as a user runs it. Returns (in-process seconds of the same work, counts); timed() adds the whole command."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "sweep.json")
        # GNU time reports the peak of our process alone: getrusage(RUSAGE_CHILDREN) would also count the
        # forked copy of this Python process (CIFAR tensors included) before it execs dotnet.
        run = subprocess.run(["/usr/bin/time", "-f", "PEAK_KB %M", "dotnet", OUR_DLL, "sweep", "--dataset", DATASET, "--json", path],
                             check=True, env=OUR_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        result = json.load(open(path))
    work = re.search(r"Attack, scoring and Evaluate: ([0-9.]+) s", run.stdout)
    PEAKS_MB.append(int(re.search(r"PEAK_KB (\d+)", run.stderr).group(1)) / 1024)
    return float(work.group(1)), [row["correct"] for row in result["epsilons"]]


def timed(function, *args):
    start = time.perf_counter()
    counts = function(*args)
    return time.perf_counter() - start, counts


def main():
    global DATASET
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="mnist")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-tutorial", action="store_true", help="skip the slow batch-1 loop")
    parser.add_argument("--tutorial-limit", type=int, help="run the batch-1 loop on the first N images and scale its time")
    parser.add_argument("--pgd", action="store_true", help="also compare PGD-40 per step (MNIST, first 1,000 images)")
    args = parser.parse_args()
    DATASET = args.dataset
    torch.set_num_threads(THREADS)
    images, labels = DATASETS[DATASET][0]()
    whole, inside = "ours, whole command", "ours, attack + scoring + Evaluate"
    contenders = {whole: ours,
                  "PyTorch batched, optimized": lambda: batched_optimized(images, labels),
                  "PyTorch batched, straightforward": lambda: batched_straightforward(images, labels)}
    times = {inside: [], **{name: [] for name in contenders}}
    counts = {}
    for _ in range(args.runs):
        for name, function in contenders.items():
            seconds, result = timed(function)
            if name == whole:
                times[inside].append(result[0])
                result = result[1]
                counts[inside] = result
            times[name].append(seconds)
            counts[name] = result
    if not args.skip_tutorial:
        limit = args.tutorial_limit or len(labels)
        seconds, result = timed(tutorial_loop, images[:limit], labels[:limit])
        name = "PyTorch tutorial loop (batch 1)" if limit == len(labels) else \
            f"PyTorch tutorial loop (batch 1; {limit} images, time x{len(labels) / limit:g})"
        times[name] = [seconds * len(labels) / limit]
        counts[name] = result

    reference = statistics.median(times[inside])
    print(f"Machine: {os.cpu_count()} cores, torch {torch.__version__} with {THREADS} threads; {DATASET} test set "
          f"({len(labels)} images), {DATASETS[DATASET][1].__name__}, epsilons {[round(e, 4) for e in EPSILONS[DATASET]]}; "
          f"medians of {args.runs} alternating runs (the tutorial loop: one run)")
    print(f"{'contender':58} {'median s':>9} {'ours faster by':>15}   correct per epsilon")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:58} {median:9.2f} {median / reference:14.2f}x   {counts[name]}")
    print(f"peak RSS of our sweep process: {max(PEAKS_MB):.0f} MB (largest of {len(PEAKS_MB)} runs)")
    batched = [counts[name] for name in contenders if name != whole]
    if any(value != batched[0] for value in batched):
        print("the PyTorch contenders disagree with each other: this is a bug in this script")
        return 1
    differences = [o - p for o, p in zip(counts[whole], batched[0])]
    print(f"ours minus PyTorch, correct images per epsilon: {differences} (float32 rounding of p_y - 1 in the tutorial loss, see the docstring)")
    if args.pgd and DATASET == "mnist":
        work = 1000 * 40
        pytorch = statistics.median(timed(pgd_batched, images[:1000], labels[:1000])[0] for _ in range(args.runs))
        mine = statistics.median(ours_pgd(args.runs))
        print(f"PGD-40, eps 0.3, first 1,000 images, with scoring: ours {work / mine:.0f} image-steps/s ({mine:.2f} s, "
              f"through ML.NET), PyTorch batched {work / pytorch:.0f} image-steps/s ({pytorch:.2f} s); ours faster by {pytorch / mine:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Side by side: torchvision networks exported to ONNX and imported by us, against the same networks run by PyTorch 1.13
(Debian's python3-torch), on the same CIFAR-10 test images and thread count, alternating, medians.

    ADVERSARIAL_DATASETS=../shared/datasets /usr/bin/python3 benchmarks/onnx_architectures_vs_pytorch.py \\
        [--folder artifacts/architectures] [--images 256] [--rounds 3] [NAME ...]     (default: resnet18 mobilenet_v2 vit_b_16)

The .onnx files are tools/export_torchvision_architectures.py's (the architecture tests write them into
artifacts/architectures/). PyTorch runs the network that script builds, rebuilt here the same way; it is exported again and
its SHA-256 compared with the file's, so both sides hold the same weights.

Two workloads, each timed without loading and without the sweep's sanity checks:
- an FGSM sweep at CIFAR-10's five epsilons (1, 2, 4, 8, 16 / 255): one gradient per image, then the clean and five attacked
  images scored (ours: `adversarial bench --scenario cifar-fgsm-model`, the sweep transform read once);
- PGD-10 (L-inf, eps 8/255, step 2.5 eps / 10, random start, no early stop), then scoring (ours: cifar-pgd10-model, through
  ML.NET's Evaluate).
Both sides use the batch size of our CIFAR models (32) and two threads: PyTorch as intra-op threads (torch.set_num_threads),
ours as two batches in parallel with one torch thread each (how the library uses the cores). PyTorch's BLAS is the one Debian
gives it (libblas.so.3): install libopenblas0-pthread first, or its linear layers run on the reference BLAS, ~25x slower on ViT.
PyTorch runs in a process of its own under each OpenMP wait policy, and the faster counts: OpenMP's spinning workers help
oneDNN's convolutions (resnet18's sweep of 256 images: 2.37 s spinning, 2.72 s passive) but fight OpenBLAS's threads (ViT's:
36.3 s spinning, 17.3 s passive). Our library waits passively, always.
"""
import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import export_torchvision_architectures as exported  # noqa: E402

THREADS = 2
BATCH = 32
EPSILONS = [1 / 255, 2 / 255, 4 / 255, 8 / 255, 16 / 255]
PGD_EPSILON, PGD_STEPS = 8 / 255, 10
POLICIES = ("ACTIVE", "PASSIVE")
OUR_DLL = os.path.join(ROOT, "Adversarial.Cli", "bin", "Release", "net10.0", "linux-x64", "adversarial.dll")


def fgsm_sweep(model, images, labels):
    """Our sweep's work: the gradient of the loss once per batch, then the clean and the attacked images scored."""
    correct = [0] * (len(EPSILONS) + 1)
    for start in range(0, len(labels), BATCH):
        x = images[start:start + BATCH].clone().requires_grad_(True)
        y = labels[start:start + BATCH]
        logits = model(x)
        sign = torch.autograd.grad(F.cross_entropy(logits, y, reduction="sum"), x)[0].sign()
        with torch.inference_mode():
            correct[0] += int((logits.argmax(1) == y).sum())
            for k, epsilon in enumerate(EPSILONS):
                correct[k + 1] += int((model((x.detach() + epsilon * sign).clamp(0, 1)).argmax(1) == y).sum())
    return correct


def pgd(model, images, labels):
    generator = torch.Generator().manual_seed(0)
    step = 2.5 * PGD_EPSILON / PGD_STEPS
    correct = 0
    for start in range(0, len(labels), BATCH):
        clean, y = images[start:start + BATCH], labels[start:start + BATCH]
        adversarial = (clean + torch.empty_like(clean).uniform_(-PGD_EPSILON, PGD_EPSILON, generator=generator)).clamp(0, 1)
        for _ in range(PGD_STEPS):
            adversarial.requires_grad_(True)
            gradient, = torch.autograd.grad(F.cross_entropy(model(adversarial), y, reduction="sum"), adversarial)
            adversarial = torch.min(torch.max(adversarial.detach() + step * gradient.sign(), clean - PGD_EPSILON), clean + PGD_EPSILON).clamp(0, 1)
        with torch.inference_mode():
            correct += int((model(adversarial).argmax(1) == y).sum())
    return correct


def ours(scenario, path, images):
    """One timed run of our bench scenario in its own process (after its warm-up run): seconds and peak RSS."""
    with tempfile.TemporaryDirectory() as folder:
        result = os.path.join(folder, "bench.json")
        subprocess.run(["dotnet", OUR_DLL, "bench", "--scenario", scenario, "--model", path, "--limit", str(images), "--runs", "1",
                        "--json", result], check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, ADVERSARIAL_PARALLEL_BATCHES=str(THREADS)))
        run = json.load(open(result))[0]
        return run["runs"][0], run["peakRssMegabytes"]


def pytorch(name, workload, state, images, policy):
    """One timed run of PyTorch's loop in a process of its own (OpenMP reads its wait policy when torch loads), after a warm-up batch."""
    run = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", name, workload, state, "--images", str(images)],
                         check=True, stdout=subprocess.PIPE, text=True, env=dict(os.environ, OMP_WAIT_POLICY=policy))
    return float(run.stdout.strip().splitlines()[-1])


def child(name, workload, state, count):
    torch.set_num_threads(THREADS)
    torch.manual_seed(0)
    model = exported.Normalized(exported.ARCHITECTURES[name][0](32))
    model.load_state_dict(torch.load(state))
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    images, labels = exported.cifar("test")
    run = WORKLOADS[workload][1]
    run(model, images[:BATCH], labels[:BATCH])
    started = time.perf_counter()
    run(model, images[:count], labels[:count])
    print(time.perf_counter() - started)


def same_network(model, path):
    with tempfile.TemporaryDirectory() as folder:
        copy = os.path.join(folder, "copy.onnx")
        exported.export(model, 32, 17, copy)
        return exported.sha256(copy) == exported.sha256(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", default=["resnet18", "mobilenet_v2", "vit_b_16"])
    parser.add_argument("--folder", default=os.path.join(ROOT, "artifacts", "architectures"))
    parser.add_argument("--images", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("NAME", "WORKLOAD", "STATE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.images)
        return 0
    train_images, train_labels = exported.cifar("train")
    print(f"{os.cpu_count()} cores, torch {torch.__version__} ({THREADS} threads), {args.images} CIFAR-10 test images, batch {BATCH}, "
          f"medians of {args.rounds} alternating rounds; PyTorch under OpenMP's ACTIVE and PASSIVE waiting, the faster counts")
    print(f"{'network':14} {'workload':10} {'PyTorch s (active/passive)':>27} {'ours s':>8} {'ours/PyTorch':>13} {'our peak MB':>12}")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.names:
            path = os.path.join(args.folder, f"{name}-32-opset17.onnx")
            torch.set_num_threads(os.cpu_count() or 1)  # as the export script made the file
            model = exported.informative_model(name, 32, train_images, train_labels)
            identical = same_network(model, path)
            state = os.path.join(folder, f"{name}.pt")
            torch.save(model.state_dict(), state)
            for workload, (scenario, _) in WORKLOADS.items():
                theirs = {policy: [] for policy in POLICIES}
                mine, peaks = [], []
                for _ in range(args.rounds):
                    for policy in POLICIES:
                        theirs[policy].append(pytorch(name, workload, state, args.images, policy))
                    seconds, peak = ours(scenario, path, args.images)
                    mine.append(seconds)
                    peaks.append(peak)
                medians = {policy: statistics.median(values) for policy, values in theirs.items()}
                best, b = min(medians.values()), statistics.median(mine)
                print(f"{name:14} {workload:10} {medians['ACTIVE']:13.2f} / {medians['PASSIVE']:5.2f} {b:14.2f} {b / best:12.2f}x {max(peaks):12.0f}"
                      + ("" if identical else "  (weights differ from the file!)"), flush=True)
    return 0


WORKLOADS = {"FGSM sweep": ("cifar-fgsm-model", fgsm_sweep), "PGD-10": ("cifar-pgd10-model", pgd)}


if __name__ == "__main__":
    sys.exit(main())

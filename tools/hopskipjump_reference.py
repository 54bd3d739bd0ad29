#!/usr/bin/env python3
"""Reference numbers from the authors' HopSkipJump code (Jianbo-Lab/HSJA, hsja.py) on our LeNet, as a fixture:

    ADVERSARIAL_DATASETS=../shared/datasets /usr/bin/python3 tools/hopskipjump_reference.py --hsja PATH --seeds 0,1,2 \\
        > Adversarial.Tests/Fixtures/hopskipjump-reference.json

PATH is a checkout of https://github.com/Jianbo-Lab/HSJA (hsja.py is imported from there; nothing of it is copied here).
The weights are our shipped TorchSharp LeNet (models/lenet-mnist.bin), read by benchmarks/torchsharp_weights.py into the
PyTorch LeNet of benchmarks/compare_pytorch.py; the authors' code sees only its predicted labels, as ours does. On the first
--images test images that LeNet classifies correctly, for each norm and each seed (numpy's global generator, seeded once
before the images), it runs hsja() untargeted with the given iterations and evaluation counts and records per image the
final distance (L2 or L-inf) and the label queries it made.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
from compare_pytorch import LeNet, load_mnist_test  # noqa: E402
from torchsharp_weights import load_state_dict  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "tools"))
from autoattack_reference import commit_of  # noqa: E402


class CountingModel:
    """The model as hsja() wants it (predict of a numpy batch), counting every image it is asked about."""

    def __init__(self, network):
        self.network = network
        self.queries = 0

    def predict(self, images):
        batch = np.asarray(images, dtype=np.float32).reshape(-1, 1, 28, 28)
        self.queries += batch.shape[0]
        with torch.no_grad():
            return self.network(torch.from_numpy(batch)).exp().numpy()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hsja", required=True, help="a checkout of Jianbo-Lab/HSJA")
    parser.add_argument("--images", type=int, default=100)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--initial-evaluations", type=int, default=100)
    parser.add_argument("--max-evaluations", type=int, default=1000)
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--commit", help="the checkout's commit, where it is not a git work tree")
    args = parser.parse_args()
    sys.path.insert(0, os.path.abspath(args.hsja))
    from hsja import hsja  # noqa: E402

    torch.set_num_threads(args.threads)
    network = LeNet()
    network.load_state_dict(load_state_dict(os.path.join(ROOT, "models", "lenet-mnist.bin")))
    network.eval()
    images, labels = load_mnist_test()
    images, labels = images[:args.images], labels[:args.images]
    with torch.no_grad():
        correct = (network(images).argmax(1) == labels).nonzero().flatten().tolist()
    runs = []
    for norm in ("l2", "linf"):
        for seed in [int(s) for s in args.seeds.split(",")]:
            np.random.seed(seed)
            distances, queries = [], []
            started = time.time()
            for i in correct:
                model = CountingModel(network)
                sample = images[i].numpy().astype(np.float64)
                adversarial = hsja(model, sample, constraint=norm, num_iterations=args.iterations,
                                   max_num_evals=args.max_evaluations, init_num_evals=args.initial_evaluations, verbose=False)
                delta = (adversarial - sample).ravel()
                distances.append(float(np.linalg.norm(delta) if norm == "l2" else np.abs(delta).max()))
                queries.append(model.queries)
            runs.append({"norm": norm, "seed": seed, "seconds": round(time.time() - started, 1),
                         "medianDistance": float(np.median(distances)), "distances": distances, "queries": queries})
            print(f"{norm} seed {seed}: median distance {np.median(distances):.4f}, median queries {np.median(queries):.0f}, "
                  f"{time.time() - started:.0f} s", file=sys.stderr)
    commit = args.commit or commit_of(args.hsja)
    json.dump({"source": "Jianbo-Lab/HSJA hsja.py", "commit": commit, "model": "lenet-mnist.bin", "images": args.images, "attacked": correct,
               "iterations": args.iterations, "initialEvaluations": args.initial_evaluations,
               "maxEvaluations": args.max_evaluations, "torch": torch.__version__, "runs": runs}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()

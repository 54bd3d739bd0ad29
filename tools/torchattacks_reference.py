#!/usr/bin/env python3
"""Per-image reference results of torchattacks (Harry24k/adversarial-attacks-pytorch, MIT) for our attacks, as a fixture:

    ADVERSARIAL_DATASETS=../shared/datasets /usr/bin/python3 tools/torchattacks_reference.py --torchattacks PATH \\
        > Adversarial.Tests/Fixtures/torchattacks-reference.json

PATH is a checkout of https://github.com/Harry24k/adversarial-attacks-pytorch (its torchattacks/ package is imported
from there; nothing of it is copied here). Our shipped weights are read into the PyTorch definitions of
benchmarks/compare_pytorch.py and run in float64, where cross-entropy gradients are exact (in float32 p_y - 1 rounds to
0 on confident images; our re-centred objective matches float64). Each attack is deterministic here: PGD starts at the
clean image (random_start=False) and CW is torchattacks' single-constant version, which ours is with one binary-search
round. torchattacks' CW reads the true and best other logits as maxima of one-hot-masked logits, which is 0 instead of
the logit wherever logits are negative (LeNet's log-probabilities always are), so CW sees the network through
PositiveLogits: the logits shifted per image to start at 1, which changes no margin and no gradient of one. Its start
atanh(clamp(2x - 1, -1, 1)) is infinite at pixels of 0 or 1, which then never move (tanh' = 0 there); Carlini's
l2_attack.py scales 2x - 1 by 0.999999 first (as ours does), so CW is given x(1 - 1e-6) + 5e-7, whose 2x - 1 is exactly that.
For every image it records whether the example is misclassified and its L-inf and L2 distances, and the L2 distance of
the same attack in float32: how far precision alone moves a result (CW's smallest successful iterate is sensitive to it).
"""
import argparse
import json
import os
import sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from autoattack_reference import MODELS, commit_of, load  # noqa: E402
from compare_pytorch import load_mnist_test  # noqa: E402

# name -> (torchattacks class, its arguments); ours are built from the same numbers by the tests.
ATTACKS = {
    "pgd": ("PGD", {"eps": 0.1, "alpha": 0.01, "steps": 20, "random_start": False}),
    "pgd-l2": ("PGDL2", {"eps": 1.0, "alpha": 0.1, "steps": 20, "random_start": False}),
    "bim": ("BIM", {"eps": 0.1, "alpha": 0.01, "steps": 10}),
    "mifgsm": ("MIFGSM", {"eps": 0.1, "alpha": 0.01, "steps": 10, "decay": 1.0}),
    "cw": ("CW", {"c": 5.0, "kappa": 0.0, "steps": 100, "lr": 0.1}),
}


class PositiveLogits(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        logits = self.model(x)
        return logits - logits.min(1, keepdim=True)[0] + 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--torchattacks", required=True, help="a checkout of Harry24k/adversarial-attacks-pytorch")
    parser.add_argument("--commit", help="the checkout's commit, where it is not a git work tree")
    parser.add_argument("--model", default="lenet", choices=sorted(MODELS))
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, os.path.abspath(args.torchattacks))
    import torchattacks  # noqa: E402

    torch.set_num_threads(args.threads)
    images, labels = load_mnist_test()
    images, labels = images[:args.images], labels[:args.images]
    model, weights_name = load(args.model, None)
    single = (model, images)
    model, images = load(args.model, None)[0].double(), images.double()
    with torch.no_grad():
        clean = model(images).argmax(1) == labels
    results = []
    for name, (kind, arguments) in ATTACKS.items():
        def run(network, x):
            attack = getattr(torchattacks, kind)(PositiveLogits(network).eval() if kind == "CW" else network, **arguments)
            return attack(x * (1 - 1e-6) + 5e-7 if kind == "CW" else x, labels)
        adversarial = run(model, images)
        in_float32 = (run(*single) - single[1]).reshape(len(images), -1).norm(dim=1)
        with torch.no_grad():
            fooled = model(adversarial).argmax(1) != labels
        delta = (adversarial - images).reshape(len(images), -1)
        results.append({"attack": name, "torchattacks": kind, "arguments": arguments,
                        "fooled": [int(i) for i in fooled.nonzero().squeeze(1)],
                        "linf": [round(float(v), 6) for v in delta.abs().max(1)[0]],
                        "l2": [round(float(v), 6) for v in delta.norm(dim=1)],
                        "l2Float32": [round(float(v), 6) for v in in_float32]})
        print(f"{name}: {int(fooled.sum())} of {len(images)} misclassified", file=sys.stderr)
    commit = args.commit or commit_of(args.torchattacks)
    json.dump({"source": f"torchattacks {torchattacks.__version__}, float64, PyTorch {torch.__version__}", "commit": commit,
               "model": weights_name, "dataset": "mnist", "images": args.images,
               "cleanImages": [int(i) for i in clean.nonzero().squeeze(1)], "attacks": results}, sys.stdout)
    print()


if __name__ == "__main__":
    main()

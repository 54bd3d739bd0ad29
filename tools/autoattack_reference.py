#!/usr/bin/env python3
"""Reference numbers from the authors' AutoAttack code (fra31/auto-attack, MIT) for our shipped models, as a fixture:

    ADVERSARIAL_DATASETS=../shared/datasets /usr/bin/python3 tools/autoattack_reference.py --auto-attack PATH \\
        > Adversarial.Tests/Fixtures/autoattack-reference.json

PATH is a checkout of https://github.com/fra31/auto-attack (its autoattack/ package is imported from there; nothing of it
is copied here). For each ε it runs, on the first --images MNIST test images and our LeNet (its weights read by
benchmarks/torchsharp_weights.py; its log-probabilities are valid logits: softmax gives the same probabilities and the
DLR losses are shift-invariant), the AutoAttack sequence of the APGD stages with the "standard" settings: APGD-CE
(100 iterations, 1 restart), then APGD-T (9 target classes, 100 iterations, 1 restart) on the images still robust, and
records per image whether it survived each stage, and the time of each stage.
"""
import argparse
import json
import os
import sys
import time

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
from compare_pytorch import load_mnist_test, load_model  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--auto-attack", required=True, help="a checkout of fra31/auto-attack")
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--epsilons", default="0.05,0.1")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, os.path.abspath(args.auto_attack))
    from autoattack.autopgd_base import APGDAttack, APGDAttack_targeted  # noqa: E402

    torch.set_num_threads(args.threads)
    images, labels = load_mnist_test()
    images, labels = images[:args.images], labels[:args.images]
    model = load_model(requires_grad=False)
    with torch.no_grad():
        clean = model(images).argmax(1) == labels
    results = []
    for epsilon in (float(e) for e in args.epsilons.split(",")):
        robust = clean.clone()
        stages = []
        ce = APGDAttack(model, n_iter=100, norm="Linf", n_restarts=1, eps=epsilon, seed=0, loss="ce", rho=.75, device="cpu")
        targeted = APGDAttack_targeted(model, n_iter=100, norm="Linf", n_restarts=1, eps=epsilon, seed=0, rho=.75,
                                       n_target_classes=9, device="cpu")
        for name, attack in (("apgd-ce", ce), ("apgd-t", targeted)):
            started = time.time()
            index = robust.nonzero().squeeze(1)
            if len(index) > 0:
                adversarial = attack.perturb(images[index], labels[index])
                with torch.no_grad():
                    still = model(adversarial).argmax(1) == labels[index]
                robust[index] = still
            stages.append({"attack": name, "robust": int(robust.sum()), "seconds": round(time.time() - started, 2),
                           "robustImages": [int(i) for i in robust.nonzero().squeeze(1)]})
            print(f"eps {epsilon}: after {name} {int(robust.sum())} / {args.images} robust", file=sys.stderr)
        results.append({"epsilon": epsilon, "stages": stages})
    json.dump({"source": "fra31/auto-attack (autoattack/autopgd_base.py), PyTorch " + torch.__version__, "model": "lenet-mnist.bin",
               "dataset": "mnist", "images": args.images, "clean": int(clean.sum()), "threads": args.threads, "epsilons": results},
              sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()

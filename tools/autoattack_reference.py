#!/usr/bin/env python3
"""Reference numbers from the authors' AutoAttack code (fra31/auto-attack, MIT) for our models, as a fixture:

    ADVERSARIAL_DATASETS=../shared/datasets /usr/bin/python3 tools/autoattack_reference.py --auto-attack PATH \\
        > Adversarial.Tests/Fixtures/autoattack-reference.json

PATH is a checkout of https://github.com/fra31/auto-attack (its autoattack/ package is imported from there; nothing of it
is copied here). The weights are our shipped TorchSharp files (models/), read by benchmarks/torchsharp_weights.py into the
PyTorch definitions of benchmarks/compare_pytorch.py (LeNet's log-probabilities are valid logits: softmax gives the same
probabilities and the DLR losses and FAB's logit differences are shift-invariant). On the first --images test images, for
each ε, it runs the stages of AutoAttack one at a time, each on the images every earlier stage left robust:
  --version apgd:     APGD-CE then APGD-T with the "standard" settings (the authors' APGD classes directly);
  --version standard: the authors' AutoAttack object with version="standard", seed 0 (APGD-CE, APGD-T, FAB-T, Square),
                      one stage per run_standard_evaluation call, which is what its own loop does with the robust points;
  --version individual: the same four stages, each alone on every image (the authors' run_standard_evaluation_individual),
                      once per --seeds seed: what each stage fools by itself, and how much that moves with the seed;
  --version square:   square.py's SquareAttack on its own with its defaults (p_init 0.8, the schedule rescaled to
                      --square-queries), once per --seeds seed, recorded as --version individual records a stage.
It records per image whether it survived each stage, the time of each stage, and the commit of the checkout.

    ADVERSARIAL_DATASETS=../shared/datasets /usr/bin/python3 tools/autoattack_reference.py --auto-attack PATH \\
        --model small-cnn --version individual --epsilons 0.3 --images 200 --seeds 0,1,2 \\
        > Adversarial.Tests/Fixtures/autoattack-individual-small-cnn-linf.json
    ... --model lenet --version individual --epsilons 0.1 --images 100 --seeds 0,1,2 --extra-stages apgd-dlr \\
        > Adversarial.Tests/Fixtures/autoattack-individual-lenet-linf.json
    ... --model lenet --version individual --norm L2 --epsilons 1 --images 100 --seeds 0,1,2 --extra-stages apgd-dlr \\
        > Adversarial.Tests/Fixtures/autoattack-individual-lenet-l2.json
    ... --model lenet --version square --epsilons 0.1 --images 100 --seeds 0,1,2,3,4,5 > Adversarial.Tests/Fixtures/square-lenet-linf.json
    ... --model lenet --version square --norm L2 --epsilons 1 --images 100 --seeds 0,1,2,3,4,5 \\
        > Adversarial.Tests/Fixtures/square-lenet-l2.json
"""
import argparse
import json
import os
import subprocess
import sys
import time

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
from compare_pytorch import LeNet, SmallCnn, load_mnist_test  # noqa: E402
from torchsharp_weights import load_state_dict  # noqa: E402

MODELS = {"lenet": (LeNet, "lenet-mnist.bin"), "small-cnn": (SmallCnn, "mnist-small-cnn-pgd.bin")}


def load(model_name, weights):
    network, shipped = MODELS[model_name]
    model = network()
    path = weights or os.path.join(ROOT, "models", shipped)
    model.load_state_dict(load_state_dict(path))
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model, os.path.basename(path)


def apgd_stages(model, epsilon, seed=0):
    from autoattack.autopgd_base import APGDAttack, APGDAttack_targeted  # noqa: E402
    ce = APGDAttack(model, n_iter=100, norm="Linf", n_restarts=1, eps=epsilon, seed=seed, loss="ce", rho=.75, device="cpu")
    targeted = APGDAttack_targeted(model, n_iter=100, norm="Linf", n_restarts=1, eps=epsilon, seed=seed, rho=.75,
                                   n_target_classes=9, device="cpu")
    return [("apgd-ce", ce.perturb), ("apgd-t", targeted.perturb)]


def standard_stages(model, epsilon, batch_size, norm="Linf", seed=0, extra=()):
    from autoattack import AutoAttack  # noqa: E402
    adversary = AutoAttack(model, norm=norm, eps=epsilon, version="standard", seed=seed, device="cpu", verbose=False)

    def stage(name):
        def run(x, y):
            adversary.attacks_to_run = [name]
            return adversary.run_standard_evaluation(x, y, bs=batch_size)
        return run
    names = (("apgd-ce", "apgd-ce"), ("apgd-t", "apgd-t"), ("fab", "fab-t"), ("square", "square")) + tuple((n, n) for n in extra)
    return [(ours, stage(theirs)) for ours, theirs in names]


def square_stages(model, epsilon, norm, seed, queries):
    from autoattack.square import SquareAttack  # noqa: E402
    square = SquareAttack(model, norm=norm, n_queries=queries, eps=epsilon, p_init=.8, n_restarts=1, seed=seed, device="cpu")
    return [(f"square-{queries}", square.perturb)]


def commit_of(path):
    try:
        return subprocess.run(["git", "-C", path, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def run_stages(model, images, labels, clean, attacks, alone, label):
    """Each stage on the images still robust (AutoAttack's sequence) or, alone, on every clean-correct image."""
    robust = clean.clone()
    stages = []
    for name, attack in attacks:
        started = time.time()
        survivors = clean.clone() if alone else robust
        index = survivors.nonzero().squeeze(1)
        if len(index) > 0:
            adversarial = attack(images[index], labels[index])
            with torch.no_grad():
                still = model(adversarial).argmax(1) == labels[index]
            survivors[index] = still
        robust = robust if alone else survivors
        stages.append({"attack": name, "robust": int(survivors.sum()), "seconds": round(time.time() - started, 2),
                       "robustImages": [int(i) for i in survivors.nonzero().squeeze(1)]})
        print(f"{label}: after {name} {int(survivors.sum())} / {len(images)} robust ({stages[-1]['seconds']} s)", file=sys.stderr)
    return stages


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--auto-attack", required=True, help="a checkout of fra31/auto-attack")
    parser.add_argument("--model", default="lenet", choices=sorted(MODELS))
    parser.add_argument("--weights", help="a TorchSharp weights file (default: the shipped one in models/)")
    parser.add_argument("--version", default="apgd", choices=["apgd", "standard", "individual", "square"])
    parser.add_argument("--square-queries", type=int, default=1000, help="square: n_queries")
    parser.add_argument("--norm", default="Linf", choices=["Linf", "L2"])
    parser.add_argument("--seeds", default="0", help="individual: the seeds to run (comma-separated); otherwise the first is the seed")
    parser.add_argument("--extra-stages", default="", help="individual: attacks of autoattack.py to add after the four, e.g. apgd-dlr")
    parser.add_argument("--commit", help="the checkout's commit, where it is not a git work tree")
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--epsilons", default="0.05,0.1")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()
    sys.path.insert(0, os.path.abspath(args.auto_attack))

    torch.set_num_threads(args.threads)
    images, labels = load_mnist_test()
    images, labels = images[:args.images], labels[:args.images]
    model, weights_name = load(args.model, args.weights)
    with torch.no_grad():
        clean = model(images).argmax(1) == labels
    results = []
    for epsilon in (float(e) for e in args.epsilons.split(",")):
        if args.version in ("individual", "square"):
            seeds = []
            for seed in (int(k) for k in args.seeds.split(",")):
                attacks = square_stages(model, epsilon, args.norm, seed, args.square_queries) if args.version == "square" \
                    else standard_stages(model, epsilon, args.batch_size, args.norm, seed, [n for n in args.extra_stages.split(",") if n])
                seeds.append({"seed": seed, "stages": run_stages(model, images, labels, clean, attacks, True, f"eps {epsilon} seed {seed}")})
            results.append({"epsilon": epsilon, "seeds": seeds})
            continue
        seed = int(args.seeds.split(",")[0])
        attacks = apgd_stages(model, epsilon, seed) if args.version == "apgd" else standard_stages(model, epsilon, args.batch_size, args.norm, seed)
        results.append({"epsilon": epsilon, "stages": run_stages(model, images, labels, clean, attacks, False, f"eps {epsilon}")})
    source = {"apgd": "autoattack/autopgd_base.py", "standard": "autoattack/autoattack.py, version standard",
              "individual": "autoattack/autoattack.py, version standard, each stage alone",
              "square": "autoattack/square.py, its defaults"}[args.version]
    json.dump({"source": f"fra31/auto-attack ({source}), PyTorch " + torch.__version__,
               "commit": args.commit or commit_of(args.auto_attack), "model": weights_name, "dataset": "mnist",
               "version": args.version, "norm": args.norm, "images": args.images, "clean": int(clean.sum()),
               "cleanImages": [int(i) for i in clean.nonzero().squeeze(1)], "threads": args.threads,
               "epsilons": results}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()

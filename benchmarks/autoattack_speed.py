#!/usr/bin/env python3
"""Our attacks against the authors' code (fra31/auto-attack, PyTorch 1.13) or PyTorch's batched loop, side by side:

    ADVERSARIAL_DATASETS=../shared/datasets /usr/bin/python3 benchmarks/autoattack_speed.py --auto-attack PATH \\
        --scenario mnist-autoattack --images 200 --rounds 2
    ADVERSARIAL_DATASETS=../shared/datasets /usr/bin/python3 benchmarks/autoattack_speed.py --auto-attack PATH \\
        --scenario cifar-apgd --images 200 --rounds 3

mnist-autoattack, cifar-autoattack: AutoAttack "standard", L∞ (ε 0.3; 8/255), on the shipped adversarially trained
small CNN and CIFAR ResNet (theirs: the AutoAttack object, seed 0; ours: `sweep --attack autoattack`). cifar-apgd,
cifar-pgd: APGD-CE (100 steps) and PGD (10 steps of 2.5ε/10 from a uniform random start; theirs: the batched loop
below) at 8/255 on the standard CIFAR ResNet, every image running every step (ours with --no-early-stop), so
image-steps per second compare directly. cifar-apgd-t, cifar-fab-t, cifar-square: the authors' APGD-T (9 targets),
FAB-T (9 targets) and Square (1,000 queries, p_init 0.8) on the robust CIFAR ResNet, as each is run alone; the robust
counts must agree within their Wilson intervals. Rounds alternate theirs and ours; medians are printed. Theirs is timed
inside Python around the attack call (model and data loaded); ours is the "Attack, scoring and Evaluate" span our sweep
prints (the attack, the clean and attacked scoring and ML.NET's Evaluate, JIT included; not the sanity checks, which
run once per model and setting and are printed on their own line) and the whole command. Both use --threads torch
threads in all (ours: that many parallel batches of one torch thread each).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
from compare_pytorch import CifarResNet, SmallCnn, load_cifar_test, load_mnist_test  # noqa: E402
from torchsharp_weights import load_state_dict  # noqa: E402

OUR_DLL = os.path.join(ROOT, "Adversarial.Cli", "bin", "Release", "net10.0", "linux-x64", "adversarial.dll")
EPS_CIFAR = ["--epsilons", "0.0313725490196"]
ROBUST_CIFAR = ["--model", os.path.join(ROOT, "models", "cifar10-resnet-fgsm-rs.bin"), "--arch", "cifar-resnet"]


def apgd_ce(model, images, labels, eps):
    from autoattack.autopgd_base import APGDAttack  # noqa: E402
    return APGDAttack(model, n_iter=100, norm="Linf", n_restarts=1, eps=eps, seed=0, loss="ce", rho=.75, device="cpu").perturb(images, labels)


def apgd_t(model, images, labels, eps):
    from autoattack.autopgd_base import APGDAttack_targeted  # noqa: E402
    attack = APGDAttack_targeted(model, n_iter=100, norm="Linf", n_restarts=1, eps=eps, seed=0, rho=.75, device="cpu", n_target_classes=9)
    return attack.perturb(images, labels)


def fab_t(model, images, labels, eps):
    from autoattack.fab_pt import FABAttack_PT  # noqa: E402
    attack = FABAttack_PT(model, n_restarts=1, n_iter=100, eps=eps, seed=0, norm="Linf", device="cpu", targeted=True, n_target_classes=9)
    return attack.perturb(images, labels)


def square(model, images, labels, eps):
    from autoattack.square import SquareAttack  # noqa: E402
    return SquareAttack(model, p_init=.8, n_queries=1000, eps=eps, norm="Linf", n_restarts=1, seed=0, device="cpu").perturb(images, labels)


def pgd(model, images, labels, eps, steps=10):
    """PyTorch's batched PGD loop (Madry et al.): uniform random start, steps of 2.5 eps / steps, every image every step."""
    torch.manual_seed(0)
    alpha = 2.5 * eps / steps
    adversarial = (images + torch.empty_like(images).uniform_(-eps, eps)).clamp(0, 1)
    for _ in range(steps):
        adversarial.requires_grad_(True)
        loss = torch.nn.functional.cross_entropy(model(adversarial), labels, reduction="sum")
        gradient, = torch.autograd.grad(loss, [adversarial])
        adversarial = torch.min(torch.max(adversarial.detach() + alpha * gradient.sign(), images - eps), images + eps).clamp(0, 1)
    return adversarial


def autoattack(model, images, labels, eps):
    from autoattack import AutoAttack  # noqa: E402
    adversary = AutoAttack(model, norm="Linf", eps=eps, version="standard", seed=0, device="cpu", verbose=False)
    return adversary.run_standard_evaluation(images, labels, bs=images.shape[0])


# theirs: the authors' attack (or PyTorch's loop) on the model; steps: steps every image runs (image-steps per second are
# printed where both run every step on every image), else None.
SCENARIOS = {
    "mnist-autoattack": dict(network=SmallCnn, weights="mnist-small-cnn-pgd.bin", data=load_mnist_test, eps=0.3, theirs=autoattack, steps=None,
                             ours=["--dataset", "mnist", "--arch", "small-cnn", "--attack", "autoattack", "--epsilons", "0.3"]),
    "cifar-autoattack": dict(network=CifarResNet, weights="cifar10-resnet-fgsm-rs.bin", data=load_cifar_test, eps=8 / 255, theirs=autoattack,
                             steps=None, ours=["--dataset", "cifar10", *ROBUST_CIFAR, "--attack", "autoattack", *EPS_CIFAR]),
    "cifar-apgd": dict(network=CifarResNet, weights="cifar10-resnet.bin", data=load_cifar_test, eps=8 / 255, theirs=apgd_ce, steps=100,
                       ours=["--dataset", "cifar10", "--attack", "apgd-ce", *EPS_CIFAR, "--no-early-stop"]),
    "cifar-pgd": dict(network=CifarResNet, weights="cifar10-resnet.bin", data=load_cifar_test, eps=8 / 255, theirs=pgd, steps=10,
                      ours=["--dataset", "cifar10", "--attack", "pgd", "--steps", "10", *EPS_CIFAR, "--no-early-stop"]),
    "cifar-apgd-t": dict(network=CifarResNet, weights="cifar10-resnet-fgsm-rs.bin", data=load_cifar_test, eps=8 / 255, theirs=apgd_t, steps=None,
                         ours=["--dataset", "cifar10", *ROBUST_CIFAR, "--attack", "apgd-t", *EPS_CIFAR]),
    "cifar-fab-t": dict(network=CifarResNet, weights="cifar10-resnet-fgsm-rs.bin", data=load_cifar_test, eps=8 / 255, theirs=fab_t, steps=None,
                        ours=["--dataset", "cifar10", *ROBUST_CIFAR, "--attack", "fab", *EPS_CIFAR]),
    "cifar-square": dict(network=CifarResNet, weights="cifar10-resnet-fgsm-rs.bin", data=load_cifar_test, eps=8 / 255, theirs=square, steps=None,
                         ours=["--dataset", "cifar10", *ROBUST_CIFAR, "--attack", "square", "--queries", "1000", *EPS_CIFAR]),
}


def theirs(scenario, images, labels, threads):
    torch.set_num_threads(threads)
    model = scenario["network"]()
    model.load_state_dict(load_state_dict(os.path.join(ROOT, "models", scenario["weights"])))
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    started = time.time()
    adversarial = scenario["theirs"](model, images, labels, scenario["eps"])
    seconds = time.time() - started
    with torch.no_grad():
        robust = int((model(adversarial).argmax(1) == labels).sum())
    return seconds, robust


def ours(scenario, count, threads):
    env = dict(os.environ, ADVERSARIAL_PARALLEL_BATCHES=str(threads))
    started = time.time()
    run = subprocess.run(["dotnet", OUR_DLL, "sweep", *scenario["ours"], "--limit", str(count)], check=True, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    whole = time.time() - started
    work = float(re.search(r"Attack, scoring and Evaluate: ([0-9.]+) s", run.stdout).group(1))
    checks = float(re.search(r"Sanity checks: ran in ([0-9.]+) s", run.stdout).group(1))
    robust = int(re.findall(r"Test Accuracy = (\d+) /", run.stdout)[-1])
    return work, whole, checks, robust


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--auto-attack", required=True, help="a checkout of fra31/auto-attack")
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), required=True)
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, os.path.abspath(args.auto_attack))
    scenario = SCENARIOS[args.scenario]
    images, labels = scenario["data"]()
    images, labels = images[:args.images], labels[:args.images]
    timings = {"theirs": [], "ours": [], "ours whole command": [], "ours sanity checks": []}
    for round_ in range(args.rounds):
        seconds, robust_theirs = theirs(scenario, images, labels, args.threads)
        work, whole, checks, robust_ours = ours(scenario, args.images, args.threads)
        timings["theirs"].append(seconds)
        timings["ours"].append(work)
        timings["ours whole command"].append(whole)
        timings["ours sanity checks"].append(checks)
        print(f"round {round_ + 1}: theirs {seconds:.1f} s ({robust_theirs} robust), ours {work:.1f} s / {whole:.1f} s whole, "
              f"of which sanity checks {checks:.1f} s ({robust_ours} robust)", flush=True)
    median = {k: statistics.median(v) for k, v in timings.items()}
    print(f"{args.scenario}, {args.images} images, {args.threads} threads, medians of {args.rounds}: theirs {median['theirs']:.1f} s, "
          f"ours {median['ours']:.1f} s ({median['theirs'] / median['ours']:.2f}x), whole command {median['ours whole command']:.1f} s "
          f"(sanity checks {median['ours sanity checks']:.1f} s of it)")
    if scenario["steps"]:
        steps = args.images * scenario["steps"]
        print(f"image-steps per second: theirs {steps / median['theirs']:.0f}, ours {steps / median['ours']:.0f}")


if __name__ == "__main__":
    main()

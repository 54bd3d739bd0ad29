#!/usr/bin/env python3
"""Per-image reference results of the authors' DeepFool (LTS4/DeepFool, Python/deepfool.py) for our LeNet, as a fixture:

    ADVERSARIAL_DATASETS=../shared/datasets /usr/bin/python3 tools/deepfool_reference.py --deepfool PATH \\
        > Adversarial.Tests/Fixtures/deepfool-reference.json

PATH is a checkout of https://github.com/LTS4/DeepFool (Python/deepfool.py is imported from there; nothing of it is
copied here; torch.autograd.gradcheck.zero_gradients, gone from PyTorch 1.13, is supplied). The authors' perturbed image
is not kept in [0, 1] (ours is, at every step), and on MNIST's black background the box binds for almost every image, so
the images are first mapped to [0.25, 0.75] (0.25 + 0.5 x), where it binds for none of the first 100: there both are the
same algorithm. On the first --images of them that the model classifies correctly, in float64, with the defaults
(overshoot 0.02, 50 iterations), it records per image the label DeepFool ends on, its iterations, the L2 norm of its
perturbation and whether the perturbed image left [0, 1].
"""
import argparse
import contextlib
import io
import json
import os
import sys

import torch
import torch.autograd.gradcheck  # noqa: F401 (the module, for zero_gradients below)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from autoattack_reference import MODELS, commit_of, load  # noqa: E402
from compare_pytorch import load_mnist_test  # noqa: E402


LOW, SCALE = 0.25, 0.5


def zero_gradients(x):
    if x.grad is not None:
        x.grad.detach_()
        x.grad.zero_()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deepfool", required=True, help="a checkout of LTS4/DeepFool")
    parser.add_argument("--commit", help="the checkout's commit, where it is not a git work tree")
    parser.add_argument("--model", default="lenet", choices=sorted(MODELS))
    parser.add_argument("--images", type=int, default=100)
    args = parser.parse_args()
    sys.modules["torch.autograd.gradcheck"].zero_gradients = zero_gradients
    sys.path.insert(0, os.path.join(os.path.abspath(args.deepfool), "Python"))
    from deepfool import deepfool  # noqa: E402

    torch.set_num_threads(1)
    images, labels = load_mnist_test()
    images, labels = LOW + SCALE * images[:args.images].double(), labels[:args.images]
    model, weights_name = load(args.model, None)
    model = model.double()
    rows = []
    for i in range(args.images):
        with torch.no_grad():
            if model(images[i:i + 1]).argmax(1).item() != labels[i].item():
                continue
        with contextlib.redirect_stdout(io.StringIO()):
            r_tot, iterations, label, final, perturbed = deepfool(images[i], model)
        perturbed = perturbed.detach()
        rows.append({"image": i, "label": int(label), "final": int(final), "iterations": int(iterations),
                     "l2": round(float((perturbed.reshape(images[i].shape) - images[i]).norm()), 6),
                     "leftBox": bool((perturbed < 0).any() or (perturbed > 1).any())})
    commit = args.commit or commit_of(args.deepfool)
    json.dump({"source": f"LTS4/DeepFool (Python/deepfool.py), float64, PyTorch {torch.__version__}", "commit": commit,
               "model": weights_name, "dataset": "mnist", "images": args.images, "low": LOW, "scale": SCALE, "overshoot": 0.02,
               "steps": 50, "results": rows},
              sys.stdout, indent=0)
    print()


if __name__ == "__main__":
    main()

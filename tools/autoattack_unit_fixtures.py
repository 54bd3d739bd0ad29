#!/usr/bin/env python3
"""Reference values of AutoAttack's building blocks from the authors' own functions (fra31/auto-attack, MIT), as a fixture:

    /usr/bin/python3 tools/autoattack_unit_fixtures.py --auto-attack PATH > Adversarial.Tests/Fixtures/autoattack-units.json

PATH is a checkout of https://github.com/fra31/auto-attack (nothing of it is copied here). On random inputs from a fixed
seed, in float64, it records: FAB's projections onto a hyperplane within the [0, 1] box (fab_projections.projection_linf
and projection_l2), APGD's DLR and targeted DLR losses (APGDAttack.dlr_loss, APGDAttack_targeted.dlr_loss_targeted), and
Square's L2 pattern (SquareAttack.eta, with its random transpose turned off).
"""
import argparse
import json
import os
import sys
import types

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from autoattack_reference import commit_of  # noqa: E402


def as_list(t):
    return t.detach().double().tolist()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--auto-attack", required=True, help="a checkout of fra31/auto-attack")
    parser.add_argument("--commit", help="the checkout's commit, where it is not a git work tree")
    args = parser.parse_args()
    sys.path.insert(0, os.path.abspath(args.auto_attack))
    from autoattack.fab_projections import projection_l2, projection_linf  # noqa: E402
    from autoattack.autopgd_base import APGDAttack, APGDAttack_targeted  # noqa: E402
    from autoattack.square import SquareAttack  # noqa: E402

    torch.manual_seed(0)
    projections = []
    for norm, project in (("Linf", projection_linf), ("L2", projection_l2)):
        points = torch.rand(24, 40, dtype=torch.float64)
        w = torch.randn(24, 40, dtype=torch.float64)
        w[:, :5] = 0  # coordinates the hyperplane does not depend on
        # Offsets from near the point to far beyond the box, so some rows cannot reach their hyperplane.
        b = (w * points).sum(1) + torch.linspace(-12, 12, 24, dtype=torch.float64)
        projections.append({"norm": norm, "points": as_list(points), "w": as_list(w), "b": as_list(b),
                            "d": as_list(project(points.clone(), w.clone(), b.clone()))})

    logits = torch.randn(32, 10, dtype=torch.float64) * 3
    labels = torch.randint(0, 10, (32,))
    labels[:16] = logits[:16].argmax(1)  # half the images correctly classified
    targets = (labels + torch.randint(1, 10, (32,))) % 10
    dlr = APGDAttack.dlr_loss(None, logits, labels)
    targeted = APGDAttack_targeted.dlr_loss_targeted(types.SimpleNamespace(y_target=targets), logits, labels)

    square = SquareAttack(None, norm="L2", eps=1.0, device="cpu")
    rand = torch.rand
    torch.rand = lambda *a, **k: torch.zeros(1)
    try:
        etas = [{"side": s, "pattern": as_list(square.eta(s).reshape(-1))} for s in (1, 2, 3, 4, 5, 6, 7, 9, 12)]
    finally:
        torch.rand = rand

    commit = args.commit or commit_of(args.auto_attack)
    json.dump({"source": "fra31/auto-attack (fab_projections.py, autopgd_base.py, square.py), PyTorch " + torch.__version__,
               "commit": commit, "projections": projections,
               "dlr": {"logits": as_list(logits), "labels": labels.tolist(), "targets": targets.tolist(),
                       "loss": as_list(dlr), "targetedLoss": as_list(targeted)},
               "squareEta": etas}, sys.stdout)
    print()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reference values for the statistics tests, computed with scipy and statsmodels (Debian's
python3-scipy and python3-statsmodels), independently of the C# code.

    python3 tools/reference_statistics.py > Adversarial.Tests/Fixtures/statistics-reference.json
"""
import json
import math

import scipy
import statsmodels
from scipy.stats import binomtest, fisher_exact
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import proportion_confint

WILSON = [(0, 20), (20, 20), (1, 29), (15, 148), (81, 263), (8510, 10000), (0, 1), (1, 1)]
MCNEMAR = [(1, 7), (7, 1), (0, 0), (5, 0), (0, 5), (40, 3), (422, 0), (100, 100), (13, 17)]
FISHER = [(821, 1000, 850, 1000), (91, 1000, 91, 1000), (5, 20, 15, 20), (0, 10, 10, 10), (9000, 10000, 9100, 10000), (40, 50, 30, 50)]
PAIRED = [(12, 9, 2, 1), (9000, 500, 20, 480), (5, 0, 0, 5), (0, 10, 0, 0), (1000, 0, 0, 0), (941, 45, 0, 14)]


def wilson(successes, trials):
    low, high = proportion_confint(successes, trials, alpha=0.05, method="wilson")
    return float(low), float(high)


def newcombe_paired(a, b, c, d):
    # Newcombe (1998), method 10, from statsmodels' Wilson bounds.
    n = a + b + c + d
    p1, p2 = (a + b) / n, (a + c) / n
    l1, u1 = wilson(a + b, n)
    l2, u2 = wilson(a + c, n)
    denominator = math.sqrt((a + b) * (c + d) * (a + c) * (b + d))
    phi = 0.0 if denominator == 0 else (a * d - b * c) / denominator
    low_spread = math.sqrt(max(0.0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2))
    high_spread = math.sqrt(max(0.0, (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2))
    difference = p1 - p2
    return difference, max(-1.0, difference - low_spread), min(1.0, difference + high_spread)


def mcnemar_values(b, c):
    if b + c == 0:
        return 1.0, 1.0
    two_sided = float(mcnemar([[0, b], [c, 0]], exact=True).pvalue)
    one_sided = float(binomtest(b, b + c, 0.5, alternative="greater").pvalue)
    return two_sided, one_sided


print(json.dumps({
    "generator": f"tools/reference_statistics.py with scipy {scipy.__version__}, statsmodels {statsmodels.__version__}",
    "wilson": [{"successes": s, "trials": n, "low": wilson(s, n)[0], "high": wilson(s, n)[1]} for s, n in WILSON],
    "mcnemar": [{"b": b, "c": c, "twoSided": mcnemar_values(b, c)[0], "oneSidedWorse": mcnemar_values(b, c)[1]} for b, c in MCNEMAR],
    "fisherLower": [{"successes1": a, "trials1": n1, "successes2": b, "trials2": n2,
                     "p": float(fisher_exact([[a, n1 - a], [b, n2 - b]], alternative="less")[1])} for a, n1, b, n2 in FISHER],
    "paired": [dict(zip(("a", "b", "c", "d"), t), **dict(zip(("difference", "low", "high"), newcombe_paired(*t)))) for t in PAIRED],
}, indent=2))

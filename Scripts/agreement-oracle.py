#!/usr/bin/env python3
"""Independent agreement statistics for the differential test of AssayAgreement.

Reads JSON {"alpha": [{"level": ..., "data": [[rater values, null for missing] per rater]}],
            "kappa": [{"weighting": "unweighted"|"quadratic", "a": [...], "b": [...]}]}
and writes the same lists of results, each a number or null where the library says the statistic is undefined
(an error, NaN or infinity). Alpha comes from the PyPI package `krippendorff`, kappa from `statsmodels`.
"""
import json
import math
import sys

import krippendorff
import numpy as np
from statsmodels.stats.inter_rater import cohens_kappa


def finite(value):
    value = float(value)
    return value if math.isfinite(value) else None


def alpha(case):
    data = np.array([[np.nan if v is None else v for v in rater] for rater in case["data"]], dtype=float)
    try:
        return finite(krippendorff.alpha(reliability_data=data, level_of_measurement=case["level"]))
    except Exception:
        return None


def kappa(case):
    pairs = [(a, b) for a, b in zip(case["a"], case["b"]) if a is not None and b is not None]
    if not pairs:
        return None
    categories = sorted({v for pair in pairs for v in pair})
    position = {v: i for i, v in enumerate(categories)}
    table = np.zeros((len(categories), len(categories)))
    for a, b in pairs:
        table[position[a], position[b]] += 1
    try:
        with np.errstate(all="ignore"):
            if case["weighting"] == "quadratic":
                result = cohens_kappa(table, weights=np.array(categories, dtype=float), wt="quadratic")
            else:
                result = cohens_kappa(table)
        return finite(result.kappa)
    except Exception:
        return None


def main():
    cases = json.load(open(sys.argv[1]))
    out = {"alpha": [alpha(c) for c in cases["alpha"]], "kappa": [kappa(c) for c in cases["kappa"]]}
    json.dump(out, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()

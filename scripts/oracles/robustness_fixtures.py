#!/usr/bin/env python3
"""Reference values for ToetsScoring's rank stability and Kendall's W, from NumPy and SciPy.

Writes Tests/ToetsScoringTests/Fixtures/robustness.json (run via `make scoring-fixtures`).
Ranks: scipy.stats.rankdata (average ranks, the highest figure first); rank intervals: numpy.quantile
with method "lower" at (1 - level)/2 and "higher" at (1 + level)/2; Kendall's W from SciPy's
tie-corrected Friedman statistic, W = chi2 / (N (k - 1)). Seeded: the same versions give the same bytes.
"""
import json
import math
from importlib.metadata import version
from pathlib import Path

import numpy as np
from scipy import stats

OUT = Path(__file__).resolve().parents[2] / "Tests" / "ToetsScoringTests" / "Fixtures"


def num(x):
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        raise ValueError(f"non-finite reference value {x}")
    return x


def rank_cases():
    rng = np.random.default_rng(21)
    cases = []
    for i in range(30):
        k = int(rng.integers(2, 7))
        b = int(rng.integers(1, 200))
        centre = rng.random(k)
        reps = centre + rng.normal(0, rng.uniform(0.01, 0.4), (b, k))
        if i % 3 == 0:
            reps = np.round(reps, 1)  # ties within resamples
        if i % 5 == 0 and b > 3:
            reps[rng.integers(0, b, max(1, b // 10)), rng.integers(0, k)] = np.nan  # undefined figures
        full = centre if i % 7 else np.round(centre, 0)
        level = [0.9, 0.95, 0.99][i % 3]
        defined = reps[~np.isnan(reps).any(axis=1)]
        ranks = np.array([stats.rankdata(-row) for row in defined]).reshape(len(defined), k)
        first = np.zeros(k)
        for row in ranks:
            best = row == row.min()
            first[best] += 1 / best.sum()
        case = {"full": [num(x) for x in full], "replicates": [[None if np.isnan(x) else num(x) for x in row] for row in reps],
                "level": level, "rank": [num(x) for x in stats.rankdata(-full)], "ranked": len(defined)}
        if len(defined):
            a = (1 - level) / 2
            case["mean_rank"] = [num(x) for x in ranks.mean(axis=0)]
            case["lower"] = [num(np.quantile(ranks[:, m], a, method="lower")) for m in range(k)]
            case["upper"] = [num(np.quantile(ranks[:, m], 1 - a, method="higher")) for m in range(k)]
            case["probability_first"] = [num(x / len(defined)) for x in first]
        cases.append(case)
    return cases


def kendall_cases():
    rng = np.random.default_rng(22)
    cases = []
    for i in range(25):
        k = int(rng.integers(3, 8))
        n = int(rng.integers(2, 15))
        scores = rng.random((n, k)) + np.linspace(0, rng.uniform(0, 1), k)
        if i % 3 == 0:
            scores = np.round(scores, 1)
        if i == 1:
            scores[:, :] = 0.5
        res = stats.friedmanchisquare(*scores.T)
        w = None if math.isnan(res.statistic) else num(res.statistic / (n * (k - 1)))
        cases.append({"scores": [[num(x) for x in row] for row in scores], "w": w})
    return cases


def main():
    fixture = {"versions": {"numpy": version("numpy"), "scipy": version("scipy")},
               "cases": {"ranks": rank_cases(), "kendall": kendall_cases()}}
    (OUT / "robustness.json").write_text(json.dumps(fixture, sort_keys=True, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()

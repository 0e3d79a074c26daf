#!/usr/bin/env python3
"""Reference values for ToetsScoring, from scikit-learn, SciPy, statsmodels and krippendorff.

Writes small JSON fixtures under Tests/ToetsScoringTests/Fixtures/ (run via `make scoring-fixtures`).
Seeded: the same library versions give the same bytes. Where a library warns and returns a
conventional number (precision with nothing flagged, average precision without positives) or
raises (AUC with one class), the fixture records null: ToetsScoring reports "undefined" with a
note there, and the Swift tests check exactly that.
"""
import json
import math
from importlib.metadata import version
import sys
import warnings
from pathlib import Path
from types import SimpleNamespace

import krippendorff
import numpy as np
from scipy import stats
from sklearn import metrics
from sklearn.calibration import calibration_curve
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.inter_rater import fleiss_kappa
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import DescrStatsW

OUT = Path(__file__).resolve().parents[2] / "Tests" / "ToetsScoringTests" / "Fixtures"
warnings.simplefilter("ignore")


def num(x):
    """A float for JSON; None for NaN (never expected: a NaN means the case is mis-specified)."""
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        raise ValueError(f"non-finite reference value {x}")
    return x


def nums(xs):
    return [num(x) for x in xs]


def score_sets(rng, n):
    """Scores of several kinds: continuous, coarse (many ties), integer-valued, all tied."""
    kind = rng.integers(0, 4)
    if kind == 0:
        return rng.random(n), "continuous"
    if kind == 1:
        return np.round(rng.random(n), 1), "coarse"
    if kind == 2:
        return rng.integers(0, 4, n) / 4.0, "quarters"
    return np.full(n, 0.5), "all-tied"


def labelled_cases(seed, count):
    """(name, truth, scores) triples: random ones plus the degenerate ones every metric must survive."""
    rng = np.random.default_rng(seed)
    cases = []
    for i in range(count):
        n = int(rng.integers(2, 60))
        prevalence = rng.uniform(0.05, 0.7)
        truth = rng.random(n) < prevalence
        scores, kind = score_sets(rng, n)
        # Make scores informative half the time.
        if i % 2 == 0 and kind == "continuous":
            scores = np.clip(scores * 0.7 + truth * 0.3, 0, 1)
        cases.append((f"random-{i}-{kind}", truth, scores))
    cases += [
        ("empty", np.array([], dtype=bool), np.array([])),
        ("single-positive", np.array([True]), np.array([0.7])),
        ("single-negative", np.array([False]), np.array([0.2])),
        ("all-positive", np.ones(6, dtype=bool), np.array([0.1, 0.5, 0.5, 0.9, 0.3, 1.0])),
        ("all-negative", np.zeros(6, dtype=bool), np.array([0.1, 0.5, 0.5, 0.9, 0.3, 0.0])),
        ("perfect", np.array([1, 1, 0, 0, 0], dtype=bool), np.array([0.9, 0.8, 0.3, 0.2, 0.1])),
        ("reversed", np.array([1, 1, 0, 0, 0], dtype=bool), np.array([0.1, 0.2, 0.3, 0.8, 0.9])),
        ("all-tied", np.array([1, 0, 1, 0, 0], dtype=bool), np.full(5, 0.4)),
        ("ties-across-classes", np.array([1, 0, 1, 0, 1, 0, 0], dtype=bool),
         np.array([0.8, 0.8, 0.5, 0.5, 0.2, 0.2, 0.9])),
        ("edges", np.array([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], dtype=bool),
         np.array([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])),
    ]
    return cases


def binary_fixture():
    out = []
    rng = np.random.default_rng(11)
    for name, truth, scores in labelled_cases(1, 60):
        n = len(truth)
        flagged = scores >= 0.5
        pos, neg = int(truth.sum()), int((~truth).sum())
        case = {"name": name, "truth": truth.tolist(), "scores": nums(scores), "flagged": flagged.tolist()}
        tn, fp, fn, tp = (metrics.confusion_matrix(truth, flagged, labels=[False, True]).ravel().tolist()
                          if n else (0, 0, 0, 0))
        case["counts"] = {"tp": tp, "fp": fp, "fn": fn, "tn": tn}
        # zero_division=nan, then null: undefined where sklearn would warn.
        def undefined_as_null(value):
            return None if math.isnan(value) else num(value)
        case["precision"] = undefined_as_null(metrics.precision_score(truth, flagged, zero_division=np.nan)) if n else None
        case["recall"] = undefined_as_null(metrics.recall_score(truth, flagged, zero_division=np.nan)) if n else None
        case["f1"] = undefined_as_null(metrics.f1_score(truth, flagged, zero_division=np.nan)) if n else None
        case["fpr"] = num(fp / neg) if neg else None
        # precision@k: expected precision over all orders of a tie at the cutoff.
        ks = sorted({1, 3, max(1, n // 2), n + 2})
        case["precision_at_k"] = []
        for k in ks:
            places = min(k, n)
            if n == 0:
                case["precision_at_k"].append({"k": k, "value": None})
                continue
            cutoff = np.sort(scores)[::-1][places - 1]
            above = scores > cutoff
            tie = scores == cutoff
            expected_pos = truth[above].sum() + truth[tie].sum() * (places - above.sum()) / tie.sum()
            case["precision_at_k"].append({"k": k, "value": num(expected_pos / places)})
        # Operating points within a false-positive budget, from roc_curve without dropping points.
        case["budgets"] = []
        for rate in [0.0, 0.05, 0.2, 0.5]:
            if n == 0:
                continue
            if neg == 0:
                threshold = float(scores.min())
            elif pos == 0:
                # roc_curve needs both classes; the fpr walk is simple enough to do directly.
                thresholds = np.unique(scores)[::-1]
                ok = [t for t in thresholds if (scores >= t).sum() / neg <= rate]
                threshold = float(ok[-1]) if ok else None
            else:
                fpr, tpr, thr = metrics.roc_curve(truth, scores, drop_intermediate=False)
                idx = int(np.nonzero(fpr <= rate)[0][-1])
                threshold = None if idx == 0 else float(thr[idx])
            flags = scores >= threshold if threshold is not None else np.zeros(n, dtype=bool)
            case["budgets"].append({"rate": rate, "threshold": threshold,
                                    "tp": int((flags & truth).sum()), "fp": int((flags & ~truth).sum())})
        out.append(case)
    return out


def ranking_fixture():
    out = []
    for name, truth, scores in labelled_cases(2, 60):
        n = len(truth)
        pos, neg = int(truth.sum()), int((~truth).sum())
        case = {"name": name, "truth": truth.tolist(), "scores": nums(scores)}
        if pos > 0:
            p, r, t = metrics.precision_recall_curve(truth, scores)
            case["pr"] = {"precision": nums(p), "recall": nums(r), "thresholds": nums(t)}
            case["average_precision"] = num(metrics.average_precision_score(truth, scores))
        else:
            case["pr"] = None
            case["average_precision"] = None
        if pos > 0 and neg > 0:
            fpr, tpr, thr = metrics.roc_curve(truth, scores)
            # thr[0] is +inf (flag nothing); the Swift curve gives that point a nil threshold.
            case["roc"] = {"fpr": nums(fpr), "tpr": nums(tpr), "thresholds": nums(thr[1:])}
            case["roc_full"] = {"fpr": nums(metrics.roc_curve(truth, scores, drop_intermediate=False)[0])}
            case["auc"] = num(metrics.roc_auc_score(truth, scores))
        else:
            case["roc"] = None
            case["roc_full"] = None
            case["auc"] = None
        case["brier"] = num(metrics.brier_score_loss(truth, scores, pos_label=True, labels=[False, True])) if n else None
        case["calibration"] = []
        for bins in [1, 5, 10]:
            if n == 0:
                continue
            prob_true, prob_pred = calibration_curve(truth, scores, n_bins=bins)
            case["calibration"].append({"bins": bins, "prob_true": nums(prob_true), "prob_pred": nums(prob_pred)})
        out.append(case)
    return out


def intervals_fixture():
    rng = np.random.default_rng(3)
    wilson = []
    for n in [1, 2, 5, 10, 37, 100, 1000]:
        for x in sorted({0, 1, n // 3, n // 2, n - 1, n}):
            for level in [0.9, 0.95, 0.99]:
                low, high = proportion_confint(x, n, alpha=1 - level, method="wilson")
                wilson.append({"successes": x, "trials": n, "level": level, "lower": num(low), "upper": num(high)})
    quantiles = [{"p": p, "x": num(stats.norm.ppf(p))}
                 for p in [1e-12, 1e-6, 0.001, 0.0125, 0.025, 0.05, 0.1, 0.3, 0.5, 0.6, 0.8, 0.95, 0.975, 0.999, 1 - 1e-9]]
    cdfs = [{"x": x, "p": num(stats.norm.cdf(x))} for x in [-8, -3.5, -1.96, -0.5, 0, 0.25, 1, 2.5, 6]]
    # BCa and percentile intervals from given replicates: scipy.stats.bootstrap reuses a
    # bootstrap distribution passed in, so the interval arithmetic can be compared exactly.
    bca = []
    for i in range(25):
        n = int(rng.integers(5, 40))
        data = rng.exponential(1.0, n) if i % 2 else rng.normal(0, 1, n)
        if i % 5 == 0:
            data = np.round(data, 0)  # discrete: replicates tie with the estimate
        replicates = np.array([rng.choice(data, n).mean() for _ in range(int(rng.integers(20, 200)))])
        level = [0.9, 0.95, 0.99][i % 3]
        result = {}
        for method in ["percentile", "BCa"]:
            res = stats.bootstrap((data,), np.mean, n_resamples=0, method=method, confidence_level=level,
                                  bootstrap_result=SimpleNamespace(bootstrap_distribution=replicates))
            result[method] = [num(res.confidence_interval.low), num(res.confidence_interval.high)]
        bca.append({"data": nums(data), "replicates": nums(replicates), "level": level,
                    "percentile": result["percentile"], "bca": result["BCa"]})
    clopper_pearson = []
    for n in [1, 2, 5, 10, 14, 37, 100, 694, 1000]:
        for x in sorted({0, 1, n // 3, n // 2, n - 1, n}):
            for level in [0.9, 0.95, 0.99]:
                low, high = proportion_confint(x, n, alpha=1 - level, method="beta")
                clopper_pearson.append({"successes": x, "trials": n, "level": level, "lower": num(low), "upper": num(high)})
    return {"wilson": wilson, "normal_quantile": quantiles, "normal_cdf": cdfs, "bootstrap": bca,
            "clopper_pearson": clopper_pearson}


def tests_fixture():
    rng = np.random.default_rng(4)
    mc = []
    for b, c in [(0, 0), (0, 1), (1, 0), (3, 3), (2, 9), (10, 4), (0, 25), (50, 70), (400, 455), (1500, 1620)]:
        res = mcnemar(np.array([[5, b], [c, 7]]), exact=True)
        mc.append({"b": b, "c": c, "statistic": int(res.statistic), "p": num(res.pvalue)})
    holm = []
    for i in range(20):
        m = int(rng.integers(1, 12))
        p = rng.random(m) ** 3
        if i % 4 == 0:
            p[: m // 2] = p[0]  # ties
        for alpha in [0.05, 0.1]:
            reject, adjusted, _, _ = multipletests(p, alpha=alpha, method="holm")
            holm.append({"p": nums(p), "alpha": alpha, "adjusted": nums(adjusted), "reject": reject.tolist()})
    friedman = []
    for i in range(25):
        k = int(rng.integers(3, 8))
        n = int(rng.integers(1, 15))
        scores = rng.random((n, k)) + np.linspace(0, 0.3, k)
        if i % 3 == 0:
            scores = np.round(scores, 1)  # ties within blocks
        if i == 1:
            scores[:, :] = 0.5  # every block ties every method
        res = stats.friedmanchisquare(*scores.T)
        ok = not math.isnan(res.statistic)
        # Mean ranks with rank 1 the best (highest score).
        ranks = np.mean([stats.rankdata(-row) for row in scores], axis=0)
        friedman.append({"scores": [nums(row) for row in scores],
                         "statistic": num(res.statistic) if ok else None,
                         "p": num(res.pvalue) if ok else None, "mean_ranks": nums(ranks)})
    nemenyi = []
    for alpha in [0.05, 0.1]:
        for k in range(2, 21):
            nemenyi.append({"k": k, "alpha": alpha,
                            "q": num(stats.studentized_range.ppf(1 - alpha, k, np.inf) / np.sqrt(2))})
    chi2 = [{"x": x, "df": df, "sf": num(stats.chi2.sf(x, df))}
            for df in [1, 2, 3, 5, 10, 19] for x in [0.01, 0.5, 1, 3, 7.5, 20, 60]]
    return {"mcnemar": mc, "holm": holm, "friedman": friedman, "nemenyi": nemenyi, "chi2": chi2}


def groups_fixture():
    rng = np.random.default_rng(5)
    out = []
    for i in range(40):
        n = int(rng.integers(1, 50))
        truth = rng.integers(0, int(rng.integers(1, 8)), n)
        if i % 3 == 0:
            predicted = np.where(rng.random(n) < 0.7, truth, rng.integers(0, 6, n))
        else:
            predicted = rng.integers(0, int(rng.integers(1, 10)), n)
        out.append((f"random-{i}", truth, predicted))
    out += [
        ("single-item", np.array([0]), np.array([3])),
        ("one-cluster-both", np.zeros(5, int), np.zeros(5, int)),
        ("singletons-both", np.arange(5), np.arange(5)[::-1]),
        ("one-vs-singletons", np.zeros(5, int), np.arange(5)),
        ("identical-renamed", np.array([0, 0, 1, 1, 2]), np.array([5, 5, 3, 3, 9])),
    ]
    cases = []
    for name, truth, predicted in out:
        precision = np.mean([np.sum((predicted == predicted[i]) & (truth == truth[i])) / np.sum(predicted == predicted[i])
                             for i in range(len(truth))])
        recall = np.mean([np.sum((predicted == predicted[i]) & (truth == truth[i])) / np.sum(truth == truth[i])
                          for i in range(len(truth))])
        cases.append({"name": name, "truth": truth.tolist(), "predicted": predicted.tolist(),
                      "ari": num(metrics.adjusted_rand_score(truth, predicted)),
                      "nmi": num(metrics.normalized_mutual_info_score(truth, predicted)),
                      "bcubed": nums([precision, recall, 2 * precision * recall / (precision + recall)])})
    return cases


def agreement_fixture():
    rng = np.random.default_rng(6)
    alpha = []
    for i in range(30):
        raters, units = int(rng.integers(2, 6)), int(rng.integers(2, 30))
        categories = int(rng.integers(2, 5))
        truth = rng.integers(0, categories, units)
        data = np.where(rng.random((raters, units)) < 0.7, truth, rng.integers(0, categories, (raters, units)))
        data = data.astype(float)
        data[rng.random((raters, units)) < 0.2 * (i % 3)] = np.nan
        try:
            value = num(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
        except (ValueError, ZeroDivisionError):
            value = None
        alpha.append({"data": [[None if math.isnan(v) else int(v) for v in row] for row in data], "alpha": value})
    alpha.append({"data": [[1, 1, None], [1, 1, 1]], "alpha": None})  # one value only
    fleiss = []
    for i in range(30):
        subjects, raters, categories = int(rng.integers(1, 25)), int(rng.integers(2, 7)), int(rng.integers(2, 5))
        p = rng.dirichlet(np.ones(categories))
        table = np.array([rng.multinomial(raters, p if i % 2 else rng.dirichlet(np.ones(categories) * 0.3))
                          for _ in range(subjects)])
        value = fleiss_kappa(table, method="fleiss")
        fleiss.append({"table": table.tolist(), "kappa": None if math.isnan(value) else num(value)})
    return {"krippendorff": alpha, "fleiss": fleiss}


def design_fixture():
    """Design-weighted (Horvitz-Thompson ratio) estimates, from statsmodels' weighted means, and the
    Taylor-linearized standard errors of a stratified with-replacement design (as R's survey
    svyratio), written out from the formula: z_i = w_i (a_i - R b_i) / sum(w b), var = sum over
    strata of n_h / (n_h - 1) * sum (z_i - mean_h z)^2."""
    rng = np.random.default_rng(7)
    cases = []
    for i in range(14):
        n = 3000 if i == 0 else int(rng.integers(30, 400))
        strata = rng.integers(0, 3, n)
        probs = np.array([1.0, 0.5, 0.3])[strata]
        truth = rng.random(n) < np.where(strata == 0, 0.5, 0.06)
        flags = [rng.random(n) < np.where(truth, 0.7, 0.08), rng.random(n) < np.where(truth, 0.4, 0.02)]
        if i == 1:
            flags[1] = np.zeros(n, dtype=bool)  # flags nothing: precision undefined
        w = 1 / probs

        def mean(values, weights):
            return num(DescrStatsW(values.astype(float), weights=weights).mean) if len(values) else None

        def linearized(a, b):
            total = (w * b).sum()
            ratio = (w * a).sum() / total
            z = w * (a - ratio * b) / total
            variance = 0.0
            for h in range(3):
                zh = z[strata == h]
                if len(zh) > 1:
                    variance += len(zh) / (len(zh) - 1) * ((zh - zh.mean()) ** 2).sum()
            return num(np.sqrt(variance))

        methods = []
        for f in flags:
            tp, fp, fn = (w * (truth & f)).sum(), (w * (~truth & f)).sum(), (w * (truth & ~f)).sum()
            entry = {"precision": mean(truth[f], w[f]), "recall": mean(f[truth], w[truth]),
                     "false_positive_rate": mean(f[~truth], w[~truth]),
                     "f1": num(2 * tp / (2 * tp + fp + fn)) if 2 * tp + fp + fn > 0 else None}
            if i == 0:
                entry["precision_se"] = linearized((truth & f).astype(float), f.astype(float))
                entry["false_positive_rate_se"] = linearized((~truth & f).astype(float), (~truth).astype(float))
            methods.append(entry)
        cases.append({"inclusion": nums(probs), "truth": truth.tolist(), "flagged": [f.tolist() for f in flags],
                      "methods": methods, "prevalence": mean(truth, w)})
    return cases


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    versions = {name: version(name) for name in ["numpy", "scipy", "scikit-learn", "statsmodels", "krippendorff"]}
    fixtures = {"binary": binary_fixture(), "ranking": ranking_fixture(), "intervals": intervals_fixture(),
                "tests": tests_fixture(), "groups": groups_fixture(), "agreement": agreement_fixture(),
                "design": design_fixture()}
    for name, cases in fixtures.items():
        path = OUT / f"{name}.json"
        path.write_text(json.dumps({"versions": versions, "cases": cases}, indent=None, separators=(",", ":")) + "\n")
        print(f"{path.relative_to(OUT.parents[2])}: {path.stat().st_size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()

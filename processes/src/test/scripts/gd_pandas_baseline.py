#!/usr/bin/env python3
"""The four GeoDetector detectors with pandas groupby, the way the Python packages compute them: the baseline that
DetectCsvBenchmark is compared with.

usage: gd_pandas_baseline.py samples.csv outdir [y]   (every other column is a categorical factor)

Writes factor.csv, interaction.csv, riskMeans.csv, risk.csv and ecological.csv with the conventions of gd:Detect's
defaults: single-sample strata kept, sigma^2 = SST/(N - 1) in lambda, p of the factor detector from the noncentral F
upper tail, interactions on the overlay of both factors, Welch t tests for every pair of strata, ecological
F = N1(N2 - 1)SSW1 / (N2(N1 - 1)SSW2) tested two-sided.

Idiomatic pandas: read_csv's C parser, one groupby(...).agg(count, mean, var) per factor and per pair of factors (the
work, ~80 % of the time, is pandas' factorizing of the group keys), scipy for the distributions; the per-pair risk
tests are a Python loop over at most 45 pairs per factor. Not hand-tuned beyond that (a single integer key per pair
with numpy bincount would be faster, and no longer a groupby).
"""
import itertools
import os
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats


def q_stats(groups, n, sst):
    """q, F, lambda, p from a groupby's count/mean/var of Y."""
    count, mean, var = groups["count"].to_numpy(), groups["mean"].to_numpy(), groups["var"].to_numpy()
    ssw = np.nansum(var * (count - 1))
    strata = len(count)
    q = 1 - ssw / sst
    f = (n - strata) / (strata - 1) * q / (1 - q)
    lam = (np.sum(mean ** 2) - np.sum(np.sqrt(count) * mean) ** 2 / n) / (sst / (n - 1))
    p = stats.ncf.sf(f, strata - 1, n - strata, lam)
    return q, f, lam, p, ssw, strata


def main():
    path, out = sys.argv[1], sys.argv[2]
    yname = sys.argv[3] if len(sys.argv) > 3 else "y"
    t0 = time.perf_counter()
    df = pd.read_csv(path)
    t1 = time.perf_counter()
    factors = [c for c in df.columns if c != yname]
    y = df[yname]
    n = len(df)
    sst = ((y - y.mean()) ** 2).sum()
    os.makedirs(out, exist_ok=True)

    single, risk_means, risk_pairs = {}, [], []
    for x in factors:
        g = df.groupby(x)[yname].agg(["count", "mean", "var"])
        q, f, lam, p, ssw, strata = q_stats(g, n, sst)
        single[x] = (q, f, lam, p, ssw, strata)
        for label, row in g.iterrows():
            risk_means.append((x, label, row["count"], row["mean"], row["var"]))
        for (la, a), (lb, b) in itertools.combinations(g.iterrows(), 2):
            ua, ub = a["var"] / a["count"], b["var"] / b["count"]
            se2 = ua + ub
            t = (a["mean"] - b["mean"]) / np.sqrt(se2)
            dof = se2 ** 2 / (ua ** 2 / (a["count"] - 1) + ub ** 2 / (b["count"] - 1))
            pv = 2 * stats.t.sf(abs(t), dof)
            risk_pairs.append((x, la, lb, a["mean"], b["mean"], t, dof, pv, pv < 0.05))
    pd.DataFrame([(x, v[5], n, v[0], v[1], v[2], v[3], v[3] < 0.05) for x, v in single.items()],
                 columns=["factor", "strata", "n", "q", "F", "lambda", "p_value", "significant"]) \
        .to_csv(os.path.join(out, "factor.csv"), index=False)
    pd.DataFrame(risk_means, columns=["factor", "stratum", "n", "mean", "variance"]) \
        .to_csv(os.path.join(out, "riskMeans.csv"), index=False)
    pd.DataFrame(risk_pairs, columns=["factor", "stratum_a", "stratum_b", "mean_a", "mean_b", "t", "df", "p_value",
                                      "significant"]).to_csv(os.path.join(out, "risk.csv"), index=False)

    interactions, ecological = [], []
    for a, b in itertools.combinations(factors, 2):
        g = df.groupby([a, b])[yname].agg(["count", "mean", "var"])
        q12 = q_stats(g, n, sst)[0]
        qa, qb = single[a][0], single[b][0]
        if abs(q12 - (qa + qb)) <= 1e-12:
            kind = "Independent"
        elif q12 > qa + qb:
            kind = "Enhance, nonlinear"
        elif q12 > max(qa, qb):
            kind = "Enhance, bi-"
        elif q12 >= min(qa, qb):
            kind = "Weaken, uni-"
        else:
            kind = "Weaken, nonlinear"
        interactions.append((a, b, qa, qb, q12, len(g), kind))
        fv = single[a][4] / single[b][4]  # N1 = N2 = N
        pv = min(1.0, 2 * min(stats.f.cdf(fv, n - 1, n - 1), stats.f.sf(fv, n - 1, n - 1)))
        ecological.append((a, b, fv, n - 1, n - 1, pv, pv < 0.05))
    pd.DataFrame(interactions, columns=["factor_a", "factor_b", "q_a", "q_b", "q12", "overlay_strata",
                                        "interaction"]).to_csv(os.path.join(out, "interaction.csv"), index=False)
    pd.DataFrame(ecological, columns=["factor_a", "factor_b", "F", "df_a", "df_b", "p_value", "significant"]) \
        .to_csv(os.path.join(out, "ecological.csv"), index=False)
    t2 = time.perf_counter()
    print(f"pandas {pd.__version__}: read {t1 - t0:.3f} s, detectors + write {t2 - t1:.3f} s, "
          f"q({factors[0]}) = {single[factors[0]][0]!r}")


if __name__ == "__main__":
    main()

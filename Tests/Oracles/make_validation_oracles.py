"""Validation statistics on a seeded set of observed and modelled volumes, by scipy.stats and
numpy: the oracle of Tests/CorridorFlowsTests (ValidationTests). The data has ties and zeros,
as real port counts do.

Usage: python make_validation_oracles.py REPO_ROOT
"""
import json
import math
import os
import sys

import numpy as np
from scipy import stats

root = sys.argv[1]
rng = np.random.default_rng(20261130)
n = 40
observed = np.round(np.exp(rng.normal(11, 2, n)))
observed[[3, 17]] = 0
observed[[5, 6]] = observed[4]  # ties
predicted = np.round(observed * np.exp(rng.normal(0, 0.8, n)))
predicted[[9, 21, 30]] = 0
predicted[[11, 12]] = predicted[10]

spearman = stats.spearmanr(observed, predicted).statistic
both = (observed > 0) & (predicted > 0)
r = stats.pearsonr(np.log(observed[both]), np.log(predicted[both])).statistic
m, c = predicted / 365, observed / 365
with np.errstate(divide="ignore", invalid="ignore"):
    geh = np.where(m + c > 0, np.sqrt(2 * (m - c) ** 2 / (m + c)), 0)
with np.errstate(divide="ignore", invalid="ignore"):
    mh, ch = predicted / 8760, observed / 8760
    geh_hourly = np.where(mh + ch > 0, np.sqrt(2 * (mh - ch) ** 2 / (mh + ch)), 0)
# R² of log(1 + count) with the predictions taken as they are: 1 - SS_res / SS_tot.
lo, lp = np.log1p(observed), np.log1p(predicted)
r2_as_is = 1 - ((lo - lp) ** 2).sum() / ((lo - lo.mean()) ** 2).sum()
within_two = int(((predicted >= observed / 2) & (predicted <= observed * 2) & (observed > 0)).sum())
order = sorted(range(n), key=lambda i: (-predicted[i], i))[:5]
top5 = observed[order].sum() / observed.sum()

out = os.path.join(root, "Tests", "CorridorFlowsTests", "Fixtures", "validation_statistics.json")
with open(out + ".tmp", "w") as f:
    json.dump({"scipy": __import__("scipy").__version__, "observed": observed.tolist(), "predicted": predicted.tolist(),
               "spearman": spearman, "r2_log": r * r, "geh_below_5_share": float((geh < 5).mean()), "top_five_share": float(top5),
               "geh_hourly_below_5_share": float((geh_hourly < 5).mean()), "r2_log1p_as_is": float(r2_as_is),
               "within_factor_two": within_two},
              f, indent=1)
os.replace(out + ".tmp", out)
print(f"wrote {out}")

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
order = sorted(range(n), key=lambda i: (-predicted[i], i))[:5]
top5 = observed[order].sum() / observed.sum()

out = os.path.join(root, "Tests", "CorridorFlowsTests", "Fixtures", "validation_statistics.json")
with open(out + ".tmp", "w") as f:
    json.dump({"scipy": __import__("scipy").__version__, "observed": observed.tolist(), "predicted": predicted.tolist(),
               "spearman": spearman, "r2_log": r * r, "geh_below_5_share": float((geh < 5).mean()), "top_five_share": float(top5)},
              f, indent=1)
os.replace(out + ".tmp", out)
print(f"wrote {out}")

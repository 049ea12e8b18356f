"""The `ses score` computation in pandas, as its best users write it: vectorised throughout
(numpy sorts and cumulative sums, no row-wise apply, no per-value map). The same formula file
(weighted percentiles, ties inclusive; weighted mean; equal-population tiers; rank ties by id)
and the same output columns as `ses score`, or only id, score and tier with `--brief`.

Usage: python3 peer_pandas.py FORMULA.json AREAS.csv OUT.csv [--brief]
"""
import json
import sys

import numpy as np
import pandas as pd


def weighted_percentile(values, pop, total, ascending):
    """Each value's share of the population at or below it (ties inclusive), in percent."""
    keys = values if ascending else -values
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    cumulative = np.cumsum(pop[order])
    # Ties inclusive: every value takes the cumulative population at the end of its run.
    last = np.searchsorted(sorted_keys, keys, side="right") - 1
    return 100.0 * cumulative[last] / total


def main():
    formula = json.load(open(sys.argv[1]))
    brief = "--brief" in sys.argv[4:]
    indicators = [i for i in formula["indicators"] if i.get("enabled", True)]
    id_col, pop_col = formula["id_column"], formula["population_column"]
    df = pd.read_csv(sys.argv[2], dtype={id_col: str}, usecols=[id_col, pop_col] + [i["column"] for i in indicators])
    df = df.dropna().reset_index(drop=True)  # rows missing a value are left out
    pop = df[pop_col].to_numpy(dtype=float)
    total = pop.sum()
    total_weight = sum(i["weight"] for i in indicators)
    score = np.zeros(len(df))
    normalised = {}
    for ind in indicators:
        col = ind["column"]
        pct = weighted_percentile(df[col].to_numpy(dtype=float), pop, total, ind["direction"] == "advantage")
        normalised[col] = pct
        score += (ind["weight"] / total_weight) * pct
    ids = df[id_col].to_numpy()
    order = np.lexsort((ids, score))
    cumulative = np.cumsum(pop[order])
    k = formula["tiers"]["count"]
    tiers_sorted = np.clip(np.ceil(k * cumulative / total), 1, k).astype(int)
    tier = np.empty(len(df), dtype=int)
    tier[order] = tiers_sorted
    columns = {"id": ids, "score": score, "tier": tier}
    if not brief:
        rank = np.empty(len(df), dtype=int)
        rank[order] = np.arange(1, len(df) + 1)
        columns["rank"] = rank
        for ind in indicators:
            columns[f"{ind['column']} (normalised)"] = normalised[ind["column"]]
    pd.DataFrame(columns).to_csv(sys.argv[3], index=False, float_format="%.6f")


if __name__ == "__main__":
    main()

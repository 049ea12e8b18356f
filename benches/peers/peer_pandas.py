"""The `ses score` computation in pandas, as an analyst would write it: the same formula file
(weighted percentiles, ties inclusive; weighted mean; equal-population tiers; rank ties by id)
and the same output columns.

Usage: python3 peer_pandas.py FORMULA.json AREAS.csv OUT.csv
"""
import json
import sys

import numpy as np
import pandas as pd


def main():
    formula = json.load(open(sys.argv[1]))
    indicators = [i for i in formula["indicators"] if i.get("enabled", True)]
    id_col, pop_col = formula["id_column"], formula["population_column"]
    df = pd.read_csv(sys.argv[2], dtype={id_col: str}, usecols=[id_col, pop_col] + [i["column"] for i in indicators])
    df = df.dropna().reset_index(drop=True)  # rows missing a value are left out
    pop = df[pop_col].astype(float)
    total = pop.sum()
    total_weight = sum(i["weight"] for i in indicators)
    score = np.zeros(len(df))
    normalised = {}
    for ind in indicators:
        col = ind["column"]
        by_value = pop.groupby(df[col]).sum().sort_index(ascending=ind["direction"] == "advantage")
        cumulative = by_value.cumsum()  # ties inclusive: each value gets its group's end
        pct = 100.0 * df[col].map(cumulative).to_numpy() / total
        normalised[col] = pct
        score += (ind["weight"] / total_weight) * pct
    order = np.lexsort((df[id_col].to_numpy(), score))
    cumulative = np.cumsum(pop.to_numpy()[order])
    k = formula["tiers"]["count"]
    tiers_sorted = np.clip(np.ceil(k * cumulative / total), 1, k).astype(int)
    tier = np.empty(len(df), dtype=int)
    tier[order] = tiers_sorted
    rank = np.empty(len(df), dtype=int)
    rank[order] = np.arange(1, len(df) + 1)
    out = pd.DataFrame({"id": df[id_col], "score": score, "tier": tier, "rank": rank})
    for ind in indicators:
        out[f"{ind['column']} (normalised)"] = normalised[ind["column"]]
    out.to_csv(sys.argv[3], index=False, float_format="%.6f")


if __name__ == "__main__":
    main()

"""The `ses score` computation in Polars (lazy, multi-threaded): the same formula file
(weighted percentiles, ties inclusive; weighted mean; equal-population tiers; rank ties by id)
and the same output columns as `ses score`, or only id, score and tier with `--brief`.

Usage: python3 peer_polars.py FORMULA.json AREAS.csv OUT.csv [--brief]
"""
import json
import sys

import polars as pl


def main():
    formula = json.load(open(sys.argv[1]))
    brief = "--brief" in sys.argv[4:]
    indicators = [i for i in formula["indicators"] if i.get("enabled", True)]
    id_col, pop_col = formula["id_column"], formula["population_column"]
    columns = [id_col, pop_col] + [i["column"] for i in indicators]
    df = (
        pl.scan_csv(sys.argv[2], schema_overrides={id_col: pl.Utf8})
        .select(columns)
        .drop_nulls()  # rows missing a value are left out
        .with_columns(pl.col(pop_col).cast(pl.Float64))
        .collect()
    )
    total = df[pop_col].sum()
    total_weight = sum(i["weight"] for i in indicators)
    lazy = df.lazy()
    for ind in indicators:
        col = ind["column"]
        descending = ind["direction"] != "advantage"
        # Ties inclusive: each value gets the cumulative population up to the end of its group.
        groups = (
            df.lazy().group_by(col).agg(pl.col(pop_col).sum().alias("_w"))
            .sort(col, descending=descending)
            .select(pl.col(col), (100.0 * pl.col("_w").cum_sum() / total).alias(f"{col} (normalised)"))
        )
        lazy = lazy.join(groups, on=col, how="left")
    score = pl.lit(0.0)
    for ind in indicators:
        score = score + (ind["weight"] / total_weight) * pl.col(f"{ind['column']} (normalised)")
    k = formula["tiers"]["count"]
    written = [pl.col(id_col).alias("id"), "score", "tier"]
    if not brief:
        written += ["rank"] + [f"{i['column']} (normalised)" for i in indicators]
    out = (
        lazy.with_columns(score.alias("score"))
        .sort(["score", id_col])
        .with_columns(
            pl.int_range(1, pl.len() + 1).alias("rank"),
            (k * pl.col(pop_col).cum_sum() / total).ceil().clip(1, k).cast(pl.Int64).alias("tier"),
        )
        .select(written)
        .collect()
    )
    out.write_csv(sys.argv[3], float_precision=6)


if __name__ == "__main__":
    main()

"""Writes a synthetic areas file of N areas (default 1,000,000) and the formula that scores it.

Deterministic: a fixed seed, Python's own generator, so every machine writes the same bytes.
Values look like census data: integer counts and incomes (with ties), percentages with two
decimals, a few blank cells (rows the engines must leave out).

Usage: python3 generate.py OUT_DIR [N]
"""
import json
import os
import random
import sys


def main():
    out_dir = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(20261123)
    columns = ["area_id", "school_age_children", "median_household_income", "pct_bachelors_or_higher",
               "pct_owner_occupied", "pct_single_parent", "pct_other_language", "pct_poverty"]
    with open(os.path.join(out_dir, "areas.csv"), "w", newline="") as f:
        f.write(",".join(columns) + "\n")
        lines = []
        for i in range(n):
            wealth = rng.random()
            kids = rng.randint(0, 1500)
            income = int(18000 + 160000 * wealth * rng.uniform(0.6, 1.4)) // 100 * 100
            bachelors = min(100.0, max(0.0, 70 * wealth + rng.gauss(0, 8)))
            owner = min(100.0, max(0.0, 20 + 60 * wealth + rng.gauss(0, 10)))
            single = min(100.0, max(0.0, 55 - 45 * wealth + rng.gauss(0, 9)))
            language = min(100.0, max(0.0, rng.gauss(25, 15)))
            poverty = min(100.0, max(0.0, 40 - 35 * wealth + rng.gauss(0, 6)))
            values = [f"{income}", f"{bachelors:.2f}", f"{owner:.2f}", f"{single:.2f}", f"{language:.2f}", f"{poverty:.2f}"]
            if rng.random() < 0.001:  # about one row in a thousand misses a value
                values[rng.randrange(6)] = ""
            lines.append(f"A{i:07d},{kids}," + ",".join(values) + "\n")
            if len(lines) == 100_000:
                f.writelines(lines)
                lines = []
        f.writelines(lines)
    formula = {
        "version": 1,
        "name": "Benchmark: six indicators, weighted percentiles, four equal-population tiers",
        "id_column": "area_id",
        "population_column": "school_age_children",
        "normalization": "weighted_percentile",
        "indicators": [
            {"column": "median_household_income", "direction": "advantage", "weight": 1},
            {"column": "pct_bachelors_or_higher", "direction": "advantage", "weight": 1},
            {"column": "pct_owner_occupied", "direction": "advantage", "weight": 1},
            {"column": "pct_single_parent", "direction": "disadvantage", "weight": 1},
            {"column": "pct_other_language", "direction": "disadvantage", "weight": 1},
            {"column": "pct_poverty", "direction": "disadvantage", "weight": 1},
        ],
        "tiers": {"count": 4, "method": "equal_population"},
    }
    with open(os.path.join(out_dir, "formula.json"), "w") as f:
        json.dump(formula, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()

"""Runs `ses score`, the Polars peer and the pandas peer on the same files (best of N runs
each, wall time and peak memory from the kernel's accounting of the child process), checks
that all three give every area the same tier, and prints the figures and ratios. Twice: each
tool writing every column `ses score` writes, then each writing only id, score and tier.

Usage: python3 bench.py SES_BINARY DATA_DIR [RUNS]
"""
import csv
import os
import subprocess
import sys
import tempfile
import time


def run(cmd):
    start = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            stderr.seek(0)
            sys.exit(f"failed: {' '.join(cmd)}\n{stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def tiers(path):
    with open(path, newline="") as f:
        return {row["id"]: row["tier"] for row in csv.DictReader(f)}


def main():
    ses, data = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    here = os.path.dirname(os.path.abspath(__file__))
    formula, areas = os.path.join(data, "formula.json"), os.path.join(data, "areas.csv")
    for brief in (False, True):
        compare(ses, data, here, formula, areas, runs, brief)


def compare(ses, data, here, formula, areas, runs, brief):
    print("each writing only id, score and tier" if brief else "each writing every column of `ses score`", flush=True)
    out = lambda tool: os.path.join(data, f"out-{tool}{'-brief' if brief else ''}.csv")
    tools = {
        "ses score": [ses, "score", "--formula", formula, "--areas", areas, "--out", out("ses")]
        + (["--columns", "id,score,tier"] if brief else []),
        "polars": [sys.executable, os.path.join(here, "peer_polars.py"), formula, areas, out("polars")] + (["--brief"] if brief else []),
        "pandas": [sys.executable, os.path.join(here, "peer_pandas.py"), formula, areas, out("pandas")] + (["--brief"] if brief else []),
    }
    best = {}
    for name, cmd in tools.items():
        results = [run(cmd) for _ in range(runs)]
        best[name] = (min(t for t, _ in results), max(m for _, m in results))
        print(f"{name:10} best of {runs}: {best[name][0]:6.2f} s   peak memory {best[name][1]:6.0f} MiB", flush=True)
    reference = tiers(out("ses"))
    for name in ("polars", "pandas"):
        other = tiers(out(name))
        differ = sum(1 for k, t in reference.items() if other.get(k) != t)
        if differ or len(other) != len(reference):
            sys.exit(f"{name} disagrees: {differ} of {len(reference)} areas have another tier ({len(other)} rows)")
    print(f"all three give the same tier to each of the {len(reference):,} scored areas")
    ses_time = best["ses score"][0]
    for name in ("polars", "pandas"):
        print(f"ses score is {best[name][0] / ses_time:.1f}x faster than {name}", flush=True)


if __name__ == "__main__":
    main()

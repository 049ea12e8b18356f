#!/usr/bin/env bash
# The peer benchmark in one command: `ses score` against the same formula in Polars and in
# pandas, on a generated 1,000,000-area file (best of 3 each; tiers checked equal).
#
# Usage: benches/peers/run.sh [AREAS]   (default 1000000)
# Python packages go into a local virtual environment (target/peers/venv), from PyPI.
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-1000000}"
work=target/peers
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet polars pandas
fi
cargo build --release --locked --bin ses
data="$work/data-$n"
if [ ! -f "$data/areas.csv" ]; then
  "$work/venv/bin/python" benches/peers/generate.py "$data" "$n"
fi
"$work/venv/bin/pip" list 2>/dev/null | grep -Ei '^(polars|pandas|numpy) '
"$work/venv/bin/python" benches/peers/bench.py target/release/ses "$data" 3
